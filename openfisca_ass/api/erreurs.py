"""JSON error responses.

One shape for every error this layer produces::

    {"error": "<message>", "champ": "<where>", "attendu": "<expected form>", "recu": <value received>}

plus ``"limite": {"nom", "reglage", "valeur"}`` when a configured limit refused the request (budget,
deadline, trace size). When the field is inside the situation, the error also carries openfisca-core's
nested shape (``{"individus": {"demandeur": {"age": "<message>"}}}``): a client written for
openfisca-france's API finds the message where it already looks.
"""
import json

from flask import Response
from werkzeug.exceptions import HTTPException

# Top-level keys of an error: none is an entity's plural (individus, familles...), so they never hide
# the nested shape.
CLES_RESERVEES = ("error", "champ", "attendu", "recu", "limite")


class ErreurRequete(Exception):
    """A refused request: HTTP status, message, faulty field, expected form, value received."""

    def __init__(self, message, champ, attendu, recu=None, statut=400, chemin=None, limite=None, entetes=None):
        super().__init__(message)
        self.message = message
        self.champ = champ
        self.attendu = attendu
        self.recu = recu
        self.statut = statut
        # Path inside the situation (list of keys), for openfisca-core's nested shape.
        self.chemin = chemin
        self.limite = limite
        self.entetes = entetes or {}

    def corps(self):
        corps = {}
        if self.chemin:
            # Not dpath.new: it would turn a numeric key such as the year "2025" into a list index.
            noeud = corps
            for cle in self.chemin[:-1]:
                noeud = noeud.setdefault(str(cle), {})
            noeud[str(self.chemin[-1])] = self.message
        corps.update({"error": self.message, "champ": self.champ, "attendu": self.attendu})
        if self.recu is not None:
            corps["recu"] = self.recu
        if self.limite is not None:
            corps["limite"] = self.limite
        return corps


def reponse_json(corps, statut):
    # ensure_ascii=False: the messages are in French, keep them readable.
    return Response(json.dumps(corps, ensure_ascii=False), status=statut, mimetype="application/json")


def repondre_erreur_requete(erreur):
    reponse = reponse_json(erreur.corps(), erreur.statut)
    reponse.headers.extend(erreur.entetes)
    return reponse


def repondre_erreur_http(erreur):
    """404, 405, 413... as JSON rather than Werkzeug's HTML page: the clients read JSON."""
    if erreur.code and erreur.code >= 500:
        return reponse_json({"error": "Erreur interne du serveur"}, erreur.code)
    # openfisca-core's abort(make_response(...)) already carries its JSON response: return it as is.
    if erreur.response is not None:
        return erreur.response
    corps = {"error": f"{erreur.code} {erreur.name} : {erreur.description}"}
    if erreur.code == 405:
        corps.update({"champ": "méthode HTTP", "attendu": ", ".join(sorted(erreur.valid_methods or ()))})
    reponse = reponse_json(corps, erreur.code)
    for nom, valeur in erreur.get_headers():
        if nom.lower() != "content-type":
            reponse.headers[nom] = valeur
    return reponse


def installer(app):
    app.register_error_handler(ErreurRequete, repondre_erreur_requete)
    app.register_error_handler(HTTPException, repondre_erreur_http)
