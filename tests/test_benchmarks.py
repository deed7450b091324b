"""The benchmark harness works (benchmarks/): structure and values on a tiny N, never a time."""
import os
import sys

import numpy
import pytest

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")

pytestmark = pytest.mark.skipif(not os.path.isdir(BENCHMARKS), reason="benchmarks/ absent (wheel only)")


@pytest.fixture(scope="module")
def lot():
    sys.path.insert(0, BENCHMARKS)
    try:
        import lot as module
        yield module
    finally:
        sys.path.remove(BENCHMARKS)


def test_population_melange_seuls_et_couples(lot):
    import population
    d = population.generer(1000)
    assert d["famille"].shape == (1000,)
    assert set(numpy.unique(d["role"])) == {0, 1}
    assert d["nb_familles"] == d["famille"].max() + 1
    for nom in population.ENTREES_MENSUELLES:
        assert d[nom].shape == (13, 1000)
    # Every couple has exactly one claimant (role 0) and one partner (role 1).
    taille = numpy.bincount(d["famille"])
    assert set(numpy.unique(taille)) == {1, 2}
    assert (numpy.bincount(d["famille"], weights=d["role"]) == (taille == 2)).all()


def test_le_plancher_numpy_calcule_ce_que_calcule_openfisca_ass(lot):
    ass = lot.mesurer("ass", 300)
    plancher = lot.mesurer("numpy", 300)
    assert ass["beneficiaires"] > 0
    assert numpy.abs(numpy.asarray(ass["montants"]) - plancher["montants"]).max() < 0.011
    for cle in ("entrees_s", "calcul_s", "total_s", "pic_rss_mio", "rss_avant_donnees_mio"):
        assert ass[cle] >= 0


def test_le_tableau_du_banc(lot, capsys):
    import run
    resultat = run.main(["--tailles", "200", "--repetitions", "1", "--sans-api", "--sans-construction", "--population", "0",
                         "--silencieux"])
    modeles = {r["modele"] for r in resultat["lots"]}
    assert modeles == {"ass", "france", "numpy"}
    assert all("erreur" not in r for r in resultat["lots"]), resultat["lots"]
    numpy_ = next(r for r in resultat["lots"] if r["modele"] == "numpy")
    assert numpy_["ecart_max_vs_ass"] < 0.011
    assert "| 200 | ass |" in capsys.readouterr().out
