"""Analysis tools: cas types, sweep, synthetic population, tables, charts and the command line.

Daily rate 19.48 € (metropole) and 9.75 € (Mayotte) from 1 April 2026; 19.01 € / 9.51 € from 1 April
2024 to 31 March 2025. RSA lump sum 651.69 € (single), minus the 12 % housing flat rate (78.20 €) when
housing aid is received.
"""
import json
import os

import pytest

from openfisca_ass.analyse import graphiques, tableaux
from openfisca_ass.analyse.balayage import balayer, plafond
from openfisca_ass.analyse.cas_types import CAS_TYPES
from openfisca_ass.analyse.comparaison import ANNEE, TRANSFERTS, comparer_cas_types, transferts_annuels
from openfisca_ass.analyse.population import CIBLES, simuler_population, tirer
from openfisca_ass.cli import main
from openfisca_ass.scenarios import REFERENCE, scenarios, systeme_de_reference

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def scenarios_immediats():
    return scenarios(["suppression_ass_immediate"], base=systeme_de_reference())


@pytest.fixture(scope="module")
def cas_2027(scenarios_immediats):
    return comparer_cas_types(scenarios_immediats, 2027)


def valeur(resultat, situation, variable, periode, scenario=REFERENCE):
    ligne = resultat[(resultat.situation == situation) & (resultat.variable == variable)
                     & (resultat.periode == periode) & (resultat.scenario == scenario)]
    assert len(ligne) == 1, (situation, variable, periode, scenario)
    return round(float(ligne.valeur.iloc[0]), 2)


def test_tous_les_cas_types_sont_compares(cas_2027):
    assert set(cas_2027.situation) == set(CAS_TYPES)
    assert set(cas_2027.scenario) == {REFERENCE, "suppression_ass_immediate"}
    # Twelve months and the year for each monthly variable.
    assert set(cas_2027[cas_2027.variable == "ass"].periode) == {f"2027-{m:02d}" for m in range(1, 13)} | {ANNEE}


def test_personne_seule_sans_ressources(cas_2027):
    cas, reforme = "personne_seule_sans_ressources", "suppression_ass_immediate"
    assert valeur(cas_2027, cas, "ass", ANNEE) == 7110.20  # 365 × 19.48
    assert valeur(cas_2027, cas, "ass", ANNEE, reforme) == 0
    assert valeur(cas_2027, cas, "ass", "2027-01") == 603.88  # 31 × 19.48
    # From April no ASS is left in RSA's three months: 651.69 − 78.20 (housing flat rate) = 573.49.
    assert valeur(cas_2027, cas, "rsa", "2027-04", reforme) == 573.49
    # February: (Nov 584.40 + Dec 603.88 + Jan 0) / 3 = 396.09 → 573.49 − 396.09 = 177.40 (float32: 177.39).
    assert valeur(cas_2027, cas, "rsa", "2027-02", reforme) == pytest.approx(177.40, abs=0.02)


def test_couple_avec_un_salaire_au_smic(cas_2027):
    cas, reforme = "couple_conjoint_smic", "suppression_ass_immediate"
    assert valeur(cas_2027, cas, "ass", "2027-06") == 584.40  # 30 × 19.48: couple ceiling 110 × 19.48
    assert valeur(cas_2027, cas, "rsa", ANNEE) == 0
    assert valeur(cas_2027, cas, "rsa", ANNEE, reforme) == 0  # 1.5 × 651.69 = 977.54 < the partner's wage


def test_trimestres_de_retraite_et_mayotte(cas_2027):
    reforme = "suppression_ass_immediate"
    assert valeur(cas_2027, "chomeur_longue_duree_58_ans", "ass_trimestres_retraite", ANNEE) == 4
    assert valeur(cas_2027, "chomeur_longue_duree_58_ans", "ass_trimestres_retraite", ANNEE, reforme) == 0
    assert valeur(cas_2027, "mayotte", "ass", "2027-01") == 302.25  # 31 × 9.75


def test_aah_droits_acquis_sans_effet_en_2027(cas_2027):
    # The grandfathered cumulation ends on 31 December 2026: no ASS in 2027, with or without the reform.
    assert valeur(cas_2027, "aah_droits_acquis", "ass", ANNEE) == 0
    transferts = transferts_annuels(cas_2027)
    ligne = transferts[(transferts.situation == "aah_droits_acquis") & (transferts.scenario != REFERENCE)]
    assert float(ligne.ecart.iloc[0]) == 0


def test_transferts_et_synthese_coherents(cas_2027):
    transferts = transferts_annuels(cas_2027)
    reforme = transferts[transferts.scenario == "suppression_ass_immediate"].set_index("situation")
    annuel = cas_2027[(cas_2027.periode == ANNEE) & cas_2027.variable.isin(TRANSFERTS)
                      & (cas_2027.scenario == "suppression_ass_immediate")]
    for situation, bloc in annuel.groupby("situation"):
        assert reforme.loc[situation, "ecart"] == pytest.approx(bloc.ecart.sum())
    # Every claimant but the AAH one loses: ASS is above the RSA that replaces it, or RSA is nil.
    perdants = set(reforme[reforme.ecart < -1].index)
    assert perdants == set(CAS_TYPES) - {"aah_droits_acquis"}
    synthese = tableaux.synthese(cas_2027)
    assert set(synthese.scenario) == {"suppression_ass_immediate"}
    assert synthese.set_index("situation").loc["personne_seule_sans_ressources", "ecart_ass"] == -7110.20


def test_balayage_couple(scenarios_immediats, tmp_path):
    table = balayer(scenarios_immediats, 2027, "couple", points=7)
    ass = table[(table.variable == "ass") & (table.scenario == REFERENCE)].sort_values("point")
    assert ass.valeur.iloc[0] == pytest.approx(592.52, abs=0.01)  # 7 110.20 / 12
    assert list(ass.valeur) == sorted(ass.valeur, reverse=True)  # never increases with resources
    plafond_couple = plafond(systeme_de_reference(), 2027, "couple")
    assert plafond_couple == pytest.approx(2142.80)  # 110 × 19.48
    assert (ass[ass.ressources >= plafond_couple].valeur == 0).all()
    assert ass.ressources.max() >= plafond_couple  # the sweep reaches the ceiling
    reforme = table[(table.variable == "ass") & (table.scenario == "suppression_ass_immediate")]
    assert (reforme.valeur == 0).all()
    chemin = graphiques.graphique_balayage(table, tmp_path / "balayage.png")
    assert open(chemin, "rb").read(8) == PNG


def test_population_synthetique(scenarios_immediats):
    menages, agregats, calage = simuler_population(scenarios_immediats, 2027, taille=300, taille_lot=150,
                                                   barre=False)
    assert len(menages) == 2 * 300
    assert menages.poids.iloc[0] == pytest.approx(265_000 / 300)
    ligne = agregats.set_index("scenario").loc["suppression_ass_immediate"]
    assert ligne.cout_ass_reforme == 0
    assert ligne.ecart_ass == pytest.approx(-ligne.cout_ass_reference)
    assert ligne.effet_budgetaire_net == pytest.approx(
        ligne.ecart_ass + ligne.ecart_rsa + ligne.ecart_ppa + ligne.ecart_aide_logement + ligne.ecart_aefa)
    # Orders of magnitude: ASS cost 1.65 bn € budgeted in 2024; RSA takes over part of it.
    assert 1.0e9 < ligne.cout_ass_reference < 2.5e9
    assert 0 < ligne.ecart_rsa < ligne.cout_ass_reference
    assert ligne.perdants + ligne.gagnants <= 265_000 + 1
    assert ligne.perte_moyenne < 0
    assert 0 < ligne.trimestres_retraite_perdus <= 4 * 265_000
    obtenu = calage.obtenu
    assert obtenu.allocataires == pytest.approx(CIBLES["allocataires"], rel=0.05)
    for part in ("part_50_ans_et_plus", "part_personnes_seules", "part_taux_plein"):
        assert obtenu[part] == pytest.approx(CIBLES[part], abs=0.08), part


def test_tirage_reproductible():
    assert tirer(50, 2027, graine=7) == tirer(50, 2027, graine=7)
    assert tirer(50, 2027, graine=7) != tirer(50, 2027, graine=8)


def test_ligne_de_commande(tmp_path, capsys):
    exemple = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           "openfisca_ass", "situation_examples", "personne_seule_sans_ressources.json")
    if not os.path.exists(exemple):  # installed wheel: the example ships inside the package
        import openfisca_ass
        exemple = os.path.join(os.path.dirname(openfisca_ass.__file__), "situation_examples",
                               "personne_seule_sans_ressources.json")
    situation = tmp_path / "exemple.json"
    situation.write_text(open(exemple, encoding="utf-8").read(), encoding="utf-8")
    sortie = tmp_path / "sortie"
    code = main(["compare", "--reforme", "suppression_ass_immediate", "--parametre",
                 "chomage.allocations_assurance_chomage.ass.reformes.suppression_ass.date_effet=2025-06-01",
                 "--cas", "mayotte", "--situation", str(situation), "--annee", "2025",
                 "--format", "markdown", "--sortie", str(sortie)])
    assert code == 0
    sortie_standard = capsys.readouterr().out
    assert "| situation | scenario |" in sortie_standard
    for nom in ("synthese.md", "mensuel_mayotte.md", "mensuel_exemple.md", "comparaison.csv"):
        assert (sortie / nom).exists(), nom
    assert (sortie / "gains_pertes.png").read_bytes()[:8] == PNG
    mensuel = (sortie / "mensuel_exemple.md").read_text(encoding="utf-8")
    assert "| 2025-05 | 599.23 |" in mensuel  # the web-API example: 31 × 19.33, before the date of effect
    mayotte = (sortie / "mensuel_mayotte.md").read_text(encoding="utf-8")
    assert "| 2025-01 | 294.81 | 294.81 |" in mayotte  # 31 × 9.51
    assert "| 2025-06 | 290.10 | 0.00 |" in mayotte  # 30 × 9.67, then nothing from June 2025
    assert "| 2025-06 | 0.00 | 0.00 |" in mensuel  # the example says nothing about June: no ASS


def test_ligne_de_commande_refuse_une_reforme_inconnue(capsys):
    assert main(["compare", "--reforme", "abolition_totale", "--cas", "mayotte"]) == 2
    assert "réforme" in capsys.readouterr().err


def test_json_situation_exemple_sans_sorties(tmp_path):
    from openfisca_ass.cli import lire_situation

    chemin = tmp_path / "s.json"
    chemin.write_text(json.dumps({"individus": {"d": {"ass": {"2025-05": None}, "age": {"2025-05": 40}}}}))
    assert lire_situation(chemin) == {"individus": {"d": {"age": {"2025-05": 40}}}}
