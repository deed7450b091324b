"""The engine memoised, for the test modules that simulate the same households, scenario and year more than
once (the analysts' guide and the reform-impact regression run the sample table and the small synthetic
population under the same shipped reforms).

``moteur.simuler_menages`` is deterministic and tested on its own (tests/test_moteur.py); a repeated call is
answered from memory, scenario by scenario (each scenario's rows do not depend on the others). Only the
baseline and the shipped reforms, named as in ``scenarios.REFORMES``, are memoised: a scenario built with
parameters keeps one name for different values, so it always runs, as does the dask engine.
"""
import hashlib

import pandas
import pytest

from openfisca_ass.analyse import moteur
from openfisca_ass.scenarios import REFERENCE, REFORMES

_ORIGINAL = moteur.simuler_menages
_MEMO = {}


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


@pytest.fixture(scope="module")
def moteur_memorise():
    """Use in a module: ``pytestmark = pytest.mark.usefixtures("moteur_memorise")`` after importing it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(moteur, "simuler_menages", simuler_menages_memorise)
        yield
