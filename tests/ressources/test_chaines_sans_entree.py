"""The shortcuts of ``ressource()`` change no result: ``ass`` with them and without them, on a small random
population, without and with the inputs that make France's chains non-zero; a reform replacing a chain
switches them off; the chain read from the formulas' code covers what the calculation really reads."""
import numpy
import pytest
from openfisca_core import periods
from openfisca_core.model_api import Reform
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_france.model.base import TypesActivite

from openfisca_ass.variables.ressources import chaines_sans_entree

MOIS = "2025-05"
HISTOIRE = [periods.period(MOIS).offset(-k) for k in range(12, -1, -1)]  # 2024-05 ... 2025-05
N = 40


def population(systeme, avec_entrees, graine=13):
    """N persons, singles and couples; 13 months of activity and salaries, France's chains left empty.

    ``avec_entrees``: also the inputs that feed the chains the shortcuts skip (capital-income tax boxes
    of the foyer, micro-entrepreneur turnover, gross pension), for a third of the persons.
    """
    rng = numpy.random.default_rng(graine)
    famille = numpy.repeat(numpy.arange(30), [2] * 10 + [1] * 20)
    role = numpy.array([0, 1] * 10 + [0] * 20)
    builder = SimulationBuilder()
    builder.create_entities(systeme)
    builder.declare_person_entity("individu", numpy.arange(N))
    for cle in ("famille", "foyer_fiscal", "menage"):
        builder.join_with_persons(builder.declare_entity(cle, numpy.arange(30)), famille, role)
    simulation = builder.build(systeme)
    travaille = rng.random(N) < 0.3
    for mois in HISTOIRE:
        chomeur = numpy.where(rng.random(N) < 0.8, "chomeur", "actif")
        simulation.set_input("activite", mois, TypesActivite.encode(chomeur))
        simulation.set_input("ass_precondition_remplie", mois, numpy.ones(N, dtype=bool))
        simulation.set_input("salaire_imposable", mois, (travaille & (rng.random(N) < 0.5)) * rng.uniform(100, 900, N))
    if avec_entrees:
        concernes = rng.random(N) < 1 / 3
        # f2dc, 2TS: a foyer box; a couple's foyer is declared by its first person.
        declarant = concernes[role == 0][famille[role == 0]]
        # Tax boxes are whole euros (int): the input checks refuse a fraction.
        simulation.set_input("f2dc", "2024", numpy.round(rng.uniform(4000, 15000, 30) * declarant))
        simulation.set_input("f2ts", "2025", numpy.round(rng.uniform(1000, 6000, 30) * declarant))
        for mois in HISTOIRE:
            simulation.set_input("rpns_auto_entrepreneur_CA_bic", mois, concernes * rng.uniform(300, 1500, N))
            simulation.set_input("retraite_brute", mois, concernes * rng.uniform(200, 800, N))
    return simulation


def ass(systeme, avec_entrees, raccourcis, monkeypatch):
    monkeypatch.setattr(chaines_sans_entree, "RACCOURCIS", raccourcis)
    simulation = population(systeme, avec_entrees)
    return simulation, simulation.calculate("ass", MOIS)


@pytest.mark.parametrize("avec_entrees", (False, True), ids=("sans entrées", "avec entrées"))
def test_memes_montants_avec_et_sans_raccourcis(systeme, avec_entrees, monkeypatch):
    simulation, avec = ass(systeme, avec_entrees, True, monkeypatch)
    # The shortcut applies exactly when nothing of the chain was given.
    assert chaines_sans_entree.nulle_sans_entree(simulation, "revenus_capital") is not avec_entrees
    assert chaines_sans_entree.nulle_sans_entree(simulation, "rpns_auto_entrepreneur_benefice") is not avec_entrees
    ordinaire, sans = ass(systeme, avec_entrees, False, monkeypatch)
    assert (avec > 0).sum() >= 10
    numpy.testing.assert_array_equal(avec, sans)
    if not avec_entrees:
        # What the shortcut assumes, checked on France's formulas themselves: nothing given, 0 every month.
        for nom in chaines_sans_entree.NULLES_SANS_ENTREE:
            assert not ordinaire.calculate_add(nom, "month:2024-05:13").any(), nom


def test_les_entrees_changent_les_montants(systeme, monkeypatch):
    """Without this, the comparison above could hold because neither chain reached ``ass``."""
    simulation, avec = ass(systeme, True, True, monkeypatch)
    _, sans = ass(systeme, False, True, monkeypatch)
    douze_mois = periods.period("month:2024-05:12")
    assert simulation.calculate_add("revenus_capital", douze_mois).sum() > 0
    assert simulation.calculate_add("rpns_auto_entrepreneur_benefice", douze_mois).sum() > 0
    assert (avec < sans).sum() >= 3


def test_la_chaine_lue_dans_le_code_couvre_le_calcul(systeme):
    """Every variable the tracer sees while France's chain is computed is in ``variables_lues``."""
    simulation = population(systeme, True)
    simulation.trace = True
    for nom in chaines_sans_entree.NULLES_SANS_ENTREE:
        simulation.calculate_add(nom, "month:2024-05:12")
    vus = set()
    for arbre in simulation.tracer.trees:
        lues = chaines_sans_entree.variables_lues(systeme, arbre.name)
        pile = [arbre]
        while pile:
            noeud = pile.pop()
            assert noeud.name in lues, (arbre.name, noeud.name)
            vus.add(noeud.name)
            pile.extend(noeud.children)
    assert {"f2dc", "f2ts", "assurance_vie_pfu_ir", "rpns_auto_entrepreneur_CA_bic"} <= vus


class revenus_capital_forfaitaires(Reform):
    """A reform that replaces France's capital-income chain: 100 € a month for everyone."""

    def apply(self):
        france = self.variables["revenus_capital"]

        class revenus_capital(type(france)):
            def formula(individu, period):
                return individu.filled_array(100.0)

        self.update_variable(revenus_capital)


def test_une_reforme_de_la_chaine_coupe_le_raccourci(systeme):
    reforme = revenus_capital_forfaitaires(systeme)
    simulation = population(reforme, False)
    assert not chaines_sans_entree.nulle_sans_entree(simulation, "revenus_capital")
    base = simulation.calculate("ass_base_ressources_individu", MOIS)
    sans_capital = population(systeme, False).calculate("ass_base_ressources_individu", MOIS)
    # 12 months × 100 € more in each claimant's base.
    numpy.testing.assert_allclose(base - sans_capital, 1200, rtol=1e-6)
