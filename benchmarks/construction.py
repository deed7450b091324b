"""Building the tax-benefit system: openfisca-ass versus openfisca-france alone.

    python benchmarks/construction.py --modele ass|france

prints one JSON line: import time, build time (``CountryTaxBenefitSystem()`` or
``FranceTaxBenefitSystem()``) and peak RSS. ``run.py`` runs it in fresh subprocesses, alternating the two
models, so that neither profits from the other's warm file cache more than the other.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lot import pic_rss_mio  # noqa: E402


def mesurer(modele):
    debut = time.perf_counter()
    if modele == "ass":
        from openfisca_ass import CountryTaxBenefitSystem as Systeme
    else:
        from openfisca_france import FranceTaxBenefitSystem as Systeme
    importe = time.perf_counter()
    tbs = Systeme()
    fin = time.perf_counter()
    return {
        "modele": modele,
        "import_s": importe - debut,
        "construction_s": fin - importe,
        "total_s": fin - debut,
        "pic_rss_mio": pic_rss_mio(),
        "variables": len(tbs.variables),
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modele", choices=("ass", "france"), required=True)
    print(json.dumps(mesurer(parser.parse_args().modele)))
