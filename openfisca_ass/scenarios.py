"""Scenarios: the baseline and the reformed systems, named.

One definition for the Python route, the command line and the web API.
"""
import dataclasses
import functools
import importlib

from openfisca_ass import CountryTaxBenefitSystem
from openfisca_ass.reformes_parametriques import reforme_parametrique

# Reforms shipped with the package, by short name.
REFORMES = {
    "suppression_ass": "openfisca_ass.reforms.suppression_ass.suppression_ass",
    "suppression_ass_immediate": "openfisca_ass.reforms.suppression_ass.suppression_ass_immediate",
    "fin_cumul_aah": "openfisca_ass.reforms.fin_cumul_aah.fin_cumul_aah",
    "maintien_cumul_aah": "openfisca_ass.reforms.fin_cumul_aah.maintien_cumul_aah",
}

REFERENCE = "reference"


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A named tax-benefit system: the baseline (``reference``) or a reform."""

    nom: str
    systeme: object


@functools.lru_cache(maxsize=1)
def systeme_de_reference():
    """The baseline system, built once per process (openfisca-france takes a few seconds)."""
    return CountryTaxBenefitSystem()


def classe_de_reforme(nom):
    """A Reform class from a short name (``suppression_ass``) or a dotted path (``pkg.module.Classe``)."""
    chemin = REFORMES.get(nom, nom)
    module, _, classe = chemin.rpartition(".")
    if not module:
        raise ValueError(f"réforme inconnue : « {nom} » (connues : {', '.join(REFORMES)} ; ou un chemin module.Classe)")
    try:
        return getattr(importlib.import_module(module), classe)
    except (ImportError, AttributeError) as erreur:
        raise ValueError(f"réforme introuvable : « {nom} » ({erreur})") from erreur


def scenarios(reformes=(), parametres=None, base=None):
    """The baseline followed by one scenario per reform.

    ``reformes``: names, dotted paths or Reform classes. ``parametres``: a mapping of parameter paths to
    (dated) values, applied before each reform; with no reform, it makes a parametric reform of its own.
    """
    base = base or systeme_de_reference()
    resultat = [Scenario(REFERENCE, base)]
    classes = [classe_de_reforme(r) if isinstance(r, str) else r for r in reformes]
    if parametres and not classes:
        resultat.append(Scenario("reforme_parametrique", reforme_parametrique(parametres)(base)))
    for classe in classes:
        if parametres:
            resultat.append(Scenario(classe.__name__ + "+parametres",
                                     reforme_parametrique(parametres, reformes=[classe], nom=classe.__name__)(base)))
        else:
            resultat.append(Scenario(classe.__name__, classe(base)))
    return resultat
