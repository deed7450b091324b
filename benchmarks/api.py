"""Web API latency: the README's /calculate example against this package and openfisca-france.

Both are started the same way (``openfisca serve --country-package X --bind 127.0.0.1:PORT --workers 1``),
on a free loopback port, warmed up, then asked the same request ``requetes`` times one after the other.
The servers are stopped at the end, whatever happens.
"""
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

import requests

# The README's example (section "Using the web API"): a single jobseeker without resources, May 2025.
EXEMPLE_README = {
    "individus": {"demandeur": {"activite": {"2025-05": "chomeur"},
                                "ass_precondition_remplie": {"2025-05": True},
                                "ass": {"2025-05": None}}},
    "familles": {"famille": {"parents": ["demandeur"]}},
    "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
    "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
    }

PAQUETS = {"ass": "openfisca_ass", "france": "openfisca_france"}


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def commande_openfisca():
    """The ``openfisca`` script beside this Python (the venv's), else the module."""
    script = os.path.join(os.path.dirname(sys.executable), "openfisca")
    if os.path.exists(script):
        return [script]
    return [sys.executable, "-m", "openfisca_core.scripts.openfisca_command"]


class Serveur:
    """``openfisca serve`` for one country package, as a context manager."""

    def __init__(self, modele, delai_demarrage=180):
        self.modele = modele
        self.port = port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        self.delai = delai_demarrage
        self.processus = None

    def __enter__(self):
        commande = commande_openfisca() + [
            "serve", "--country-package", PAQUETS[self.modele],
            "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
            ]
        self.processus = subprocess.Popen(
            commande, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        fin = time.monotonic() + self.delai
        while time.monotonic() < fin:
            if self.processus.poll() is not None:
                raise RuntimeError(f"openfisca serve ({self.modele}) s'est arrêté au démarrage")
            try:
                if requests.get(self.url + "/entities", timeout=5).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"openfisca serve ({self.modele}) n'a pas répondu en {self.delai} s")

    def __exit__(self, *exc):
        if self.processus is not None and self.processus.poll() is None:
            # Our own process group (start_new_session): gunicorn master and its worker.
            os.killpg(self.processus.pid, signal.SIGTERM)
            try:
                self.processus.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.processus.pid, signal.SIGKILL)
                self.processus.wait()


def percentile(valeurs, q):
    """q-th percentile (0-100), linear interpolation, like numpy's default."""
    v = sorted(valeurs)
    if len(v) == 1:
        return v[0]
    rang = (len(v) - 1) * q / 100
    bas = int(rang)
    haut = min(bas + 1, len(v) - 1)
    return v[bas] + (v[haut] - v[bas]) * (rang - bas)


def mesurer(modele, requetes=30, echauffement=3, corps=None):
    """Latencies (s) of ``requetes`` POST /calculate after ``echauffement`` unmeasured ones."""
    corps = json.dumps(corps or EXEMPLE_README)
    entetes = {"Content-Type": "application/json"}
    with Serveur(modele) as serveur:
        session = requests.Session()
        latences = []
        for i in range(echauffement + requetes):
            debut = time.perf_counter()
            reponse = session.post(serveur.url + "/calculate", data=corps, headers=entetes, timeout=120)
            duree = time.perf_counter() - debut
            reponse.raise_for_status()
            if i >= echauffement:
                latences.append(duree)
        montant = reponse.json()["individus"]["demandeur"]["ass"]["2025-05"]
    return {
        "modele": modele,
        "requetes": requetes,
        "mediane_s": statistics.median(latences),
        "p95_s": percentile(latences, 95),
        "ass": montant,
        }


if __name__ == "__main__":
    for m in sys.argv[1:] or ("ass", "france"):
        print(json.dumps(mesurer(m, requetes=10)))
