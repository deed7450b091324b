"""Analyse de politiques publiques : l'ASS comparée au RSA, réforme par réforme.

- ``systemes``: the baseline and reformed tax-benefit systems (by name, dotted path or parameters);
- ``cas_types``: built-in *cas types* (situations in web-API JSON);
- ``comparaison``: month-by-month comparison of a situation, baseline vs reforms;
- ``balayage``: sweep of monthly resources from 0 to the ASS ceiling;
- ``population``: a SYNTHETIC population calibrated on DREES figures, processed in chunks;
- ``tableaux`` and ``graphiques``: terminal / CSV / Markdown tables and PNG charts.
"""
from openfisca_ass.analyse.balayage import balayer
from openfisca_ass.analyse.cas_types import CAS_TYPES, cas_type
from openfisca_ass.analyse.comparaison import comparer, comparer_cas_types
from openfisca_ass.analyse.population import simuler_population
from openfisca_ass.scenarios import Scenario, scenarios

__all__ = ["CAS_TYPES", "Scenario", "balayer", "cas_type", "comparer", "comparer_cas_types", "scenarios",
           "simuler_population"]
