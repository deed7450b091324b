"""``POST /compare`` : une situation, calculée avant et après une réforme, et l'écart, en un appel.

Les réformes se désignent par leur chemin pointé (``openfisca_ass.reforms.suppression_ass.suppression_ass``)
et doivent figurer au registre : importer un chemin quelconque venu d'une requête reviendrait à
laisser le client exécuter le code de son choix. Le registre compte toutes les réformes du paquet
``openfisca_ass.reforms`` (un module par réforme, la classe nommée comme lui) et celles qu'ajoute la
variable d'environnement ``OPENFISCA_ASS_REFORMES_COMPARABLES`` (chemins séparés par des virgules).
Une réforme du paquet qui ne s'applique pas est écartée avec un avertissement (une réforme en cours
d'écriture ne doit pas éteindre l'API) ; une réforme demandée explicitement empêche le démarrage.
La référence est toujours la législation en vigueur, même quand le serveur sert un système réformé.
Chaque réforme est appliquée une fois, au démarrage : avec ``preload_app`` les processus gunicorn
partagent les systèmes construits.
"""
import copy
import importlib
import logging
import pkgutil

from openfisca_core.reforms import Reform

from openfisca_ass.api.calcul import calculer
from openfisca_ass.api.erreurs import ErreurRequete

journal = logging.getLogger("gunicorn.error")

PAQUET_REFORMES = "openfisca_ass.reforms"


def importer_reforme(chemin):
    """La classe de réforme au chemin pointé ``module.Classe``."""
    module, _, nom = chemin.rpartition(".")
    if not module:
        raise ValueError(f"« {chemin} » n'est pas un chemin pointé module.Classe")
    reforme = getattr(importlib.import_module(module), nom, None)
    if not (isinstance(reforme, type) and issubclass(reforme, Reform)):
        raise ValueError(f"« {chemin} » n'est pas une réforme OpenFisca (sous-classe de Reform)")
    return reforme


def reformes_du_paquet():
    """Chemins des réformes de ``openfisca_ass.reforms`` : module ``x`` → classe ``x``."""
    try:
        paquet = importlib.import_module(PAQUET_REFORMES)
    except ImportError:
        return []
    return [f"{PAQUET_REFORMES}.{module.name}.{module.name}" for module in pkgutil.iter_modules(paquet.__path__)]


def decrire_reforme(reforme):
    """Première phrase utile : le nom de la réforme, sinon sa docstring, sinon celle de son module."""
    for texte in (getattr(reforme, "name", None), reforme.__doc__,
                  getattr(importlib.import_module(reforme.__module__), "__doc__", None)):
        if isinstance(texte, str) and texte.strip():
            return texte.strip().split("\n\n")[0].replace("\n", " ")
    return None


class Registre:
    """Les systèmes réformés disponibles pour /compare, par chemin pointé."""

    def __init__(self, systeme_reference, chemins, facultatifs=()):
        """``chemins`` doivent s'appliquer (sinon l'API ne démarre pas) ; ``facultatifs``, découverts
        dans le paquet, sont écartés avec un avertissement s'ils échouent."""
        self.reference = systeme_reference
        self.systemes = {}
        self.descriptions = {}
        for chemin in dict.fromkeys(list(facultatifs) + list(chemins)):  # sans doublon, dans l'ordre
            try:
                reforme = importer_reforme(chemin)
                self.systemes[chemin] = reforme(systeme_reference)
            except Exception as erreur:  # noqa: BLE001
                if chemin in chemins:
                    raise
                journal.warning("Réforme ignorée pour /compare : %s (%s)", chemin, erreur)
                continue
            self.descriptions[chemin] = decrire_reforme(reforme)

    def decrire(self):
        return {chemin: {"description": description} for chemin, description in self.descriptions.items()}

    def systeme(self, chemin):
        if not isinstance(chemin, str) or chemin not in self.systemes:
            raise ErreurRequete(
                f"Réforme inconnue ou non autorisée : {chemin!r}.", champ="reforme",
                attendu="l'une de : " + (", ".join(self.systemes) or "(aucune réforme au registre)"),
                recu=chemin if isinstance(chemin, str) else repr(chemin))
        return self.systemes[chemin]


def comparer(registre, corps, verifier_situation):
    """Corps de réponse de /compare pour ``{"reforme": chemin, "situation": {...}}``."""
    if not isinstance(corps, dict):
        raise ErreurRequete(
            "Le corps doit être un objet JSON.", champ="corps de la requête",
            attendu='{"reforme": "<chemin pointé>", "situation": {...}}', recu=type(corps).__name__)
    inconnues = sorted(set(corps) - {"reforme", "situation"})
    if inconnues:
        raise ErreurRequete(
            f"Clé(s) inattendue(s) : {', '.join(inconnues)}.", champ=inconnues[0],
            attendu='{"reforme": "<chemin pointé>", "situation": {...}}')
    systeme_reforme = registre.systeme(corps.get("reforme"))
    situation = corps.get("situation")
    if not isinstance(situation, dict):
        raise ErreurRequete(
            "« situation » doit être une situation au format de /calculate.", champ="situation",
            attendu='{"individus": {...}, "familles": {...}, ...} avec des null à calculer',
            recu=type(situation).__name__)
    verifier_situation(registre.reference, situation)
    verifier_situation(systeme_reforme, situation)
    # Core remplit la situation sur place : chaque système calcule sur sa propre copie.
    reference = calculer(registre.reference, copy.deepcopy(situation))
    reformee = calculer(systeme_reforme, copy.deepcopy(situation))
    return {
        "reforme": corps["reforme"],
        "reference": reference,
        "avec_reforme": reformee,
        "ecart": ecart(situation, reference, reformee),
    }


def ecart(situation, reference, reformee):
    """Pour chaque valeur demandée (null) : réformée − référence ; listes terme à terme (axes)."""
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
    # Un montant : la différence, arrondie au centime pour ne pas afficher le bruit des float32.
    if isinstance(avant, (int, float)) and not isinstance(avant, bool) and not isinstance(apres, bool):
        return round(apres - avant, 2)
    # Un booléen, une modalité : rien si inchangé, sinon les deux valeurs.
    return None if avant == apres else {"reference": avant, "avec_reforme": apres}
