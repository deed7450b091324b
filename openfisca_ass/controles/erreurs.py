"""The error of an impossible input: a ``SituationParsingError`` that names the variable, the period,
the value and what is expected.

It subclasses core's own error for a bad situation, so every caller that already handles bad
situations handles it too: the YAML runner reports it as a failed case, the web API answers 400.
Its ``error`` (the body the API sends) carries both shapes of the API's errors (README, "Error
shapes"): core's nested one, ``{"individus": {"demandeur": {"age": {"2025-05": "<message>"}}}}``,
and this package's ``{"error", "champ", "attendu", "recu"}``.
"""
import datetime
import math

import numpy
from openfisca_core.errors import SituationParsingError

LONGUEUR_MAX_RECU = 80


def lisible(valeur):
    """``valeur`` as JSON can carry it in ``recu``: a short scalar, else a short repr."""
    if isinstance(valeur, numpy.generic):
        valeur = valeur.item()
    if isinstance(valeur, (datetime.date, numpy.datetime64)):
        return str(valeur)
    if isinstance(valeur, bool) or valeur is None:
        return valeur
    if isinstance(valeur, int):
        return valeur if abs(valeur) < 10 ** 15 else court(valeur)
    if isinstance(valeur, float):
        return valeur if math.isfinite(valeur) else str(valeur)
    if isinstance(valeur, str):
        return valeur if len(valeur) <= LONGUEUR_MAX_RECU else valeur[:LONGUEUR_MAX_RECU - 3] + "..."
    return court(valeur)


def court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= LONGUEUR_MAX_RECU else texte[:LONGUEUR_MAX_RECU - 3] + "..."


class ErreurEntree(SituationParsingError):
    """An input refused by ``openfisca_ass.controles``.

    ``chemin``: where the value sits in a situation, ``[entity plural, instance id, variable, period]``
    (the id or the period left out when unknown).
    """

    def __init__(self, message, variable, periode, valeur, attendu, chemin):
        chemin = [str(cle) for cle in chemin if cle is not None]
        super().__init__(chemin, message, code=400)
        self.message = message
        self.variable = variable
        self.periode = periode
        self.valeur = valeur
        self.attendu = attendu
        self.chemin = chemin
        # Built by hand rather than by dpath (core's way): dpath would make a list of a numeric key
        # such as the year "2025".
        imbrique = noeud = {}
        for cle in chemin[:-1]:
            noeud = noeud.setdefault(cle, {})
        noeud[chemin[-1]] = message
        self.error = {**imbrique, "error": message, "champ": "/".join(chemin), "attendu": attendu,
                      "recu": lisible(valeur)}

    def __str__(self):
        return self.message
