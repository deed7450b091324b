"""Build vectorised simulations for property and coverage tests: one person per household."""
import numpy
from openfisca_core.simulations import SimulationBuilder


def simulation_individuelle(systeme, nombre, periode, entrees_individus=None, entrees_familles=None,
                            entrees_menages=None):
    """``nombre`` single-person households; inputs are {variable: array or scalar} for ``periode``."""
    simulation = SimulationBuilder().build_default_simulation(systeme, nombre)
    for entrees in (entrees_individus, entrees_familles, entrees_menages):
        for variable, valeur in (entrees or {}).items():
            tableau = numpy.broadcast_to(numpy.asarray(valeur), (nombre,)).copy()
            simulation.set_input(variable, periode, tableau)
    return simulation
