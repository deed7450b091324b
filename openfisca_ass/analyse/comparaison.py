"""Month-by-month comparison of situations, baseline versus reforms.

Situations whose inputs are all given for the same periods (the cas types: yearly inputs over the same
three years) go into one simulation per scenario (openfisca is vectorised): entity ids are prefixed with
the situation's name, and every variable is summed over the members of each situation. Other situations
(web-API files) are simulated one by one: openfisca fills an input missing for one entity at a period
given for another with the default value, so mixing, say, monthly and yearly inputs would be wrong.
"""
import pandas
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_ass.analyse.cas_types import CAS_TYPES, cas_type
from openfisca_ass.scenarios import REFERENCE

# Monthly amounts (€) and yearly ones; pension quarters when the model computes them.
VARIABLES_MENSUELLES = ["ass", "rsa", "ppa", "aide_logement"]
VARIABLES_ANNUELLES = ["aefa", "revenu_disponible", "ass_trimestres_retraite"]
# Benefits whose sum is the "transferts" line of the tables (the prime de Noël is yearly).
TRANSFERTS = ["ass", "rsa", "ppa", "aide_logement", "aefa"]
SEPARATEUR = "/"
ANNEE = "annee"  # label of the yearly rows


def fusionner(situations):
    """One web-API situation holding all ``situations`` (name → situation), ids prefixed ``name/``."""
    fusion = {}
    for nom, situation in situations.items():
        if SEPARATEUR in nom:
            raise ValueError(f"nom de situation invalide (contient « {SEPARATEUR} ») : {nom}")
        prefixe = nom + SEPARATEUR
        for pluriel, entites in situation.items():
            cible = fusion.setdefault(pluriel, {})
            for identifiant, entite in entites.items():
                if pluriel == "individus":
                    cible[prefixe + identifiant] = entite
                    continue
                entite = dict(entite)
                for role, membres in list(entite.items()):
                    if isinstance(membres, list) and all(isinstance(m, str) for m in membres) and \
                            all(m in situation.get("individus", {}) for m in membres):
                        entite[role] = [prefixe + m for m in membres]
                    elif isinstance(membres, str) and membres in situation.get("individus", {}):
                        entite[role] = prefixe + membres
                cible[prefixe + identifiant] = entite
    return fusion


def _par_situation(simulation, variable, periode):
    """Values of ``variable`` summed over each situation (prefix of the entity ids)."""
    population = simulation.populations[simulation.tax_benefit_system.variables[variable].entity.key]
    valeurs = simulation.calculate_add(variable, periode) if periode.unit == periods.DateUnit.YEAR and \
        simulation.tax_benefit_system.variables[variable].definition_period == periods.DateUnit.MONTH \
        else simulation.calculate(variable, periode)
    noms = [str(i).split(SEPARATEUR, 1)[0] for i in population.ids]
    return pandas.Series(valeurs, dtype=float).groupby(noms).sum()


def variables_disponibles(systeme, variables):
    return [v for v in variables if v in systeme.variables]


def simuler(systeme, situations, annee, mensuelles=VARIABLES_MENSUELLES, annuelles=VARIABLES_ANNUELLES):
    """Long table (situation, periode, variable, valeur) of one system over the twelve months of ``annee``."""
    simulation = SimulationBuilder().build_from_entities(systeme, fusionner(situations))
    lignes = []
    mois = [periods.period(f"{annee}-{m:02d}") for m in range(1, 13)]
    for variable in variables_disponibles(systeme, mensuelles):
        for periode in mois:
            for nom, valeur in _par_situation(simulation, variable, periode).items():
                lignes.append((nom, str(periode), variable, valeur))
    for variable in variables_disponibles(systeme, list(mensuelles) + list(annuelles)):
        for nom, valeur in _par_situation(simulation, variable, periods.period(str(annee))).items():
            lignes.append((nom, ANNEE, variable, valeur))
    return pandas.DataFrame(lignes, columns=["situation", "periode", "variable", "valeur"])


def comparer(situations, scenarios, annee, fusionner_situations=False):
    """Long table (scenario, situation, periode, variable, valeur) plus, for each reform, the change
    ``ecart`` from the baseline. ``situations``: name → web-API situation (a dict).

    ``fusionner_situations``: one simulation for all situations (only when their inputs are given for
    the same periods, see the module's docstring); otherwise one simulation per situation.
    """
    groupes = [situations] if fusionner_situations else [{nom: s} for nom, s in situations.items()]
    tables = []
    for scenario in scenarios:
        for groupe in groupes:
            table = simuler(scenario.systeme, groupe, annee)
            table.insert(0, "scenario", scenario.nom)
            tables.append(table)
    resultat = pandas.concat(tables, ignore_index=True)
    cles = ["situation", "periode", "variable"]
    reference = resultat[resultat.scenario == REFERENCE].set_index(cles)["valeur"]
    resultat["ecart"] = resultat.valeur.values - reference.reindex(
        pandas.MultiIndex.from_frame(resultat[cles])).values
    return resultat


def comparer_cas_types(scenarios, annee, noms=None):
    """``comparer`` over the built-in cas types (all of them by default)."""
    systeme = scenarios[0].systeme
    situations = {nom: cas_type(nom, annee, systeme) for nom in (noms or CAS_TYPES)}
    return comparer(situations, scenarios, annee, fusionner_situations=True)


def transferts_annuels(resultat):
    """Yearly benefits ``ass + rsa + ppa + aide_logement + aefa`` by scenario and situation, with the
    change from the baseline: the bars of the gains-and-losses chart."""
    annuel = resultat[(resultat.periode == ANNEE) & resultat.variable.isin(TRANSFERTS)]
    return annuel.groupby(["scenario", "situation"], sort=False)[["valeur", "ecart"]].sum().reset_index()
