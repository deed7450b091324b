"""Exploration bornée de /calculate par schemathesis, à partir de la spécification que sert /spec.

Bornée en nombre d'exemples, déterministe (graine fixe, ``derandomize``) : la même suite de requêtes
à chaque exécution, pour qu'un échec se reproduise. Seules les phases « exemples » (la situation
d'exemple de la spécification) et « fuzzing » (situations générées, valides et invalides) tournent :
la phase « coverage » enverrait des milliers de requêtes, une par propriété du schéma (plusieurs milliers
de variables d'openfisca-france). Le seul contrôle : jamais de réponse 5xx.
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

# Pour explorer plus loin à la main : OPENFISCA_ASS_FUZZ_EXEMPLES=2000 OPENFISCA_ASS_FUZZ_GRAINE=7 pytest ...
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
