"""Calcul d'une situation, avec ou sans ``axes``.

Sans axes, c'est ``openfisca_web_api.handlers.calculate`` tel quel : la réponse est octet pour octet
celle de l'API d'openfisca-france. Avec des axes, core 44.7.1 répond 500 (il cherche « demandeur »
parmi les individus renommés « demandeur0 », « demandeur1 »...) : ici chaque valeur demandée devient
la liste de ses valeurs sur la grille, dans l'ordre de core (le premier axe varie le plus vite).
"""
import dpath
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder
from openfisca_web_api import handlers

from openfisca_ass.api.erreurs import ErreurRequete

# Au-delà, une seule requête occuperait un processus trop longtemps (délai gunicorn) : 1 000
# situations se calculent en quelques secondes.
CELLULES_MAX = 1000


class ErreurSituation(Exception):
    """Erreur de situation signalée par core : son corps (forme imbriquée) et son statut."""

    def __init__(self, corps, statut):
        super().__init__(corps)
        self.corps = corps
        self.statut = statut


def calculer(systeme, situation):
    """La situation, chaque ``null`` remplacé par sa valeur calculée (une liste s'il y a des axes)."""
    try:
        if "axes" in situation:
            return _calculer_sur_axes(systeme, situation)
        return handlers.calculate(systeme, situation)
    except (SituationParsingError, PeriodMismatchError) as erreur:
        raise ErreurSituation(erreur.error, erreur.code or 400)


def verifier_axes(systeme, axes):
    """Refuse des axes mal formés avant que core ne les lise (il répondrait 500)."""
    forme = ('[[{"name": "salaire_de_base", "count": 5, "min": 0, "max": 2000, "period": "2025-05"}], ...] : '
             "une liste de dimensions, chacune une liste d'axes parallèles")
    if not isinstance(axes, list) or not axes or not all(isinstance(d, list) and d for d in axes):
        raise ErreurRequete("« axes » mal formé.", champ="axes", attendu=forme, recu=_court(axes), chemin=None)
    cellules = 1
    for i, dimension in enumerate(axes):
        for j, axe in enumerate(dimension):
            champ = f"axes/{i}/{j}"
            if not isinstance(axe, dict):
                raise ErreurRequete(f"{champ} doit être un objet.", champ=champ, attendu=forme)
            variable = systeme.variables.get(axe.get("name"))
            if variable is None or variable.value_type not in (int, float):
                raise ErreurRequete(
                    f"{champ}/name : « {axe.get('name')} » n'est pas une variable numérique du modèle.",
                    champ=f"{champ}/name", attendu="le nom d'une variable numérique (int ou float)",
                    recu=_court(axe.get("name")))
            count = axe.get("count")
            if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= CELLULES_MAX:
                raise ErreurRequete(
                    f"{champ}/count doit être un entier entre 1 et {CELLULES_MAX}.", champ=f"{champ}/count",
                    attendu=f"entier de 1 à {CELLULES_MAX}", recu=_court(count))
            for borne in ("min", "max"):
                valeur = axe.get(borne)
                if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
                    raise ErreurRequete(
                        f"{champ}/{borne} doit être un nombre.", champ=f"{champ}/{borne}",
                        attendu="un nombre", recu=_court(valeur))
            index = axe.get("index", 0)
            if isinstance(index, bool) or not isinstance(index, int) or index < 0:
                raise ErreurRequete(
                    f"{champ}/index doit être un entier positif ou nul.", champ=f"{champ}/index",
                    attendu="l'indice de l'individu (ou de l'entité) qui varie, 0 par défaut", recu=_court(index))
            if "period" in axe and not isinstance(axe["period"], (str, int)):
                raise ErreurRequete(
                    f"{champ}/period doit être une période.", champ=f"{champ}/period",
                    attendu="une période, par exemple « 2025-05 »", recu=_court(axe["period"]))
        # Les axes parallèles d'une dimension partagent le nombre de points du premier.
        cellules *= dimension[0]["count"]
    if cellules > CELLULES_MAX:
        raise ErreurRequete(
            f"La grille des axes compte {cellules} points, au-delà de la limite de {CELLULES_MAX}.",
            champ="axes", attendu=f"un produit des « count » d'au plus {CELLULES_MAX}", recu=cellules)


def _calculer_sur_axes(systeme, situation):
    verifier_axes(systeme, situation["axes"])
    entites = {k: v for k, v in situation.items() if k != "axes"}
    simulation = SimulationBuilder().build_from_entities(systeme, situation)
    resultats = {}
    for chemin, _ in dpath.search(entites, "*/*/*/*", afilter=lambda v: v is None, yielded=True):
        pluriel, identifiant, nom, periode = chemin.split("/")
        variable = systeme.get_variable(nom)
        valeurs = simulation.calculate(nom, periode)
        # Core répète la situation cellule par cellule : l'instance k de la cellule c est au rang
        # c × n + k, n étant le nombre d'instances de la situation d'origine.
        identifiants = list(situation[pluriel].keys())
        n = len(identifiants)
        k = identifiants.index(identifiant)
        colonne = valeurs[k::n]
        if variable.value_type == Enum:
            liste = [v.name for v in colonne.decode()]
        elif variable.value_type == float:
            liste = [float(str(v)) for v in colonne]  # comme core : pas de décimales parasites du float32
        else:
            liste = colonne.tolist()
        resultats.setdefault(pluriel, {}).setdefault(identifiant, {}).setdefault(nom, {})[periode] = liste
    dpath.merge(situation, resultats)
    return situation


def _court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= 80 else texte[:77] + "..."
