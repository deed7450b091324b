"""A second server, for what the shared one cannot show: settings other than the test ones.

- exposure left at its defaults: ``/trace`` off, CORS methods GET, POST, OPTIONS; origins restricted
  to one (``OPENFISCA_ASS_CORS_ORIGINES``);
- a reformed system served (``OPENFISCA_ASS_REFORMES``), /compare keeping the law in force;
- a deadline of 8 s with a budget raised so that issue 12's 72-month request (23 s of computation)
  reaches it: a JSON 503 with ``Retry-After``, and the worker still alive;
- ``OPENFISCA_ASS_RSS_MAX_MIO=1``: every worker is over it, so each request recycles its worker.
"""
import copy
import time

import pytest
from serveur_essai_api import REFORME_ESSAI, serveur_gunicorn

ORIGINE = "https://simulateur.example"
DELAI_S = 8
MOIS_72 = [f"{2020 + m // 12}-{m % 12 + 1:02d}" for m in range(72)]


@pytest.fixture(scope="module")
def reglages(tmp_path_factory):
    with serveur_gunicorn(tmp_path_factory.mktemp("serveur_reglages"),
                          OPENFISCA_ASS_REFORMES=REFORME_ESSAI,
                          OPENFISCA_ASS_REFORMES_COMPARABLES=REFORME_ESSAI,
                          OPENFISCA_ASS_CORS_ORIGINES=ORIGINE,
                          OPENFISCA_ASS_DELAI=str(DELAI_S),
                          OPENFISCA_ASS_MAX_VARIABLES_PERIODES="1000",
                          OPENFISCA_ASS_MAX_CALCULS="1000000",
                          OPENFISCA_ASS_RSS_MAX_MIO="1") as serveur:
        yield serveur


def test_trace_desactivee_par_defaut(reglages, exemple):
    reponse = reglages.post("/trace", json=exemple)
    assert reponse.status_code == 404
    assert "OPENFISCA_ASS_TRACE=1" in reponse.json()["attendu"]
    assert "/trace" not in reglages.get("/spec").json()["paths"]


def test_cors_origine_autorisee(reglages):
    reponse = reglages.session.options(reglages.url + "/calculate", timeout=10, headers={
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
    """Issue 12's 3.7 KiB request (23 s): with the budget raised, the deadline stops it."""
    situation = copy.deepcopy(exemple)
    for nom in ("rsa", "ppa", "aide_logement"):
        situation["familles"]["famille"][nom] = {mois: None for mois in MOIS_72}
    debut = time.perf_counter()
    reponse = reglages.post("/calculate", json=situation, timeout=60)
    duree = time.perf_counter() - debut
    assert reponse.status_code == 503, reponse.text[:300]
    assert reponse.headers["Retry-After"] == "5"
    corps = reponse.json()
    assert corps["limite"] == {"nom": "delai_s", "reglage": "OPENFISCA_ASS_DELAI", "valeur": DELAI_S}
    # The deadline plus one formula and the simulation's build; never gunicorn's 60 s.
    assert DELAI_S <= duree < DELAI_S + 20
    assert reglages.post("/calculate", json=exemple).status_code == 200


def test_recyclage_sur_la_memoire(reglages, exemple):
    """Over OPENFISCA_ASS_RSS_MAX_MIO, the worker answers (Connection: close) and is replaced."""
    avant = set(reglages.processus_fils())
    reponse = reglages.post("/calculate", json=exemple)
    assert reponse.status_code == 200
    assert reponse.headers.get("Connection", "").lower() == "close"
    limite = time.monotonic() + 60
    while set(reglages.processus_fils()) & avant == avant and time.monotonic() < limite:
        time.sleep(0.2)
    apres = set(reglages.attendre_les_fils(2))
    assert apres != avant
    assert "OPENFISCA_ASS_RSS_MAX_MIO=1, recycled" in reglages.journal.read_text()
