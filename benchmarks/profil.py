"""Where ``ass`` spends its time: the per-variable tracer of openfisca-core on one batch run.

    python benchmarks/profil.py --modele ass --jeu france --n 300000 [--premiers 15]

prints the variables with the largest own time (formula time less the variables it calls, summed
over periods), with how many periods were computed. The tracer slows the run down (it records every
call): read the shares, not the totals.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lot  # noqa: E402
import population  # noqa: E402


def profil(modele, n, jeu, premiers=15):
    """(calculation time with the tracer, [(variable, own time s, periods computed), ...] largest first)."""
    resultat = lot.mesurer(modele, n, tracer=True, jeu=jeu)
    tracer = resultat["simulation"].tracer
    par_variable = tracer.performance_log.aggregate_calculation_times(tracer.get_flat_trace())
    lignes = sorted(
        ((nom, t["formula_time"], t["calculation_count"]) for nom, t in par_variable.items()),
        key=lambda ligne: -ligne[1],
        )
    return resultat["calcul_s"], lignes[:premiers]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modele", choices=("ass", "france"), default="ass")
    parser.add_argument("--jeu", choices=tuple(population.JEUX), default="france")
    parser.add_argument("--n", type=int, default=300_000)
    parser.add_argument("--premiers", type=int, default=15)
    args = parser.parse_args(argv)
    total, lignes = profil(args.modele, args.n, args.jeu, args.premiers)
    print(f"{args.modele}, jeu {args.jeu}, N = {args.n:,}: calcul {total:.3f} s avec le traceur")
    print("| variable | temps propre (s) | périodes |")
    print("|---|---:|---:|")
    for nom, temps, nombre in lignes:
        print(f"| `{nom}` | {temps:.3f} | {nombre} |")


if __name__ == "__main__":
    main()
