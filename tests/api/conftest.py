"""One real gunicorn server of the API for the whole API suite (see ``serveur_essai_api``).

It runs the production settings, except what the tests need: the test reform is added to /compare's
registry, and ``/trace`` is on (off by default) with a cap of 600,000 bytes (default 1 MiB): one month
of ``ass`` for one person makes about 524 kB of trace, each further month about 41 kB, so that six
months go over it cheaply.
``test_api_reglages`` tests the defaults of exposure, the deadline and a reformed system on a second
server.
"""
import pytest
from serveur_essai_api import REFORME_ESSAI, serveur_gunicorn


@pytest.fixture(scope="session")
def serveur(tmp_path_factory):
    """The server shared by every API test file: the law in force, the test reform in /compare's registry."""
    with serveur_gunicorn(tmp_path_factory.mktemp("serveur_api"),
                          OPENFISCA_ASS_REFORMES_COMPARABLES=REFORME_ESSAI,
                          OPENFISCA_ASS_TRACE="1", OPENFISCA_ASS_TRACE_MAX_OCTETS="600000") as serveur:
        yield serveur


@pytest.fixture(scope="session")
def exemple():
    """The README's (and /spec's) example: a single jobseeker without resources, May 2025."""
    return {
        "individus": {"demandeur": {
            "activite": {"2025-05": "chomeur"},
            "ass_precondition_remplie": {"2025-05": True},
            "ass": {"2025-05": None},
        }},
        "familles": {"famille": {"parents": ["demandeur"]}},
        "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
        "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
    }
