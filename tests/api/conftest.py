"""Un vrai serveur gunicorn de l'API, lancé une fois pour tout le dossier (voir ``serveur_essai_api``)."""
import pytest
from serveur_essai_api import REFORME_ESSAI, serveur_gunicorn


@pytest.fixture(scope="session")
def serveur(tmp_path_factory):
    """Le serveur partagé par les tests : système en vigueur, réforme d'essai au registre de /compare."""
    with serveur_gunicorn(tmp_path_factory.mktemp("serveur_api"),
                          OPENFISCA_ASS_REFORMES_COMPARABLES=REFORME_ESSAI) as serveur:
        yield serveur


@pytest.fixture(scope="session")
def exemple():
    """La situation d'exemple du README (et de /spec) : un demandeur seul, sans ressources, mai 2025."""
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
