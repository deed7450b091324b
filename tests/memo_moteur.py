"""The engine, the cas-type comparison and the resource sweep memoised, for the test modules that simulate the
same households, scenario and year more than once (the analysts' guide, the reform-impact regression and the
analysis tests run the sample table, the small synthetic population and the cas types under the same shipped
reforms).

``moteur.simuler_menages`` is deterministic and tested on its own (tests/test_moteur.py); a repeated call is
answered from memory, scenario by scenario: a scenario's amounts do not depend on the others, and the
household descriptors, which the engine reads in the first scenario's simulation, are taken from the first
scenario's rows. Only the baseline and the shipped reforms, named as in ``scenarios.REFORMES``, are
memoised: a scenario built with parameters keeps one name for different values, so it always runs (alone;
the others of the call still come from memory), as does the dask engine. Checked against the engine on the
sample table (suppression_ass_immediate in 2027, suppression_ass in 2028, with the stock at the end of the
year before; by hand): identical frames.

``comparaison.simuler`` (one system, a group of situations, a year) is memoised situation by situation, by
the system's class and its baseline (the same shipped reform class on the same baseline computes the same
thing; a parametric reform is a new class each time, so it always runs), the situation's name and JSON and
the variables: the situations of one simulation share no entity, so a situation's rows are the same
whichever others it is simulated with, which ``comparer_cas_types`` relies on too. Checked on every
variable of the seven cas types of 2027, under the baseline and suppression_ass, each alone and all seven
at once (by hand, to the cent: no difference); ``test_memo_comparaison_par_situation`` checks it on ASS.
The rows come back in the order ``simuler`` gives them, in a new frame: ``comparer`` adds a column to what
it gets.

``balayage.balayer`` is memoised scenario by scenario, like the engine, when the sweep's points are the same
under the scenario as under the first one (the same ceiling): each scenario is its own simulation, and the
resources column, which the sweep reads in the first scenario, is taken from the first scenario's rows.
"""
import hashlib
import json

import pandas
import pytest

from openfisca_ass import analyse
from openfisca_ass.analyse import balayage, comparaison, moteur
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


def memorisable(scenario):
    return scenario.nom == REFERENCE or scenario.nom in REFORMES


def _un_scenario(personnes, table, scenario, annee, options):
    if not memorisable(scenario):
        return _ORIGINAL(personnes, [scenario], annee, **options)
    cle = (table, scenario.nom, annee, options.get("taille_lot"), options.get("fin_annee_precedente", False))
    if cle not in _MEMO:
        _MEMO[cle] = _ORIGINAL(personnes, [scenario], annee, **options)
    return _MEMO[cle].copy()


def simuler_menages_memorise(personnes, scenarios, annee, **options):
    if options.get("moteur", "local") != "local":
        return _ORIGINAL(personnes, scenarios, annee, **options)
    table = empreinte(personnes)
    resultats = [_un_scenario(personnes, table, scenario, annee, options) for scenario in scenarios]
    descripteurs = [c for c in moteur.DESCRIPTEURS + moteur.FIN_ANNEE_PRECEDENTE if c in resultats[0].columns]
    for resultat in resultats[1:]:
        for colonne in descripteurs:
            resultat[colonne] = resultats[0][colonne].to_numpy()
    return pandas.concat(resultats, ignore_index=True)


def systeme_racine(systeme):
    while getattr(systeme, "baseline", None) is not None:
        systeme = systeme.baseline
    return systeme


def _ordre_de_simuler(table, mensuelles, annuelles):
    """Rows as ``comparaison.simuler`` writes them: the months variable by variable, then the yearly rows;
    within a variable, period by period, situations sorted by name."""
    mois = list(mensuelles)
    annee = list(mensuelles) + list(annuelles)
    annuel = table.periode == comparaison.ANNEE
    cles = pandas.DataFrame({
        "bloc": annuel.astype(int),
        "rang": [annee.index(v) if a else mois.index(v) for v, a in zip(table.variable, annuel)],
        "periode": table.periode,
        "situation": table.situation,
    })
    return table.loc[cles.sort_values(["bloc", "rang", "periode", "situation"]).index].reset_index(drop=True)


def simuler_memorise(systeme, situations, annee, mensuelles=comparaison.VARIABLES_MENSUELLES,
                     annuelles=comparaison.VARIABLES_ANNUELLES):
    commune = (type(systeme), systeme_racine(systeme), annee, tuple(mensuelles), tuple(annuelles))
    cles = {nom: commune + (nom, json.dumps(situation, sort_keys=True)) for nom, situation in situations.items()}
    manquantes = {nom: situations[nom] for nom, cle in cles.items() if cle not in _MEMO_COMPARAISON}
    if manquantes:
        table = _SIMULER(systeme, manquantes, annee, mensuelles, annuelles)
        for nom, lignes in table.groupby("situation", sort=False):
            _MEMO_COMPARAISON[cles[nom]] = lignes
    table = pandas.concat([_MEMO_COMPARAISON[cles[nom]] for nom in situations], ignore_index=True)
    return _ordre_de_simuler(table, mensuelles, annuelles)


_BALAYER = balayage.balayer
_MEMO_BALAYAGE = {}


def balayer_memorise(scenarios, annee, profil="couple", points=41):
    premier = scenarios[0]
    if profil not in balayage.PROFILS or any(
            not memorisable(s) or balayage.plafond(s.systeme, annee, profil)
            != balayage.plafond(premier.systeme, annee, profil) for s in scenarios):
        return _BALAYER(scenarios, annee, profil, points)
    tables = []
    for scenario in scenarios:
        cle = (scenario.nom, systeme_racine(scenario.systeme), annee, profil, points)
        if cle not in _MEMO_BALAYAGE:
            _MEMO_BALAYAGE[cle] = _BALAYER([scenario], annee, profil, points)
        tables.append(_MEMO_BALAYAGE[cle].copy())
    ressources = tables[0].drop_duplicates("point").set_index("point").ressources
    for table in tables:
        table["ressources"] = table.point.map(ressources)
    # balayer's order: every scenario's variables, then every scenario's totals.
    return pandas.concat([t[t.variable != "total"] for t in tables] + [t[t.variable == "total"] for t in tables],
                         ignore_index=True)


@pytest.fixture(scope="module")
def moteur_memorise():
    """Use in a module: ``pytestmark = MEMORISE`` after importing both names."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(moteur, "simuler_menages", simuler_menages_memorise)
        patch.setattr(comparaison, "simuler", simuler_memorise)
        patch.setattr(balayage, "balayer", balayer_memorise)
        patch.setattr(analyse, "balayer", balayer_memorise)
        yield
