"""Batch run: ``ass`` for one month over N persons, in this process, for one model.

    python benchmarks/lot.py --modele ass|france|numpy --n 100000

prints one JSON line: times (inputs, calculation), peak RSS, RSS before the data, and a checksum of
the amounts. ``run.py`` starts it in a fresh subprocess per measure so that memory peaks are clean.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import population  # noqa: E402


def rss_mio():
    """Current resident set size, MiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def pic_rss_mio():
    """Peak resident set size of this process so far, MiB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def systeme(modele):
    if modele == "ass":
        from openfisca_ass import CountryTaxBenefitSystem
        return CountryTaxBenefitSystem()
    from openfisca_france import FranceTaxBenefitSystem
    return FranceTaxBenefitSystem()


def simulation(tbs, d):
    """An OpenFisca simulation of the persons of ``d`` (see population.generer), inputs set."""
    from openfisca_core import periods
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_france.model.base import TypesActivite

    n = len(d["famille"])
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    individus = builder.declare_person_entity("individu", numpy.arange(n))
    ids_familles = numpy.arange(d["nb_familles"])
    for cle in ("famille", "foyer_fiscal", "menage"):
        groupe = builder.declare_entity(cle, ids_familles)
        # Role 0: demandeur / declarant_principal / personne_de_reference; 1: conjoint.
        builder.join_with_persons(groupe, d["famille"], d["role"].astype(int))
    del individus
    sim = builder.build(tbs)
    # Holder.put_in_cache stores a month's array as is; Simulation.set_input would go through
    # set_input_divide_by_period (copy, divide by 1, cast) and costs about 4 s more per million persons.
    def donner(nom, periode, valeurs):
        sim.get_holder(nom).put_in_cache(valeurs, periods.period(periode))

    for i, mois in enumerate(population.MOIS_HISTOIRE):
        for nom in population.ENTREES_MENSUELLES:
            donner(nom, mois, d[nom][i])
        donner("activite", mois, TypesActivite.encode(d["activite"][i]))
        donner("ass_precondition_remplie", mois, d["ass_precondition_remplie"][i])
        if "ass_aah_droits_acquis_2016" in tbs.variables:
            donner("ass_aah_droits_acquis_2016", mois, d["ass_aah_droits_acquis_2016"][i])
    for nom in population.ENTREES_ANNUELLES:
        donner(nom, population.ANNEE_PRECEDENTE, d[nom])
    donner("age_en_mois", population.MOIS, d["age_en_mois"])
    donner("residence_mayotte", population.MOIS, d["residence_mayotte"])
    return sim


def mesurer(modele, n, graine=2025, tracer=False):
    """Run one measure; returns a dict (see module docstring)."""
    if modele == "numpy":
        import plancher_numpy
        p = plancher_numpy.parametres(population.MOIS + "-01")
    else:
        tbs = systeme(modele)
    rss_avant = rss_mio()
    d = population.generer(n, graine)
    debut = time.perf_counter()
    if modele == "numpy":
        fin_entrees = debut
        annee, mois = (int(x) for x in population.MOIS.split("-"))
        montants = plancher_numpy.ass(d, p, annee, mois, 31)
    else:
        sim = simulation(tbs, d)
        sim.trace = tracer
        fin_entrees = time.perf_counter()
        montants = sim.calculate("ass", population.MOIS)
    fin = time.perf_counter()
    resultat = {
        "modele": modele,
        "n": n,
        "entrees_s": fin_entrees - debut,
        "calcul_s": fin - fin_entrees,
        "total_s": fin - debut,
        "pic_rss_mio": pic_rss_mio(),
        "rss_avant_donnees_mio": rss_avant,
        "somme_ass": float(numpy.asarray(montants, dtype=numpy.float64).sum()),
        "beneficiaires": int((numpy.asarray(montants) > 0).sum()),
        }
    if tracer:
        resultat["simulation"] = sim
    resultat["montants"] = montants
    return resultat


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modele", choices=("ass", "france", "numpy"), required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--graine", type=int, default=2025)
    parser.add_argument("--montants", help="save the amounts (.npy) to compare models")
    args = parser.parse_args(argv)
    resultat = mesurer(args.modele, args.n, args.graine)
    montants = resultat.pop("montants")
    if args.montants:
        numpy.save(args.montants, numpy.asarray(montants, dtype=numpy.float64))
    print(json.dumps(resultat))


if __name__ == "__main__":
    main()
