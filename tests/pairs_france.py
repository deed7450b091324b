"""Run openfisca-france's own ASS test files against a tax-benefit system, case by case.

The files stay where the project's steering repository keeps them (``../shared/peer/openfisca-france``):
they are AGPL reference data, read here, never copied into this package.
"""
import os
from pathlib import Path

import yaml
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.tools import assert_near
from openfisca_core.tools.test_runner import build_test

DOSSIER_PAIRS = Path(os.environ.get(
    "OPENFISCA_ASS_PAIRS",
    Path(__file__).resolve().parent.parent.parent / "shared" / "peer" / "openfisca-france",
    ))


def fichiers_pairs():
    return sorted(p for p in DOSSIER_PAIRS.glob("*.y*ml"))


def _valeurs_attendues(systeme, simulation, sortie, periode):
    """Yield (variable, period, expected, instance index) for every output shape the core runner accepts.

    An output is keyed by a variable, by an entity (``famille: {variable: ...}``) or by an entity's
    plural and instance ids (``familles: {f1: {variable: ...}}``); a value may be keyed by periods.
    """
    def par_periode(variable, attendu, indice):
        if isinstance(attendu, dict):
            for sous_periode, valeur in attendu.items():
                yield variable, str(sous_periode), valeur, indice
        else:
            yield variable, periode, attendu, indice

    for cle, attendu in sortie.items():
        if systeme.get_variable(cle):
            yield from par_periode(cle, attendu, None)
        elif simulation.populations.get(cle):
            for variable, valeur in attendu.items():
                yield from par_periode(variable, valeur, None)
        else:
            population = simulation.get_population(plural=cle)
            for instance, valeurs in attendu.items():
                for variable, valeur in valeurs.items():
                    yield from par_periode(variable, valeur, population.get_index(instance))


def ecarts(systeme, chemin, seulement=None):
    """Set of (file, case, variable@period) whose expected value this system does not give.

    ``seulement``: the case names (``"03 name"``) to run, all of them if None.
    """
    cas = yaml.safe_load(Path(chemin).read_text(encoding="utf-8"))
    resultat = set()
    for numero, brut in enumerate(cas if isinstance(cas, list) else [cas]):
        test = build_test(brut)
        nom_cas = f"{numero:02d} {test.name}"
        if seulement is not None and nom_cas not in seulement:
            continue
        builder = SimulationBuilder()
        builder.set_default_period(test.period)
        simulation = builder.build_from_dict(systeme, test.input)
        for variable, periode, attendu, indice in _valeurs_attendues(systeme, simulation, test.output, test.period):
            obtenu = simulation.calculate(variable, periode)
            if indice is not None:
                obtenu = obtenu[indice]
            try:
                assert_near(
                    obtenu, attendu,
                    test.absolute_error_margin[variable], "",
                    test.relative_error_margin[variable],
                    )
            except AssertionError:
                resultat.add((Path(chemin).name, nom_cas, f"{variable}@{periode}"))
    return resultat


# --- Why this package differs from openfisca-france -------------------------------------------------

RAISONS = {
    "france": (
        "openfisca-france 176.1.8 itself fails this check (LexImpact aggregates computed with a later "
        "openfisca-france); it is not a difference of this package."
    ),
    "jours_calendaires": (
        "ASS is a daily allowance paid for every calendar day (R5423-1 3°): 28 to 31 days a month, where "
        "openfisca-france pays 30. Proven mechanically: under a counterfactual that pays 30 days, the "
        "difference disappears. RSA, prime d'activité and ASPA resources, which count past ASS, follow."
    ),
    "date_de_la_demande": (
        "R5423-5 judges an interrupted income and the substitution income « à la date de la demande », "
        "the month computed: an unemployment allowance that has run out is no substitution income, so "
        "the interrupted salary is neutralised (ass-rules.md, worked example 12); openfisca-france looks "
        "at the month before and abates it by 30 %. With the inputs of these cases nothing is received "
        "in the month itself, so every interrupted resource is neutralised."
    ),
    "ass_imposable": (
        "ASS is taxable as wages (CGI art. 79 and 158, 5, b; boxes 1AP-1DP): it is in the revenu net "
        "imposable, the revenu fiscal de référence and the taxable incomes that the prestations "
        "familiales resource base reads; openfisca-france leaves it out of the income tax. Proven "
        "mechanically: under a counterfactual where ASS is not taxable, the difference disappears."
    ),
    "demandeur_emploi": (
        "L5423-1 reserves ASS to jobseekers: this case gives no `activite`, hence an inactive person; "
        "openfisca-france lets anyone without earnings through its cumul-with-work path."
    ),
}

# Cases whose difference comes from a rule other than the calendar, by file and case number.
RAISONS_PAR_CAS = {
    ("ass_abbattement.yaml", "02"): "date_de_la_demande",
    ("ass_abbattement.yaml", "03"): "date_de_la_demande",
    ("ass_abbattement.yaml", "04"): "date_de_la_demande",
    ("ass_abbattement.yaml", "05"): "date_de_la_demande",
    ("ass_abbattement.yaml", "06"): "date_de_la_demande",
    ("ass_abbattement.yaml", "07"): "date_de_la_demande",
    ("ass_mayotte.yaml", "00"): "demandeur_emploi",
}


def contrefactuel(systeme, nom, constante, libelle):
    """``systeme`` with the monthly individual variable ``nom`` replaced by ``constante`` for everyone."""
    from openfisca_core.reforms import Reform
    from openfisca_france.model.base import MONTH, Individu, Variable

    variable = type(nom, (Variable,), {
        "value_type": type(constante), "entity": Individu, "definition_period": MONTH, "label": libelle,
        "formula": lambda individu, period: individu.filled_array(constante, dtype=type(constante)),
        })
    reforme = type(f"contrefactuel_{nom}", (Reform,), {"apply": lambda self: self.update_variable(variable)})
    return reforme(systeme)


def systeme_trente_jours(systeme):
    """Counterfactual: this package's ASS paid for 30 days a month, as openfisca-france does."""
    return contrefactuel(systeme, "ass_nombre_jours_indemnisables", 30,
                         "Trente jours par mois (contrefactuel openfisca-france)")


def systeme_ass_non_imposable(systeme):
    """Counterfactual: ASS left out of the income tax, as openfisca-france does."""
    return contrefactuel(systeme, "ass_imposable", 0.0, "ASS non imposable (contrefactuel openfisca-france)")


def classer(systeme_ass, systeme_france, fichiers=None, systeme_trente=None):
    """{(file, case, variable@period): reason} for every check this package does not pass.

    ``fichiers``: the peer files to classify (all by default). openfisca-france and the 30-day
    counterfactual are run only on the cases where this package differs: only those are classified.
    """
    fichiers = fichiers_pairs() if fichiers is None else fichiers
    propres = set().union(*(ecarts(systeme_ass, f) for f in fichiers))
    differents = {}
    for fichier, cas, _ in propres:
        differents.setdefault(fichier, set()).add(cas)
    a_refaire = [f for f in fichiers if Path(f).name in differents]
    trente_jours = systeme_trente or systeme_trente_jours(systeme_ass)
    france = set().union(*(ecarts(systeme_france, f, differents[Path(f).name]) for f in a_refaire))
    # The calendar counterfactual decides only the cases that RAISONS_PAR_CAS does not: the others are not
    # run under it (below, a case of RAISONS_PAR_CAS never reads its result).
    a_compter = {Path(f).name: {cas for cas in differents[Path(f).name]
                                if (Path(f).name, cas[:2]) not in RAISONS_PAR_CAS} for f in a_refaire}
    trente = set().union(*(ecarts(trente_jours, f, a_compter[Path(f).name]) for f in a_refaire
                           if a_compter[Path(f).name]))
    classement = {}
    for ecart in propres:
        fichier, cas, _ = ecart
        if ecart in france:
            classement[ecart] = "france"
        elif (fichier, cas[:2]) in RAISONS_PAR_CAS:
            classement[ecart] = RAISONS_PAR_CAS[(fichier, cas[:2])]
        elif ecart not in trente:
            classement[ecart] = "jours_calendaires"
        else:
            classement[ecart] = "inexpliquee"
    # Only the files left unexplained are run once more, without ASS in the income tax.
    restants = sorted({fichier for (fichier, _, _), raison in classement.items() if raison == "inexpliquee"})
    if restants:
        sans_impot = systeme_ass_non_imposable(systeme_ass)
        non_imposable = set().union(*(ecarts(sans_impot, DOSSIER_PAIRS / f) for f in restants))
        for ecart, raison in classement.items():
            if raison == "inexpliquee" and ecart not in non_imposable:
                classement[ecart] = "ass_imposable"
    return classement


ENTETE_TABLEAU = "| File | Case | Reason | Checks that differ |"


def tableau(classement):
    """Markdown rows, one per (file, case, reason), sorted."""
    groupes = {}
    for (fichier, cas, controle), raison in classement.items():
        groupes.setdefault((fichier, cas, raison), []).append(controle)
    lignes = [ENTETE_TABLEAU, "|---|---|---|---|"]
    for (fichier, cas, raison), controles in sorted(groupes.items()):
        lignes.append(f"| {fichier} | {cas} | {raison} | {', '.join(sorted(controles))} |")
    return lignes


def lire_tableau(texte):
    """The classification written in the documentation's table."""
    classement = {}
    lignes = texte.splitlines()
    debut = lignes.index(ENTETE_TABLEAU) + 2
    for ligne in lignes[debut:]:
        if not ligne.startswith("| "):
            break
        fichier, cas, raison, controles = (c.strip() for c in ligne.strip("|").split(" | "))
        for controle in controles.split(", "):
            classement[(fichier, cas, controle)] = raison
    return classement


if __name__ == "__main__":
    # Regenerate the table of docs/differences-openfisca-france.md after checking every new row.
    from openfisca_france import FranceTaxBenefitSystem

    from openfisca_ass import CountryTaxBenefitSystem

    print("\n".join(tableau(classer(CountryTaxBenefitSystem(), FranceTaxBenefitSystem()))))
