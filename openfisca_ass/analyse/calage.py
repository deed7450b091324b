"""Calibration of the SYNTHETIC population's weights to the published margins of the simulated year.

The synthetic population stands for the stock of ASS recipients at the end of ``annee - 1``, followed
through ``annee``. Its household weights are raked (iterative proportional fitting, the raking method of
CALMAR) by `svy <https://svylab.com>`_, a maintained survey-weighting library, so that the baseline of the
simulated year meets the figures of ass-rules.md §15:

- the number of recipients at the end of ``annee - 1`` (DREES);
- the share of recipients aged 50 or more, the share living without a partner, the share paid at the full
  rate (DREES, Assemblée nationale written answer QE 556, DARES).

openfisca-survey-manager's ``calmar`` was the first choice; it cannot be installed beside this package's
pins (it requires pandas < 3 and would downgrade pandas 3.1.1), hence svy.

Definitions, on the per-household results of the baseline (``moteur.simuler_menages``):

- a *recipient* household has at least one month of ASS in ``annee``; it counts as one recipient (a
  synthetic household holds one claimant);
- its age is the reference person's on 1 January of ``annee`` (the claimant in the synthetic draw);
- *single*: the claimant's famille has one parent (``couple`` false);
- *full rate*: at least as many months paid at the full rate as at a reduced rate.

Households without ASS in the baseline keep their initial weight: they are outside the population the
margins describe. For a year without a published figure, the latest earlier figure is carried forward, and
the table says so (column ``source``). A margin that raking cannot meet (no household in a category, or no
convergence) is named in a warning (``AvertissementCalage``) and in ``Calage.avertissements``.
"""
import dataclasses
import warnings

import numpy
import pandas

from openfisca_ass.scenarios import REFERENCE

# Published figures, by the month they describe (ass-rules.md §15).
MARGES_PUBLIEES = {
    "allocataires": {
        "2015-12": (491_700, "DREES via ASH"),
        "2019-12": (351_000, "DREES via Europe 1"),
        "2021-12": (321_900, "DREES 2023"),
        "2022-12": (275_600, "AN, réponse à la QE 556 (13 janvier 2026)"),
        "2024-12": (265_000, "DREES, Minima sociaux, édition 2025"),
        },
    "part_50_ans_et_plus": {
        "2021-12": (0.575, "DREES 2023 (57 à 58 %)"),
        "2022-12": (0.59, "AN, réponse à la QE 556"),
        },
    "part_personnes_seules": {
        "2021-12": (2 / 3, "DREES 2023 (environ deux sur trois)"),
        "2022-12": (2 / 3, "AN, réponse à la QE 556 (« 2 sur 3 sont seuls »)"),
        },
    "part_taux_plein": {
        "2018-09": (0.75, "DARES 2021 (septembre 2018 : environ trois quarts au montant maximal)"),
        },
    }
TOLERANCE = 0.005  # relative gap accepted between a margin and what the calibrated weights give


class AvertissementCalage(UserWarning):
    """A calibration margin that the weights do not meet."""


@dataclasses.dataclass
class Calage:
    """Result of ``caler``: ``poids`` (calibrated weight by ``idmen``), ``tableau`` (one row per margin:
    target, value before and after, whether it is met, the figure's date and source) and the warnings."""

    poids: pandas.Series
    tableau: pandas.DataFrame
    avertissements: list


def marges(annee):
    """Targets for the simulated year ``annee``: the stock at the end of ``annee - 1``.

    One row per margin: ``cible``, ``date`` (the month the figure describes) and ``source``, which says
    when the figure is carried from an earlier date (or back from a later one, before the first figure).
    """
    fin = f"{annee - 1}-12"
    lignes = {}
    for nom, serie in MARGES_PUBLIEES.items():
        dates = sorted(serie)
        anterieures = [d for d in dates if d <= fin]
        date = anterieures[-1] if anterieures else dates[0]
        valeur, source = serie[date]
        if date[:4] != fin[:4]:
            sens = "reporté" if date < fin else "rétropolé"
            source = f"{source} ; chiffre de {date} {sens} sur {fin}, faute de chiffre publié"
        lignes[nom] = {"cible": valeur, "date": date, "source": source}
    return pandas.DataFrame.from_dict(lignes, orient="index")


def indicateurs(menages, annee):
    """Calibration variables of each household of the baseline of ``annee`` (index ``idmen``)."""
    reference = menages[(menages.scenario == REFERENCE) & (menages.annee == annee)]
    if reference.empty:
        raise ValueError(f"aucun ménage du scénario « {REFERENCE} » pour {annee} : rien à caler")
    reference = reference.set_index("idmen")
    return pandas.DataFrame({
        "poids": reference.poids.astype(float),
        "allocataire": (reference.mois_ass_taux_plein + reference.mois_ass_taux_reduit) > 0,
        "tranche_age": numpy.where(reference.age_reference >= 50, "50_ans_et_plus", "moins_de_50_ans"),
        "famille": numpy.where(reference.couple.astype(bool), "couple", "seul"),
        "taux": numpy.where(reference.mois_ass_taux_plein >= reference.mois_ass_taux_reduit, "plein", "reduit"),
        })


def mesurer(indicateurs, poids):
    """The four margins as the weights ``poids`` (aligned on ``indicateurs``) give them."""
    allocataires = indicateurs.allocataire
    total = float(poids[allocataires].sum())

    def part(masque):
        return float(poids[allocataires & masque].sum()) / total if total else 0.0

    return {
        "allocataires": total,
        "part_50_ans_et_plus": part(indicateurs.tranche_age == "50_ans_et_plus"),
        "part_personnes_seules": part(indicateurs.famille == "seul"),
        "part_taux_plein": part(indicateurs.taux == "plein"),
        }


def _controles(cibles):
    total = cibles["allocataires"]
    controles = {}
    for colonne, marge, niveau, autre in (("tranche_age", "part_50_ans_et_plus", "50_ans_et_plus", "moins_de_50_ans"),
                                          ("famille", "part_personnes_seules", "seul", "couple"),
                                          ("taux", "part_taux_plein", "plein", "reduit")):
        controles[colonne] = {niveau: total * cibles[marge], autre: total * (1 - cibles[marge])}
    return controles


def caler(menages, annee, tolerance=TOLERANCE, avertir=True):
    """Rake the household weights of ``menages`` (``simuler_menages`` output) to ``marges(annee)``.

    Returns a ``Calage``; apply its weights with ``appliquer``. Margins missed by more than ``tolerance``
    (relative) are listed in ``Calage.avertissements`` and, when ``avertir``, raised as
    ``AvertissementCalage`` warnings.
    """
    import polars
    import svy

    table = indicateurs(menages, annee)
    cibles = marges(annee)
    cible = cibles.cible.to_dict()
    avant = mesurer(table, table.poids)
    controles = _controles(cible)
    avertissements = []
    # Raking cannot give weight to an empty category: such margins are left out, and reported below.
    allocataires = table[table.allocataire]
    for colonne in list(controles):
        vides = [n for n, total in controles[colonne].items() if total > 0 and not (allocataires[colonne] == n).any()]
        if vides:
            del controles[colonne]
    poids = table.poids.copy()
    if len(allocataires):
        if not controles:  # nothing to rake on: the total alone, by a common factor
            poids[table.allocataire] *= cible["allocataires"] / allocataires.poids.sum()
        else:
            donnees = polars.from_pandas(table.reset_index().assign(
                tranche_age=lambda t: t.tranche_age.astype(str), famille=lambda t: t.famille.astype(str),
                taux=lambda t: t.taux.astype(str)))
            echantillon = svy.Sample(donnees, svy.Design(wgt="poids"))
            with warnings.catch_warnings(record=True) as alertes:
                warnings.simplefilter("always")
                echantillon = echantillon.weighting.rake(
                    controls=controles, where=polars.col("allocataire"), wgt_name="poids_cale",
                    max_iter=1000, tol=1e-10, on_nonconvergence="warn")
            for alerte in alertes:
                avertissements.append(f"raking : {alerte.message}")
            resultat = echantillon.data.to_pandas().set_index("idmen")["poids_cale"]
            poids = resultat.reindex(table.index).astype(float)
    apres = mesurer(table, poids)
    tableau = cibles.assign(avant=pandas.Series(avant), obtenu=pandas.Series(apres))
    tableau["ecart_relatif"] = (tableau.obtenu - tableau.cible) / tableau.cible
    tableau["atteinte"] = tableau.ecart_relatif.abs() <= tolerance
    for nom, ligne in tableau[~tableau.atteinte].iterrows():
        avertissements.append(
            f"marge non atteinte : {nom}, cible {_lisible(nom, ligne.cible)}, obtenu {_lisible(nom, ligne.obtenu)}"
            f" ({_cause(nom, allocataires)})")
    if avertir:
        for message in avertissements:
            warnings.warn(message, AvertissementCalage, stacklevel=2)
    tableau = tableau[["cible", "avant", "obtenu", "ecart_relatif", "atteinte", "date", "source"]]
    return Calage(poids.rename("poids"), tableau, avertissements)


def _lisible(nom, valeur):
    if nom == "allocataires":
        return f"{valeur:,.0f}".replace(",", "\u202f")
    return f"{100 * valeur:.1f} %".replace(".", ",")


def _cause(nom, allocataires):
    if allocataires.empty:
        return "aucun ménage ne perçoit l'ASS dans le scénario de référence"
    colonne = {"part_50_ans_et_plus": "tranche_age", "part_personnes_seules": "famille", "part_taux_plein": "taux"}
    if nom in colonne:
        presents = sorted(set(allocataires[colonne[nom]]))
        return f"catégories présentes parmi les allocataires : {', '.join(presents)}"
    return "le calage n'a pas convergé"


def appliquer(menages, calage):
    """``menages`` with its ``poids`` replaced by the calibrated weights (every scenario and year)."""
    poids = menages.idmen.map(calage.poids)
    if poids.isna().any():
        raise ValueError("des ménages n'ont pas de poids calé (identifiants absents du calage)")
    return menages.assign(poids=poids.astype(float))
