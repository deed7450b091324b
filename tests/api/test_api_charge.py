"""Load on the shared server: 8 clients at once, bounded in count (and each request in time).

- the load run: 8 clients × 150 ``/calculate`` (the README example, ages varied), every answer right;
- the mixed run: 8 clients × 50, 70 % valid and 30 % bad requests, each with its expected status and
  never a 5xx;
- a worker killed (SIGKILL) under load: each client loses at most its request in flight, the master
  forks a new worker, and the service goes on.

Throughput and latencies (p50, p95, p99) are printed (``pytest -s`` shows them; the README quotes them),
never compared with a threshold: a slow machine must not fail the suite.

The counts per client are the measure's (150, 50 and 30) when this file is run alone, as the README's load
command does. ``make test`` bounds them (``OPENFISCA_ASS_CHARGE_REQUETES``, ``OPENFISCA_ASS_CHARGE_MIXTES``
and ``OPENFISCA_ASS_CHARGE_PANNE``, set in the Makefile): the same assertions over fewer requests, every
kind of bad request still sent, the worker still killed once every client is sending. ``make test-charge``
runs the full measure.
"""
import concurrent.futures
import copy
import os
import signal
import statistics
import threading
import time

import requests

CLIENTS = 8
REQUETES_PAR_CLIENT = int(os.environ.get("OPENFISCA_ASS_CHARGE_REQUETES", 150))
REQUETES_MIXTES_PAR_CLIENT = int(os.environ.get("OPENFISCA_ASS_CHARGE_MIXTES", 50))
REQUETES_PENDANT_LA_PANNE = int(os.environ.get("OPENFISCA_ASS_CHARGE_PANNE", 30))
# The worker is killed once this many answers have come back: every client is sending, whatever the speed.
REPONSES_AVANT_LA_PANNE = 2 * CLIENTS
DELAI_REQUETE_S = 60


def valide(exemple, i):
    requete = copy.deepcopy(exemple)
    # Ages 20 to 64 (before any stop for age: 31 × 19.33 each): distinct situations, not n times one.
    requete["individus"]["demandeur"]["age"] = {"2025-05": 20 + i % 45}
    return requete


def mauvaises_requetes(exemple):
    """(method, route, keyword arguments, expected status): a careless or hostile client's requests."""
    negatif = copy.deepcopy(exemple)
    negatif["individus"]["demandeur"]["age"] = {"2025-05": -4}
    inconnue = copy.deepcopy(exemple)
    inconnue["individus"]["demandeur"]["inconnue"] = {"2025-05": None}
    annuelle = copy.deepcopy(exemple)
    annuelle["individus"]["demandeur"]["ass"] = {"2025": None}
    couteuse = copy.deepcopy(exemple)
    couteuse["familles"]["famille"]["rsa"] = {f"{2020 + m // 12}-{m % 12 + 1:02d}": None for m in range(72)}
    return [
        ("post", "/calculate", {"json": negatif}, 400),
        ("post", "/calculate", {"json": inconnue}, 404),
        ("post", "/calculate", {"json": annuelle}, 400),
        ("post", "/calculate", {"json": couteuse}, 422),
        ("post", "/calculate", {"data": b"{\"individus\": ", "headers": {"Content-Type": "application/json"}}, 400),
        ("post", "/calculate", {"data": b"age=40", "headers": {"Content-Type": "text/plain"}}, 415),
        ("get", "/calculate", {}, 405),
        ("post", "/compare", {"json": {"reforme": "os.system", "situation": exemple}}, 400),
        ("get", "/nexiste_pas", {}, 404),
    ]


class Compteur:
    """Answers received by all the clients; ``atteint`` is set once there are ``seuil`` of them."""

    def __init__(self, seuil):
        self.seuil, self.nombre, self.verrou, self.atteint = seuil, 0, threading.Lock(), threading.Event()

    def un_de_plus(self):
        with self.verrou:
            self.nombre += 1
            if self.nombre >= self.seuil:
                self.atteint.set()


def client(url, requetes, compteur=None):
    """Sends ``requetes`` (method, route, kwargs, expected status) on one connection, in order.

    Returns the durations (s), the answers that differ from what was expected, and the connection
    errors (a worker killed under this client's request).
    """
    durees, anomalies, coupures = [], [], []
    with requests.Session() as session:
        for methode, route, kwargs, statut, verifier in requetes:
            debut = time.perf_counter()
            try:
                reponse = session.request(methode, url + route, timeout=DELAI_REQUETE_S, **kwargs)
            # A worker killed before it answers drops the connection (ConnectionError); killed while it writes
            # the body, the answer stops short (ChunkedEncodingError): either way, the request in flight.
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as erreur:
                coupures.append(repr(erreur)[:200])
                continue
            if compteur:
                compteur.un_de_plus()
            durees.append(time.perf_counter() - debut)
            if reponse.status_code != statut or (verifier and not verifier(reponse)):
                anomalies.append((route, statut, reponse.status_code, reponse.text[:200]))
    return durees, anomalies, coupures


def ass_599_23(reponse):
    return reponse.json()["individus"]["demandeur"]["ass"]["2025-05"] == 599.23  # 31 × 19.33


def lancer(url, lots, pendant=None, compteur=None):
    """Run one client per lot of requests, at once; ``pendant()`` runs meanwhile (a worker killed)."""
    debut = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(lots)) as pool:
        futurs = [pool.submit(client, url, lot, compteur) for lot in lots]
        if pendant:
            pendant()
        resultats = [f.result() for f in futurs]
    return resultats, time.perf_counter() - debut


def resumer(nom, resultats, total):
    durees = sorted(d for r in resultats for d in r[0])
    centiles = statistics.quantiles(durees, n=100)
    print(f"\n{nom}: {len(durees)} requests, {len(resultats)} clients, {total:.1f} s, "
          f"{len(durees) / total:.1f} requests/s, p50 {centiles[49] * 1000:.0f} ms, "
          f"p95 {centiles[94] * 1000:.0f} ms, p99 {centiles[98] * 1000:.0f} ms")
    return durees


def test_charge_8_clients_150_requetes(serveur, exemple):
    lots = [[("post", "/calculate", {"json": valide(exemple, i)}, 200, ass_599_23) for i in range(REQUETES_PAR_CLIENT)]
            for _ in range(CLIENTS)]
    resultats, total = lancer(serveur.url, lots)
    durees = resumer("Load run /calculate", resultats, total)
    assert [a for r in resultats for a in r[1]] == []
    assert [c for r in resultats for c in r[2]] == []
    assert len(durees) == CLIENTS * REQUETES_PAR_CLIENT


def test_charge_mixte_70_valides_30_mauvaises(serveur, exemple):
    mauvaises = mauvaises_requetes(exemple)
    lots, envoyees = [], set()
    for c in range(CLIENTS):
        lot = []
        for i in range(REQUETES_MIXTES_PAR_CLIENT):
            if i % 10 < 7:
                lot.append(("post", "/calculate", {"json": valide(exemple, i)}, 200, ass_599_23))
            else:
                sorte = (c * REQUETES_MIXTES_PAR_CLIENT + i) % len(mauvaises)
                methode, route, kwargs, statut = mauvaises[sorte]
                lot.append((methode, route, kwargs, statut, None))
                envoyees.add(sorte)
        lots.append(lot)
    # However bounded the run, every kind of bad request is sent.
    assert envoyees == set(range(len(mauvaises))), sorted(envoyees)
    resultats, total = lancer(serveur.url, lots)
    resumer("Mixed run (70 % valid, 30 % bad)", resultats, total)
    anomalies = [a for r in resultats for a in r[1]]
    assert [a for a in anomalies if a[2] >= 500] == []  # zero 5xx
    assert anomalies == []  # and every status the expected one
    assert [c for r in resultats for c in r[2]] == []


def test_un_processus_tue_sous_charge_ne_coute_que_la_requete_en_cours(serveur, exemple):
    fils = serveur.processus_fils()
    assert len(fils) == 2
    victime = fils[0]
    tue = threading.Event()
    compteur = Compteur(REPONSES_AVANT_LA_PANNE)

    au_moment_de_la_panne = []

    def tuer():
        assert compteur.atteint.wait(DELAI_REQUETE_S)  # every client is sending
        os.kill(victime, signal.SIGKILL)
        au_moment_de_la_panne.append(compteur.nombre)
        tue.set()

    lots = [[("post", "/calculate", {"json": valide(exemple, i)}, 200, ass_599_23)
             for i in range(REQUETES_PENDANT_LA_PANNE)] for _ in range(CLIENTS)]
    resultats, total = lancer(serveur.url, lots, pendant=tuer, compteur=compteur)
    assert tue.is_set()
    # Killed with most of the run still to send: the service going on afterwards is what is measured.
    assert au_moment_de_la_panne[0] < CLIENTS * REQUETES_PENDANT_LA_PANNE // 2
    resumer("Load with a worker killed", resultats, total)
    assert [a for r in resultats for a in r[1]] == []  # no wrong answer, no 5xx
    # Each client loses at most the one request it had in flight on the killed worker.
    assert all(len(r[2]) <= 1 for r in resultats), [r[2] for r in resultats]
    servies = sum(len(r[0]) for r in resultats)
    assert servies >= CLIENTS * (REQUETES_PENDANT_LA_PANNE - 1)
    nouveaux = serveur.attendre_les_fils(2)
    assert victime not in nouveaux
    assert ass_599_23(serveur.post("/calculate", json=exemple))
