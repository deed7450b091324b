"""``POST /compare``: one situation computed under the law in force and under one or several reforms,
with the difference, in one call; ``GET /reformes`` lists what it accepts.

A reform is designated as ``openfisca_ass.scenarios`` defines it, restricted to what a request may ask:

- a shipped reform, by short name (``suppression_ass``) or dotted path
  (``openfisca_ass.reforms.suppression_ass.suppression_ass``);
- a reform added by the operator with ``OPENFISCA_ASS_REFORMES_COMPARABLES`` (dotted paths);
- a parametric reform: a mapping of parameter paths to values, validated by
  ``reformes_parametriques.reforme_parametrique`` exactly as in Python (all errors at once, 400).

Nothing named by a request is imported: names and paths are looked up in the registry built at
start-up (each reform applied once, before gunicorn forks, so that the workers share the systems).
Parametric systems are built on demand (copying the parameter tree takes a fraction of a second) and
kept in a small cache keyed by the mapping. The reference is always the law in force, even when the
server serves a reformed system.
"""
import collections
import copy
import importlib
import json
import threading

from openfisca_ass import scenarios
from openfisca_ass.api.calcul import calculer
from openfisca_ass.api.erreurs import ErreurRequete
from openfisca_ass.reformes_parametriques import ErreurReforme

FORME = ('{"reforme": <réforme>, "situation": {...}} ou {"reformes": [<réforme>, ...], "situation": {...}}, '
         "une réforme étant un nom court, un chemin pointé listé par GET /reformes, "
         "ou un dictionnaire {chemin de paramètre: valeur}")

EXEMPLE_PARAMETRIQUE = {
    "chomage.allocations_assurance_chomage.ass.montant_plein": {"2025-01-01": 20.0},
}


class Registre:
    """The reformed systems /compare accepts, by name, and the parametric ones built so far."""

    # Each parametric system holds its own copy of the parameter tree (27 MiB, 2.3 s to build on a loaded
    # machine): a few are kept; the worker's RSS cap (gunicorn_conf) bounds the rest.
    TAILLE_CACHE_PARAMETRIQUES = 4

    def __init__(self, systeme_reference, chemins=()):
        """The shipped reforms, plus ``chemins`` (dotted paths, trusted: the operator's setting).

        A reform that fails to apply stops the start-up: an API silently missing a reform would answer
        400 to requests that the documentation promises.
        """
        self.reference = systeme_reference
        self.systemes = {}
        self.descriptions = {}
        self.alias = {}
        for nom, chemin in scenarios.REFORMES.items():
            self._ajouter(nom, chemin)
            self.alias[chemin] = nom
        for chemin in chemins:
            if chemin not in self.alias and chemin not in self.systemes:
                self._ajouter(chemin, chemin)
        self._parametriques = collections.OrderedDict()
        self._verrou = threading.Lock()

    def _ajouter(self, nom, chemin):
        classe = scenarios.classe_de_reforme(chemin)
        self.systemes[nom] = classe(self.reference)
        self.descriptions[nom] = {
            "chemin": chemin,
            "description": decrire_reforme(classe),
            "parametres": scenarios.parametres_de_reforme(chemin, self.reference) if nom in scenarios.REFORMES else {},
        }

    def decrire(self):
        return {
            "reformes": self.descriptions,
            "reforme_parametrique": {
                "description": (
                    "Un dictionnaire {chemin de paramètre: valeur} : une valeur seule vaut pour tout "
                    "l'historique du paramètre ; {\"AAAA-MM-JJ\": valeur} à partir de cette date ; "
                    "{\"AAAA-MM-JJ.AAAA-MM-JJ\": valeur} sur l'intervalle (bornes incluses). "
                    "Chemins et types sont contrôlés comme par reformes_parametriques.reforme_parametrique."),
                "exemple": EXEMPLE_PARAMETRIQUE,
            },
        }

    def systeme(self, definition, champ):
        """The reformed system of ``definition`` (a name, a path or a mapping); 400 naming ``champ``."""
        if isinstance(definition, str):
            nom = self.alias.get(definition, definition)
            if nom in self.systemes:
                return self.systemes[nom]
        elif isinstance(definition, dict):
            return self._parametrique(definition, champ)
        raise ErreurRequete(
            f"Réforme inconnue ou non autorisée : {_court(definition)}.", champ=champ,
            attendu="l'une de : " + ", ".join(list(self.systemes) + list(self.alias))
                    + " ; ou un dictionnaire {chemin de paramètre: valeur}",
            recu=definition if isinstance(definition, str) else _court(definition))

    def _parametrique(self, modifications, champ):
        cle = json.dumps(modifications, sort_keys=True)
        with self._verrou:
            if cle in self._parametriques:
                self._parametriques.move_to_end(cle)
                return self._parametriques[cle]
        try:
            systeme = scenarios.scenario(modifications, self.reference).systeme
        except ErreurReforme as erreur:
            raise ErreurRequete(
                f"Réforme paramétrique invalide : {'; '.join(erreur.erreurs)}.", champ=champ,
                attendu="{chemin de paramètre: valeur, ou {\"AAAA-MM-JJ\": valeur}} (voir GET /reformes)",
                recu=erreur.erreurs) from erreur
        with self._verrou:
            self._parametriques[cle] = systeme
            while len(self._parametriques) > self.TAILLE_CACHE_PARAMETRIQUES:
                self._parametriques.popitem(last=False)
        return systeme


def decrire_reforme(reforme):
    """The first paragraph of the reform's name, else its docstring, else its module's."""
    for texte in (getattr(reforme, "name", None), reforme.__doc__,
                  getattr(importlib.import_module(reforme.__module__), "__doc__", None)):
        if isinstance(texte, str) and texte.strip():
            return texte.strip().split("\n\n")[0].replace("\n", " ")
    return None


def lire_demande(registre, corps, budget):
    """``(situation, [(definition, champ, system)])`` of a /compare body; 400 or 422 if it is wrong."""
    if not isinstance(corps, dict):
        raise ErreurRequete(
            "Le corps doit être un objet JSON.", champ="corps de la requête", attendu=FORME,
            recu=type(corps).__name__)
    inconnues = sorted(set(corps) - {"reforme", "reformes", "situation"})
    if inconnues:
        raise ErreurRequete(f"Clé(s) inattendue(s) : {', '.join(inconnues)}.", champ=inconnues[0], attendu=FORME)
    if ("reforme" in corps) == ("reformes" in corps):
        raise ErreurRequete(
            "Donnez soit « reforme » (une réforme), soit « reformes » (une liste).", champ="reforme", attendu=FORME)
    if "reforme" in corps:
        definitions = [(corps["reforme"], "reforme")]
    else:
        liste = corps["reformes"]
        if not isinstance(liste, list) or not liste:
            raise ErreurRequete("« reformes » doit être une liste non vide.", champ="reformes", attendu=FORME,
                                recu=_court(liste))
        budget.verifier_reformes(len(liste))
        definitions = [(definition, f"reformes/{i}") for i, definition in enumerate(liste)]
    situation = corps.get("situation")
    if not isinstance(situation, dict):
        raise ErreurRequete(
            "« situation » doit être une situation au format de /calculate.", champ="situation",
            attendu='{"individus": {...}, "familles": {...}, ...} avec des null à calculer',
            recu=type(situation).__name__)
    return situation, [(d, champ, registre.systeme(d, champ)) for d, champ in definitions]


def comparer(registre, situation, reformes, echeance=None):
    """The /compare answer: the old single-reform shape for ``reforme``, a list for ``reformes``."""
    # Core fills the situation in place: each system computes on its own copy.
    reference = calculer(registre.reference, copy.deepcopy(situation), echeance)
    comparaisons = []
    for definition, _, systeme in reformes:
        reformee = calculer(systeme, copy.deepcopy(situation), echeance)
        comparaisons.append({"reforme": definition, "avec_reforme": reformee,
                             "ecart": ecart(situation, reference, reformee)})
    return reference, comparaisons


def ecart(situation, reference, reformee):
    """For each requested value (null): reformed − reference; element-wise with axes."""
    resultat = {}
    for pluriel, instances in situation.items():
        if pluriel == "axes" or not isinstance(instances, dict):
            continue
        for identifiant, variables in instances.items():
            for nom, valeurs in (variables.items() if isinstance(variables, dict) else ()):
                if not isinstance(valeurs, dict):
                    continue
                for periode, valeur in valeurs.items():
                    if valeur is not None:
                        continue
                    avant = reference[pluriel][identifiant][nom][periode]
                    apres = reformee[pluriel][identifiant][nom][periode]
                    resultat.setdefault(pluriel, {}).setdefault(identifiant, {}).setdefault(nom, {})[periode] = (
                        [_difference(a, b) for a, b in zip(avant, apres)] if isinstance(avant, list)
                        else _difference(avant, apres))
    return resultat


def _difference(avant, apres):
    # An amount: the difference, rounded to the cent so as not to show float32 noise.
    if isinstance(avant, (int, float)) and not isinstance(avant, bool) and not isinstance(apres, bool):
        return round(apres - avant, 2)
    # A boolean, a category: nothing if unchanged, else both values.
    return None if avant == apres else {"reference": avant, "avec_reforme": apres}


def _court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= 80 else texte[:77] + "..."
