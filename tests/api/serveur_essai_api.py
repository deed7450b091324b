"""Start a real gunicorn server of the API on 127.0.0.1 and a free port (helpers of the tests in tests/api).

A module with a unique name (not ``conftest``): ``tests/conftest.py`` exists too, and ``from conftest
import`` could mean either.

The server runs as in production (``openfisca_ass.api.wsgi`` and ``gunicorn_conf``: gthread workers,
preloaded application), from a temporary folder: gunicorn puts its working directory first on
``sys.path``, and from the repository root it would import the checkout instead of the installed
package (the wheel, in CI).
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
DEMARRAGE_MAX_S = 240


def mourir_avec_le_parent():
    """Linux: the server gets SIGTERM if pytest dies without stopping it (killed, timed out)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere, the finally block stops it


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serveur:
    """A running server: its URL, a session, its master process and its log."""

    def __init__(self, url, processus, journal):
        self.url = url
        self.processus = processus
        self.journal = journal
        self.session = requests.Session()
        host, _, port = url.rpartition("//")[2].partition(":")
        self.adresse = (host, int(port))

    def post(self, chemin, **kwargs):
        kwargs.setdefault("timeout", 60)
        return self.session.post(self.url + chemin, **kwargs)

    def get(self, chemin, **kwargs):
        kwargs.setdefault("timeout", 60)
        return self.session.get(self.url + chemin, **kwargs)

    def processus_fils(self):
        """PIDs of the gunicorn workers (children of the master); Linux only."""
        with open(f"/proc/{self.processus.pid}/task/{self.processus.pid}/children") as fils:
            return sorted(int(pid) for pid in fils.read().split())

    def attendre_les_fils(self, nombre, delai_s=60):
        """Wait until the master has ``nombre`` live workers again (after one was killed)."""
        limite = time.monotonic() + delai_s
        while time.monotonic() < limite:
            fils = self.processus_fils()
            if len(fils) == nombre:
                return fils
            time.sleep(0.2)
        pytest.fail(f"{len(self.processus_fils())} workers after {delai_s} s, {nombre} expected")


@contextlib.contextmanager
def serveur_gunicorn(dossier, **variables):
    """An API server started from ``dossier`` (empty), with these extra environment variables."""
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
                pytest.fail("The server stopped while starting:\n" + chemin_journal.read_text()[-5000:])
            try:
                # Core's root answers 300 (a welcome message): the cheapest route.
                if requests.get(url + "/", timeout=30).status_code == 300:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > limite:
                pytest.fail("The server did not answer in time:\n" + chemin_journal.read_text()[-5000:])
            time.sleep(0.5)
        yield Serveur(url, processus, chemin_journal)
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()
        journal.close()
        # A 5xx leaves a traceback in the log: showing it helps understand a failure.
        texte = chemin_journal.read_text()
        if "Traceback" in texte:
            sys.stderr.write("\n--- API server log ---\n" + texte[-8000:])
