"""What the API exposes, as settings: CORS and ``/trace``.

Defaults (production):

- CORS: any origin (``*``), as openfisca-core and openfisca-france's public API, so that simulators
  embedded in web pages keep working; the API takes no credentials and sets no cookie, so an origin
  gains nothing a server could not do. Methods: ``GET, POST, OPTIONS`` only (core allows every method,
  DELETE included, in preflight answers). ``OPENFISCA_ASS_CORS_ORIGINES`` takes a comma-separated list
  of origins, or an empty value for no CORS header at all; ``OPENFISCA_ASS_CORS_METHODES`` a list of
  methods, or ``*`` for core's (flask-cors's) full list.
- ``/trace``: off (answers 404 and leaves ``/spec``): a trace lists every intermediate variable and
  parameter, about half a megabyte for one person. ``OPENFISCA_ASS_TRACE=1`` turns it on, with a cap on
  the answer's size, ``OPENFISCA_ASS_TRACE_MAX_OCTETS`` (default 1 MiB; 0 for no cap, core's behaviour).

Core's behaviour in full: ``OPENFISCA_ASS_CORS_ORIGINES='*' OPENFISCA_ASS_CORS_METHODES='*'
OPENFISCA_ASS_TRACE=1 OPENFISCA_ASS_TRACE_MAX_OCTETS=0``.
"""
import contextlib
import dataclasses
import os

import flask_cors
import openfisca_web_api.app

METHODES_PAR_DEFAUT = ("GET", "POST", "OPTIONS")
TRACE_MAX_OCTETS = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Exposition:
    cors_origines: tuple = ("*",)
    # None: flask-cors's full list, as core.
    cors_methodes: tuple = METHODES_PAR_DEFAUT
    trace: bool = False
    trace_max_octets: int = TRACE_MAX_OCTETS

    @classmethod
    def depuis_environnement(cls, environ=None):
        environ = os.environ if environ is None else environ
        reglages = {}
        if "OPENFISCA_ASS_CORS_ORIGINES" in environ:
            reglages["cors_origines"] = _liste(environ["OPENFISCA_ASS_CORS_ORIGINES"])
        if "OPENFISCA_ASS_CORS_METHODES" in environ:
            methodes = _liste(environ["OPENFISCA_ASS_CORS_METHODES"])
            reglages["cors_methodes"] = None if methodes == ("*",) else tuple(m.upper() for m in methodes)
        texte = environ.get("OPENFISCA_ASS_TRACE", "").strip().lower()
        if texte:
            if texte not in ("0", "1", "false", "true", "non", "oui"):
                raise ValueError(f"OPENFISCA_ASS_TRACE={texte!r} : 0 ou 1 attendu")
            reglages["trace"] = texte in ("1", "true", "oui")
        texte = environ.get("OPENFISCA_ASS_TRACE_MAX_OCTETS", "").strip()
        if texte:
            reglages["trace_max_octets"] = int(texte)
        return cls(**reglages)

    @contextlib.contextmanager
    def cors_de_core_remplace(self):
        """While core's ``create_app`` runs, its ``CORS(app, origins="*")`` applies these settings instead.

        Applying flask-cors a second time after core would not do: core's handler runs first and a
        response that already carries CORS headers is left alone.
        """
        def cors(app, **_reglages_de_core):
            if not self.cors_origines:
                return None
            options = {"origins": list(self.cors_origines)}
            if self.cors_methodes is not None:
                options["methods"] = list(self.cors_methodes)
            return flask_cors.CORS(app, **options)

        module = openfisca_web_api.app
        origine = module.CORS
        module.CORS = cors
        try:
            yield
        finally:
            module.CORS = origine


def _liste(texte):
    return tuple(e.strip() for e in texte.split(",") if e.strip())
