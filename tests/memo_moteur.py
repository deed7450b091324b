"""The engine and the cas-type comparison memoised, for the test modules that simulate the same households,
scenario and year more than once (the analysts' guide, the reform-impact regression and the analysis tests
run the sample table, the small synthetic population and the cas types under the same shipped reforms).

``moteur.simuler_menages`` is deterministic and tested on its own (tests/test_moteur.py); a repeated call is
answered from memory, scenario by scenario (each scenario's rows do not depend on the others). Only the
baseline and the shipped reforms, named as in ``scenarios.REFORMES``, are memoised: a scenario built with
parameters keeps one name for different values, so it always runs, as does the dask engine.

``comparaison.simuler`` (one system, a group of situations, a year) is memoised by the system's class and
its baseline (the same shipped reform class on the same baseline computes the same thing; a parametric
reform is a new class each time, so it always runs), the situations' JSON and the variables. A copy is
returned: ``comparer`` adds a column to what it gets.
"""
import hashlib
import json

import pandas
import pytest

from openfisca_ass.analyse import comparaison, moteur
from openfisca_ass.scenarios import REFERENCE, REFORMES

_ORIGINAL = moteur.simuler_menages
# The marks of a module using the memo: the fixture, and one xdist group for all such modules, so that they
# run in one process and share the memo (the guide's runs and the regression's are the same runs).
MEMORISE = [pytest.mark.usefixtures("moteur_memorise"), pytest.mark.xdist_group("moteur_memorise")]
_MEMO = {}
_SIMULER = comparaison.simuler
_MEMO_COMPARAISON = {}


def empreinte(personnes):
    """Digest of a persons table: its columns and every value."""
    valeurs = pandas.util.hash_pandas_object(personnes, index=False).to_numpy().tobytes()
    return hashlib.sha256(repr(list(personnes.columns)).encode() + valeurs).hexdigest()


def simuler_menages_memorise(personnes, scenarios, annee, **options):
    if options.get("moteur", "local") != "local" or any(s.nom != REFERENCE and s.nom not in REFORMES
                                                        for s in scenarios):
        return _ORIGINAL(personnes, scenarios, annee, **options)
    table = empreinte(personnes)
    resultats = []
    for scenario in scenarios:
        cle = (table, scenario.nom, annee, options.get("taille_lot"))
        if cle not in _MEMO:
            _MEMO[cle] = _ORIGINAL(personnes, [scenario], annee, **options)
        resultats.append(_MEMO[cle])
    return pandas.concat(resultats, ignore_index=True)


def systeme_racine(systeme):
    while getattr(systeme, "baseline", None) is not None:
        systeme = systeme.baseline
    return systeme


def simuler_memorise(systeme, situations, annee, mensuelles=comparaison.VARIABLES_MENSUELLES,
                     annuelles=comparaison.VARIABLES_ANNUELLES):
    cle = (type(systeme), systeme_racine(systeme), annee, json.dumps(situations, sort_keys=True),
           tuple(mensuelles), tuple(annuelles))
    if cle not in _MEMO_COMPARAISON:
        _MEMO_COMPARAISON[cle] = _SIMULER(systeme, situations, annee, mensuelles, annuelles)
    return _MEMO_COMPARAISON[cle].copy()


@pytest.fixture(scope="module")
def moteur_memorise():
    """Use in a module: ``pytestmark = MEMORISE`` after importing both names."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(moteur, "simuler_menages", simuler_menages_memorise)
        patch.setattr(comparaison, "simuler", simuler_memorise)
        yield
