"""The memos of ``memo_moteur`` answer what the functions they stand for compute, row for row.

- The comparison memo serves a situation from any earlier simulation that held it: that relies on the
  situations of one simulation sharing no entity. Checked on two cas types and one variable (cheap),
  through both paths: the pair simulated at once, then one of them asked alone.
- The sweep memo puts together scenarios computed one by one: its order and its resources column are checked
  with a stand-in for ``balayer`` (the simulations themselves are balayer's, one per scenario already).
"""
import pandas
from memo_moteur import _SIMULER, simuler_memorise

from openfisca_ass.analyse.cas_types import cas_type

ANNEE = 2027
NOMS = ["personne_seule_sans_ressources", "couple_conjoint_smic"]


def test_memo_comparaison_par_situation(systeme):
    situations = {nom: cas_type(nom, ANNEE, systeme) for nom in NOMS}
    variables = {"mensuelles": ["ass"], "annuelles": []}
    paire = simuler_memorise(systeme, situations, ANNEE, **variables)
    pandas.testing.assert_frame_equal(paire, _SIMULER(systeme, situations, ANNEE, **variables))
    seule = {NOMS[1]: situations[NOMS[1]]}
    pandas.testing.assert_frame_equal(simuler_memorise(systeme, seule, ANNEE, **variables),
                                      _SIMULER(systeme, seule, ANNEE, **variables))
    # Not a table of zeros: the couple's ASS in January 2027 (31 × 19.48, couple ceiling not reached).
    janvier = paire[(paire.situation == NOMS[1]) & (paire.periode == f"{ANNEE}-01")]
    assert janvier.valeur.round(2).tolist() == [603.88]


def test_memo_balayage_comme_balayer(monkeypatch, systeme):
    """Scenario by scenario, the rows come back in balayer's order (every scenario's variables, then every
    scenario's totals), with the first scenario's resources. A stand-in for balayer gives each scenario
    resources of its own, so that a wrong column shows."""
    import memo_moteur

    from openfisca_ass.scenarios import REFERENCE, Scenario

    def faux_balayer(scenarios, annee, profil, points):
        (scenario,) = scenarios
        decalage = 0.0 if scenario.nom == REFERENCE else 1000.0
        lignes = [(scenario.nom, p, 10.0 * p + decalage, v, 1.0) for v in ("ass", "rsa") for p in range(points)]
        lignes += [(scenario.nom, p, 10.0 * p + decalage, "total", 2.0) for p in range(points)]
        return pandas.DataFrame(lignes, columns=["scenario", "point", "ressources", "variable", "valeur"])

    monkeypatch.setattr(memo_moteur, "_BALAYER", faux_balayer)
    monkeypatch.setattr(memo_moteur, "_MEMO_BALAYAGE", {})
    scenarios = [Scenario(REFERENCE, systeme), Scenario("suppression_ass_immediate", systeme)]
    table = memo_moteur.balayer_memorise(scenarios, ANNEE, "couple", points=2)
    assert list(zip(table.scenario, table.variable, table.point)) == [
        (REFERENCE, "ass", 0), (REFERENCE, "ass", 1), (REFERENCE, "rsa", 0), (REFERENCE, "rsa", 1),
        ("suppression_ass_immediate", "ass", 0), ("suppression_ass_immediate", "ass", 1),
        ("suppression_ass_immediate", "rsa", 0), ("suppression_ass_immediate", "rsa", 1),
        (REFERENCE, "total", 0), (REFERENCE, "total", 1),
        ("suppression_ass_immediate", "total", 0), ("suppression_ass_immediate", "total", 1)]
    assert table.ressources.tolist() == [0.0, 10.0] * 6
