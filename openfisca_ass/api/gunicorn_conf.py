"""Configuration gunicorn de l'API (``--config python:openfisca_ass.api.gunicorn_conf``).

Chaque valeur se remplace sur la ligne de commande (``--bind``, ``--workers``...) ou par l'environnement.
"""
import multiprocessing
import os

bind = os.environ.get("OPENFISCA_ASS_BIND", "127.0.0.1:5000")

# Le calcul occupe le processeur : un processus par cœur, deux au moins pour qu'un calcul long
# n'arrête pas tout le service.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))

# Construire le système d'openfisca-france et la spécification OpenAPI prend plusieurs secondes et
# quelques centaines de Mio : une fois, avant de forker, et les processus partagent ces pages.
preload_app = True

# Une situation se calcule en bien moins d'une seconde, une grille d'axes (1 000 points au plus) en
# quelques secondes : 60 s arrête un processus bloqué sans couper un calcul légitime. (openfisca
# serve attend 1 200 s.)
timeout = int(os.environ.get("OPENFISCA_ASS_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5

# Les caches de paramètres d'openfisca grossissent avec les dates demandées : recycler les
# processus de temps en temps borne la mémoire ; la gigue évite qu'ils redémarrent ensemble.
max_requests = 2000
max_requests_jitter = 200

# En-têtes bornés (le corps l'est par l'application : 413 au-delà de 1 Mio).
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("OPENFISCA_ASS_ACCESSLOG", "-")
