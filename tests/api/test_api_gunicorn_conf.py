"""The serving settings (``openfisca_ass.api.gunicorn_conf``), read as gunicorn reads them."""
import gc
import types

from gunicorn.config import Config

from openfisca_ass.api import gunicorn_conf


class Journal:
    def __init__(self):
        self.messages = []

    def info(self, message, *arguments):
        self.messages.append(message % arguments)


def travailleur():
    return types.SimpleNamespace(alive=True, pid=1234, log=Journal())


def test_gunicorn_lit_ces_reglages():
    config = Config()
    for nom in ("workers", "worker_class", "threads", "worker_connections", "preload_app", "timeout",
                "keepalive", "max_requests", "max_requests_jitter", "pre_request", "pre_fork"):
        config.set(nom, getattr(gunicorn_conf, nom))
    assert config.worker_class_str == "gthread"
    assert config.threads == 4
    assert config.workers >= 2
    assert config.preload_app is True
    assert config.pre_request is gunicorn_conf.pre_request
    assert config.pre_fork is gunicorn_conf.pre_fork


def test_application_gelee_avant_chaque_fork():
    avant = gc.get_freeze_count()
    vivants = [[] for _ in range(1000)]  # objects the collector tracks, alive across the hook
    gunicorn_conf.pre_fork(None, None)
    assert gc.get_freeze_count() >= avant + len(vivants)


def test_recycle_au_dela_de_la_memoire(monkeypatch):
    monkeypatch.setattr(gunicorn_conf, "RSS_MAX_MIO", 500)
    monkeypatch.setattr(gunicorn_conf, "rss_mio", lambda: 501.0)
    t = travailleur()
    gunicorn_conf.pre_request(t, None)
    # gunicorn's gthread worker reads `alive` after this hook: this answer carries Connection: close,
    # then the worker finishes its requests in flight and exits.
    assert t.alive is False
    assert t.log.messages == ["Worker 1234: 501 MiB > OPENFISCA_ASS_RSS_MAX_MIO=500, recycled after this request"]


def test_garde_le_travailleur_sous_la_limite(monkeypatch):
    monkeypatch.setattr(gunicorn_conf, "RSS_MAX_MIO", 500)
    monkeypatch.setattr(gunicorn_conf, "rss_mio", lambda: 499.0)
    t = travailleur()
    gunicorn_conf.pre_request(t, None)
    assert t.alive is True
    assert t.log.messages == []


def test_memoire_du_processus_mesuree():
    # This test process holds a Python interpreter and pytest: tens of MiB, far from 0 or from terabytes.
    assert 10 < gunicorn_conf.rss_mio() < 100_000
