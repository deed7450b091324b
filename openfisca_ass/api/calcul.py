"""Computing a situation, with or without ``axes`` (``/calculate``), and its trace (``/trace``).

The loop is ``openfisca_web_api.handlers.calculate``'s (same simulation build, same formatting of the
values: the answer stays that of openfisca-france's API), with three differences:

- each requested value is computed on its own, so that a date the parameters do not cover gives a 400
  naming the field instead of a 500;
- with ``axes``, core 44.7.1 answers 500 (it looks for "demandeur" among the persons renamed
  "demandeur0", "demandeur1"...); here each requested value becomes the list of its values over the
  grid, in core's order (the first axis varies fastest);
- the simulation runs under a deadline (``delai.Echeance``): past it, a 503 instead of a killed worker.
"""
import dpath
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError, PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder

from openfisca_ass.api.erreurs import ErreurRequete
from openfisca_ass.api.validation import VARIABLES_POSITIVES


class ErreurSituation(Exception):
    """A situation error reported by core: its body (nested shape) and its status."""

    def __init__(self, corps, statut):
        super().__init__(corps)
        self.corps = corps
        self.statut = statut


def construire(systeme, situation, echeance=None, trace=False):
    """The simulation of ``situation`` (core's build), under ``echeance`` if given."""
    try:
        simulation = SimulationBuilder().build_from_entities(systeme, situation)
    except (SituationParsingError, PeriodMismatchError) as erreur:
        raise ErreurSituation(erreur.error, erreur.code or 400) from erreur
    simulation.trace = trace
    if echeance is not None:
        echeance.surveiller(simulation)
    return simulation


def demandes(situation):
    """``(path, entity plural, id, variable, period)`` of each ``null`` value, in core's order."""
    entites = {k: v for k, v in situation.items() if k != "axes"}
    for chemin, _ in dpath.search(entites, "*/*/*/*", afilter=lambda v: v is None, yielded=True):
        yield (chemin, *chemin.split("/"))


def calculer_une(simulation, chemin, pluriel, identifiant, nom, periode):
    try:
        return simulation.calculate(nom, periode)
    except ParameterNotFoundError as erreur:
        raise ErreurRequete(
            f"La législation n'est pas décrite au {erreur.instant_str} (paramètre {erreur.name}) : "
            f"« {nom} » ne se calcule pas pour « {periode} ».",
            champ=chemin, attendu="une période couverte par les paramètres du modèle",
            recu=periode, chemin=[pluriel, identifiant, nom, periode]) from erreur


def calculer(systeme, situation, echeance=None):
    """The situation, each ``null`` replaced by its computed value (a list if there are axes)."""
    axes = "axes" in situation
    if axes:
        verifier_axes(systeme, situation)
    simulation = construire(systeme, situation, echeance)
    resultats = {}
    for chemin, pluriel, identifiant, nom, periode in demandes(situation):
        variable = systeme.get_variable(nom)
        valeurs = calculer_une(simulation, chemin, pluriel, identifiant, nom, periode)
        if axes:
            # Core repeats the situation cell by cell: instance k of cell c is at rank c × n + k, n being
            # the number of instances of the original situation.
            identifiants = list(situation[pluriel].keys())
            colonne = valeurs[identifiants.index(identifiant)::len(identifiants)]
            resultat = [_valeur_json(variable, colonne, i) for i in range(len(colonne))]
        else:
            indice = simulation.get_population(pluriel).get_index(identifiant)
            resultat = _valeur_json(variable, valeurs, indice)
        # Not dpath.new: it would turn a numeric key such as the year "2025" into a list index.
        resultats.setdefault(pluriel, {}).setdefault(identifiant, {}).setdefault(nom, {})[periode] = resultat
    dpath.merge(situation, resultats)
    return situation


def tracer(systeme, situation, echeance=None):
    """``/trace``'s answer, as ``openfisca_web_api.handlers.trace`` builds it, under ``echeance``."""
    simulation = construire(systeme, situation, echeance, trace=True)
    calculs = []
    for chemin, pluriel, identifiant, nom, periode in demandes(situation):
        calculs.append(f"{nom}<{periode!s}>")
        calculer_une(simulation, chemin, pluriel, identifiant, nom, periode)
    return {
        "trace": simulation.tracer.get_serialized_flat_trace(),
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": calculs,
    }


def _valeur_json(variable, valeurs, indice):
    """Core's formatting (handlers.calculate), unchanged."""
    if variable.value_type == Enum:
        return valeurs.decode()[indice].name
    if variable.value_type is float:
        return float(str(valeurs[indice]))  # no spurious float32 decimals
    if variable.value_type is str:
        return str(valeurs[indice])
    return valeurs.tolist()[indice]


def verifier_axes(systeme, situation):
    """Refuse malformed axes before core reads them (it would answer 500).

    Their size (persons × points) is the cost budget's (``budget``), checked before this.
    """
    axes = situation["axes"]
    forme = ('[[{"name": "salaire_de_base", "count": 5, "min": 0, "max": 2000, "period": "2025-05"}], ...] : '
             "une liste de dimensions, chacune une liste d'axes parallèles")
    if not isinstance(axes, list) or not axes or not all(isinstance(d, list) and d for d in axes):
        raise ErreurRequete("« axes » mal formé.", champ="axes", attendu=forme, recu=_court(axes))
    for i, dimension in enumerate(axes):
        for j, axe in enumerate(dimension):
            _verifier_axe(systeme, situation, axe, f"axes/{i}/{j}", forme)


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
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ErreurRequete(
            f"{champ}/count doit être un entier positif.", champ=f"{champ}/count",
            attendu="un entier, au moins 1 (le nombre de points : voir aussi le budget de la requête)",
            recu=_court(count))
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
    # The index designates the varying instance among those of the variable's entity.
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
        except Exception:  # noqa: BLE001 -- any unreadable period, whatever the type received
            raise ErreurRequete(
                f"{champ}/period n'est pas une période.", champ=f"{champ}/period",
                attendu="une période, par exemple « 2025-05 »", recu=_court(axe["period"])) from None


def _court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= 80 else texte[:77] + "..."
