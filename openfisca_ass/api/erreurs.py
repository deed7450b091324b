"""Réponses d'erreur en JSON.

Forme unique des erreurs produites par cette couche::

    {"error": "<message>", "champ": "<où>", "attendu": "<forme attendue>", "recu": <valeur reçue>}

Quand le champ est dans la situation, l'erreur reprend aussi la forme imbriquée d'openfisca-core
(``{"individus": {"demandeur": {"age": "<message>"}}}``) : un client écrit pour l'API
d'openfisca-france trouve le message là où il le cherchait déjà.
"""
import json

from flask import Response
from werkzeug.exceptions import HTTPException

# Clés de premier niveau des erreurs : aucune n'est le pluriel d'une entité (individus, familles...),
# elles ne peuvent donc pas masquer la forme imbriquée.
CLES_RESERVEES = ("error", "champ", "attendu", "recu")


class ErreurRequete(Exception):
    """Requête refusée : statut HTTP, message, champ fautif, forme attendue, valeur reçue."""

    def __init__(self, message, champ, attendu, recu=None, statut=400, chemin=None):
        super().__init__(message)
        self.message = message
        self.champ = champ
        self.attendu = attendu
        self.recu = recu
        self.statut = statut
        # Chemin dans la situation (liste de clés), pour la forme imbriquée d'openfisca-core.
        self.chemin = chemin

    def corps(self):
        corps = {}
        if self.chemin:
            # Pas dpath.new : il ferait une liste d'une clé numérique comme l'année « 2025 ».
            noeud = corps
            for cle in self.chemin[:-1]:
                noeud = noeud.setdefault(str(cle), {})
            noeud[str(self.chemin[-1])] = self.message
        corps.update({"error": self.message, "champ": self.champ, "attendu": self.attendu})
        if self.recu is not None:
            corps["recu"] = self.recu
        return corps


def reponse_json(corps, statut):
    # ensure_ascii=False : les messages sont en français, les garder lisibles.
    return Response(json.dumps(corps, ensure_ascii=False), status=statut, mimetype="application/json")


def repondre_erreur_requete(erreur):
    return reponse_json(erreur.corps(), erreur.statut)


def repondre_erreur_http(erreur):
    """404, 405, 413... en JSON plutôt que la page HTML de Werkzeug : les clients lisent du JSON."""
    if erreur.code and erreur.code >= 500:
        return reponse_json({"error": "Erreur interne du serveur"}, erreur.code)
    # abort(make_response(...)) d'openfisca-core porte déjà sa réponse JSON : la rendre telle quelle.
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
