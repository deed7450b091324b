"""The API's cost budget, measured: the largest requests its defaults let through, in one process.

Figures only (README, "Cost budget"). Each request goes through ``Budget().verifier`` (it must pass) and
``openfisca_ass.api.calcul.calculer`` as a worker runs it, twice: *cold* (the first request of the
process for these periods: parameter caches empty, as on a fresh worker) and *warm*. RSS is this
process's resident memory before and after (``/proc/self/statm``), the peak its ``ru_maxrss``.

    PYTHONPATH=. .venv/bin/python benchmarks/budget_api.py
"""
import resource
import time

from openfisca_ass.api.budget import Budget
from openfisca_ass.api.calcul import calculer
from openfisca_ass.scenarios import systeme_de_reference

CAS = [
    ("2,000 points × 1 pair (ass)", 2000, ["ass"], 1),
    ("1 person × 12 pairs (rsa, ppa, aide_logement × 4 months)", 1, ["rsa", "ppa", "aide_logement"], 4),
    ("500 points × 12 pairs (rsa, ppa, aide_logement × 4 months)", 500, ["rsa", "ppa", "aide_logement"], 4),
    ("2,000 points × 3 pairs (rsa, ppa, aide_logement × 1 month)", 2000, ["rsa", "ppa", "aide_logement"], 1),
]


def rss_mio():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def situation(points, variables, mois):
    """One jobseeker (family, tax household, dwelling), ``variables`` asked for ``mois`` months of 2024,
    an axis of ``points`` points on the salary of January 2024."""
    s = {"individus": {"p": {"activite": {"2025-05": "chomeur"}, "ass_precondition_remplie": {"2025-05": True}}},
         "familles": {"f": {"parents": ["p"]}}, "foyers_fiscaux": {"ff": {"declarants": ["p"]}},
         "menages": {"m": {"personne_de_reference": ["p"]}}}
    for variable in variables:
        entite, cle = ("individus", "p") if variable == "ass" else ("familles", "f")
        s[entite][cle][variable] = {f"2024-{m + 1:02d}": None for m in range(mois)}
    if points > 1:
        s["axes"] = [[{"name": "salaire_de_base", "count": points, "min": 0, "max": 3000, "period": "2024-01"}]]
    return s


def main():
    systeme = systeme_de_reference()
    budget = Budget()
    calculer(systeme, situation(1, ["ass"], 1))
    print(f"after one small request: RSS {rss_mio():.0f} MiB", flush=True)
    for nom, points, variables, mois in CAS:
        cellules, paires = budget.verifier(systeme, situation(points, variables, mois))
        print(f"{nom}: {cellules} cells × {paires} pairs = {cellules * paires}", flush=True)
        for passe in ("cold", "warm"):
            avant, debut = rss_mio(), time.perf_counter()
            calculer(systeme, situation(points, variables, mois))
            duree = time.perf_counter() - debut
            pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {passe}: {duree:.2f} s, RSS {avant:.0f} → {rss_mio():.0f} MiB, peak {pic:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
