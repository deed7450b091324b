"""WSGI entry point: ``gunicorn --config python:openfisca_ass.api.gunicorn_conf openfisca_ass.api.wsgi:application``.

Environment variables read at start-up (README, "Using the web API", lists them all with their defaults):

- ``OPENFISCA_ASS_REFORMES``: reforms applied to the served system (dotted paths, comma-separated);
- ``OPENFISCA_ASS_REFORMES_COMPARABLES``: reforms added to ``/compare``'s registry;
- ``OPENFISCA_ASS_LIMITE_CORPS``: largest request body, in bytes (1 MiB by default);
- ``OPENFISCA_ASS_MAX_PERSONNES_POINTS``, ``OPENFISCA_ASS_MAX_VARIABLES_PERIODES``, ``OPENFISCA_ASS_MAX_CALCULS``,
  ``OPENFISCA_ASS_MAX_REFORMES``, ``OPENFISCA_ASS_DELAI``: the cost budget (``budget``);
- ``OPENFISCA_ASS_CORS_ORIGINES``, ``OPENFISCA_ASS_CORS_METHODES``, ``OPENFISCA_ASS_TRACE``,
  ``OPENFISCA_ASS_TRACE_MAX_OCTETS``: what is exposed (``exposition``).
"""
from openfisca_ass.api.application import creer_application_depuis_environnement

application = creer_application_depuis_environnement()
