"""Calcul d'une situation, avec ou sans ``axes``.

La boucle est celle d'``openfisca_web_api.handlers.calculate`` (même construction de la simulation,
même mise en forme des valeurs : la réponse reste celle de l'API d'openfisca-france), à deux
différences près :

- chaque valeur demandée est calculée à part, si bien qu'une date que les paramètres ne couvrent pas
  donne une 400 qui nomme le champ au lieu d'une 500 ;
- avec des ``axes``, core 44.7.1 répond 500 (il cherche « demandeur » parmi les individus renommés
  « demandeur0 », « demandeur1 »...) ; ici chaque valeur demandée devient la liste de ses valeurs sur
  la grille, dans l'ordre de core (le premier axe varie le plus vite).
"""
import dpath
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError, PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from openfisca_ass.api.erreurs import ErreurRequete
from openfisca_ass.api.validation import VARIABLES_POSITIVES

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
    axes = "axes" in situation
    if axes:
        verifier_axes(systeme, situation)
    try:
        simulation = SimulationBuilder().build_from_entities(systeme, situation)
    except (SituationParsingError, PeriodMismatchError) as erreur:
        raise ErreurSituation(erreur.error, erreur.code or 400)
    entites = {k: v for k, v in situation.items() if k != "axes"}
    resultats = {}
    for chemin, _ in dpath.search(entites, "*/*/*/*", afilter=lambda v: v is None, yielded=True):
        pluriel, identifiant, nom, periode = chemin.split("/")
        variable = systeme.get_variable(nom)
        try:
            valeurs = simulation.calculate(nom, periode)
        except ParameterNotFoundError as erreur:
            raise ErreurRequete(
                f"La législation n'est pas décrite au {erreur.instant_str} (paramètre {erreur.name}) : "
                f"« {nom} » ne se calcule pas pour « {periode} ».",
                champ=chemin, attendu="une période couverte par les paramètres du modèle",
                recu=periode, chemin=[pluriel, identifiant, nom, periode])
        if axes:
            # Core répète la situation cellule par cellule : l'instance k de la cellule c est au rang
            # c × n + k, n étant le nombre d'instances de la situation d'origine.
            identifiants = list(situation[pluriel].keys())
            colonne = valeurs[identifiants.index(identifiant)::len(identifiants)]
            resultat = [_valeur_json(variable, colonne, i) for i in range(len(colonne))]
        else:
            indice = simulation.get_population(pluriel).get_index(identifiant)
            resultat = _valeur_json(variable, valeurs, indice)
        # Pas dpath.new : il ferait une liste d'une clé numérique comme l'année « 2025 ».
        resultats.setdefault(pluriel, {}).setdefault(identifiant, {}).setdefault(nom, {})[periode] = resultat
    dpath.merge(situation, resultats)
    return situation


def _valeur_json(variable, valeurs, indice):
    """Mise en forme de core (handlers.calculate), à l'identique."""
    if variable.value_type == Enum:
        return valeurs.decode()[indice].name
    if variable.value_type == float:
        return float(str(valeurs[indice]))  # pas de décimales parasites du float32
    if variable.value_type == str:
        return str(valeurs[indice])
    return valeurs.tolist()[indice]


def verifier_axes(systeme, situation):
    """Refuse des axes mal formés avant que core ne les lise (il répondrait 500)."""
    axes = situation["axes"]
    forme = ('[[{"name": "salaire_de_base", "count": 5, "min": 0, "max": 2000, "period": "2025-05"}], ...] : '
             "une liste de dimensions, chacune une liste d'axes parallèles")
    if not isinstance(axes, list) or not axes or not all(isinstance(d, list) and d for d in axes):
        raise ErreurRequete("« axes » mal formé.", champ="axes", attendu=forme, recu=_court(axes))
    cellules = 1
    for i, dimension in enumerate(axes):
        for j, axe in enumerate(dimension):
            _verifier_axe(systeme, situation, axe, f"axes/{i}/{j}", forme)
        # Les axes parallèles d'une dimension partagent le nombre de points du premier.
        cellules *= dimension[0]["count"]
    if cellules > CELLULES_MAX:
        raise ErreurRequete(
            f"La grille des axes compte {cellules} points, au-delà de la limite de {CELLULES_MAX}.",
            champ="axes", attendu=f"un produit des « count » d'au plus {CELLULES_MAX}", recu=cellules)


def _verifier_axe(systeme, situation, axe, champ, forme):
    if not isinstance(axe, dict):
        raise ErreurRequete(f"{champ} doit être un objet.", champ=champ, attendu=forme, recu=_court(axe))
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
        if isinstance(valeur, bool) or not isinstance(valeur, (int, float)) or abs(valeur) > 1e15:
            raise ErreurRequete(
                f"{champ}/{borne} doit être un nombre.", champ=f"{champ}/{borne}",
                attendu="un nombre (en valeur absolue, au plus 10^15)", recu=_court(valeur))
        if valeur < 0 and variable.name in VARIABLES_POSITIVES:
            raise ErreurRequete(
                f"{champ}/{borne} : « {variable.name} » ne peut pas être négatif.", champ=f"{champ}/{borne}",
                attendu="un nombre positif ou nul", recu=valeur)
    # L'indice désigne l'instance qui varie parmi celles de l'entité de la variable.
    instances = situation.get(variable.entity.plural)
    nombre = len(instances) if isinstance(instances, dict) else 0
    index = axe.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < max(nombre, 1):
        raise ErreurRequete(
            f"{champ}/index doit désigner l'une des {nombre} instance(s) de « {variable.entity.plural} ».",
            champ=f"{champ}/index", attendu=f"un entier de 0 à {max(nombre - 1, 0)} (0 par défaut)",
            recu=_court(index))
    if "period" in axe:
        try:
            periods.period(axe["period"])
        except Exception:  # noqa: BLE001 -- toute période illisible, quel que soit le type reçu
            raise ErreurRequete(
                f"{champ}/period n'est pas une période.", champ=f"{champ}/period",
                attendu="une période, par exemple « 2025-05 »", recu=_court(axe["period"]))


def _court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= 80 else texte[:77] + "..."
