"""L'API web d'openfisca-ass : celle d'openfisca-core, durcie et complétée.

- ``application.creer_application`` enveloppe l'application Flask d'openfisca-core : mêmes routes, même
  format de requête qu'openfisca-france (remplacement direct), mais toute requête mal formée reçoit
  une réponse 4xx en JSON qui nomme le champ fautif et la forme attendue, jamais une 500 ;
- ``comparaison`` ajoute ``POST /compare`` (référence, réforme et écart en un appel) ;
- ``wsgi`` et ``gunicorn_conf`` servent l'ensemble en production (``make serve``).
"""
