"""Weighted aggregates of a microsimulation: budget by benefit and by payer, winners and losers, breakdowns.

Input: the per-household table of ``moteur.simuler_menages`` (one row per household, scenario and year,
yearly amounts in euros, weight ``poids``), for one or several years. Every figure is weighted by
``poids``; a reform is compared with the baseline (``reference``) of the same year, household by household.

- ``budget``: recipients (households with a positive amount) and totals of ASS, RSA, prime d'activité,
  housing aid, prime de Noël, income tax and disposable income, with their change;
- ``payeurs``: the net cost for each payer: the State (ASS, prime d'activité, prime de Noël, minus the
  income tax it collects), the départements (RSA), the housing-aid fund (FNAL: aides au logement), and
  their sum, the net public-finance effect (positive: the reform costs money);
- ``gagnants_perdants``: households whose disposable income changes by more than ``seuil`` € a year
  (count, weighted mean and weighted median of the change);
- ``ventilations``: the same by household type, age band of the reference person, ASS rate in the
  baseline, Mayotte, and decile of baseline standard of living (``niveau_de_vie``). The deciles are
  computed on the weighted simulated population itself (the households of the table), not on France's
  population: with the synthetic population, on ASS recipients only;
- ``trimestres``: pension quarters validated by ASS, and those the reform no longer validates.

Weighted medians and deciles are numpy's weighted quantiles (``method="inverted_cdf"``).
"""
import numpy
import pandas

from openfisca_ass.scenarios import REFERENCE

VARIABLES = ["ass", "rsa", "ppa", "aide_logement", "aefa", "impot_revenu", "revenu_disponible"]
LIBELLES = {
    "ass": "ASS", "rsa": "RSA", "ppa": "prime d'activité", "aide_logement": "aides au logement",
    "aefa": "prime de Noël", "impot_revenu": "impôt sur le revenu", "revenu_disponible": "revenu disponible",
    }
# Net cost of each payer: +1 for a benefit it pays, -1 for a revenue it collects.
PAYEURS = {
    "etat": {"ass": 1, "ppa": 1, "aefa": 1, "impot_revenu": -1},
    "departements": {"rsa": 1},
    "fonds_aides_logement": {"aide_logement": 1},
    }
LIBELLES_PAYEURS = {
    "etat": "État (ASS, prime d'activité, prime de Noël, moins l'impôt sur le revenu)",
    "departements": "Départements (RSA)",
    "fonds_aides_logement": "Fonds national des aides au logement (aides au logement)",
    "solde_public": "Effet net sur les finances publiques",
    }
SOLDE = "solde_public"
SEUIL = 1.0  # € a year of disposable income: below it, a household neither gains nor loses
TRANCHES_AGE = [(0, 30, "moins_de_30_ans"), (30, 40, "30_39_ans"), (40, 50, "40_49_ans"), (50, 55, "50_54_ans"),
                (55, 60, "55_59_ans"), (60, 200, "60_ans_et_plus")]
VENTILATIONS = ["type_menage", "tranche_age", "taux_ass", "mayotte", "decile_niveau_de_vie"]


def _ordre(valeurs):
    return list(dict.fromkeys(valeurs))


def reformes(menages):
    """The reforms of the table, in order of appearance (the baseline excluded)."""
    return [s for s in _ordre(menages.scenario) if s != REFERENCE]


def quantile_pondere(valeurs, poids, q):
    """Weighted quantile(s) ``q`` of ``valeurs`` (numpy, inverted CDF: a value of the data)."""
    return numpy.quantile(numpy.asarray(valeurs, dtype=float), q, weights=numpy.asarray(poids, dtype=float),
                          method="inverted_cdf")


def moyenne_ponderee(valeurs, poids):
    poids = numpy.asarray(poids, dtype=float)
    return float(numpy.average(numpy.asarray(valeurs, dtype=float), weights=poids)) if poids.sum() > 0 else 0.0


def deciles(niveau_de_vie, poids):
    """Decile (1 to 10) of each value among the weighted values themselves."""
    seuils = quantile_pondere(niveau_de_vie, poids, numpy.arange(1, 10) / 10)
    return numpy.searchsorted(seuils, numpy.asarray(niveau_de_vie, dtype=float), side="left") + 1


def categories(reference):
    """Breakdown categories of each household, from its baseline row of the year."""
    enfants = numpy.where(reference.nombre_enfants > 0, "avec_enfants", "sans_enfant")
    famille = numpy.where(reference.couple.astype(bool), "couple", "seul")
    age = pandas.cut(reference.age_reference, [debut for debut, _, _ in TRANCHES_AGE] + [TRANCHES_AGE[-1][1]],
                     right=False, labels=[nom for _, _, nom in TRANCHES_AGE])
    plein, reduit = reference.mois_ass_taux_plein, reference.mois_ass_taux_reduit
    taux = numpy.select([plein + reduit == 0, plein >= reduit], ["sans_ass", "taux_plein"], "taux_reduit")
    return pandas.DataFrame({
        "type_menage": pandas.Series(famille, index=reference.index) + "_" + enfants,
        "tranche_age": age,
        "taux_ass": taux,
        "mayotte": numpy.where(reference.residence_mayotte.astype(bool), "mayotte", "hors_mayotte"),
        "decile_niveau_de_vie": deciles(reference.niveau_de_vie, reference.poids),
        }, index=reference.index)


def ecarts(menages):
    """One row per household, year and reform: the reform's amounts, the baseline's (``<var>_reference``),
    the changes (``ecart_<var>``) and the household's breakdown categories (from the baseline)."""
    tables = []
    colonnes = VARIABLES + ["trimestres_retraite_ass"]
    for annee in _ordre(menages.annee):
        bloc = menages[menages.annee == annee]
        reference = bloc[bloc.scenario == REFERENCE].set_index("idmen")
        if reference.empty:
            raise ValueError(f"pas de scénario « {REFERENCE} » pour {annee} : aucun écart à calculer")
        cats = categories(reference)
        for scenario in reformes(bloc):
            reforme = bloc[bloc.scenario == scenario].set_index("idmen")
            base = reference.reindex(reforme.index)
            table = pandas.DataFrame({"annee": annee, "scenario": scenario, "poids": reforme.poids},
                                     index=reforme.index)
            for variable in colonnes:
                table[variable] = reforme[variable]
                table[variable + "_reference"] = base[variable]
                table["ecart_" + variable] = reforme[variable] - base[variable]
            tables.append(table.join(cats))
    if not tables:
        return pandas.DataFrame()
    return pandas.concat(tables).reset_index()


def budget(menages):
    """Long table: year, scenario, variable, weighted recipients and total, and their change."""
    lignes = []
    for (annee, scenario), bloc in menages.groupby(["annee", "scenario"], sort=False):
        for variable in VARIABLES:
            lignes.append({"annee": annee, "scenario": scenario, "variable": variable,
                           "beneficiaires": float(bloc.poids[bloc[variable] > 0].sum()),
                           "montant": float((bloc.poids * bloc[variable]).sum())})
    table = pandas.DataFrame(lignes)
    reference = table[table.scenario == REFERENCE].set_index(["annee", "variable"])
    cles = pandas.MultiIndex.from_frame(table[["annee", "variable"]])
    table["ecart_beneficiaires"] = table.beneficiaires.values - reference.beneficiaires.reindex(cles).values
    table["ecart_montant"] = table.montant.values - reference.montant.reindex(cles).values
    return table


def payeurs(menages):
    """Long table: year, scenario, payer (and ``solde_public``), net cost and its change."""
    lignes = []
    for (annee, scenario), bloc in menages.groupby(["annee", "scenario"], sort=False):
        total = 0.0
        for payeur, signes in PAYEURS.items():
            cout = float(sum(signe * (bloc.poids * bloc[v]).sum() for v, signe in signes.items()))
            total += cout
            lignes.append({"annee": annee, "scenario": scenario, "payeur": payeur, "cout": cout})
        lignes.append({"annee": annee, "scenario": scenario, "payeur": SOLDE, "cout": total})
    table = pandas.DataFrame(lignes)
    reference = table[table.scenario == REFERENCE].set_index(["annee", "payeur"]).cout
    table["ecart_cout"] = table.cout.values - reference.reindex(
        pandas.MultiIndex.from_frame(table[["annee", "payeur"]])).values
    return table


def _gagnants_perdants(ecart, poids, seuil):
    perdants, gagnants = ecart < -seuil, ecart > seuil

    def stats(masque):
        if not masque.any():
            return 0.0, 0.0, 0.0
        return (float(poids[masque].sum()), moyenne_ponderee(ecart[masque], poids[masque]),
                float(quantile_pondere(ecart[masque], poids[masque], 0.5)))

    nombre_perdants, perte_moyenne, perte_mediane = stats(perdants)
    nombre_gagnants, gain_moyen, gain_median = stats(gagnants)
    return {"perdants": nombre_perdants, "perte_moyenne": perte_moyenne, "perte_mediane": perte_mediane,
            "gagnants": nombre_gagnants, "gain_moyen": gain_moyen, "gain_median": gain_median,
            "inchanges": float(poids[~perdants & ~gagnants].sum())}


def gagnants_perdants(menages, seuil=SEUIL, table_ecarts=None):
    """Per year and reform: households losing / gaining more than ``seuil`` € a year of disposable income,
    with the weighted mean and median change among them (column ``seuil`` states the threshold)."""
    table_ecarts = ecarts(menages) if table_ecarts is None else table_ecarts
    lignes = []
    for (annee, scenario), bloc in table_ecarts.groupby(["annee", "scenario"], sort=False):
        lignes.append({"annee": annee, "scenario": scenario, "seuil": seuil,
                       **_gagnants_perdants(bloc.ecart_revenu_disponible, bloc.poids, seuil)})
    return pandas.DataFrame(lignes)


def ventilations(menages, seuil=SEUIL, table_ecarts=None, par=VENTILATIONS):
    """Per year, reform, breakdown and category: weighted households, mean and total change of disposable
    income, share of losers (beyond ``seuil``), change of ASS and of RSA."""
    table_ecarts = ecarts(menages) if table_ecarts is None else table_ecarts
    lignes = []
    for (annee, scenario), bloc in table_ecarts.groupby(["annee", "scenario"], sort=False):
        for ventilation in par:
            for categorie, sous in bloc.groupby(ventilation, sort=True, observed=True):
                poids = sous.poids
                lignes.append({
                    "annee": annee, "scenario": scenario, "ventilation": ventilation, "categorie": categorie,
                    "menages": float(poids.sum()),
                    "ecart_revenu_disponible_moyen": moyenne_ponderee(sous.ecart_revenu_disponible, poids),
                    "ecart_revenu_disponible_total": float((poids * sous.ecart_revenu_disponible).sum()),
                    "part_perdants": float(poids[sous.ecart_revenu_disponible < -seuil].sum() / poids.sum())
                    if poids.sum() > 0 else 0.0,
                    "ecart_ass": float((poids * sous.ecart_ass).sum()),
                    "ecart_rsa": float((poids * sous.ecart_rsa).sum()),
                    })
    return pandas.DataFrame(lignes)


def trimestres(menages, table_ecarts=None):
    """Per year and reform: pension quarters validated by ASS, baseline and reform, and those not validated."""
    table_ecarts = ecarts(menages) if table_ecarts is None else table_ecarts
    lignes = []
    for (annee, scenario), bloc in table_ecarts.groupby(["annee", "scenario"], sort=False):
        lignes.append({"annee": annee, "scenario": scenario,
                       "trimestres_reference": float((bloc.poids * bloc.trimestres_retraite_ass_reference).sum()),
                       "trimestres_reforme": float((bloc.poids * bloc.trimestres_retraite_ass).sum()),
                       "trimestres_non_valides": float(-(bloc.poids * bloc.ecart_trimestres_retraite_ass).sum())})
    return pandas.DataFrame(lignes)


def synthese(budget_, payeurs_, gagnants_perdants_, trimestres_):
    """Wide table for the reader: one row per indicator, one column per reform and year side by side."""
    colonnes = {}
    for (annee, scenario), bloc in gagnants_perdants_.groupby(["annee", "scenario"], sort=False):
        montants = budget_[(budget_.annee == annee) & (budget_.scenario == scenario)].set_index("variable")
        couts = payeurs_[(payeurs_.annee == annee) & (payeurs_.scenario == scenario)].set_index("payeur")
        quartiers = trimestres_[(trimestres_.annee == annee) & (trimestres_.scenario == scenario)].iloc[0]
        gp = bloc.iloc[0]
        colonne = {
            "ASS, législation actuelle (€)": montants.montant["ass"] - montants.ecart_montant["ass"],
            "ASS, réforme (€)": montants.montant["ass"],
            "allocataires de l'ASS (ménages), législation actuelle": (montants.beneficiaires["ass"]
                                                                      - montants.ecart_beneficiaires["ass"]),
            "allocataires de l'ASS (ménages), réforme": montants.beneficiaires["ass"],
            }
        for variable in VARIABLES:
            colonne[f"écart : {LIBELLES[variable]} (€)"] = montants.ecart_montant[variable]
        for payeur in list(PAYEURS) + [SOLDE]:
            colonne[f"écart de coût : {LIBELLES_PAYEURS[payeur]} (€)"] = couts.ecart_cout[payeur]
        seuil = f"{gp.seuil:g}".replace(".", ",")
        colonne.update({
            f"ménages perdants (plus de {seuil} € par an de revenu disponible)": gp.perdants,
            "perte moyenne des perdants (€ par an)": gp.perte_moyenne,
            "perte médiane des perdants (€ par an)": gp.perte_mediane,
            f"ménages gagnants (plus de {seuil} € par an)": gp.gagnants,
            "gain moyen des gagnants (€ par an)": gp.gain_moyen,
            "gain médian des gagnants (€ par an)": gp.gain_median,
            "trimestres de retraite non validés": quartiers.trimestres_non_valides,
            })
        colonnes[(scenario, str(annee))] = colonne
    table = pandas.DataFrame(colonnes)
    table.columns = pandas.MultiIndex.from_tuples(table.columns, names=["scenario", "annee"])
    return table


def agreger(menages, seuil=SEUIL):
    """Every aggregate of ``menages`` (one or several years): a dict of DataFrames ``synthese``, ``budget``,
    ``payeurs``, ``gagnants_perdants``, ``trimestres``, ``ventilations``."""
    table_ecarts = ecarts(menages)
    resultat = {"budget": budget(menages), "payeurs": payeurs(menages)}
    if table_ecarts.empty:
        vide = pandas.DataFrame()
        return {"synthese": vide, **resultat, "gagnants_perdants": vide, "trimestres": vide, "ventilations": vide}
    resultat["gagnants_perdants"] = gagnants_perdants(menages, seuil, table_ecarts)
    resultat["trimestres"] = trimestres(menages, table_ecarts)
    resultat["ventilations"] = ventilations(menages, seuil, table_ecarts)
    resultat["synthese"] = synthese(resultat["budget"], resultat["payeurs"], resultat["gagnants_perdants"],
                                    resultat["trimestres"])
    return {cle: resultat[cle] for cle in ("synthese", "budget", "payeurs", "gagnants_perdants", "trimestres",
                                           "ventilations")}
