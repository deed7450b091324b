"""Properties of the amount, on many resource levels at once (hypothesis draws the situations).

0 ≤ ass ≤ daily rate × days; the amount never rises when resources rise; it does not jump at the
full-rate threshold (40 or 80 daily rates), only by at most the change in resources spread per day.
"""
import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outils_simulation import simulation_individuelle

MOIS = ["2004-02", "2012-07", "2016-02", "2018-04", "2020-06", "2024-02", "2024-05", "2025-05", "2026-04"]

situations = st.fixed_dictionaries({
    "mois": st.sampled_from(MOIS),
    "en_couple": st.booleans(),
    "mayotte": st.booleans(),
    "ressources": st.lists(st.floats(min_value=0, max_value=4000, allow_nan=False), min_size=1, max_size=40),
})

REGLAGES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def calculer(systeme, mois, en_couple, mayotte, ressources_mensuelles):
    ressources = numpy.asarray(ressources_mensuelles, dtype=float)
    simulation = simulation_individuelle(
        systeme, len(ressources), mois,
        entrees_individus={"activite": "chomeur", "ass_precondition_remplie": True},
        entrees_familles={"ass_base_ressources": ressources * 12, "en_couple": en_couple},
        entrees_menages={"residence_mayotte": mayotte},
        )
    return (
        simulation.calculate("ass", mois),
        simulation.calculate("ass_montant_journalier", mois),
        simulation.calculate("ass_nombre_jours_indemnisables", mois),
        )


@REGLAGES
@given(situations)
def test_montant_borne_par_le_taux_plein(systeme, s):
    montants, journalier, jours = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], s["ressources"])
    assert (montants >= 0).all()
    assert (montants <= numpy.round(journalier * jours, 2) + 0.005).all()  # float32 storage


@REGLAGES
@given(situations)
def test_montant_non_croissant_avec_les_ressources(systeme, s):
    ressources = sorted(s["ressources"])
    montants, _, _ = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], ressources)
    assert (numpy.diff(montants) <= 0.01).all(), list(zip(ressources, montants))


@REGLAGES
@given(situations, st.floats(min_value=-50, max_value=50))
def test_pas_de_saut_au_seuil_du_taux_plein(systeme, s, decalage):
    # Around 40 (single) or 80 (couple) daily rates, the amount moves by at most the change in
    # resources spread over 30 days, times the days of the month (plus rounding).
    _, journalier, jours = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], [0])
    seuil = (80 if s["en_couple"] else 40) * journalier[0]
    a, b = seuil, max(seuil + decalage, 0)
    montants, _, _ = calculer(systeme, s["mois"], s["en_couple"], s["mayotte"], [a, b])
    assert abs(montants[0] - montants[1]) <= abs(b - a) / 30 * jours[0] + 0.011


def test_exemple_au_seuil(systeme):
    # Single, June 2025: full rate up to 40 × 19.33 = 773.20; 10 € more takes 10 € off per 30 days.
    montants, _, _ = calculer(systeme, "2025-06", False, False, [773.20, 783.20])
    assert numpy.allclose(montants, [579.90, 569.90], atol=0.005)  # 30 × 19.33 ; 1353.10 − 783.20
