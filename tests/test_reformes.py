"""Reforms: suppression of ASS, end of the ASS/AAH cumulation, parametric reforms from a mapping.

Daily rate 19.48 € since 1 April 2026 (flat afterwards); RSA lump sum 651.69 € (single).
"""
import copy

import pytest
from openfisca_core.simulation_builder import SimulationBuilder
from outils_simulation import feuilles

from openfisca_ass.reformes_parametriques import ErreurReforme, lire_affectations, reforme_parametrique
from openfisca_ass.reforms.fin_cumul_aah import fin_cumul_aah, maintien_cumul_aah
from openfisca_ass.reforms.suppression_ass import suppression_ass, suppression_ass_immediate
from openfisca_ass.scenarios import systeme_de_reference

ASS = "chomage.allocations_assurance_chomage.ass"
SUPPRESSION = ASS + ".reformes.suppression_ass"
FIN_CUMUL = ASS + ".reformes.fin_cumul_aah"
ANNEES = ("2025", "2026", "2027", "2028")


@pytest.fixture(scope="module")
def base():
    return systeme_de_reference()


@pytest.fixture(scope="module")
def extinction(base):
    return suppression_ass(base)


@pytest.fixture(scope="module")
def immediate(base):
    return suppression_ass_immediate(base)


def chomeur_seul(**entrees):
    demandeur = {"activite": {a: "chomeur" for a in ANNEES},
                 "ass_precondition_remplie": {a: True for a in ANNEES}}
    demandeur.update(entrees)
    return {"individus": {"demandeur": demandeur},
            "familles": {"famille": {"parents": ["demandeur"]}},
            "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
            "menages": {"menage": {"personne_de_reference": ["demandeur"]}}}


def calculer(systeme, situation, variable, *periodes):
    simulation = SimulationBuilder().build_from_entities(systeme, copy.deepcopy(situation))
    return [round(float(simulation.calculate(variable, p)[0]), 2) for p in periodes]


def test_les_reformes_s_importent_sous_le_paquet():
    from openfisca_ass.reforms import fin_cumul_aah as module_aah
    from openfisca_ass.reforms import suppression_ass as module_suppression

    assert module_suppression.suppression_ass is suppression_ass
    assert module_aah.fin_cumul_aah is fin_cumul_aah


def test_les_parametres_de_reforme_laissent_la_loi_inchangee(base):
    reformes = base.parameters("2027-06-01").chomage.allocations_assurance_chomage.ass.reformes
    assert not reformes.suppression_ass.en_vigueur
    assert reformes.suppression_ass.date_effet == "2027-01-01"
    assert reformes.suppression_ass.mode_transition == "extinction"
    assert not reformes.fin_cumul_aah.en_vigueur
    # A single jobseeker is paid in full in June 2027 by the baseline: 30 × 19.48.
    assert calculer(base, chomeur_seul(), "ass", "2027-06") == [584.40]


def test_appliquer_une_reforme_ne_modifie_pas_le_systeme_de_reference(base):
    suppression_ass(base)
    fin_cumul_aah(base)
    parametres = base.parameters.chomage.allocations_assurance_chomage.ass
    assert not parametres.reformes.suppression_ass.en_vigueur("2027-06-01")
    assert parametres.aah.maintien_droits_acquis("2026-06-01")
    assert not parametres.aah.maintien_droits_acquis("2027-01-01")


@pytest.mark.parametrize("reforme", [
    suppression_ass, suppression_ass_immediate, fin_cumul_aah, maintien_cumul_aah,
    reforme_parametrique({ASS + ".montant_plein": {"2027-01-01": 20.0}, SUPPRESSION + ".date_effet": "2027-07-01"},
                         reformes=[suppression_ass_immediate, fin_cumul_aah]),
], ids=["suppression_ass", "suppression_ass_immediate", "fin_cumul_aah", "maintien_cumul_aah", "parametrique"])
def test_copie_le_long_des_chemins_comme_une_copie_profonde(base, reforme, monkeypatch):
    """A reform copies only the branches it changes (reformes_parametriques.copie_le_long_des_chemins): every
    leaf is what a deep copy of the whole tree gives, the baseline is untouched and the rest is shared."""
    from openfisca_ass import reformes_parametriques

    avant = feuilles(base.parameters)
    partagee = reforme(base)
    assert feuilles(base.parameters) == avant
    # The same reform, every modification made on a deep copy of the whole tree.
    copie_originale = reformes_parametriques.modifier_parametres
    monkeypatch.setattr(reformes_parametriques, "modifier_parametres",
                        lambda r, fonction, chemins=None: copie_originale(r, fonction))
    for module in ("openfisca_ass.reforms.suppression_ass", "openfisca_ass.reforms.fin_cumul_aah"):
        monkeypatch.setattr(f"{module}.modifier_parametres", reformes_parametriques.modifier_parametres)
    profonde = reforme(base)
    assert feuilles(partagee.parameters) == feuilles(profonde.parameters)
    assert feuilles(partagee.parameters) != avant  # the reform changes something
    # Outside the changed branches, openfisca-france's tree is shared, not copied.
    assert partagee.parameters.impot_revenu is base.parameters.impot_revenu
    assert partagee.parameters.chomage.allocations_assurance_chomage.ass is not \
        base.parameters.chomage.allocations_assurance_chomage.ass
    assert feuilles(base.parameters) == avant


def test_copie_le_long_d_un_chemin_inconnu(base):
    from openfisca_ass.reformes_parametriques import copie_le_long_des_chemins

    with pytest.raises(KeyError, match="pas de paramètre « inconnu » sous « chomage.allocations_assurance_chomage"):
        copie_le_long_des_chemins(base.parameters, [ASS.replace(".ass", ".inconnu")])


def test_suppression_immediate_a_une_date_d_effet_en_cours_de_mois(base):
    reforme = reforme_parametrique({SUPPRESSION + ".date_effet": "2027-03-15"},
                                   reformes=[suppression_ass_immediate])(base)
    # March 2027 starts before 15 March: still paid (31 × 19.48); April is the first month without.
    assert calculer(reforme, chomeur_seul(), "ass", "2027-03", "2027-04") == [603.88, 0.0]


def test_rsa_apres_suppression_immediate(immediate):
    reforme = immediate
    # R262-13 CASF: the abolished ASS has stopped for good, the ASS of the three reference months
    # (Nov 584.40 + Dec 603.88 + Jan 0) / 3 = 396.09 no longer counts: full RSA from January.
    assert calculer(reforme, chomeur_seul(), "rsa", "2027-02", "2027-04") == pytest.approx(
        [651.69, 651.69], abs=0.01)
    assert calculer(reforme, chomeur_seul(), "rsa_ass_neutralisee", "2027-02") == pytest.approx([396.09], abs=0.01)


def test_extinction_au_terme_de_la_periode_d_attribution(base, extinction):
    if "ass_date_ouverture_droits" not in base.variables:
        pytest.fail("le modèle doit connaître la date d'ouverture des droits (ass_date_ouverture_droits)")
    # Rights opened on 1 October 2026: award period 1 October 2026 - 31 March 2027 (R5423-8, 6 months).
    situation = chomeur_seul(ass_date_ouverture_droits={"ETERNITY": "2026-10-01"})
    assert calculer(extinction, situation, "ass", "2027-03", "2027-04") == [603.88, 0.0]  # 31 × 19.48, then nothing
    # The baseline renews the rights in April 2027: 30 × 19.48.
    assert calculer(base, situation, "ass", "2027-04") == [584.40]


def test_extinction_avec_renouvellements_jusqu_a_une_date(base):
    situation = chomeur_seul(ass_date_ouverture_droits={"ETERNITY": "2026-10-01"})
    reforme = reforme_parametrique({SUPPRESSION + ".renouvellement": True,
                                    SUPPRESSION + ".date_fin_renouvellement": "2027-06-30"},
                                   reformes=[suppression_ass])(base)
    # The period current on 30 June 2027 runs 1 April - 30 September 2027: paid in September (30 × 19.48),
    # not in October.
    assert calculer(reforme, situation, "ass", "2027-09", "2027-10") == [584.40, 0.0]


def test_extinction_sans_date_d_ouverture_hypothese_la_plus_favorable(extinction):
    # No opening date: a six-month period opened in December 2026 is assumed, i.e. until 31 May 2027.
    assert calculer(extinction, chomeur_seul(), "ass", "2027-05", "2027-06") == [603.88, 0.0]


def test_nouvel_entrant_refuse_en_extinction(base, extinction):
    situation = chomeur_seul(activite={"2026": "actif", "2027": "chomeur"})
    assert calculer(base, situation, "ass", "2027-02") == [545.44]  # 28 × 19.48 under current law
    assert calculer(extinction, situation, "ass", "2027-02") == [0.0]


def test_trimestres_de_retraite_perdus_a_58_ans(base, extinction, immediate):
    if "ass_trimestres_retraite" not in base.variables:
        pytest.fail("le modèle doit calculer les trimestres validés au titre de l'ASS (ass_trimestres_retraite)")
    situation = chomeur_seul(date_naissance={"ETERNITY": "1969-01-15"})
    # 2027: 365 days of ASS under current law, 1 quarter per 50 days, at most 4.
    assert calculer(base, situation, "ass_trimestres_retraite", "2027") == [4]
    assert calculer(immediate, situation, "ass_trimestres_retraite", "2027") == [0]
    # Extinction without an opening date: January to May 2027, 31 + 28 + 31 + 30 + 31 = 151 days: 3 quarters.
    assert calculer(extinction, situation, "ass_trimestres_retraite", "2027") == [3]


def test_fin_du_cumul_aah_a_une_date_choisie(base):
    situation = chomeur_seul(ass_aah_droits_acquis_2016={a: True for a in ANNEES},
                             aah={a: 12 * 1041.59 for a in ANNEES})
    reforme = reforme_parametrique({FIN_CUMUL + ".date_fin_maintien": "2026-07-01"}, reformes=[fin_cumul_aah])(base)
    assert calculer(reforme, situation, "ass", "2026-06", "2026-07") == [584.40, 0.0]  # 30 × 19.48, then excluded
    assert calculer(base, situation, "ass", "2026-07", "2027-01") == [603.88, 0.0]  # the law: end 31 Dec 2026
    assert calculer(maintien_cumul_aah(base), situation, "ass", "2027-01") == [603.88]  # 31 × 19.48


def test_reforme_parametrique_d_un_bareme(base):
    reforme = reforme_parametrique({ASS + ".montant_plein": {"2027-01-01": 20.0}})(base)
    assert calculer(reforme, chomeur_seul(), "ass", "2026-12", "2027-01") == [603.88, 620.0]  # 31 × 19.48, 31 × 20
    # Bounded interval: back to 19.48 after 31 January 2027 (28 × 19.48).
    bornee = reforme_parametrique({ASS + ".montant_plein": {"2027-01-01.2027-01-31": 20.0}})(base)
    assert calculer(bornee, chomeur_seul(), "ass", "2027-01", "2027-02") == [620.0, 545.44]


def test_reforme_parametrique_refusee_avant_toute_modification(base):
    avant = base.parameters.chomage.allocations_assurance_chomage.ass.montant_plein("2027-01-01")
    reforme = reforme_parametrique({
        ASS + ".montant_plein": {"2027-01-01": 25.0},
        ASS + ".inexistant": 1,
        SUPPRESSION + ".mode_transition": "brutale",
        SUPPRESSION + ".date_effet": "1er janvier",
        SUPPRESSION + ".en_vigueur": 1,
        ASS + ".aah": True,
        })
    with pytest.raises(ErreurReforme) as erreur:
        reforme(base)
    assert len(erreur.value.erreurs) == 5
    message = str(erreur.value)
    for attendu in ("inexistant : paramètre inconnu", "hors de ['extinction', 'immediate']",
                    "date AAAA-MM-JJ attendue", "booléen attendu", "n'est pas une feuille"):
        assert attendu in message
    assert base.parameters.chomage.allocations_assurance_chomage.ass.montant_plein("2027-01-01") == avant


@pytest.mark.parametrize("modifications", [{}, {ASS + ".montant_plein": {"2027-13-01": 1.0}},
                                           {ASS + ".montant_plein": {"2027-02-01.2027-01-01": 1.0}}])
def test_forme_du_dictionnaire_verifiee_a_la_construction(modifications):
    with pytest.raises(ErreurReforme):
        reforme_parametrique(modifications)


def test_lire_affectations_de_la_ligne_de_commande():
    assert lire_affectations([f"{SUPPRESSION}.date_effet=2027-07-01", f"{SUPPRESSION}.renouvellement=true",
                              f"{ASS}.montant_plein@2027-01-01=20"]) == {
        SUPPRESSION + ".date_effet": "2027-07-01",
        SUPPRESSION + ".renouvellement": True,
        ASS + ".montant_plein": {"2027-01-01": 20},
        }
    with pytest.raises(ErreurReforme):
        lire_affectations(["sans_signe_egal"])
