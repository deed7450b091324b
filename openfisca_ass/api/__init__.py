"""openfisca-ass's web API: openfisca-core's, hardened and extended.

- ``application.creer_application`` wraps openfisca-core's Flask application: same routes, same request
  format as openfisca-france (a drop-in replacement), but every malformed request gets a JSON 4xx naming
  the faulty field and the expected form, never a 500;
- ``budget`` refuses a request too costly before computing it, ``delai`` stops one that runs past its
  deadline (503), ``exposition`` holds the CORS and ``/trace`` settings;
- ``comparaison`` adds ``POST /compare`` (reference, reforms and differences in one call) and
  ``GET /reformes``;
- ``wsgi`` and ``gunicorn_conf`` serve it in production (``make serve``).
"""
