"""Batch run: ``ass`` for one month over N persons, in this process, for one model.

    python benchmarks/lot.py --modele ass|france|numpy --n 100000 [--jeu ass|france|clairseme]

prints one JSON line: times (inputs, calculation: wall and CPU), peak RSS, RSS before the data, and a checksum of
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


def simulation(tbs, d, jeu="ass"):
    """An OpenFisca simulation of the persons of ``d`` (see population.generer), the inputs of set ``jeu`` given."""
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

    donnees = population.JEUX[jeu]
    for nom, mois in donnees.items():
        if nom not in tbs.variables:  # ass_aah_droits_acquis_2016 is this package's
            continue
        if mois == population.UNE_FOIS:
            periode = population.ANNEE_PRECEDENTE if nom in population.ENTREES_ANNUELLES else population.MOIS
            donner(nom, periode, d[nom])
            continue
        for i in mois:
            valeurs = d[nom][i]
            donner(nom, population.MOIS_HISTOIRE[i], TypesActivite.encode(valeurs) if nom == "activite" else valeurs)
    return sim


def mesurer(modele, n, graine=2025, tracer=False, jeu="ass", tbs=None):
    """Run one measure on input set ``jeu`` (population.JEUX); returns a dict (see module docstring).

    ``tbs``: an already built tax-benefit system of ``modele`` (tests share one); by default, built here.
    """
    if modele == "numpy":
        import plancher_numpy
        p = plancher_numpy.parametres(population.MOIS + "-01")
    else:
        tbs = tbs or systeme(modele)
    rss_avant = rss_mio()
    d = population.generer(n, graine)
    if modele == "numpy":
        d = population.restreindre(d, jeu)
    debut = time.perf_counter()
    if modele == "numpy":
        fin_entrees = debut
        cpu_debut = time.process_time()
        annee, mois = (int(x) for x in population.MOIS.split("-"))
        montants = plancher_numpy.ass(d, p, annee, mois, 31)
    else:
        sim = simulation(tbs, d, jeu)
        sim.trace = tracer
        fin_entrees = time.perf_counter()
        cpu_debut = time.process_time()
        montants = sim.calculate("ass", population.MOIS)
    fin = time.perf_counter()
    cpu_fin = time.process_time()
    resultat = {
        "modele": modele,
        "jeu": jeu,
        "n": n,
        "entrees_s": fin_entrees - debut,
        "calcul_s": fin - fin_entrees,
        # CPU time of the process: on a shared machine, wall time also counts the waits for a core.
        "calcul_cpu_s": cpu_fin - cpu_debut,
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
    parser.add_argument("--jeu", choices=tuple(population.JEUX), default="ass", help="input set (population.py)")
    parser.add_argument("--graine", type=int, default=2025)
    parser.add_argument("--montants", help="save the amounts (.npy) to compare models")
    args = parser.parse_args(argv)
    resultat = mesurer(args.modele, args.n, args.graine, jeu=args.jeu)
    montants = resultat.pop("montants")
    if args.montants:
        numpy.save(args.montants, numpy.asarray(montants, dtype=numpy.float64))
    print(json.dumps(resultat))


if __name__ == "__main__":
    main()
