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


def test_les_trois_jeux_d_entrees(lot):
    import population
    assert set(population.JEUX) == {"ass", "france", "clairseme"}
    d = population.generer(500)
    for jeu, donnees in population.JEUX.items():
        for nom, mois in donnees.items():
            assert nom in d, (jeu, nom)
            assert mois == population.UNE_FOIS or set(mois) <= set(population.TOUS_LES_MOIS), (jeu, nom)
    # France's set is the complete one but for capital income, given for the month itself only.
    ass, france = population.JEUX["ass"], population.JEUX["france"]
    assert {nom for nom in ass if ass[nom] != france.get(nom)} == {"revenus_capital"}
    assert france["revenus_capital"] == (12,)
    vu = population.restreindre(d, "france")
    assert vu["revenus_capital"][:12].sum() == 0
    assert (vu["revenus_capital"][12] == d["revenus_capital"][12]).all() and d["revenus_capital"][:12].sum() > 0
    assert (vu["salaire_imposable"] == d["salaire_imposable"]).all()
    clairseme = population.restreindre(d, "clairseme")
    assert (clairseme["salaire_imposable"][11] == d["salaire_imposable"][11]).all() and d["salaire_imposable"][11].any()
    assert not numpy.delete(clairseme["salaire_imposable"], 11, axis=0).any()
    assert not clairseme["chomage_net"].any() and not clairseme["rpns_autres_revenus"].any()


@pytest.mark.parametrize("jeu", ("ass", "france"))
def test_le_plancher_numpy_calcule_ce_que_calcule_openfisca_ass(lot, systeme, jeu):
    ass = lot.mesurer("ass", 300, jeu=jeu, tbs=systeme)
    plancher = lot.mesurer("numpy", 300, jeu=jeu)
    assert ass["beneficiaires"] > 0 and ass["jeu"] == jeu
    assert numpy.abs(numpy.asarray(ass["montants"]) - plancher["montants"]).max() < 0.011
    for cle in ("entrees_s", "calcul_s", "total_s", "pic_rss_mio", "rss_avant_donnees_mio"):
        assert ass[cle] >= 0


def test_le_jeu_clairseme_se_calcule(lot, systeme):
    """France's formulas rebuild what is not given: openfisca-ass still pays some, never more than the full rate."""
    ass = lot.mesurer("ass", 12, jeu="clairseme", tbs=systeme)
    montants = numpy.asarray(ass["montants"])
    assert 0 < ass["beneficiaires"] < 12
    assert montants.max() <= 31 * 19.33 + 0.01  # 31 days × the 2025 daily rate


def test_une_mesure_dans_un_processus_neuf(lot):
    """run.lancer: lot.py in a fresh interpreter, one JSON line back (the floor: no tax-benefit system to build)."""
    import run
    mesure = run.lancer("lot.py", ["--modele", "numpy", "--n", 300, "--jeu", "france"])
    assert mesure["jeu"] == "france" and mesure["n"] == 300 and mesure["beneficiaires"] > 0
    assert mesure["pic_rss_mio"] > mesure["rss_avant_donnees_mio"] > 0


def test_le_tableau_du_banc(lot, systeme, systeme_france, capsys, monkeypatch):
    """The table from measures made in this process (the subprocess path is tested above)."""
    import run

    def sur_place(script, arguments):
        assert script == "lot.py"
        options = dict(zip(arguments[::2], arguments[1::2]))
        modele, n, jeu = options["--modele"], int(options["--n"]), options["--jeu"]
        mesure = lot.mesurer(modele, n, jeu=jeu, tbs={"ass": systeme, "france": systeme_france}.get(modele))
        montants = mesure.pop("montants")
        if "--montants" in options:
            numpy.save(options["--montants"], numpy.asarray(montants, dtype=numpy.float64))
        return mesure

    monkeypatch.setattr(run, "lancer", sur_place)
    resultat = run.main(["--tailles", "200", "--jeux", "ass,france", "--repetitions", "1", "--sans-api",
                         "--sans-construction", "--population", "0", "--silencieux"])
    assert {(r["jeu"], r["modele"]) for r in resultat["lots"]} == {
        (jeu, modele) for jeu in ("ass", "france") for modele in ("ass", "france", "numpy")}
    assert all("erreur" not in r for r in resultat["lots"]), resultat["lots"]
    for r in resultat["lots"]:
        if r["modele"] == "numpy":
            assert r["ecart_max_vs_ass"] < 0.011
    sortie = capsys.readouterr().out
    assert "| ass | 200 | ass |" in sortie and "| france | 200 | ass |" in sortie
    # The side-by-side table: one ratio per input set for N = 200, wall time (CPU time).
    ligne = next(ligne for ligne in sortie.splitlines() if ligne.startswith("| 200 | ") and ligne.count("×") == 4)
    assert ligne.count("|") == 4 and ligne.count("(") == 2
    for r in resultat["lots"]:
        assert 0 < r["calcul_cpu_s"] and r["calcul_s"] > 0
