"""Analyse de politiques publiques : l'ASS comparée au RSA, réforme par réforme.

- ``cas_types``, ``comparaison``, ``balayage``: built-in *cas types* (web-API JSON situations), their
  month-by-month comparison baseline vs reforms, and the sweep of monthly resources;
- the microsimulation pipeline: ``chargement`` (a persons table: CSV, Parquet or DataFrame, checked) or
  ``synthetique`` (the SYNTHETIC population, same table) → ``moteur`` (chunked vectorised engine, local or
  dask.distributed) → ``calage`` (raking of the synthetic weights) → ``agregats`` (weighted aggregates) →
  ``tableaux`` and ``graphiques`` (terminal / CSV / Markdown tables, PNG charts);
- ``microsimulation``: the notebook route, ``Microsimulation(donnees, reforme=..., annee=...)``.
"""
from openfisca_ass.analyse.balayage import balayer
from openfisca_ass.analyse.cas_types import CAS_TYPES, cas_type
from openfisca_ass.analyse.comparaison import comparer, comparer_cas_types
from openfisca_ass.analyse.microsimulation import Microsimulation
from openfisca_ass.scenarios import Scenario, scenarios

__all__ = ["CAS_TYPES", "Microsimulation", "Scenario", "balayer", "cas_type", "comparer", "comparer_cas_types",
           "scenarios"]
