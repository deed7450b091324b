"""Temporal coverage: `ass` computes for every month from 2002-01 to 2027-12, for varied situations."""
import numpy
from openfisca_core import periods
from outils_simulation import simulation_individuelle

# Single without resources, single with a salary that stops, pensioner spouse-like income,
# Mayotte, an AAH recipient, a person at work (cumul).
PROFILS = 6


def test_ass_se_calcule_chaque_mois_de_2002_a_2027(systeme):
    premier, dernier = periods.period("2002-01"), periods.period("2027-12")
    simulation = simulation_individuelle(systeme, PROFILS, premier)
    # Inputs from 2001: the first computed months look 12 months back, and openfisca-france cannot
    # compute a salary before 2002 (its contribution parameters start then).
    mois = premier.offset(-12)
    while mois.start <= dernier.start:
        simulation.set_input("activite", mois, numpy.array(["chomeur"] * (PROFILS - 1) + ["actif"]))
        simulation.set_input("ass_precondition_remplie", mois, numpy.ones(PROFILS, dtype=bool))
        salaire_intermittent = 1200 * (mois.start.month % 4 != 0)
        simulation.set_input("salaire_imposable", mois, numpy.array([0, salaire_intermittent, 0, 0, 0, 900]))
        simulation.set_input("retraite_nette", mois, numpy.array([0, 0, 700, 0, 0, 0]))
        simulation.set_input("aah", mois, numpy.array([0, 0, 0, 0, 800, 0]))
        simulation.set_input("residence_mayotte", mois, numpy.array([False, False, False, True, False, False]))
        mois = mois.offset(1)
    mois = premier
    calcules = 0
    while mois.start <= dernier.start:
        montants = simulation.calculate("ass", mois)
        jours = mois.size_in_days
        plafond = simulation.calculate("ass_montant_journalier", mois) * jours
        assert numpy.isfinite(montants).all(), mois
        assert ((montants >= 0) & (montants <= plafond + 0.005)).all(), (mois, montants, plafond)
        calcules += 1
        mois = mois.offset(1)
    assert calcules == 26 * 12  # 2002-01 to 2027-12
    # The single person without resources gets the full rate in a known month (31 × 19.33).
    assert abs(simulation.calculate("ass", "2025-05")[0] - 599.23) < 0.005
