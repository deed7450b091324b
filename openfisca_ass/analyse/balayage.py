"""Sweep of monthly resources from 0 to the ASS ceiling, baseline versus reforms.

Two profiles, one household per point, all points in one simulation per scenario:

- ``seul``: a single claimant receiving alimony (taxable, counted by ASS and by RSA), from 0 to the
  single ceiling (70 × the daily rate). Not an invalidity pension: openfisca-france then pays the
  allocation supplémentaire d'invalidité instead of RSA, which would blur the comparison;
- ``couple``: a claimant whose partner earns a wage, from 0 to the couple ceiling (110 × the daily
  rate) of resources counted by ASS (the partner's taxable wage).

Amounts are monthly averages over the year studied (yearly total / 12): RSA looks at the ASS of the
three previous months, so a single month would show the transition rather than the new situation.
"""
import numpy
import pandas
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_ass.analyse.cas_types import _annees, _chaque_annee, demandeur, situation
from openfisca_ass.analyse.comparaison import fusionner

VARIABLES = ["ass", "rsa", "ppa", "aide_logement"]
PROFILS = ("seul", "couple")
# Ratio of taxable to gross wage, a little below openfisca-france's (≈ 0.82): the gross range then
# reaches the ceiling of resources counted by ASS.
IMPOSABLE_SUR_BRUT = 0.80


def plafond(systeme, annee, profil):
    """ASS monthly ceiling in June of ``annee`` (after the April revaluation)."""
    ass = systeme.parameters(f"{annee}-06-01").chomage.allocations_assurance_chomage.ass
    return (ass.plaf_coup if profil == "couple" else ass.plaf_seul) * ass.montant_plein


def _situation(annee, profil, montant):
    annuel = {a: round(12 * montant, 2) for a in _annees(annee)}
    if profil == "seul":
        return situation({"demandeur": demandeur(annee, f"{annee - 50}-01-01", pensions_alimentaires_percues=annuel)},
                         ["demandeur"])
    return situation({
        "demandeur": demandeur(annee, f"{annee - 50}-01-01"),
        "conjoint": {"date_naissance": {"ETERNITY": f"{annee - 50}-01-01"},
                     "activite": _chaque_annee(annee, "actif"), "salaire_de_base": annuel},
        }, ["demandeur", "conjoint"])


def balayer(scenarios, annee, profil="couple", points=41):
    """Long table (scenario, point, ressources, variable, valeur) of monthly averages over ``annee``.

    ``ressources``: the monthly resources counted by ASS under the baseline, in June of ``annee``.
    """
    if profil not in PROFILS:
        raise ValueError(f"profil inconnu : « {profil} » (connus : {', '.join(PROFILS)})")
    base = scenarios[0].systeme
    haut = plafond(base, annee, profil) / (IMPOSABLE_SUR_BRUT if profil == "couple" else 1)
    montants = numpy.linspace(0, haut, points)
    situations = {f"p{i:03d}": _situation(annee, profil, m) for i, m in enumerate(montants)}
    systeme_variables = base.variables
    lignes = []
    ressources = None
    for scenario in scenarios:
        simulation = SimulationBuilder().build_from_entities(scenario.systeme, fusionner(situations))
        if ressources is None:
            demandeurs = numpy.array([str(i).endswith("/demandeur") for i in simulation.persons.ids])
            ressources = simulation.calculate("ass_ressources_mensuelles", f"{annee}-06")[demandeurs]
        for variable in VARIABLES:
            if variable not in systeme_variables:
                continue
            entite = simulation.populations[scenario.systeme.variables[variable].entity.key]
            valeurs = simulation.calculate_add(variable, periods.period(str(annee))) / 12
            if entite.entity.is_person:
                valeurs = simulation.populations["famille"].sum(valeurs)
            for point, (valeur, r) in enumerate(zip(valeurs, ressources)):
                lignes.append((scenario.nom, point, float(r), variable, float(valeur)))
    table = pandas.DataFrame(lignes, columns=["scenario", "point", "ressources", "variable", "valeur"])
    total = table.groupby(["scenario", "point", "ressources"], sort=False)["valeur"].sum().reset_index()
    total["variable"] = "total"
    return pandas.concat([table, total[table.columns]], ignore_index=True)
