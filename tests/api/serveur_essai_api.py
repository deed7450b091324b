"""Lancer un vrai serveur gunicorn de l'API sur 127.0.0.1 et un port libre (outils des tests de tests/api).

Module au nom unique (pas dans ``conftest``) : ``tests/conftest.py`` existe aussi, et ``from conftest
import`` pourrait désigner l'un ou l'autre.

Le serveur tourne comme en production (``openfisca_ass.api.wsgi`` et ``gunicorn_conf``), depuis un
dossier temporaire : gunicorn met son dossier courant en tête de ``sys.path``, et depuis la racine du
dépôt il importerait la copie de travail au lieu du paquet installé (la roue, en CI).
"""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

ICI = os.path.dirname(os.path.abspath(__file__))
REFORME_ESSAI = "reforme_essai_api.reforme_essai_api"
DEMARRAGE_MAX_S = 180


def mourir_avec_le_parent():
    """Linux : le serveur reçoit SIGTERM si pytest meurt sans avoir pu l'arrêter (tué, délai dépassé)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # ailleurs, l'arrêt repose sur le bloc finally


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serveur:
    def __init__(self, url):
        self.url = url
        self.session = requests.Session()

    def post(self, chemin, **kwargs):
        kwargs.setdefault("timeout", 60)
        return self.session.post(self.url + chemin, **kwargs)

    def get(self, chemin, **kwargs):
        kwargs.setdefault("timeout", 60)
        return self.session.get(self.url + chemin, **kwargs)


@contextlib.contextmanager
def serveur_gunicorn(dossier, **variables):
    """Un serveur d'API lancé depuis ``dossier`` (vide), avec ces variables d'environnement en plus."""
    port = port_libre()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (ICI, os.environ.get("PYTHONPATH")) if p)
    env["WEB_CONCURRENCY"] = "2"
    env.update(variables)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    chemin_journal = dossier / "serveur.log"
    journal = open(chemin_journal, "w")
    processus = subprocess.Popen(
        [gunicorn, "--config", "python:openfisca_ass.api.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "openfisca_ass.api.wsgi:application"],
        cwd=dossier, env=env, stdout=journal, stderr=subprocess.STDOUT,
        preexec_fn=mourir_avec_le_parent if sys.platform.startswith("linux") else None)
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + DEMARRAGE_MAX_S
        while True:
            if processus.poll() is not None:
                pytest.fail("Le serveur s'est arrêté au démarrage :\n" + chemin_journal.read_text()[-5000:])
            try:
                # La racine de core répond 300 (un message d'accueil) : la route la moins coûteuse.
                if requests.get(url + "/", timeout=30).status_code == 300:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > limite:
                pytest.fail("Le serveur n'a pas répondu à temps :\n" + chemin_journal.read_text()[-5000:])
            time.sleep(0.5)
        yield Serveur(url)
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()
        journal.close()
        # Une réponse 5xx laisse une trace dans le journal : la montrer aide à comprendre un échec.
        texte = chemin_journal.read_text()
        if "Traceback" in texte:
            sys.stderr.write("\n--- journal du serveur d'API ---\n" + texte[-8000:])
