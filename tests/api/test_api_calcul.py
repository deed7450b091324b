"""/spec, /calculate and /trace on a real server: the README's example and requests in openfisca-france's format."""
import copy

import pytest

MOIS_PRECEDENTS = [f"2024-{m:02d}" for m in range(5, 13)] + [f"2025-{m:02d}" for m in range(1, 5)]


def situation_france(age=45, salaire_passe=0, chomage_net=0, precondition=True):
    """Une requête telle qu'un simulateur l'écrit pour l'API d'openfisca-france (variables de France)."""
    return {
        "individus": {"demandeur": {
            "age": {"2025-05": age},
            "activite": {"2025-05": "chomeur"},
            "salaire_de_base": {mois: salaire_passe for mois in MOIS_PRECEDENTS},
            "chomage_net": {"2025-05": chomage_net},
            "ass_precondition_remplie": {"2025-05": precondition},
            "ass": {"2025-05": None},
            "ass_eligibilite_individu": {"2025-05": None},
        }},
        "familles": {"famille": {
            "parents": ["demandeur"],
            "ass_base_ressources": {"2025-05": None},
            "rsa": {"2025-05": None},
        }},
        "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
        "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
    }


def test_spec_decrit_calculate_et_compare(serveur):
    reponse = serveur.get("/spec")
    assert reponse.status_code == 200
    spec = reponse.json()
    assert {"/calculate", "/trace", "/compare", "/reformes"} <= set(spec["paths"])
    assert spec["servers"] == [{"url": serveur.url}]
    assert reponse.headers["Country-Package"] == "openfisca-ass"


def test_exemple_du_readme(serveur, exemple):
    reponse = serveur.post("/calculate", json=exemple)
    assert reponse.status_code == 200, reponse.text
    assert reponse.json()["individus"]["demandeur"]["ass"] == {"2025-05": 599.23}  # 31 × 19.33


def test_la_situation_exemple_de_la_spec_est_celle_du_readme(serveur, exemple):
    spec = serveur.get("/spec").json()
    assert spec["components"]["schemas"]["SituationInput"]["example"] == exemple


@pytest.mark.parametrize("entree, ass, eligible", [
    (dict(), 599.23, True),  # 31 × 19.33, aucune ressource
    # Salaires des douze mois précédents interrompus (chômeur en mai) : neutralisés (R5423-5).
    (dict(salaire_passe=2000), 599.23, True),
    (dict(chomage_net=500), 0, False),  # indemnisé par l'assurance chômage : pas d'ASS (L5423-1)
    (dict(age=70), 0, False),  # au-delà de l'âge du taux plein automatique (L5421-4 2°)
    (dict(precondition=False), 0, False),  # pas de cinq ans d'activité (R5423-1 1°)
])
def test_requete_au_format_france(serveur, entree, ass, eligible):
    reponse = serveur.post("/calculate", json=situation_france(**entree))
    assert reponse.status_code == 200, reponse.text
    demandeur = reponse.json()["individus"]["demandeur"]
    famille = reponse.json()["familles"]["famille"]
    assert demandeur["ass"]["2025-05"] == pytest.approx(ass, abs=0.005)
    assert demandeur["ass_eligibilite_individu"]["2025-05"] is eligible
    assert famille["ass_base_ressources"]["2025-05"] == 0
    assert isinstance(famille["rsa"]["2025-05"], float) and famille["rsa"]["2025-05"] >= 0


@pytest.fixture(scope="module")
def api_france(systeme_france):
    """openfisca-france's own API (in-process): the reference of the drop-in replacement, on the session's
    France system (tests/conftest.py), which other test files of the process read too.

    Built without France's example situation: core computes it (a couple's disposable income, traced) only to
    illustrate ``/spec``, 13 s that the ``/calculate`` answers compared here do not depend on. A shallow copy
    carries the other settings, so the session's system keeps its own."""
    from openfisca_web_api.app import create_app

    sans_exemple = copy.copy(systeme_france)
    sans_exemple.open_api_config = {cle: valeur for cle, valeur in systeme_france.open_api_config.items()
                                    if cle != "simulation_example"}
    return create_app(sans_exemple).test_client()


def structure(valeur):
    """La forme d'une réponse : mêmes clés, mêmes types, valeurs ignorées."""
    if isinstance(valeur, dict):
        return {cle: structure(v) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [structure(v) for v in valeur]
    return type(valeur).__name__


def test_meme_reponse_que_openfisca_france_a_la_valeur_pres(serveur, api_france):
    requete = situation_france(salaire_passe=1500)
    chez_france = api_france.post("/calculate", json=copy.deepcopy(requete))
    ici = serveur.post("/calculate", json=requete)
    assert chez_france.status_code == ici.status_code == 200
    assert structure(ici.json()) == structure(chez_france.get_json())


def test_meme_erreur_que_openfisca_france_pour_une_variable_inconnue(serveur, api_france, exemple):
    requete = copy.deepcopy(exemple)
    requete["individus"]["demandeur"]["variable_inexistante"] = {"2025-05": None}
    chez_france = api_france.post("/calculate", json=copy.deepcopy(requete))
    ici = serveur.post("/calculate", json=requete)
    assert ici.status_code == chez_france.status_code == 404
    assert set(ici.json()["individus"]["demandeur"]) == {"variable_inexistante"}


def test_trace(serveur, exemple):
    reponse = serveur.post("/trace", json=copy.deepcopy(exemple))
    assert reponse.status_code == 200, reponse.text
    assert reponse.json()["requestedCalculations"] == ["ass<2025-05>"]
    assert reponse.json()["trace"]["ass<2025-05>"]["value"] == [pytest.approx(599.23)]


def test_axes_une_valeur_par_point_de_la_grille(serveur, exemple):
    requete = copy.deepcopy(exemple)
    requete["individus"]["demandeur"]["age"] = {"2025-05": None}
    requete["axes"] = [[{"name": "age", "count": 3, "min": 40, "max": 80, "period": "2025-05"}]]
    reponse = serveur.post("/calculate", json=requete)
    assert reponse.status_code == 200, reponse.text
    demandeur = reponse.json()["individus"]["demandeur"]
    assert demandeur["age"]["2025-05"] == [40, 60, 80]
    # 31 × 19.33 avant l'âge du taux plein automatique (67 ans au plus), rien au-delà.
    assert demandeur["ass"]["2025-05"] == [pytest.approx(599.23), pytest.approx(599.23), 0]


def test_axes_sur_deux_dimensions_et_deux_personnes(serveur):
    requete = {
        "individus": {"a": {"activite": {"2025-05": "chomeur"}, "ass_precondition_remplie": {"2025-05": True},
                            "ass": {"2025-05": None}},
                      "b": {"ass": {"2025-05": None}, "age": {"2025-05": None}}},
        "familles": {"f": {"parents": ["a", "b"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["a", "b"]}},
        "menages": {"m": {"personne_de_reference": ["a"], "conjoint": ["b"]}},
        "axes": [[{"name": "age", "count": 2, "min": 30, "max": 40, "period": "2025-05", "index": 1}],
                 [{"name": "salaire_de_base", "count": 3, "min": 0, "max": 2000, "period": "2025-05", "index": 1}]],
    }
    reponse = serveur.post("/calculate", json=requete)
    assert reponse.status_code == 200, reponse.text
    individus = reponse.json()["individus"]
    # 2 × 3 points, dans l'ordre de core : le premier axe varie le plus vite.
    assert individus["b"]["age"]["2025-05"] == [30, 40, 30, 40, 30, 40]
    assert len(individus["a"]["ass"]["2025-05"]) == 6


def test_la_source_d_une_variable_est_celle_du_fichier(serveur, systeme):
    """/variable/ass links to the lines of its class and shows each formula's code: what core's loader finds by
    parsing the files, here read from the source cache (openfisca_ass/sources_en_cache.py)."""
    import inspect
    import textwrap

    reponse = serveur.get("/variable/ass")
    assert reponse.status_code == 200, reponse.text
    corps = reponse.json()
    formule = systeme.variables["ass"].formulas.peekitem(0)[1]
    lignes, debut = inspect.getsourcelines(formule)
    module = inspect.getsourcelines(inspect.getmodule(formule))[0]
    # The class is the file's last: from its line to the file's last line (1-based) ...
    classe, fin = module.index("class ass(Variable):\n") + 1, len(module)
    assert not any(ligne.startswith("class ") for ligne in module[classe:])
    # ... which core's link shows one line earlier (it counts from 0 there): openfisca-france's API does the same.
    assert corps["source"].endswith(f"variables/montant/ass.py#L{classe - 1}-L{fin - 1}")
    premiere = corps["formulas"][min(corps["formulas"])]
    assert premiere["content"] == textwrap.dedent("".join(lignes))
    assert premiere["source"].endswith(f"variables/montant/ass.py#L{debut}-L{debut + len(lignes) - 1}")
