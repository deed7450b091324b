"""Helpers of the tests: vectorised simulations (one person per household), the leaves of a parameter tree."""
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


def feuilles(parametres):
    """{path: [(start, value), ...]} of every leaf of a parameter tree: what a reform or a copy may change."""
    from openfisca_core.parameters import Parameter

    return {p.name: [(v.instant_str, v.value) for v in p.values_list]
            for p in parametres.get_descendants() if isinstance(p, Parameter)}
