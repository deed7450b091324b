"""Ajoute à la spécification OpenAPI de core ce que cette API sert en plus (/compare, /reformes)."""
from flask import jsonify, request

ERREUR = {
    "description": "Requête refusée : le corps nomme le champ fautif et la forme attendue",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErreurRequete"}}},
}

SCHEMA_ERREUR = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "Message, en français"},
        "champ": {"type": "string", "description": "Le champ fautif (chemin dans la situation, en-tête...)"},
        "attendu": {"type": "string", "description": "La forme attendue"},
        "recu": {"description": "La valeur reçue, quand elle est courte"},
    },
    "required": ["error"],
}

CHEMINS = {
    "/compare": {"post": {
        "summary": "Calculer une situation avant et après une réforme, et l'écart",
        "tags": ["Calculations"],
        "operationId": "compare",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["reforme", "situation"],
            "properties": {
                "reforme": {"type": "string", "description": "Chemin pointé d'une réforme listée par /reformes"},
                "situation": {"$ref": "#/components/schemas/SituationInput"},
            },
        }}}},
        "responses": {
            "200": {"description": "reference, avec_reforme (situations calculées) et ecart (réformée − référence)"},
            "400": ERREUR, "404": {"description": "Variable inconnue (forme d'openfisca-core)"},
            "413": ERREUR, "415": ERREUR,
        },
    }},
    "/reformes": {"get": {
        "summary": "Les réformes que /compare accepte",
        "tags": ["Calculations"],
        "operationId": "getReformes",
        "responses": {"200": {"description": "Chemin pointé → description"}},
    }},
}


def completer_spec(app):
    vue_core = app.view_functions["get_spec"]
    # Calculée une fois, au démarrage (avant le fork de gunicorn) : seule l'adresse du serveur dépend
    # de la requête.
    with app.test_request_context("/spec"):
        spec = vue_core().get_json()
    spec["paths"].update(CHEMINS)
    spec["components"]["schemas"]["ErreurRequete"] = SCHEMA_ERREUR
    for code in ("413", "415"):
        spec["paths"]["/calculate"]["post"]["responses"][code] = ERREUR

    def vue_spec():
        hote = f"{request.environ['wsgi.url_scheme']}://{request.host}"
        return jsonify({**spec, "servers": [{"url": hote}]})

    app.view_functions["get_spec"] = vue_spec
