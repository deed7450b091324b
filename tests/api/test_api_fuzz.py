"""Bounded exploration of /calculate by schemathesis, from the specification /spec serves.

Bounded in examples and deterministic (fixed seed, ``derandomize``): the same requests on every run, so that
a failure reproduces. Only the "examples" phase (the specification's example situation) and the "fuzzing"
phase (generated situations, valid and invalid) run: the "coverage" phase would send thousands of
requests, one per property of the schema (openfisca-france's thousands of variables). The one check: never
a 5xx answer.

80 examples when this file runs alone; ``make test`` bounds them (``OPENFISCA_ASS_FUZZ_EXEMPLES``, set in
the Makefile). To explore further by hand: ``OPENFISCA_ASS_FUZZ_EXEMPLES=2000 OPENFISCA_ASS_FUZZ_GRAINE=7``.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

EXEMPLES = int(os.environ.get("OPENFISCA_ASS_FUZZ_EXEMPLES", 80))
GRAINE = os.environ.get("OPENFISCA_ASS_FUZZ_GRAINE")

CONFIGURATION = SchemathesisConfig.from_dict({
    "seed": int(GRAINE or 20250501),
    "phases": {
        "examples": {"enabled": True},
        "fuzzing": {"enabled": True},
        "coverage": {"enabled": False},
        "stateful": {"enabled": False},
    },
    "generation": {"max-examples": EXEMPLES, "mode": "all", "deterministic": True, "database": "none"},
})


@pytest.fixture(scope="session")
def spec_api(serveur):
    return schemathesis.openapi.from_url(serveur.url + "/spec", config=CONFIGURATION)


schema = schemathesis.pytest.from_fixture("spec_api")


@schema.include(path="/calculate", method="POST").parametrize()
@seed(int(GRAINE or 20250501))
@settings(max_examples=EXEMPLES, deadline=None, derandomize=GRAINE is None, database=None,
          suppress_health_check=list(HealthCheck))
def test_calculate_jamais_de_5xx(case, serveur):
    reponse = case.call(base_url=serveur.url, timeout=30)
    case.validate_response(reponse, checks=[not_a_server_error])
