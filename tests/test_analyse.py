"""Analysis tools: cas types, sweep, calibration, weighted aggregates, tables, charts and the command line.

Daily rate 19.48 € (metropole) and 9.75 € (Mayotte) from 1 April 2026; 19.01 € / 9.51 € from 1 April
2024 to 31 March 2025. RSA lump sum 651.69 € (single), minus the 12 % housing flat rate (78.20 €) when
housing aid is received.
"""
import json
import os

import pandas
import pytest
from memo_moteur import MEMORISE, moteur_memorise  # noqa: F401 (fixture)

from openfisca_ass.analyse import agregats, balayage, calage, graphiques, tableaux
from openfisca_ass.analyse.balayage import plafond
from openfisca_ass.analyse.cas_types import CAS_TYPES
from openfisca_ass.analyse.comparaison import ANNEE, comparer_cas_types, transferts_annuels
from openfisca_ass.cli import main
from openfisca_ass.scenarios import REFERENCE, scenarios, systeme_de_reference

pytestmark = MEMORISE  # the cas types of 2027 are also the guide's
PNG = b"\x89PNG\r\n\x1a\n"
NB = "\u202f"  # French thousands separator of the printed tables


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
    # ASS stopped for good on 1 January 2027 with no substitution income: R262-13 CASF neutralises the ASS of
    # the three previous months, so the RSA is whole from January: 651.69 × (1 − 12 %) = 573.4872 (housing
    # flat rate), not 573.4872 − (Nov 584.40 + Dec 603.88 + Jan 0) / 3 = 177.39 as without the neutralisation.
    assert valeur(cas_2027, cas, "rsa", "2027-01", reforme) == 573.49
    assert valeur(cas_2027, cas, "rsa", "2027-02", reforme) == 573.49
    assert valeur(cas_2027, cas, "rsa", "2027-04", reforme) == 573.49


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


def test_synthese_des_cas_types(cas_2027):
    transferts = transferts_annuels(cas_2027)
    reforme = transferts[transferts.scenario == "suppression_ass_immediate"].set_index("situation")
    # Every claimant but two loses: ASS is above the RSA that replaces it, or RSA is nil. The AAH one has no
    # ASS in 2027. In Mayotte the ASS (365 × 9.75 = 3,558.75 € a year) is below the RSA: under current law the
    # RSA tops it up to the RSA amount, after abolition the RSA, whole from January once the ASS is
    # neutralised (R262-13 CASF), pays that same amount: nothing changes.
    perdants = set(reforme[reforme.ecart < -1].index)
    assert perdants == set(CAS_TYPES) - {"aah_droits_acquis", "mayotte"}
    assert abs(reforme.loc["mayotte", "ecart"]) < 0.01
    synthese = tableaux.synthese(cas_2027)
    assert set(synthese.scenario) == {"suppression_ass_immediate"}
    assert synthese.set_index("situation").loc["personne_seule_sans_ressources", "ecart_ass"] == -7110.20


def test_balayage_couple(scenarios_immediats, tmp_path):
    table = balayage.balayer(scenarios_immediats, 2027, "couple", points=7)  # memoised: shared with the guide's
    ass = table[(table.variable == "ass") & (table.scenario == REFERENCE)].sort_values("point")
    assert round(ass.valeur.iloc[0], 2) == 592.52  # 7 110.20 / 12 = 592.5167
    assert list(ass.valeur) == sorted(ass.valeur, reverse=True)  # never increases with resources
    plafond_couple = plafond(systeme_de_reference(), 2027, "couple")
    assert plafond_couple == pytest.approx(2142.80)  # 110 × 19.48
    assert (ass[ass.ressources >= plafond_couple].valeur == 0).all()
    assert ass.ressources.max() >= plafond_couple  # the sweep reaches the ceiling
    reforme = table[(table.variable == "ass") & (table.scenario == "suppression_ass_immediate")]
    assert (reforme.valeur == 0).all()
    chemin = graphiques.graphique_balayage(table, tmp_path / "balayage.png")
    assert open(chemin, "rb").read(8) == PNG


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
    assert "| 2025-05 | 599,23 |" in mensuel  # the web-API example: 31 × 19.33, before the date of effect
    mayotte = (sortie / "mensuel_mayotte.md").read_text(encoding="utf-8")
    assert "| 2025-01 | 294,81 | 294,81 |" in mayotte  # 31 × 9.51
    assert "| 2025-06 | 290,10 | 0,00 |" in mayotte  # 30 × 9.67, then nothing from June 2025
    assert "| 2025-06 | 0,00 | 0,00 |" in mensuel  # the example says nothing about June: no ASS


def test_ligne_de_commande_refuse_une_reforme_inconnue(capsys):
    assert main(["compare", "--reforme", "abolition_totale", "--cas", "mayotte"]) == 2
    assert "réforme" in capsys.readouterr().err


def test_json_situation_exemple_sans_sorties(tmp_path):
    from openfisca_ass.cli import lire_situation

    chemin = tmp_path / "s.json"
    chemin.write_text(json.dumps({"individus": {"d": {"ass": {"2025-05": None}, "age": {"2025-05": 40}}}}))
    assert lire_situation(chemin) == {"individus": {"d": {"age": {"2025-05": 40}}}}


# --- Command-line mistakes: one line, exit code 2 ------------------------------------------------------------

# `compare` with no option, with `--cas` alone and with `--situation` alone run as commands of the analysts'
# guide (tests/test_guide_analyse.py: exit code and one figure each); `--cas` with `--situation` is above.


@pytest.mark.parametrize("arguments, message", [
    (["compare", "--cas", "inconnu"], "cas type inconnu : « inconnu »"),
    (["compare", "--situation", "absente.json"], "situation illisible : absente.json"),
    (["compare", "--annee", "1990", "--cas", "mayotte"], "année hors du modèle : 1990"),
    (["population", "--reforme", "abolition_totale"], "réforme inconnue : « abolition_totale »"),
    (["population", "--annee", "2040"], "année hors du modèle : 2040"),
    (["population", "--parametre", "chomage.inconnu=1"], "chomage.inconnu : paramètre inconnu"),
    (["population", "--parametre", "sans_egal"], "sans_egal"),
    (["population", "--moteur", "spark"], "invalid choice: 'spark'"),
    (["population", "--donnees", "absent.csv"], "attendu un fichier .csv ou .parquet existant"),
    (["population", "--donnees", "table.csv", "--taille", "10"], "seulement sans --donnees"),
    (["population", "--scheduler", "tcp://h:8786"], "--scheduler : seulement avec --moteur dask"),
])
def test_erreurs_sur_une_ligne(arguments, message, capsys):
    assert main(arguments) == 2
    erreur = capsys.readouterr().err
    assert message in erreur
    assert "Traceback" not in erreur
    assert erreur.startswith("openfisca-ass")


def test_population_table_illisible_ou_colonne_inconnue(tmp_path, capsys):
    binaire = tmp_path / "binaire.parquet"
    binaire.write_bytes(b"\x00\x01pas un parquet")
    assert main(["population", "--donnees", str(binaire)]) == 2
    assert "binaire.parquet" in capsys.readouterr().err
    table = tmp_path / "table.csv"
    table.write_text("idmen,quimen,idfam,quifam,idfoy,quifoy,wprm,salaire_inconnu\n0,0,0,0,0,0,1,12\n",
                     encoding="utf-8")
    assert main(["population", "--donnees", str(table)]) == 2
    erreur = capsys.readouterr().err
    assert "table.csv, ligne 1, colonne « salaire_inconnu »" in erreur
    assert "Traceback" not in erreur


# --- Calibration: raking to the published margins ----------------------------------------------------------

def _menages_de_calage(cellules, annee=2027):
    """Baseline rows of households given as (age, couple, months at full rate, at a reduced rate, weight)."""
    return pandas.DataFrame([
        {"idmen": str(i), "scenario": REFERENCE, "annee": annee, "poids": poids, "age_reference": age,
         "couple": couple, "mois_ass_taux_plein": plein, "mois_ass_taux_reduit": reduit}
        for i, (age, couple, plein, reduit, poids) in enumerate(cellules)])


def test_marges_reportees_et_datees():
    marges = calage.marges(2025)  # the stock at the end of 2024: published
    assert marges.cible["allocataires"] == 265_000
    assert "faute de chiffre" not in marges.source["allocataires"]
    assert "reporté sur 2024-12" in marges.source["part_taux_plein"]  # DARES, September 2018
    marges = calage.marges(2028)
    assert marges.cible["allocataires"] == 265_000
    assert "chiffre de 2024-12 reporté sur 2027-12" in marges.source["allocataires"]
    assert calage.marges(2023).cible["allocataires"] == 275_600  # end 2022
    assert "rétropolé" in calage.marges(2010).source["allocataires"]  # before the first figure (end 2015)


def test_calage_solution_exacte():
    # One recipient household per cell; T = 265 000. Margins: w1 + w2 = 0.59 T (50+), w1 + w3 = 2/3 T (single),
    # w1 + w4 = 0.75 T (full rate), w1 + w2 + w3 + w4 = T, hence w1 = (0.59 + 2/3 + 0.75 − 1) / 2 × T
    # = 133 383.33, w2 = 0.59 T − w1 = 22 966.67, w3 = 2/3 T − w1 = 43 283.33, w4 = 0.75 T − w1 = 65 366.67.
    # The fifth household has no ASS: outside the margins, it keeps its weight.
    menages = _menages_de_calage([(55, False, 12, 0, 1000.0), (52, True, 0, 12, 1000.0), (35, False, 3, 9, 1000.0),
                                  (40, True, 7, 5, 1000.0), (45, False, 0, 0, 1000.0)])
    resultat = calage.caler(menages, 2027)
    assert [round(p, 2) for p in resultat.poids] == [133_383.33, 22_966.67, 43_283.33, 65_366.67, 1000.0]
    assert resultat.avertissements == []
    assert resultat.tableau.atteinte.all()
    assert resultat.tableau.avant["allocataires"] == 4000  # 4 recipients × 1 000
    assert resultat.tableau.avant["part_50_ans_et_plus"] == 0.5
    cales = calage.appliquer(pandas.concat([menages, menages.assign(scenario="reforme")]), resultat)
    assert list(cales.poids.round(2)) == [133_383.33, 22_966.67, 43_283.33, 65_366.67, 1000.0] * 2


def test_calage_nomme_la_marge_non_atteinte():
    # No recipient at a reduced rate: the full-rate share cannot be brought down to 75 %.
    menages = _menages_de_calage([(55, False, 12, 0, 10.0), (40, True, 12, 0, 10.0), (30, False, 12, 0, 10.0)],
                                 annee=2028)
    with pytest.warns(calage.AvertissementCalage, match="part_taux_plein, cible 75,0 %, obtenu 100,0 %"):
        resultat = calage.caler(menages, 2028)
    assert len(resultat.avertissements) == 1
    assert not resultat.tableau.atteinte["part_taux_plein"]
    assert round(resultat.poids.sum(), 6) == 265_000  # the other margins still hold
    assert round(resultat.tableau.obtenu["part_personnes_seules"], 6) == round(2 / 3, 6)


# --- Weighted aggregates, worked out by hand -----------------------------------------------------------------

def _menage(idmen, scenario, annee, poids, ass, rsa, revenu, **autres):
    ligne = {"idmen": idmen, "scenario": scenario, "annee": annee, "poids": poids, "ass": ass, "rsa": rsa,
             "ppa": 0.0, "aide_logement": 0.0, "aefa": 152.45, "impot_revenu": 0.0, "revenu_disponible": revenu,
             "niveau_de_vie": revenu, "nombre_personnes": 1, "nombre_enfants": 0, "couple": False,
             "age_reference": 52, "residence_mayotte": False, "mois_ass_taux_plein": 12, "mois_ass_taux_reduit": 0,
             "trimestres_retraite_ass": 4.0}
    ligne.update(autres)
    return ligne


@pytest.fixture(scope="module")
def menages_a_la_main():
    couple = {"couple": True, "nombre_enfants": 2, "nombre_personnes": 4, "mois_ass_taux_plein": 0,
              "mois_ass_taux_reduit": 12, "age_reference": 38, "niveau_de_vie": 5000.0}
    return pandas.DataFrame([
        _menage("a", REFERENCE, 2027, 100.0, 7110.20, 0.0, 9000.0),
        _menage("b", REFERENCE, 2027, 300.0, 3000.0, 1000.0, 12000.0, **couple),
        _menage("a", "suppression", 2027, 100.0, 0.0, 5000.0, 7000.0, trimestres_retraite_ass=0.0, aefa=0.0,
                ppa=110.0),
        _menage("b", "suppression", 2027, 300.0, 0.0, 2500.0, 10500.0, trimestres_retraite_ass=0.0,
                **dict(couple, niveau_de_vie=4375.0)),
        _menage("a", REFERENCE, 2028, 100.0, 7110.20, 0.0, 9000.0),
        _menage("b", REFERENCE, 2028, 300.0, 3000.0, 1000.0, 12000.0, **couple),
        _menage("a", "suppression", 2028, 100.0, 0.0, 6500.0, 8500.4, trimestres_retraite_ass=0.0),
        _menage("b", "suppression", 2028, 300.0, 0.0, 4000.0, 12000.5, trimestres_retraite_ass=0.0, **couple),
        ])


def test_budget_et_payeurs(menages_a_la_main):
    resultat = agregats.agreger(menages_a_la_main)
    budget = resultat["budget"].set_index(["annee", "scenario", "variable"])
    assert budget.montant[2027, REFERENCE, "ass"] == 1_611_020  # 100 × 7 110.20 + 300 × 3 000
    assert budget.beneficiaires[2027, REFERENCE, "rsa"] == 300
    assert budget.ecart_montant[2027, "suppression", "rsa"] == 950_000  # 100 × 5 000 + 300 × 1 500
    assert budget.ecart_beneficiaires[2027, "suppression", "ass"] == -400
    assert round(budget.ecart_montant[2027, "suppression", "aefa"], 2) == -15_245  # 100 × 152.45
    payeurs = resultat["payeurs"].set_index(["annee", "scenario", "payeur"]).ecart_cout
    # State: −1 611 020 (ASS) + 100 × 110 (prime d'activité) − 15 245 (prime de Noël) = −1 615 265.
    assert round(payeurs[2027, "suppression", "etat"], 2) == -1_615_265
    assert payeurs[2027, "suppression", "departements"] == 950_000
    assert payeurs[2027, "suppression", "fonds_aides_logement"] == 0
    assert round(payeurs[2027, "suppression", "solde_public"], 2) == -665_265  # −1 615 265 + 950 000
    # Second year: RSA fully built up, 100 × 6 500 + 300 × 4 000 − 300 000 = 1 550 000 more.
    assert payeurs[2028, "suppression", "departements"] == 1_550_000


def test_gagnants_perdants_et_trimestres(menages_a_la_main):
    resultat = agregats.agreger(menages_a_la_main, seuil=1.0)
    gp = resultat["gagnants_perdants"].set_index("annee")
    assert gp.perdants[2027] == 400
    assert gp.perte_moyenne[2027] == -1625  # (100 × −2 000 + 300 × −1 500) / 400
    assert gp.perte_mediane[2027] == -1500  # weighted median: −2 000 holds 25 % of the weight
    assert gp.gagnants[2027] == 0
    # 2028: a loses 499.60 (a loser), b gains 0.50 (below the 1 € threshold: unchanged).
    assert gp.perdants[2028] == 100 and gp.gagnants[2028] == 0 and gp.inchanges[2028] == 300
    assert round(gp.perte_moyenne[2028], 2) == -499.60
    assert gp.seuil[2028] == 1.0
    trimestres = resultat["trimestres"].set_index("annee")
    assert trimestres.trimestres_non_valides[2027] == 1600  # (100 + 300) × 4
    synthese = resultat["synthese"]
    assert list(synthese.columns) == [("suppression", "2027"), ("suppression", "2028")]
    assert synthese.loc["perte médiane des perdants (€ par an)", ("suppression", "2027")] == -1500
    assert synthese.loc["écart de coût : Départements (RSA) (€)", ("suppression", "2028")] == 1_550_000


def test_ventilations(menages_a_la_main):
    table = agregats.agreger(menages_a_la_main)["ventilations"]
    premiere = table[(table.annee == 2027)].set_index(["ventilation", "categorie"])
    assert premiere.menages["type_menage", "couple_avec_enfants"] == 300
    assert premiere.ecart_revenu_disponible_moyen["type_menage", "seul_sans_enfant"] == -2000
    assert premiere.ecart_ass["taux_ass", "taux_reduit"] == -900_000  # 300 × −3 000
    assert premiere.ecart_rsa["tranche_age", "30_39_ans"] == 450_000  # 300 × 1 500
    assert premiere.part_perdants["mayotte", "hors_mayotte"] == 1
    # Baseline standard of living: b 5 000 (75 % of the weight), a 9 000: b in decile 1, a in decile 8 (the
    # weighted 8th decile is 9 000, the first value whose cumulated weight reaches 80 %).
    assert premiere.menages["decile_niveau_de_vie", 1] == 300
    assert premiere.menages["decile_niveau_de_vie", 8] == 100


def test_deciles_ponderes():
    assert list(agregats.deciles([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], [1] * 10)) == list(range(1, 11))
    assert list(agregats.deciles([50, 5], [1, 9])) == [10, 1]  # 5 holds 90 % of the weight


def test_tableaux_nombres_francais_et_csv_au_centime(tmp_path):
    assert tableaux.nombre(-1234567.891) == f"-1{NB}234{NB}567,89"
    table = pandas.DataFrame({"montant": pandas.array([177.39, 1234.5], dtype="float32"), "n": [1, 2]})
    assert f"1{NB}234,50" in tableaux.en_texte(table)
    assert "| 177,39 | 1 |" in tableaux.en_markdown(table)
    chemin = tableaux.ecrire_csv(table.assign(poids=[883.3333333333334, 1.0]), tmp_path / "t.csv")
    # Amounts to the cent (float32 177.38999938…), weights in full.
    assert open(chemin, encoding="utf-8").read() == "montant,n,poids\n177.39,1,883.3333333333334\n1234.5,2,1.0\n"


def test_graphiques_des_agregats(menages_a_la_main, tmp_path):
    resultat = agregats.agreger(menages_a_la_main)
    for chemin in (graphiques.graphique_deciles(resultat["ventilations"], tmp_path / "d.png"),
                   graphiques.graphique_distribution(agregats.ecarts(menages_a_la_main), tmp_path / "h.png"),
                   graphiques.graphique_payeurs(resultat["payeurs"], tmp_path / "p.png")):
        assert open(chemin, "rb").read(8) == PNG
