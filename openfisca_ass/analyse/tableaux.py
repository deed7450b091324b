"""Tables for the terminal, CSV and Markdown.

Printed tables (terminal, Markdown) use French number formatting: a narrow no-break space between
thousands and a decimal comma (``1 234,56``). CSV files hold plain numbers rounded to the cent, in float64
(``ecrire_csv``), so that a float32 sum never shows as ``177.38999938964844``.
"""
import numpy
import pandas

from openfisca_ass.analyse.comparaison import ANNEE, TRANSFERTS
from openfisca_ass.scenarios import REFERENCE

ORDRE_VARIABLES = ["ass", "rsa", "ppa", "aide_logement", "aefa", "revenu_disponible", "ass_trimestres_retraite"]


def codes_scenarios(scenarios):
    """Short column labels: ``ref`` for the baseline, ``R1``, ``R2``... for the reforms."""
    reformes = [s for s in scenarios if s != REFERENCE]
    return {REFERENCE: "ref", **{s: f"R{i}" for i, s in enumerate(reformes, 1)}}


def tableau_mensuel(resultat, situation, courts=False):
    """One situation: a row per month (and the year), a column per variable and scenario.

    Yearly variables (prime de Noël, disposable income, pension quarters) fill the ``annee`` row only.
    ``courts``: scenario columns labelled ``ref``, ``R1``... (see ``codes_scenarios``).
    """
    bloc = resultat[resultat.situation == situation]
    if courts:
        bloc = bloc.assign(scenario=bloc.scenario.map(codes_scenarios(dict.fromkeys(bloc.scenario))))
    table = bloc.pivot_table(index="periode", columns=["variable", "scenario"], values="valeur", sort=False)
    variables = [v for v in ORDRE_VARIABLES if v in table.columns.get_level_values(0)]
    scenarios = list(dict.fromkeys(bloc.scenario))
    table = table.reindex(columns=pandas.MultiIndex.from_product([variables, scenarios]))
    return table.reindex([p for p in table.index if p != ANNEE] + [ANNEE]).round(2)


def synthese(resultat):
    """A row per situation and reform: yearly benefits, disposable income and pension quarters, with
    their change from the baseline."""
    annuel = resultat[resultat.periode == ANNEE]
    lignes = []
    for (situation, scenario), bloc in annuel.groupby(["situation", "scenario"], sort=False):
        valeurs = bloc.set_index("variable")
        ligne = {"situation": situation, "scenario": scenario}
        transferts = valeurs.loc[valeurs.index.isin(TRANSFERTS)]
        ligne["transferts"] = transferts.valeur.sum()
        ligne["ecart_transferts"] = transferts.ecart.sum()
        for variable in ("ass", "rsa", "revenu_disponible", "ass_trimestres_retraite"):
            if variable in valeurs.index:
                ligne[variable] = valeurs.loc[variable, "valeur"]
                ligne["ecart_" + variable] = valeurs.loc[variable, "ecart"]
        lignes.append(ligne)
    table = pandas.DataFrame(lignes)
    return table[table.scenario != REFERENCE].reset_index(drop=True).round(2) if \
        (table.scenario != REFERENCE).any() else table.round(2)


ESPACE = "\u202f"  # narrow no-break space: the French thousands separator


def nombre(valeur, decimales=2):
    """A number in French: ``-1234567.891`` → ``-1 234 567,89`` (narrow no-break spaces)."""
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE).replace(".", ",")


def _cellule(valeur, decimales):
    if isinstance(valeur, (bool, numpy.bool_)):
        return "oui" if valeur else "non"
    if isinstance(valeur, (float, numpy.floating)):
        return "" if numpy.isnan(valeur) else nombre(float(valeur), decimales)
    if isinstance(valeur, (int, numpy.integer)):
        return nombre(int(valeur), 0)
    return str(valeur)


def en_markdown(table, titre=None, decimales=2):
    """A DataFrame as a GitHub Markdown table (no extra dependency), numbers in French."""
    table = table.copy()
    if isinstance(table.columns, pandas.MultiIndex):
        table.columns = [" ".join(str(c) for c in colonne) for colonne in table.columns]
    index = table.index.name or ("" if isinstance(table.index, pandas.RangeIndex) else "periode")
    if not isinstance(table.index, pandas.RangeIndex):
        table = table.reset_index().rename(columns={"index": index})

    entete = [str(c) for c in table.columns]
    lignes = [("| " + " | ".join(entete) + " |"), "|" + "|".join("---" for _ in entete) + "|"]
    lignes += ["| " + " | ".join(_cellule(v, decimales) for v in ligne) + " |"
               for ligne in table.itertuples(index=False)]
    return (f"### {titre}\n\n" if titre else "") + "\n".join(lignes) + "\n"


def en_texte(table, titre=None, decimales=2):
    """A DataFrame for the terminal, numbers in French."""
    with pandas.option_context("display.width", 250, "display.max_columns", 50, "display.max_rows", 500,
                               "display.max_colwidth", 100):
        texte = table.to_string(na_rep="", float_format=lambda v: nombre(v, decimales))
    return (f"== {titre} ==\n" if titre else "") + texte + "\n"


# Float columns that are not amounts in euros: weights and shares keep their precision.
NON_MONETAIRES = {"poids", "cible", "avant", "obtenu", "ecart_relatif"}


def arrondir(table):
    """``table`` with its amounts in float64 rounded to the cent (booleans, integers, weights ``poids`` and
    shares ``part_*`` / calibration columns kept as they are)."""
    table = table.copy()
    for nom in table.columns:
        if pandas.api.types.is_float_dtype(table[nom]):
            if nom in NON_MONETAIRES or str(nom).startswith("part_"):
                table[nom] = table[nom].astype("float64")
            else:
                table[nom] = table[nom].astype("float64").round(2)
    return table


def ecrire_csv(table, chemin, index=False):
    """Write ``table`` as CSV, amounts rounded to the cent; returns the path."""
    arrondir(table).to_csv(chemin, index=index)
    return chemin
