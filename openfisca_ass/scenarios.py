"""Scenarios: the baseline and the reformed systems, named.

One definition for the Python route, the command line and the web API's ``/compare``. A reform is
given as:

- a short name of a shipped reform (``suppression_ass``, see ``REFORMES``);
- a dotted path ``module.Classe`` (``openfisca_ass.reforms.suppression_ass.suppression_ass``);
- a ``Reform`` class;
- a mapping of parameter paths to values, which becomes a parametric reform
  (``openfisca_ass.reformes_parametriques.reforme_parametrique``, which validates it).

``classe_de_reforme`` imports any dotted path: it is for trusted callers (Python, the command line).
The web API resolves names and paths against an allow-list instead (``est_reforme_livree`` and its
own registry), so that a request never chooses the code to import.
"""
import dataclasses
import functools
import importlib
from collections.abc import Mapping

from openfisca_core.reforms import Reform

from openfisca_ass import CountryTaxBenefitSystem
from openfisca_ass.reformes_parametriques import reforme_parametrique, valeur_la_plus_recente

# Reforms shipped with the package, by short name.
REFORMES = {
    "suppression_ass": "openfisca_ass.reforms.suppression_ass.suppression_ass",
    "suppression_ass_immediate": "openfisca_ass.reforms.suppression_ass.suppression_ass_immediate",
    "fin_cumul_aah": "openfisca_ass.reforms.fin_cumul_aah.fin_cumul_aah",
    "maintien_cumul_aah": "openfisca_ass.reforms.fin_cumul_aah.maintien_cumul_aah",
}

REFERENCE = "reference"

# The study parameters of a shipped reform live under this node, in a child named like its module
# (``reforms/suppression_ass.py`` → ``...reformes.suppression_ass``).
NOEUD_PARAMETRES_REFORMES = "chomage.allocations_assurance_chomage.ass.reformes"


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A named tax-benefit system: the baseline (``reference``) or a reform."""

    nom: str
    systeme: object


@functools.lru_cache(maxsize=1)
def systeme_de_reference():
    """The baseline system, built once per process (openfisca-france takes a few seconds)."""
    return CountryTaxBenefitSystem()


def chemin_de_reforme(nom):
    """The dotted path of a shipped reform's short name; any other string is returned unchanged."""
    return REFORMES.get(nom, nom)


def nom_court(chemin):
    """The short name of a shipped reform's dotted path (or short name); None for any other string."""
    if chemin in REFORMES:
        return chemin
    return next((nom for nom, complet in REFORMES.items() if complet == chemin), None)


def est_reforme_livree(nom):
    """Whether ``nom`` designates a shipped reform, by short name or dotted path."""
    return isinstance(nom, str) and nom_court(nom) is not None


def classe_de_reforme(nom):
    """A Reform class from a short name (``suppression_ass``) or a dotted path (``pkg.module.Classe``)."""
    chemin = chemin_de_reforme(nom)
    module, _, classe = chemin.rpartition(".")
    if not module:
        raise ValueError(f"réforme inconnue : « {nom} » (connues : {', '.join(REFORMES)} ; ou un chemin module.Classe)")
    try:
        reforme = getattr(importlib.import_module(module), classe)
    except (ImportError, AttributeError) as erreur:
        raise ValueError(f"réforme introuvable : « {nom} » ({erreur})") from erreur
    if not (isinstance(reforme, type) and issubclass(reforme, Reform)):
        raise ValueError(f"« {nom} » n'est pas une réforme OpenFisca (sous-classe de Reform)")
    return reforme


def classe_du_scenario(definition):
    """The Reform class of a definition: a name or path, a Reform class, or a mapping of parameters."""
    if isinstance(definition, Mapping):
        return reforme_parametrique(dict(definition))
    if isinstance(definition, str):
        return classe_de_reforme(definition)
    if isinstance(definition, type) and issubclass(definition, Reform):
        return definition
    raise ValueError(
        f"définition de réforme invalide : {definition!r} (attendu : un nom court, un chemin module.Classe, "
        "une classe Reform ou un dictionnaire {chemin de paramètre: valeur})")


def scenario(definition, base=None, nom=None):
    """One reformed scenario from any definition (see the module docstring), applied to ``base``.

    Its name is ``nom`` if given, else the Reform class's name (``reforme_parametrique`` for a mapping).
    """
    classe = classe_du_scenario(definition)
    return Scenario(nom or classe.__name__, classe(base or systeme_de_reference()))


def scenarios(reformes=(), parametres=None, base=None):
    """The baseline followed by one scenario per reform.

    ``reformes``: names, dotted paths or Reform classes. ``parametres``: a mapping of parameter paths to
    (dated) values, applied before each reform; with no reform, it makes a parametric reform of its own.
    """
    base = base or systeme_de_reference()
    resultat = [Scenario(REFERENCE, base)]
    classes = [classe_du_scenario(r) for r in reformes]
    if parametres and not classes:
        resultat.append(scenario(parametres, base))
    for classe in classes:
        if parametres:
            resultat.append(Scenario(classe.__name__ + "+parametres",
                                     reforme_parametrique(parametres, reformes=[classe], nom=classe.__name__)(base)))
        else:
            resultat.append(Scenario(classe.__name__, classe(base)))
    return resultat


def parametres_de_reforme(nom, base=None):
    """The study parameters of a shipped reform: ``{chemin: {"valeur", "description", "unite"}}``.

    Their values are the latest ones of ``base`` (the baseline by default): the reforms read them there.
    Empty for a reform that has no node of its own under ``NOEUD_PARAMETRES_REFORMES``.
    """
    base = base or systeme_de_reference()
    module = chemin_de_reforme(nom).rpartition(".")[0].rpartition(".")[2]
    noeud = base.parameters
    for morceau in f"{NOEUD_PARAMETRES_REFORMES}.{module}".split("."):
        noeud = getattr(noeud, "children", {}).get(morceau)
        if noeud is None:
            return {}
    resultat = {}
    for chemin, parametre in _feuilles(noeud):
        valeur = valeur_la_plus_recente(parametre)
        resultat[chemin] = {
            "valeur": valeur.isoformat() if hasattr(valeur, "isoformat") else valeur,
            "description": parametre.description,
            "unite": (parametre.metadata or {}).get("unit"),
        }
    return resultat


def _feuilles(noeud):
    enfants = getattr(noeud, "children", None)
    if enfants is None:
        yield noeud.name, noeud
        return
    for enfant in enfants.values():
        yield from _feuilles(enfant)
