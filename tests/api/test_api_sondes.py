"""The probes of issue 12's table, against the shared server: each answered with its documented status
within its latency bound, and the server still serving afterwards.

(The type probes — a boolean sent as a string, impossible dates, the five former 500s — are
``test_api_types.py``'s.) Latency bounds are generous (a loaded 2-core machine); what they catch is the
old behaviour: 35 s, 23 s, a minute without service.
"""
import copy
import json
import socket
import time

import pytest

MOIS_72 = [f"{2020 + m // 12}-{m % 12 + 1:02d}" for m in range(72)]


def chronometrer(appel):
    debut = time.perf_counter()
    reponse = appel()
    return reponse, time.perf_counter() - debut


def verifier_limite(reponse, statut, nom, recu):
    assert reponse.status_code == statut, reponse.text
    assert reponse.headers["Content-Type"].startswith("application/json")
    corps = reponse.json()
    assert corps["limite"]["nom"] == nom
    assert corps["limite"]["reglage"].startswith("OPENFISCA_ASS_")
    assert corps["recu"] == recu
    assert str(corps["limite"]["valeur"]) in corps["attendu"]
    return corps


def foule(personnes):
    """``personnes`` single jobseekers, each in their own family, tax household and dwelling."""
    situation = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for i in range(personnes):
        p = f"p{i}"
        situation["individus"][p] = {"activite": {"2025-05": "chomeur"}, "ass_precondition_remplie": {"2025-05": True},
                                     "ass": {"2025-05": None}}
        situation["familles"][f"f{i}"] = {"parents": [p]}
        situation["foyers_fiscaux"][f"ff{i}"] = {"declarants": [p]}
        situation["menages"][f"m{i}"] = {"personne_de_reference": [p]}
    return situation


def test_sockets_muets_n_affament_pas_le_service(serveur, exemple):
    """20 idle TCP connections, 0 bytes sent (sync workers: 2 stopped all service for 61 s)."""
    muets = [socket.create_connection(serveur.adresse, timeout=5) for _ in range(20)]
    try:
        time.sleep(0.5)  # every worker has accepted its share
        for _ in range(3):
            reponse, duree = chronometrer(lambda: serveur.post("/calculate", json=exemple, timeout=30))
            assert reponse.status_code == 200, reponse.text
            assert reponse.json()["individus"]["demandeur"]["ass"]["2025-05"] == 599.23  # 31 × 19.33
            assert duree < 10  # one request on a loaded machine; the sync workers made it 61 s
    finally:
        for s in muets:
            s.close()


def test_connexions_gardees_ouvertes_n_affament_pas_le_service(serveur, exemple):
    """Kept-alive clients that stay silent after a first answer go back to the poller, off the threads."""
    import requests

    sessions = [requests.Session() for _ in range(12)]
    try:
        for session in sessions:
            assert session.get(serveur.url + "/", timeout=30).status_code == 300
        reponse, duree = chronometrer(lambda: serveur.post("/calculate", json=exemple, timeout=30))
        assert reponse.status_code == 200
        assert duree < 10
    finally:
        for session in sessions:
            session.close()


def test_600_personnes_et_un_axe_de_1000_points(serveur):
    """134 KiB that cost 35 s and 5.1 GiB: refused before computing."""
    situation = foule(600)
    situation["axes"] = [[{"name": "salaire_de_base", "count": 1000, "min": 0, "max": 3000, "period": "2025-04"}]]
    assert len(json.dumps(situation)) > 100_000
    reponse, duree = chronometrer(lambda: serveur.post("/calculate", json=situation))
    verifier_limite(reponse, 422, "personnes_points", 600 * 1000)
    assert duree < 5


def test_deux_axes_de_100_points(serveur, exemple):
    situation = copy.deepcopy(exemple)
    situation["axes"] = [[{"name": "age", "count": 100, "min": 20, "max": 60, "period": "2025-05"}],
                         [{"name": "salaire_de_base", "count": 100, "min": 0, "max": 1, "period": "2025-04"}]]
    verifier_limite(serveur.post("/calculate", json=situation), 422, "personnes_points", 100 * 100)


def test_une_grille_dans_le_budget_est_calculee(serveur, exemple):
    situation = copy.deepcopy(exemple)
    situation["individus"]["demandeur"]["age"] = {"2025-05": None}
    situation["axes"] = [[{"name": "age", "count": 1000, "min": 20, "max": 69, "period": "2025-05"}]]
    reponse, duree = chronometrer(lambda: serveur.post("/calculate", json=situation))
    assert reponse.status_code == 200, reponse.text
    montants = reponse.json()["individus"]["demandeur"]["ass"]["2025-05"]
    assert len(montants) == 1000
    assert montants[0] == 599.23  # 20 years old: 31 × 19.33
    assert duree < 20


def test_rsa_ppa_aide_logement_sur_72_mois(serveur, exemple):
    """3.7 KiB that cost 23 s, then a dropped connection at 60 s: refused before computing."""
    situation = copy.deepcopy(exemple)
    for nom in ("rsa", "ppa", "aide_logement"):
        situation["familles"]["famille"][nom] = {mois: None for mois in MOIS_72}
    reponse, duree = chronometrer(lambda: serveur.post("/calculate", json=situation))
    corps = verifier_limite(reponse, 422, "variables_periodes", 3 * 72 + 1)  # + the example's ass
    assert "au plus 12 " in corps["attendu"]
    assert duree < 5


def test_le_produit_des_deux_est_aussi_borne(serveur, exemple):
    """1,000 points (within the 2,000) × 12 pairs (within the 12) = 12,000 > 6,000."""
    situation = copy.deepcopy(exemple)
    situation["familles"]["famille"]["rsa"] = {mois: None for mois in MOIS_72[:11]}  # + ass: 12 pairs
    situation["axes"] = [[{"name": "salaire_de_base", "count": 1000, "min": 0, "max": 3000, "period": "2025-04"}]]
    verifier_limite(serveur.post("/calculate", json=situation), 422, "calculs", 1000 * 12)


def test_budget_de_compare(serveur, exemple):
    corps = {"reformes": ["suppression_ass"] * 6, "situation": exemple}
    verifier_limite(serveur.post("/compare", json=corps), 422, "reformes", 6)
    situation = foule(600)
    situation["axes"] = [[{"name": "salaire_de_base", "count": 4, "min": 0, "max": 3000, "period": "2025-04"}]]
    verifier_limite(serveur.post("/compare", json={"reforme": "suppression_ass", "situation": situation}),
                    422, "personnes_points", 600 * 4)


@pytest.mark.parametrize("methode", ["DELETE", "PUT", "PATCH"])
def test_preflight_cors_refuse_les_methodes_d_ecriture(serveur, methode):
    reponse = serveur.session.options(serveur.url + "/calculate", timeout=10, headers={
        "Origin": "https://nimporte.example", "Access-Control-Request-Method": methode})
    assert methode not in reponse.headers.get("Access-Control-Allow-Methods", "")


def test_preflight_cors_accepte_post(serveur):
    reponse = serveur.session.options(serveur.url + "/calculate", timeout=10, headers={
        "Origin": "https://simulateur.example", "Access-Control-Request-Method": "POST"})
    assert reponse.headers["Access-Control-Allow-Origin"] in ("*", "https://simulateur.example")
    methodes = reponse.headers["Access-Control-Allow-Methods"].replace(" ", "").split(",")
    assert set(methodes) == {"GET", "POST", "OPTIONS"}


def test_trace_d_une_personne_sous_le_plafond(serveur, exemple):
    """This server turns /trace on, capped at 600,000 bytes (see conftest)."""
    reponse = serveur.post("/trace", json=exemple)
    assert reponse.status_code == 200, reponse.text[:300]
    assert len(reponse.content) <= 600_000
    assert reponse.json()["requestedCalculations"] == ["ass<2025-05>"]


def test_trace_au_dela_du_plafond(serveur, exemple):
    situation = copy.deepcopy(exemple)
    # About 524 kB + 5 × 41 kB.
    situation["individus"]["demandeur"]["ass"] = {f"2025-{m:02d}": None for m in range(1, 7)}
    reponse = serveur.post("/trace", json=situation)
    assert reponse.status_code == 422, reponse.text[:300]
    corps = reponse.json()
    assert corps["limite"] == {"nom": "trace_max_octets", "reglage": "OPENFISCA_ASS_TRACE_MAX_OCTETS",
                               "valeur": 600_000}
    assert corps["recu"] > 600_000


def test_reformes_liste_les_quatre_reformes_livrees(serveur):
    reformes = serveur.get("/reformes").json()["reformes"]
    assert {"suppression_ass", "suppression_ass_immediate", "fin_cumul_aah", "maintien_cumul_aah"} <= set(reformes)
    assert reformes["fin_cumul_aah"]["chemin"] == "openfisca_ass.reforms.fin_cumul_aah.fin_cumul_aah"
    parametres = reformes["suppression_ass"]["parametres"]
    mode = parametres["chomage.allocations_assurance_chomage.ass.reformes.suppression_ass.mode_transition"]
    assert mode["valeur"] and mode["description"]


def test_le_serveur_sert_toujours(serveur, exemple):
    """After every probe above (same session, same server)."""
    assert serveur.post("/calculate", json=exemple).json()["individus"]["demandeur"]["ass"]["2025-05"] == 599.23
