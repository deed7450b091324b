"""A second server, for what the shared one cannot show: settings other than the test ones.

- exposure left at its defaults: ``/trace`` off, CORS methods GET, POST, OPTIONS; origins restricted
  to one (``OPENFISCA_ASS_CORS_ORIGINES``);
- a reformed system served (``OPENFISCA_ASS_REFORMES``), /compare keeping the law in force;
- a deadline of 5 s with a budget raised so that a request like issue 12's 72-month one, over the 26
  years of the model and for 50 persons at once (an axis), reaches it: a JSON 503 with ``Retry-After``,
  and the worker still alive. The server has one worker, so that the deadline test meets the worker the
  tests before it have warmed: a cold first /compare (its first simulations, about 1 s, more on a loaded
  machine) must not reach the deadline; that first /compare, in ``test_servir_un_systeme_reforme``, is
  answered in full. Issue 12's request over 20 years for one person, about 80 s at the time, now takes
  less than 20 s: the request must stay far above the deadline whatever the model's speed. One worker
  also makes the last check stronger: the very worker that hit the deadline answers the next request.

Recycling on memory is ``test_api_gunicorn_conf``'s: a real server recycling at every request would
disturb the other tests.
"""
import copy
import time

import pytest
from serveur_essai_api import REFORME_ESSAI, serveur_gunicorn

ORIGINE = "https://simulateur.example"
DELAI_S = 5
MOIS_DU_MODELE = [f"{2002 + m // 12}-{m % 12 + 1:02d}" for m in range(26 * 12)]  # 2002-01 to 2027-12
POINTS_D_AXE = 50


@pytest.fixture(scope="module")
def reglages(tmp_path_factory):
    with serveur_gunicorn(tmp_path_factory.mktemp("serveur_reglages"),
                          OPENFISCA_ASS_REFORMES=REFORME_ESSAI,
                          OPENFISCA_ASS_REFORMES_COMPARABLES=REFORME_ESSAI,
                          OPENFISCA_ASS_CORS_ORIGINES=ORIGINE,
                          OPENFISCA_ASS_DELAI=str(DELAI_S),
                          WEB_CONCURRENCY="1",
                          OPENFISCA_ASS_MAX_VARIABLES_PERIODES="2000",
                          OPENFISCA_ASS_MAX_CALCULS="1000000") as serveur:
        yield serveur


def test_trace_desactivee_par_defaut(reglages, exemple):
    reponse = reglages.post("/trace", json=exemple)
    assert reponse.status_code == 404
    assert "OPENFISCA_ASS_TRACE=1" in reponse.json()["attendu"]
    assert "/trace" not in reglages.get("/spec").json()["paths"]


def test_cors_origine_autorisee(reglages):
    reponse = reglages.session.options(reglages.url + "/calculate", timeout=60, headers={
        "Origin": ORIGINE, "Access-Control-Request-Method": "POST"})
    assert reponse.headers["Access-Control-Allow-Origin"] == ORIGINE


def test_cors_autre_origine_sans_en_tete(reglages, exemple):
    reponse = reglages.post("/calculate", json=exemple, headers={"Origin": "https://autre.example"})
    assert reponse.status_code == 200
    assert "Access-Control-Allow-Origin" not in reponse.headers


def test_servir_un_systeme_reforme(reglages, exemple):
    """OPENFISCA_ASS_REFORMES serves the reformed system; /compare keeps the law in force as reference."""
    calcul = reglages.post("/calculate", json=exemple)
    assert calcul.status_code == 200, calcul.text
    assert calcul.json()["individus"]["demandeur"]["ass"]["2025-05"] == 630.23  # 31 × 20.33
    comparaison = reglages.post("/compare", json={"reforme": REFORME_ESSAI, "situation": exemple})
    assert comparaison.status_code == 200, comparaison.text
    assert comparaison.json()["reference"]["individus"]["demandeur"]["ass"]["2025-05"] == 599.23  # 31 × 19.33
    assert comparaison.json()["ecart"]["individus"]["demandeur"]["ass"]["2025-05"] == 31.0  # 31 × 1


def test_delai_depasse_503_json_avec_retry_after(reglages, exemple):
    """Issue 12's request over every month of the model and 50 persons: with the budget raised, the deadline
    stops it."""
    situation = copy.deepcopy(exemple)
    for nom in ("rsa", "ppa", "aide_logement"):
        situation["familles"]["famille"][nom] = {mois: None for mois in MOIS_DU_MODELE}
    situation["individus"]["demandeur"]["ass"] = {mois: None for mois in MOIS_DU_MODELE}
    situation["axes"] = [[{"count": POINTS_D_AXE, "name": "salaire_de_base", "min": 0, "max": 30000,
                           "period": "2024"}]]
    debut = time.perf_counter()
    reponse = reglages.post("/calculate", json=situation, timeout=120)
    duree = time.perf_counter() - debut
    assert reponse.status_code == 503, reponse.text[:300]
    assert reponse.headers["Retry-After"] == "5"
    corps = reponse.json()
    assert corps["limite"] == {"nom": "delai_s", "reglage": "OPENFISCA_ASS_DELAI", "valeur": DELAI_S}
    # The deadline plus one formula and the simulation's build, with a margin for a loaded machine.
    assert DELAI_S <= duree < DELAI_S + 30
    assert reglages.post("/calculate", json=exemple).status_code == 200
