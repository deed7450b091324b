"""A SYNTHETIC population of ASS recipients, to put orders of magnitude on a reform.

THIS IS NOT SURVEY OR ADMINISTRATIVE DATA. Households are drawn at random (fixed seed) so that the
stock of recipients at the end of ``annee - 1`` matches the published figures of ass-rules.md §15:

- about 265,000 recipients at the end of 2024 (DREES, *Minima sociaux*, 2025 edition): the weights;
- 59 % aged 50 or more (end 2022), two-thirds single (not in a couple), about three-quarters at the
  full rate (DARES, 2018);
- about 15,000 people cumulating ASS and AAH under the 2016 grandfathering (2024, press) [S];
- a few recipients in Mayotte [U].

Everything else (housing, children, the partner's wage, resources of single people, the award-period
calendar) is an assumption, stated in ``HYPOTHESES``. The stock is followed through ``annee`` without
exits or entries: the population measures what happens to *today's* recipients, not the steady state
of a reform (in extinction mode, the savings on people who would have entered later are not counted).

Households are simulated in chunks (one simulation per chunk and scenario, then discarded) so that
memory stays bounded whatever the size; a tqdm bar shows progress.
"""
import dataclasses

import numpy
import pandas
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder
from tqdm import tqdm

from openfisca_ass.analyse.cas_types import _annees, _chaque_annee
from openfisca_ass.analyse.comparaison import TRANSFERTS, fusionner
from openfisca_ass.scenarios import REFERENCE

CIBLES = {
    "allocataires": 265_000,          # end 2024, DREES 2025
    "part_50_ans_et_plus": 0.59,      # end 2022, QE 556
    "part_personnes_seules": 2 / 3,   # end 2022, QE 556 ("2 sur 3 sont seuls")
    "part_taux_plein": 0.75,          # DARES 2021 (September 2018)
}
HYPOTHESES = {
    "part_aah_droits_acquis": 15_000 / 265_000,  # ~15,000 in 2024 [S]
    "part_mayotte": 0.005,                        # small numbers [U]
    "part_seuls_taux_plein": 0.90,                # singles: mostly no resources; 10 % above 40× the rate
    "part_seuls_avec_enfants": 0.12,
    "part_couples_avec_enfants": 0.45,
    "part_conjoints_sans_revenu_parmi_taux_plein": 0.30,
    "logement": {"locataire_vide": 0.45, "locataire_hlm": 0.20, "proprietaire": 0.20, "loge_gratuitement": 0.15},
    "imposable_sur_brut": 0.82,  # openfisca-france: 1 495.09 taxable for 1 823.07 gross (SMIC 2026)
}
TAILLE_PAR_DEFAUT = 4_000
TAILLE_LOT = 1_000


@dataclasses.dataclass
class Menage:
    age: int
    couple: bool
    enfants: int
    pension: float          # single claimant's alimony received (taxable), €/month
    salaire_conjoint: float  # partner's gross wage, €/month
    logement: str
    loyer: float
    aah: bool
    mayotte: bool
    ouverture: str          # opening date of the ASS rights


def tirer(taille, annee, graine=2024):
    """``taille`` synthetic households holding an ASS recipient at the end of ``annee - 1``."""
    rng = numpy.random.default_rng(graine)
    h = HYPOTHESES
    ass_mensuelle = 19.48  # daily rate on 1 April 2026; only used to place households in the bands
    seuil_seul, plafond_seul = 40 * ass_mensuelle, 70 * ass_mensuelle
    seuil_couple, plafond_couple = 80 * ass_mensuelle, 110 * ass_mensuelle
    # Full-rate share among couples so that the overall share meets the target.
    part_seuls = CIBLES["part_personnes_seules"]
    taux_plein_couples = (CIBLES["part_taux_plein"] - part_seuls * h["part_seuls_taux_plein"]) / (1 - part_seuls)
    statuts, probas = zip(*h["logement"].items())
    part_45_ans_et_plus = CIBLES["part_50_ans_et_plus"] + (1 - CIBLES["part_50_ans_et_plus"]) * 5 / 25
    menages = []
    for _ in range(taille):
        age = int(rng.integers(50, 65)) if rng.random() < CIBLES["part_50_ans_et_plus"] else int(rng.integers(25, 50))
        couple = rng.random() >= part_seuls
        pension = salaire = 0.0
        if couple:
            enfants = int(rng.integers(1, 4)) if rng.random() < h["part_couples_avec_enfants"] else 0
            if rng.random() < taux_plein_couples:
                if rng.random() >= h["part_conjoints_sans_revenu_parmi_taux_plein"]:
                    salaire = rng.uniform(0.2, 0.97) * seuil_couple / h["imposable_sur_brut"]
            else:
                salaire = rng.uniform(seuil_couple * 1.02, plafond_couple - 2 * ass_mensuelle) / h["imposable_sur_brut"]
        else:
            enfants = int(rng.integers(1, 3)) if rng.random() < h["part_seuls_avec_enfants"] else 0
            tirage = rng.random()
            if tirage >= h["part_seuls_taux_plein"]:
                pension = rng.uniform(seuil_seul * 1.02, plafond_seul - 2 * ass_mensuelle)
            elif tirage >= 0.8 * h["part_seuls_taux_plein"]:
                pension = rng.uniform(100, seuil_seul * 0.95)
        statut = str(rng.choice(statuts, p=probas))
        loyer = {"locataire_vide": rng.uniform(350, 750), "locataire_hlm": rng.uniform(250, 500)}.get(statut, 0.0)
        # Grandfathered AAH recipients are drawn among the 45+ (share of the 45+: 59 % + 41 % × 5/25).
        aah = age >= 45 and rng.random() < h["part_aah_droits_acquis"] / part_45_ans_et_plus
        mayotte = rng.random() < h["part_mayotte"]
        # Opening month drawn over five years: the phase of the six-month periods is uniform.
        mois = int(rng.integers(0, 60))
        ouverture = f"{annee - 6 + mois // 12}-{mois % 12 + 1:02d}-01"
        menages.append(Menage(age, bool(couple), enfants, round(pension, 2), round(salaire, 2), statut,
                              round(loyer, 2), bool(aah), bool(mayotte), ouverture))
    return menages


def situation_menage(menage, annee, systeme):
    """Web-API situation of a synthetic household (inputs unknown to ``systeme`` left out)."""
    def mensuel(montant):
        return {a: round(12 * montant, 2) for a in _annees(annee)}

    demandeur = {
        "date_naissance": {"ETERNITY": f"{annee - 1 - menage.age}-07-01"},
        "activite": _chaque_annee(annee, "chomeur"),
        "ass_precondition_remplie": _chaque_annee(annee, True),
        "ass_date_ouverture_droits": {"ETERNITY": menage.ouverture},
        }
    if menage.pension:
        # Alimony rather than an invalidity pension, which would bring the ASI instead of RSA.
        demandeur["pensions_alimentaires_percues"] = mensuel(menage.pension)
    if menage.aah:
        demandeur["aah"] = mensuel(1041.59)
        demandeur["ass_aah_droits_acquis_2016"] = _chaque_annee(annee, True)
    demandeur = {v: x for v, x in demandeur.items() if v in systeme.variables}
    individus = {"d": demandeur}
    parents = ["d"]
    if menage.couple:
        individus["c"] = {"date_naissance": {"ETERNITY": f"{annee - 1 - menage.age}-01-01"},
                          "activite": _chaque_annee(annee, "actif" if menage.salaire_conjoint else "inactif")}
        if menage.salaire_conjoint:
            individus["c"]["salaire_de_base"] = mensuel(menage.salaire_conjoint)
        parents.append("c")
    enfants = [f"e{i}" for i in range(menage.enfants)]
    for i, enfant in enumerate(enfants):
        individus[enfant] = {"date_naissance": {"ETERNITY": f"{annee - 3 - 4 * i}-03-01"}}
    logement = {"statut_occupation_logement": _chaque_annee(annee, menage.logement)}
    if menage.loyer:
        logement["loyer"] = mensuel(menage.loyer)
    if menage.mayotte:
        logement["residence_mayotte"] = _chaque_annee(annee, True)
        logement["depcom"] = _chaque_annee(annee, "97611")
    return {
        "individus": individus,
        "familles": {"f": {"parents": parents, "enfants": enfants}},
        "foyers_fiscaux": {"ff": {"declarants": parents, "personnes_a_charge": enfants}},
        "menages": {"m": {"personne_de_reference": ["d"], **({"conjoint": ["c"]} if menage.couple else {}),
                          "enfants": enfants, **logement}},
        }


def _par_menage(simulation, variable, periode, nombre):
    """Yearly (or monthly) values of ``variable`` per household, in the order of the households."""
    systeme = simulation.tax_benefit_system
    if variable not in systeme.variables:
        return numpy.zeros(nombre)
    definition = systeme.variables[variable]
    periode = periods.period(periode)
    if periode.unit == periods.DateUnit.YEAR and definition.definition_period == periods.DateUnit.MONTH:
        valeurs = simulation.calculate_add(variable, periode)
    else:
        valeurs = simulation.calculate(variable, periode)
    population = simulation.populations[definition.entity.key]
    if population.entity.is_person:
        valeurs = simulation.populations["menage"].sum(valeurs)
    return numpy.asarray(valeurs, dtype=float)


def _simuler_lot(scenarios, situations, annee):
    nombre = len(situations)
    fusion = fusionner(situations)
    resultats = {}
    for scenario in scenarios:
        simulation = SimulationBuilder().build_from_entities(scenario.systeme, fusion)
        valeurs = {v: _par_menage(simulation, v, str(annee), nombre)
                   for v in TRANSFERTS + ["revenu_disponible", "ass_trimestres_retraite"]}
        if scenario.nom == REFERENCE:
            decembre = f"{annee - 1}-12"
            valeurs["allocataire_fin_annee_precedente"] = _par_menage(simulation, "ass", decembre, nombre) > 0
            taux = simulation.calculate("ass_taux_journalier", decembre)
            plein = simulation.calculate("ass_montant_journalier", decembre)
            valeurs["taux_plein"] = simulation.populations["menage"].sum((taux >= plein - 1e-6) * (taux > 0)) > 0
        resultats[scenario.nom] = valeurs
    return resultats


def simuler_population(scenarios, annee, taille=TAILLE_PAR_DEFAUT, taille_lot=TAILLE_LOT, graine=2024,
                       barre=True):
    """Simulate the synthetic population; return ``(menages, agregats, calage)`` DataFrames.

    ``menages``: one row per household and scenario (yearly amounts, unweighted); ``agregats``: one row
    per reform (weighted totals); ``calage``: targets against what the baseline gives.
    """
    menages = tirer(taille, annee, graine)
    poids = CIBLES["allocataires"] / taille
    systeme = scenarios[0].systeme
    lignes = []
    lots = range(0, taille, taille_lot)
    for debut in tqdm(lots, desc="Population synthétique (lots de ménages)", unit="lot", disable=not barre):
        lot = menages[debut:debut + taille_lot]
        situations = {f"m{debut + i:07d}": situation_menage(m, annee, systeme) for i, m in enumerate(lot)}
        resultats = _simuler_lot(scenarios, situations, annee)
        reference = resultats[REFERENCE]
        for nom, valeurs in resultats.items():
            table = pandas.DataFrame({k: v for k, v in valeurs.items()
                                      if k not in ("allocataire_fin_annee_precedente", "taux_plein")})
            table.insert(0, "scenario", nom)
            table.insert(1, "menage", range(debut, debut + len(lot)))
            table["age"] = [m.age for m in lot]
            table["couple"] = [m.couple for m in lot]
            table["allocataire_fin_annee_precedente"] = reference["allocataire_fin_annee_precedente"]
            table["taux_plein"] = reference["taux_plein"]
            lignes.append(table)
    table = pandas.concat(lignes, ignore_index=True)
    table["poids"] = poids
    return table, agreger(table), calage(table)


def agreger(table, seuil=1.0):
    """Weighted aggregates per reform: budget and winners/losers (a change beyond ``seuil`` € a year)."""
    reference = table[table.scenario == REFERENCE].set_index("menage")
    lignes = []
    for scenario, bloc in table[table.scenario != REFERENCE].groupby("scenario", sort=False):
        bloc = bloc.set_index("menage")
        poids = bloc.poids
        ecart = {v: bloc[v] - reference[v] for v in TRANSFERTS + ["revenu_disponible", "ass_trimestres_retraite"]}
        revenu = ecart["revenu_disponible"]
        perdants, gagnants = revenu < -seuil, revenu > seuil
        lignes.append({
            "scenario": scenario,
            "cout_ass_reference": (poids * reference.ass).sum(),
            "cout_ass_reforme": (poids * bloc.ass).sum(),
            "ecart_ass": (poids * ecart["ass"]).sum(),
            "ecart_rsa": (poids * ecart["rsa"]).sum(),
            "ecart_ppa": (poids * ecart["ppa"]).sum(),
            "ecart_aide_logement": (poids * ecart["aide_logement"]).sum(),
            "ecart_aefa": (poids * ecart["aefa"]).sum(),
            "effet_budgetaire_net": sum((poids * ecart[v]).sum() for v in TRANSFERTS),
            "perdants": poids[perdants].sum(),
            "perte_moyenne": revenu[perdants].mean() if perdants.any() else 0.0,
            "gagnants": poids[gagnants].sum(),
            "gain_moyen": revenu[gagnants].mean() if gagnants.any() else 0.0,
            "trimestres_retraite_perdus": -(poids * ecart["ass_trimestres_retraite"]).sum(),
            })
    return pandas.DataFrame(lignes)


def calage(table):
    """Calibration targets against the baseline's recipients at the end of the previous year."""
    reference = table[table.scenario == REFERENCE]
    allocataires = reference[reference.allocataire_fin_annee_precedente]
    poids = allocataires.poids

    def part(masque):
        return float((poids * masque).sum() / poids.sum()) if poids.sum() else 0.0

    obtenu = {
        "allocataires": float(poids.sum()),
        "part_50_ans_et_plus": part(allocataires.age >= 50),
        "part_personnes_seules": part(~allocataires.couple),
        "part_taux_plein": part(allocataires.taux_plein),
        }
    return pandas.DataFrame({"cible": CIBLES, "obtenu": obtenu})
