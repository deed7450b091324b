"""Reform-impact regression: the weighted aggregates of each shipped reform on a fixed table, stored in YAML.

``tests/test_impact_reformes.py`` recomputes them and compares with ``tests/impact_reformes.yaml``; when a
change of the law or of the model is intended, refresh the file and review its diff (as PolicyEngine's
``reforms_config.yaml``)::

    .venv/bin/python -m openfisca_ass.analyse.impact --rafraichir tests/impact_reformes.yaml

Cases: every reform of ``openfisca_ass.scenarios.REFORMES`` on the sample table
``tests/donnees/menages_echantillon.csv`` (its own weights ``wprm``), in the year where it acts (the end of
the ASS/AAH cumulation moved to 2026 acts in 2026, the rest in 2027); and the SYNTHETIC population (small,
fixed seed) calibrated for 2028, a year without published figures, whose calibrated margins are stored too.
"""
import argparse
import os
import sys

import yaml

from openfisca_ass.analyse.agregats import PAYEURS, SOLDE, VARIABLES
from openfisca_ass.analyse.microsimulation import Microsimulation

RACINE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ECHANTILLON = os.path.join("tests", "donnees", "menages_echantillon.csv")
ANNEES = {"suppression_ass": 2027, "suppression_ass_immediate": 2027, "maintien_cumul_aah": 2027,
          "fin_cumul_aah": 2026}
SYNTHETIQUE = {"taille": 40, "graine": 2024, "annee": 2028, "reforme": "suppression_ass"}


def _indicateurs(resultat, scenario, annee):
    """The aggregates stored for one reform and year, rounded to the cent."""
    budget = resultat["budget"].set_index(["annee", "scenario", "variable"])
    payeurs = resultat["payeurs"].set_index(["annee", "scenario", "payeur"])
    gp = resultat["gagnants_perdants"].set_index(["annee", "scenario"]).loc[(annee, scenario)]
    trimestres = resultat["trimestres"].set_index(["annee", "scenario"]).loc[(annee, scenario)]
    valeurs = {
        "ass_reference": budget.montant[annee, "reference", "ass"],
        "allocataires_ass_reference": budget.beneficiaires[annee, "reference", "ass"],
        }
    for variable in VARIABLES:
        valeurs[f"ecart_{variable}"] = budget.ecart_montant[annee, scenario, variable]
    for payeur in list(PAYEURS) + [SOLDE]:
        valeurs[f"ecart_cout_{payeur}"] = payeurs.ecart_cout[annee, scenario, payeur]
    for cle in ("perdants", "perte_moyenne", "perte_mediane", "gagnants", "gain_moyen"):
        valeurs[cle] = gp[cle]
    valeurs["trimestres_non_valides"] = trimestres.trimestres_non_valides
    return {cle: round(float(v), 2) for cle, v in valeurs.items()}


def calculer(racine=RACINE):
    """Every case, as the dict stored in the YAML file."""
    echantillon = os.path.join(racine, ECHANTILLON)
    reformes = {}
    for annee in sorted(set(ANNEES.values())):
        noms = [nom for nom, a in ANNEES.items() if a == annee]
        sim = Microsimulation(echantillon, reforme=noms, annee=annee, deuxieme_annee=False)
        for nom in noms:
            reformes[nom] = {"annee": annee, "agregats": _indicateurs(sim.agregats, nom, annee)}
    reformes = {nom: reformes[nom] for nom in ANNEES}
    s = SYNTHETIQUE
    sim = Microsimulation(reforme=s["reforme"], annee=s["annee"], taille=s["taille"], graine=s["graine"],
                          deuxieme_annee=False)
    synthetique = dict(s, calage={nom: round(float(v), 4) for nom, v in sim.calage.tableau.obtenu.items()},
                       agregats=_indicateurs(sim.agregats, s["reforme"], s["annee"]))
    return {"echantillon": ECHANTILLON.replace(os.sep, "/"), "reformes": reformes,
            "population_synthetique": synthetique}


ENTETE = """\
# Expected weighted aggregates of each shipped reform (reform − baseline, € a year, households, quarters),
# written by: .venv/bin/python -m openfisca_ass.analyse.impact --rafraichir tests/impact_reformes.yaml
# and checked by tests/test_impact_reformes.py. Refresh only for an intended change, and review the diff.
"""


def ecrire(chemin, valeurs):
    with open(chemin, "w", encoding="utf-8") as fichier:
        fichier.write(ENTETE)
        yaml.safe_dump(valeurs, fichier, allow_unicode=True, sort_keys=False, default_flow_style=False)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m openfisca_ass.analyse.impact", description=__doc__.split("\n")[0])
    parser.add_argument("--rafraichir", metavar="FICHIER.yaml", required=True,
                        help="recalcule les agrégats et réécrit ce fichier")
    arguments = parser.parse_args(argv)
    # The regression file sits in the checkout's tests/, beside the sample: the checkout is its grandparent.
    racine = os.path.dirname(os.path.dirname(os.path.abspath(arguments.rafraichir)))
    ecrire(arguments.rafraichir, calculer(racine))
    print(f"écrit : {arguments.rafraichir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
