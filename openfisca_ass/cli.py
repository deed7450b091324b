"""``openfisca-ass``: compare the baseline with reforms, for analysts.

    openfisca-ass compare                          # every cas type, suppression_ass (extinction), 2027
    openfisca-ass compare --reforme suppression_ass_immediate --cas couple_conjoint_smic
    openfisca-ass compare --situation ma_situation.json --format markdown
    openfisca-ass compare --balayage couple --sortie resultats/    # + CSV/Markdown files and PNG charts
    openfisca-ass compare --reforme suppression_ass \\
        --parametre chomage.allocations_assurance_chomage.ass.reformes.suppression_ass.date_effet=2027-07-01
    openfisca-ass population --donnees menages.csv --annee 2027 --reforme suppression_ass_immediate --sortie resultats/
    openfisca-ass population --taille 4000 --sortie resultats/      # the SYNTHETIC population, calibrated
    openfisca-ass reformes                         # the reforms and their parameters
"""
import argparse
import json
import numbers
import os
import sys
import warnings

from openfisca_ass.analyse.chargement import ErreurDonnees, ecrire_personnes
from openfisca_ass.analyse.microsimulation import ErreurMicrosimulation
from openfisca_ass.reformes_parametriques import ErreurReforme, lire_affectations


class ErreurCommande(ValueError):
    """A command-line mistake (file, cas type, option): one line naming what is wrong."""


class Parser(argparse.ArgumentParser):
    """argparse's errors on one line, exit 2, like the command's own errors."""

    def error(self, message):
        print(f"{self.prog} : {message} (voir {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


FORMATS = ("texte", "csv", "markdown")
EXTENSIONS = {"texte": "txt", "csv": "csv", "markdown": "md"}
CHEMIN_REFORMES = "chomage.allocations_assurance_chomage.ass.reformes"


def _options_communes(parser):
    parser.add_argument("--reforme", action="append", default=[], metavar="NOM",
                        help="réforme à comparer (nom court ou chemin module.Classe) ; répétable ; "
                             "par défaut suppression_ass")
    parser.add_argument("--parametre", action="append", default=[], metavar="CHEMIN[@AAAA-MM-JJ]=VALEUR",
                        help="valeur d'un paramètre, appliquée avant chaque réforme ; répétable")
    parser.add_argument("--annee", type=int, default=2027, help="année étudiée (défaut 2027)")
    parser.add_argument("--format", choices=FORMATS, default="texte", help="format des tableaux (défaut texte)")
    parser.add_argument("--sortie", metavar="DOSSIER",
                        help="écrit aussi les tableaux et les graphiques PNG dans ce dossier")


def construire_parser():
    parser = Parser(prog="openfisca-ass", description=__doc__.split("\n")[0],
                    formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    commandes = parser.add_subparsers(dest="commande", required=True, parser_class=Parser)

    compare = commandes.add_parser("compare", help="cas types, situations JSON ou balayage de ressources")
    _options_communes(compare)
    compare.add_argument("--cas", action="append", default=[], metavar="NOM",
                         help="cas type (ou « tous ») ; répétable ; par défaut tous, sauf --situation/--balayage")
    compare.add_argument("--situation", action="append", default=[], metavar="FICHIER.json",
                         help="situation au format JSON de l'API web ; répétable")
    compare.add_argument("--balayage", choices=("seul", "couple"),
                         help="balayage des ressources mensuelles de 0 au plafond de l'ASS")
    compare.add_argument("--points", type=int, default=41, help="points du balayage (défaut 41)")

    population = commandes.add_parser(
        "population", help="microsimulation pondérée d'une table de personnes, ou de la population SYNTHÉTIQUE calée")
    _options_communes(population)
    population.add_argument("--donnees", metavar="FICHIER",
                            help="table de personnes .csv ou .parquet (colonnes idmen, quimen, idfam, quifam, idfoy, "
                                 "quifoy, wprm et variables d'entrée) ; sans elle : population SYNTHÉTIQUE, calée")
    population.add_argument("--moteur", choices=("local", "dask"), default="local",
                            help="local (ce processus, défaut) ou dask (dask.distributed)")
    population.add_argument("--scheduler", metavar="ADRESSE",
                            help="adresse d'un scheduler dask existant (tcp://hôte:port) ; défaut : LocalCluster")
    population.add_argument("--taille-lot", type=int, default=None, metavar="N", help="ménages par lot")
    population.add_argument("--seuil", type=float, default=1.0, metavar="EUROS",
                            help="écart annuel de revenu disponible au-delà duquel un ménage gagne ou perd (défaut 1)")
    population.add_argument("--une-annee", action="store_true",
                            help="seulement --annee (par défaut aussi l'année suivante, côte à côte)")
    synthetique = population.add_argument_group("population synthétique (sans --donnees)")
    synthetique.add_argument("--taille", type=int, default=None, help="nombre de ménages tirés (défaut 4000)")
    synthetique.add_argument("--graine", type=int, default=2024, help="graine du tirage (défaut 2024)")
    synthetique.add_argument("--ecrire-population", metavar="FICHIER.csv|.parquet",
                             help="écrit la table de personnes tirée (rechargeable par --donnees)")

    commandes.add_parser("reformes", help="réformes disponibles et leurs paramètres")
    return parser


def _scenarios(arguments):
    from openfisca_ass.analyse.microsimulation import construire_scenarios, verifier_annee

    verifier_annee(arguments.annee)
    parametres = lire_affectations(arguments.parametre) if arguments.parametre else None
    reformes = arguments.reforme or ([] if parametres else ["suppression_ass"])
    return construire_scenarios(reformes, parametres)


def _ecrire(arguments, nom, texte):
    if arguments.sortie:
        os.makedirs(arguments.sortie, exist_ok=True)
        chemin = os.path.join(arguments.sortie, nom)
        with open(chemin, "w", encoding="utf-8") as fichier:
            fichier.write(texte)
        print(f"écrit : {chemin}", file=sys.stderr)


def _formater(arguments, table, titre, index=True, decimales=2):
    from openfisca_ass.analyse import tableaux

    if arguments.format == "csv":
        return tableaux.arrondir(table).to_csv(index=index)
    if arguments.format == "markdown":
        return tableaux.en_markdown(table, titre, decimales)
    return tableaux.en_texte(table, titre, decimales)


def _sortir(arguments, nom, table, titre, index=True, decimales=2):
    texte = _formater(arguments, table, titre, index, decimales)
    print(texte)
    _ecrire(arguments, f"{nom}.{EXTENSIONS[arguments.format]}", texte)


def lire_situation(chemin):
    """A web-API situation from a JSON file; requested outputs (``null`` values) are dropped."""
    try:
        with open(chemin, encoding="utf-8") as fichier:
            situation = json.load(fichier)
    except OSError as erreur:
        raise ErreurCommande(f"situation illisible : {chemin} ({erreur.strerror})") from erreur
    except (json.JSONDecodeError, UnicodeDecodeError) as erreur:
        raise ErreurCommande(f"situation : {chemin} n'est pas un JSON valide ({erreur})") from erreur
    if not isinstance(situation, dict) or not all(isinstance(e, dict) for e in situation.values()) or \
            not all(isinstance(x, dict) for e in situation.values() for x in e.values()):
        raise ErreurCommande(f"situation : {chemin} n'a pas la forme de l'API web "
                             "({\"individus\": {...}, \"familles\": {...}, ...})")
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

    noms = [n for c in arguments.cas for n in (CAS_TYPES if c == "tous" else [c])]
    inconnus = [n for n in noms if n not in CAS_TYPES]
    if inconnus:
        raise ErreurCommande(f"cas type inconnu : « {inconnus[0]} » (connus : tous, {', '.join(CAS_TYPES)})")
    if not noms and not arguments.situation and not arguments.balayage:
        noms = list(CAS_TYPES)
    fichiers = {os.path.splitext(os.path.basename(c))[0]: lire_situation(c) for c in arguments.situation}
    scenarios = _scenarios(arguments)
    situations = {nom: cas_type(nom, arguments.annee, scenarios[0].systeme) for nom in dict.fromkeys(noms)}
    if situations or fichiers:
        # Cas types share their input periods: one simulation for all; files are simulated one by one.
        tables = []
        if situations:
            tables.append(comparer(situations, scenarios, arguments.annee, fusionner_situations=True))
        if fichiers:
            tables.append(comparer(fichiers, scenarios, arguments.annee))
        resultat = pandas.concat(tables, ignore_index=True)
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


def ordre_des_categories(cle):
    """Sort key of a (breakdown, category) row: breakdowns as listed, age bands by age, deciles by number."""
    from openfisca_ass.analyse.agregats import TRANCHES_AGE, VENTILATIONS

    ventilation, categorie = cle
    ages = [nom for _, _, nom in TRANCHES_AGE]
    if categorie in ages:
        rang = ages.index(categorie)
    else:
        rang = int(categorie) if isinstance(categorie, numbers.Integral) else 0
    return VENTILATIONS.index(ventilation), rang, str(categorie)


def commande_population(arguments):
    from openfisca_ass.analyse.agregats import LIBELLES
    from openfisca_ass.analyse.calage import AvertissementCalage
    from openfisca_ass.analyse.microsimulation import Microsimulation

    if arguments.donnees and (arguments.taille is not None or arguments.ecrire_population):
        raise ErreurCommande("--taille et --ecrire-population : seulement sans --donnees (population synthétique)")
    if arguments.ecrire_population and \
            os.path.splitext(arguments.ecrire_population)[1].lower() not in (".csv", ".parquet", ".pq"):
        raise ErreurCommande("--ecrire-population : fichier .csv ou .parquet attendu, "
                             f"reçu {arguments.ecrire_population}")
    if arguments.scheduler and arguments.moteur != "dask":
        raise ErreurCommande("--scheduler : seulement avec --moteur dask")
    parametres = lire_affectations(arguments.parametre) if arguments.parametre else None
    reformes = arguments.reforme or ([] if parametres else ["suppression_ass"])
    sim = Microsimulation(arguments.donnees, reforme=reformes, annee=arguments.annee, parametres=parametres,
                          taille=arguments.taille, graine=arguments.graine, deuxieme_annee=not arguments.une_annee,
                          moteur=arguments.moteur, scheduler=arguments.scheduler, taille_lot=arguments.taille_lot,
                          seuil=arguments.seuil, barre=sys.stderr.isatty())
    personnes = sim.personnes
    if arguments.ecrire_population:
        dossier = os.path.dirname(arguments.ecrire_population)
        if dossier:
            os.makedirs(dossier, exist_ok=True)
        ecrire_personnes(personnes, arguments.ecrire_population)
        print(f"écrit : {arguments.ecrire_population}", file=sys.stderr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AvertissementCalage)  # printed below, one line each
        menages = sim.menages
    nombre = menages.idmen.nunique()
    if sim.synthetique:
        print(f"POPULATION SYNTHÉTIQUE ({nombre} ménages tirés au hasard, graine {arguments.graine}, poids calés "
              f"sur les marges publiées de {arguments.annee}) : ordres de grandeur, pas une statistique.")
    else:
        print(f"Données : {arguments.donnees} ({nombre} ménages, {len(personnes)} personnes, poids wprm).")
    if sim.calage is not None:
        _sortir(arguments, "calage", sim.calage.tableau.drop(columns="source"),
                "Calage : marges publiées (ass-rules.md §15), avant et après calage", decimales=4)
        for ligne in sim.calage.tableau[sim.calage.tableau.source.str.contains("faute de chiffre")].index:
            print(f"note : marge « {ligne} » : {sim.calage.tableau.source[ligne]}")
        for message in sim.calage.avertissements:
            print(f"openfisca-ass : avertissement : {message}", file=sys.stderr)
    agregats = sim.agregats
    if not agregats["synthese"].empty:
        _sortir(arguments, "synthese", agregats["synthese"].round(2),
                f"Synthèse pondérée, {' et '.join(map(str, sim.annees))} (€ par an ; réforme − législation actuelle)")
        ventilations = agregats["ventilations"].pivot_table(
            index=["ventilation", "categorie"], columns=["scenario", "annee"], values="ecart_revenu_disponible_moyen",
            sort=False)
        ventilations = ventilations.reindex(sorted(ventilations.index, key=ordre_des_categories))
        _sortir(arguments, "ventilations", ventilations.round(2),
                "Écart moyen de revenu disponible (€ par an et par ménage), par catégorie ; déciles de niveau de vie "
                "calculés sur la population simulée pondérée")
    else:
        budget = agregats["budget"].assign(variable=lambda t: t.variable.map(LIBELLES))
        _sortir(arguments, "budget", budget.drop(columns=["ecart_beneficiaires", "ecart_montant"]).round(2),
                "Budget pondéré de la législation actuelle (€ par an)", index=False)
    if arguments.sortie:
        for chemin in sim.ecrire(arguments.sortie):
            print(f"écrit : {chemin}", file=sys.stderr)


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
    try:
        arguments = construire_parser().parse_args(argv)
    except SystemExit as sortie:  # --help (0) or an argparse error (2), already printed
        return sortie.code
    try:
        {"compare": commande_compare, "population": commande_population,
         "reformes": commande_reformes}[arguments.commande](arguments)
    except (ErreurCommande, ErreurDonnees, ErreurMicrosimulation, ErreurReforme) as erreur:
        print(f"openfisca-ass : {erreur}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
