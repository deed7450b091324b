"""Properties of the amount, on many resource levels at once (hypothesis draws the situations).

Each drawn amount is compared with an oracle written here from the law, independent of the model's
formulas: days of the month × min(daily rate, max(0, ceiling − R) / 30), rounded to the cent, and nothing
when that is below one daily rate (R5423-1 3°, R5423-2, R5423-13). Then three properties, with the
bounds taken from the oracle's figures rather than from the model: 0 ≤ ass ≤ daily rate × days; the
amount never rises when resources rise; it does not jump at the full-rate threshold (40 or 80 daily
rates), only by at most the change in resources spread per day.
"""
import calendar

import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outils_simulation import simulation_individuelle

# Daily full rate in force in each month drawn, metropole and Mayotte (€/day; ../shared/ass-rules.md § 3).
# Mayotte had no ASS before 1 July 2012: its rate is 0 there, hence a nil amount.
TAUX = {
    "2004-02": (13.76, 0.0),   # 1 January 2004
    "2012-07": (15.63, 3.91),  # 1 January 2012; Mayotte 1 July 2012
    "2016-02": (16.25, 8.12),  # 1 January 2015 (no revaluation on 1 January 2016)
    "2018-04": (16.48, 8.23),  # 1 April 2018
    "2020-06": (16.89, 8.45),  # 1 April 2020
    "2024-02": (18.17, 9.09),  # 1 April 2023
    "2024-05": (19.01, 9.51),  # 1 April 2024
    "2025-05": (19.33, 9.67),  # 1 April 2025
    "2025-06": (19.33, 9.67),  # 1 April 2025, a 30-day month
    "2026-04": (19.48, 9.75),  # 1 April 2026
}
PLAFOND_SEUL, PLAFOND_COUPLE = 70, 110  # daily rates (R5423-1 3°)
JOURS_DU_MONTANT_REDUIT = 30  # (ceiling − resources) is an amount for 30 days (R5423-2)
# float32 storage of the resources, then rounding to the cent: one cent either way.
CENTIME = 0.0101

situations = st.fixed_dictionaries({
    "mois": st.sampled_from(sorted(TAUX)),
    "en_couple": st.booleans(),
    "mayotte": st.booleans(),
    "ressources": st.lists(st.floats(min_value=0, max_value=4000, allow_nan=False), min_size=1, max_size=40),
})

REGLAGES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def taux_et_jours(mois, mayotte):
    annee, numero = (int(x) for x in mois.split("-"))
    return TAUX[mois][1 if mayotte else 0], calendar.monthrange(annee, numero)[1]


def oracle(mois, en_couple, mayotte, ressources):
    """(amount due, amount before the R5423-13 floor) for monthly resources R, as the law reads."""
    taux, jours = taux_et_jours(mois, mayotte)
    plafond = (PLAFOND_COUPLE if en_couple else PLAFOND_SEUL) * taux
    montant = round(jours * min(taux, max(0.0, plafond - ressources) / JOURS_DU_MONTANT_REDUIT), 2)
    return (montant if montant >= taux else 0.0), montant


def calculer(systeme, mois, en_couple, mayotte, ressources_mensuelles):
    ressources = numpy.asarray(ressources_mensuelles, dtype=float)
    simulation = simulation_individuelle(
        systeme, len(ressources), mois,
        entrees_individus={"activite": "chomeur", "ass_precondition_remplie": True},
        entrees_familles={"ass_base_ressources": ressources * 12, "en_couple": en_couple},
        entrees_menages={"residence_mayotte": mayotte},
        )
    montants = simulation.calculate("ass", mois)
    verifier_oracle(mois, en_couple, mayotte, ressources_mensuelles, montants)
    return montants


def verifier_oracle(mois, en_couple, mayotte, ressources, montants):
    taux, _ = taux_et_jours(mois, mayotte)
    ecarts = []
    for r, obtenu in zip(ressources, montants):
        attendu, avant_seuil = oracle(mois, en_couple, mayotte, r)
        # Within a cent of the R5423-13 floor, float32 rounding may put the amount on either side.
        au_seuil = abs(avant_seuil - taux) <= CENTIME
        if abs(obtenu - attendu) > CENTIME and not (au_seuil and abs(obtenu) <= CENTIME):
            ecarts.append((r, float(obtenu), attendu))
    assert not ecarts, f"{mois}, couple {en_couple}, Mayotte {mayotte}: (R, ass, oracle) {ecarts[:5]}"


@REGLAGES
@given(situations)
def test_montant_borne_par_le_taux_plein(systeme, s):
    montants = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], s["ressources"])
    taux, jours = taux_et_jours(s["mois"], s["mayotte"])
    assert (montants >= 0).all()
    assert (montants <= round(taux * jours, 2) + CENTIME).all()


@REGLAGES
@given(situations)
def test_montant_non_croissant_avec_les_ressources(systeme, s):
    ressources = sorted(s["ressources"])
    montants = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], ressources)
    assert (numpy.diff(montants) <= CENTIME).all(), list(zip(ressources, montants))


@REGLAGES
@given(situations, st.floats(min_value=-50, max_value=50))
def test_pas_de_saut_au_seuil_du_taux_plein(systeme, s, decalage):
    # Around 40 (single) or 80 (couple) daily rates, the amount moves by at most the change in
    # resources spread over 30 days, times the days of the month (plus rounding).
    taux, jours = taux_et_jours(s["mois"], s["mayotte"])
    seuil = ((PLAFOND_COUPLE if s["en_couple"] else PLAFOND_SEUL) - JOURS_DU_MONTANT_REDUIT) * taux
    a, b = seuil, max(seuil + decalage, 0)
    montants = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], [a, b])
    assert abs(montants[0] - round(taux * jours, 2)) <= CENTIME  # the threshold itself is still the full rate
    assert abs(montants[0] - montants[1]) <= abs(b - a) / JOURS_DU_MONTANT_REDUIT * jours + 2 * CENTIME


def test_exemple_au_seuil(systeme):
    # Single, June 2025: full rate up to 40 × 19.33 = 773.20; 10 € more takes 10 € off per 30 days.
    montants = calculer(systeme, "2025-06", False, False, [773.20, 783.20])
    assert numpy.allclose(montants, [579.90, 569.90], atol=0.005)  # 30 × 19.33 ; 1353.10 − 783.20


def test_l_oracle_suit_les_exemples_de_la_note_de_regles():
    # ../shared/ass-rules.md, worked examples: May 2025, single without resources (31 × 19.33); R = 1 340
    # leaves 13.10 for 30 days, below one daily rate (not paid); Mayotte, 31 × 9.67.
    assert oracle("2025-05", False, False, 0)[0] == 599.23
    assert oracle("2025-05", False, False, 1340) == (0.0, 13.54)  # 13.10 / 30 × 31 = 13.54 < 19.33
    assert oracle("2025-05", False, True, 0)[0] == 299.77
    assert oracle("2025-05", True, False, 1546.40)[0] == 599.23  # 80 × 19.33: still the full rate
