"""Courte charge : 8 clients simultanés × 200 requêtes /calculate, aucune erreur.

Le débit et les latences (p50, p95) sont écrits sur la sortie standard (``pytest -s`` pour les voir),
jamais comparés à un seuil : une machine lente ne doit pas faire échouer la suite.
"""
import concurrent.futures
import copy
import os
import statistics
import time

import requests

CLIENTS = 8
# 200 par client, comme le demande l'issue ; réglable pour une mesure plus longue ou plus courte.
REQUETES_PAR_CLIENT = int(os.environ.get("OPENFISCA_ASS_CHARGE_REQUETES", 200))


def client(url, situation, n):
    """n requêtes sur une connexion ; les durées (s) et les réponses anormales."""
    durees, anomalies = [], []
    with requests.Session() as session:
        for i in range(n):
            requete = copy.deepcopy(situation)
            # Des âges différents (20 à 64 ans, avant tout arrêt pour âge : 31 × 19.33 pour chacun) :
            # autant de situations distinctes, pas n fois la même.
            requete["individus"]["demandeur"]["age"] = {"2025-05": 20 + i % 45}
            debut = time.perf_counter()
            reponse = session.post(url + "/calculate", json=requete, timeout=60)
            durees.append(time.perf_counter() - debut)
            if reponse.status_code != 200 or reponse.json()["individus"]["demandeur"]["ass"]["2025-05"] != 599.23:
                anomalies.append((reponse.status_code, reponse.text[:200]))
    return durees, anomalies


def test_charge_8_clients_200_requetes(serveur, exemple):
    debut = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        resultats = list(pool.map(lambda _: client(serveur.url, exemple, REQUETES_PAR_CLIENT), range(CLIENTS)))
    total = time.perf_counter() - debut
    durees = sorted(d for r in resultats for d in r[0])
    anomalies = [a for r in resultats for a in r[1]]
    centiles = statistics.quantiles(durees, n=100)
    print(f"\nCharge /calculate : {len(durees)} requêtes, {CLIENTS} clients, {total:.1f} s, "
          f"{len(durees) / total:.1f} requêtes/s, p50 {centiles[49] * 1000:.0f} ms, "
          f"p95 {centiles[94] * 1000:.0f} ms, erreurs {len(anomalies)}")
    assert len(durees) == CLIENTS * REQUETES_PAR_CLIENT
    assert anomalies == []
