"""The synthetic-population run of the analysis (openfisca_ass.analyse.population), by chunks.

    python benchmarks/population_lots.py --menages 2000 --taille-lot 1000

runs ``simuler_population`` for the baseline alone (one scenario) over ``--menages`` households in
chunks of ``--taille-lot``, and prints one JSON line: time, households and persons, peak RSS. Memory
is bounded by the chunk, not by the population: the per-household time and the peak measured here
extrapolate to 1M and 10M persons (see run.py).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lot import pic_rss_mio, rss_mio  # noqa: E402


def mesurer(menages, taille_lot, annee=2026):
    from openfisca_ass.analyse import population
    from openfisca_ass.scenarios import scenarios

    debut = time.perf_counter()
    liste = scenarios()
    construit = time.perf_counter()
    rss_avant = rss_mio()
    table, agregats, calage = population.simuler_population(
        liste, annee, taille=menages, taille_lot=taille_lot, barre=False)
    fin = time.perf_counter()
    tires = population.tirer(menages, annee)
    personnes = sum(1 + m.couple + m.enfants for m in tires)
    return {
        "menages": menages,
        "personnes": personnes,
        "taille_lot": taille_lot,
        "construction_s": construit - debut,
        "simulation_s": fin - construit,
        "s_par_personne": (fin - construit) / personnes,
        "pic_rss_mio": pic_rss_mio(),
        "rss_avant_mio": rss_avant,
        "ass_annuelle_moyenne": float(table[table.scenario == "reference"].ass.mean()),
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menages", type=int, default=2000)
    parser.add_argument("--taille-lot", type=int, default=1000)
    options = parser.parse_args()
    print(json.dumps(mesurer(options.menages, options.taille_lot)))
