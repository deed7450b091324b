"""``openfisca-ass``: compare the baseline with reforms, for analysts.

    openfisca-ass compare                          # every cas type, suppression_ass (extinction), 2027
    openfisca-ass compare --reforme suppression_ass_immediate --cas couple_conjoint_smic
    openfisca-ass compare --situation ma_situation.json --format markdown
    openfisca-ass compare --balayage couple --sortie resultats/    # + CSV/Markdown files and PNG charts
    openfisca-ass compare --reforme suppression_ass \\
        --parametre chomage.allocations_assurance_chomage.ass.reformes.suppression_ass.date_effet=2027-07-01
    openfisca-ass population --taille 20000 --sortie resultats/
    openfisca-ass reformes                         # the reforms and their parameters
"""
import argparse
import json
import os
import sys

from openfisca_ass.reformes_parametriques import ErreurReforme, lire_affectations

FORMATS = ("texte", "csv", "markdown")
EXTENSIONS = {"texte": "txt", "csv": "csv", "markdown": "md"}
CHEMIN_REFORMES = "chomage.allocations_assurance_chomage.ass.reformes"


def _options_communes(parser):
    parser.add_argument("--reforme", action="append", default=[], metavar="NOM",
                        help="réforme à comparer (nom court ou chemin module.Classe) ; répétable ; "
                             "par défaut suppression_ass")
    parser.add_argument("--parametre", action="append", default=[], metavar="CHEMIN[@AAAA-MM-JJ]=VALEUR",
                        help="valeur d'un paramètre, appliquée avant chaque réforme ; répétable")
    parser.add_argument("--annee", type=int, default=2027, help="année étudiée, mois par mois (défaut 2027)")
    parser.add_argument("--format", choices=FORMATS, default="texte", help="format des tableaux (défaut texte)")
    parser.add_argument("--sortie", metavar="DOSSIER",
                        help="écrit aussi les tableaux et les graphiques PNG dans ce dossier")


def construire_parser():
    parser = argparse.ArgumentParser(prog="openfisca-ass", description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    commandes = parser.add_subparsers(dest="commande", required=True)

    compare = commandes.add_parser("compare", help="cas types, situations JSON ou balayage de ressources")
    _options_communes(compare)
    compare.add_argument("--cas", action="append", default=[], metavar="NOM",
                         help="cas type (ou « tous ») ; répétable ; par défaut tous, sauf --situation/--balayage")
    compare.add_argument("--situation", action="append", default=[], metavar="FICHIER.json",
                         help="situation au format JSON de l'API web ; répétable")
    compare.add_argument("--balayage", choices=("seul", "couple"),
                         help="balayage des ressources mensuelles de 0 au plafond de l'ASS")
    compare.add_argument("--points", type=int, default=41, help="points du balayage (défaut 41)")

    population = commandes.add_parser("population", help="population SYNTHÉTIQUE calée sur les chiffres DREES")
    _options_communes(population)
    population.add_argument("--taille", type=int, default=None, help="nombre de ménages tirés (défaut 4000)")
    population.add_argument("--taille-lot", type=int, default=None, help="ménages par lot (défaut 1000)")
    population.add_argument("--graine", type=int, default=2024, help="graine du tirage (défaut 2024)")

    commandes.add_parser("reformes", help="réformes disponibles et leurs paramètres")
    return parser


def _scenarios(arguments):
    from openfisca_ass.scenarios import scenarios

    parametres = lire_affectations(arguments.parametre) if arguments.parametre else None
    reformes = arguments.reforme or ([] if parametres else ["suppression_ass"])
    return scenarios(reformes, parametres)


def _ecrire(arguments, nom, texte):
    if arguments.sortie:
        os.makedirs(arguments.sortie, exist_ok=True)
        chemin = os.path.join(arguments.sortie, nom)
        with open(chemin, "w", encoding="utf-8") as fichier:
            fichier.write(texte)
        print(f"écrit : {chemin}", file=sys.stderr)


def _formater(arguments, table, titre, index=True):
    from openfisca_ass.analyse import tableaux

    if arguments.format == "csv":
        return table.to_csv(index=index)
    if arguments.format == "markdown":
        return tableaux.en_markdown(table, titre)
    return tableaux.en_texte(table, titre)


def _sortir(arguments, nom, table, titre, index=True):
    texte = _formater(arguments, table, titre, index)
    print(texte)
    _ecrire(arguments, f"{nom}.{EXTENSIONS[arguments.format]}", texte)


def lire_situation(chemin):
    """A web-API situation from a JSON file; requested outputs (``null`` values) are dropped."""
    with open(chemin, encoding="utf-8") as fichier:
        situation = json.load(fichier)
    for entites in situation.values():
        for entite in entites.values():
            for variable in [v for v, x in entite.items()
                             if x is None or (isinstance(x, dict) and all(y is None for y in x.values()))]:
                del entite[variable]
    return situation


def commande_compare(arguments):
    import pandas

    from openfisca_ass.analyse import graphiques, tableaux
    from openfisca_ass.analyse.balayage import balayer
    from openfisca_ass.analyse.cas_types import CAS_TYPES, cas_type
    from openfisca_ass.analyse.comparaison import comparer, transferts_annuels

    scenarios = _scenarios(arguments)
    noms = [n for c in arguments.cas for n in (CAS_TYPES if c == "tous" else [c])]
    if not noms and not arguments.situation and not arguments.balayage:
        noms = list(CAS_TYPES)
    situations = {nom: cas_type(nom, arguments.annee, scenarios[0].systeme) for nom in noms}
    fichiers = {os.path.splitext(os.path.basename(c))[0]: lire_situation(c) for c in arguments.situation}
    if situations or fichiers:
        # Cas types share their input periods: one simulation for all; files are simulated one by one.
        resultat = pandas.concat(
            [comparer(situations, scenarios, arguments.annee, fusionner_situations=True)] * bool(situations)
            + [comparer(fichiers, scenarios, arguments.annee)] * bool(fichiers), ignore_index=True)
        situations = {**situations, **fichiers}
        _sortir(arguments, "synthese", tableaux.synthese(resultat),
                f"Synthèse {arguments.annee} : montants annuels et écarts avec la législation actuelle", index=False)
        codes = tableaux.codes_scenarios([s.nom for s in scenarios])
        legende = ", ".join(f"{code} = {nom}" for nom, code in codes.items())
        for situation in situations:
            _sortir(arguments, f"mensuel_{situation}",
                    tableaux.tableau_mensuel(resultat, situation, courts=arguments.format == "texte"),
                    f"{situation}, mois par mois en {arguments.annee}" +
                    (f" ({legende})" if arguments.format == "texte" else ""))
        if arguments.sortie:
            _ecrire(arguments, "comparaison.csv", resultat.to_csv(index=False))
            chemin = graphiques.graphique_gains_pertes(
                transferts_annuels(resultat), os.path.join(arguments.sortie, "gains_pertes.png"),
                f"Gains et pertes annuels par cas type, {arguments.annee}")
            print(f"écrit : {chemin}", file=sys.stderr)
    if arguments.balayage:
        table = balayer(scenarios, arguments.annee, arguments.balayage, arguments.points)
        large = table.pivot_table(index="ressources", columns=["variable", "scenario"], values="valeur",
                                  sort=False).round(2)
        _sortir(arguments, f"balayage_{arguments.balayage}", large,
                f"Balayage ({arguments.balayage}) : montants mensuels moyens en {arguments.annee}")
        if arguments.sortie:
            chemin = graphiques.graphique_balayage(
                table, os.path.join(arguments.sortie, f"balayage_{arguments.balayage}.png"),
                f"{'Personne seule' if arguments.balayage == 'seul' else 'Couple'} : prestations selon les "
                f"ressources, {arguments.annee}")
            print(f"écrit : {chemin}", file=sys.stderr)


def commande_population(arguments):
    from openfisca_ass.analyse import population

    scenarios = _scenarios(arguments)
    taille = arguments.taille or population.TAILLE_PAR_DEFAUT
    menages, agregats, calage = population.simuler_population(
        scenarios, arguments.annee, taille=taille, taille_lot=arguments.taille_lot or population.TAILLE_LOT,
        graine=arguments.graine)
    allocataires = f"{population.CIBLES['allocataires']:,}".replace(",", " ")
    print(f"POPULATION SYNTHÉTIQUE ({taille} ménages tirés au hasard, graine {arguments.graine}, pondérés pour "
          f"représenter {allocataires} allocataires) : ordres de grandeur, pas une statistique.")
    _sortir(arguments, "population_calage", calage.round(3), "Calage : cibles publiées et valeurs obtenues")
    _sortir(arguments, "population_agregats", agregats.set_index("scenario").T.round(0),
            f"Agrégats annuels {arguments.annee} (€, personnes, trimestres)")
    if arguments.sortie:
        _ecrire(arguments, "population_menages.csv", menages.to_csv(index=False))


def commande_reformes(arguments):
    from openfisca_ass.scenarios import REFORMES, classe_de_reforme, systeme_de_reference

    for nom in REFORMES:
        print(f"{nom}: {classe_de_reforme(nom).name}")
    noeud = systeme_de_reference().parameters.chomage.allocations_assurance_chomage.ass.reformes
    print(f"\nParamètres ({CHEMIN_REFORMES}) :")
    for reforme, enfant in noeud.children.items():
        for nom, parametre in enfant.children.items():
            print(f"  {reforme}.{nom} = {parametre.values_list[0].value!r}  — {parametre.description}")


def main(argv=None):
    arguments = construire_parser().parse_args(argv)
    try:
        {"compare": commande_compare, "population": commande_population,
         "reformes": commande_reformes}[arguments.commande](arguments)
    except (ErreurReforme, ValueError, FileNotFoundError) as erreur:
        print(f"openfisca-ass : {erreur}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
