"""Adds to core's OpenAPI specification what this API serves on top of it (/compare, /reformes)."""
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
        "limite": {"type": "object", "description": "La limite réglée qui refuse la requête (nom, réglage, valeur)"},
    },
    "required": ["error"],
}

CHEMINS = {
    "/compare": {"post": {
        "summary": "Calculer une situation avant et après une ou plusieurs réformes, et les écarts",
        "tags": ["Calculations"],
        "operationId": "compare",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["situation"],
            "properties": {
                "reforme": {"$ref": "#/components/schemas/Reforme"},
                "reformes": {"type": "array", "items": {"$ref": "#/components/schemas/Reforme"}},
                "situation": {"$ref": "#/components/schemas/SituationInput"},
            },
        }}}},
        "responses": {
            "200": {"description": "reference et, pour chaque réforme, avec_reforme et ecart (réformée − référence)"},
            "400": ERREUR, "404": {"description": "Variable inconnue (forme d'openfisca-core)"},
            "413": ERREUR, "415": ERREUR, "422": ERREUR, "503": ERREUR,
        },
    }},
    "/reformes": {"get": {
        "summary": "Les réformes que /compare accepte",
        "tags": ["Calculations"],
        "operationId": "getReformes",
        "responses": {"200": {
            "description": "Nom → chemin, description et paramètres ; forme d'une réforme paramétrique"}},
    }},
}

SCHEMA_REFORME = {
    "description": "Nom court ou chemin pointé d'une réforme listée par /reformes, ou {chemin de paramètre: valeur}",
    "oneOf": [{"type": "string"}, {"type": "object"}],
}


def completer_spec(app, trace=True):
    vue_core = app.view_functions["get_spec"]
    # Computed once, at start-up (before gunicorn forks): only the server's address depends on the
    # request.
    with app.test_request_context("/spec"):
        spec = vue_core().get_json()
    spec["paths"].update(CHEMINS)
    spec["components"]["schemas"]["ErreurRequete"] = SCHEMA_ERREUR
    spec["components"]["schemas"]["Reforme"] = SCHEMA_REFORME
    for code in ("413", "415", "422", "503"):
        spec["paths"]["/calculate"]["post"]["responses"][code] = ERREUR
    if not trace:
        spec["paths"].pop("/trace", None)

    def vue_spec():
        hote = f"{request.environ['wsgi.url_scheme']}://{request.host}"
        return jsonify({**spec, "servers": [{"url": hote}]})

    app.view_functions["get_spec"] = vue_spec
