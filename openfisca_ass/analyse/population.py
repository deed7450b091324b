"""Former route of the SYNTHETIC population, kept so that its public names keep working.

The synthetic draw lives in ``synthetique`` (a producer of the persons table) and households are simulated by
``moteur`` (arrays, chunks, no JSON per household). ``simuler_population`` returns the table of the former
route, now computed by the engine: one row per household and scenario (yearly amounts, initial weights).
New code should use ``synthetique.tirer_personnes`` and ``moteur.simuler_menages``.
"""
from openfisca_ass.analyse.comparaison import TRANSFERTS
from openfisca_ass.analyse.synthetique import CIBLES, HYPOTHESES, TAILLE_PAR_DEFAUT, Menage, tirer, tirer_personnes
from openfisca_ass.scenarios import REFERENCE

TAILLE_LOT = 1_000

__all__ = ["CIBLES", "HYPOTHESES", "TAILLE_PAR_DEFAUT", "TAILLE_LOT", "Menage", "tirer", "simuler_population",
           "agreger", "calage"]


def simuler_population(scenarios, annee, taille=TAILLE_PAR_DEFAUT, taille_lot=TAILLE_LOT, graine=2024,
                       barre=True):
    """Simulate the synthetic population; return ``(menages, agregats, calage)`` DataFrames.

    ``menages``: one row per household and scenario (yearly amounts, initial weights); ``agregats``: one row
    per reform (weighted totals); ``calage``: targets against what the baseline gives.
    """
    from openfisca_ass.analyse.moteur import simuler_menages

    personnes = tirer_personnes(taille, annee, graine, systeme=scenarios[0].systeme)
    sortie = simuler_menages(personnes, scenarios, annee, taille_lot=taille_lot, barre=barre,
                             fin_annee_precedente=True)
    table = sortie.rename(columns={"idmen": "menage", "trimestres_retraite_ass": "ass_trimestres_retraite",
                                   "age_reference": "age", "taux_plein_fin_annee_precedente": "taux_plein"})
    table["menage"] = table.menage.astype(int)
    colonnes = ["scenario", "menage"] + TRANSFERTS + ["revenu_disponible", "ass_trimestres_retraite", "age", "couple",
                                                      "allocataire_fin_annee_precedente", "taux_plein", "poids"]
    table = table[colonnes]
    return table, agreger(table), calage(table)


def agreger(table, seuil=1.0):
    """Weighted aggregates per reform: budget and winners/losers (a change beyond ``seuil`` € a year)."""
    import pandas

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
    import pandas

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
