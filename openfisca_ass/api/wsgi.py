"""Point d'entrée WSGI : ``gunicorn --config python:openfisca_ass.api.gunicorn_conf openfisca_ass.api.wsgi:application``.

Variables d'environnement lues au démarrage :
- ``OPENFISCA_ASS_REFORMES`` : réformes appliquées au système servi (chemins pointés, séparés par des virgules) ;
- ``OPENFISCA_ASS_REFORMES_COMPARABLES`` : réformes ajoutées au registre de ``/compare`` ;
- ``OPENFISCA_ASS_LIMITE_CORPS`` : taille maximale d'un corps de requête, en octets (1 Mio par défaut).
"""
from openfisca_ass.api.application import creer_application_depuis_environnement

application = creer_application_depuis_environnement()
