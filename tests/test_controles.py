"""Impossible inputs are refused on every route (docs/controles.md): Python and the YAML runner here, the
web API in tests/api/test_api_types.py. Each refusal names the variable, the period, the value and the
expected form. ASS in May 2025: 31 days × 19.33 = 599.23 (full rate, no resources).
"""
import copy
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
from openfisca_core.errors import SituationParsingError
from openfisca_core.periods import period
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.variables import Variable

from openfisca_ass.controles import ErreurEntree
from openfisca_ass.reforms.suppression_ass import suppression_ass

MAUVAISES_ENTREES = Path(__file__).resolve().parent / "controles" / "mauvaises_entrees"
PLEIN_MAI_2025 = 599.23  # 31 × 19.33


def situation(**demandeur):
    """A jobseeker alone who meets the preconditions, May 2025; ``demandeur`` adds or replaces inputs."""
    entrees = {"activite": {"2025-05": "chomeur"}, "ass_precondition_remplie": {"2025-05": True}}
    entrees.update(demandeur)
    return {
        "individus": {"demandeur": entrees},
        "familles": {"famille": {"parents": ["demandeur"]}},
        "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
        "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
    }


def construire(systeme, entrees):
    return SimulationBuilder().build_from_entities(systeme, copy.deepcopy(entrees))


def test_une_situation_valide_est_calculee(systeme):
    simulation = construire(systeme, situation(date_naissance={"ETERNITY": "1975-03-10"}))
    assert simulation.calculate("ass", "2025-05")[0] == pytest.approx(PLEIN_MAI_2025, abs=0.005)


# Raw values of a situation (dict, JSON, YAML): refused before numpy casts them, under the value's path
# in core's nested shape; the message names the variable, the period, the person, the value, the form.
VALEURS_BRUTES = [
    ("ass_precondition_remplie", "2025-05", "false", ["'false'", "booléen", "true ou false"]),
    ("ass_precondition_remplie", "2025-05", 1, ["valeur 1", "booléen"]),
    ("date_naissance", "ETERNITY", 19700101, ["19700101", "AAAA-MM-JJ"]),
    ("date_naissance", "ETERNITY", "1970-01", ["'1970-01'", "AAAA-MM-JJ"]),
    ("date_naissance", "ETERNITY", "1970-02-30", ["'1970-02-30'", "AAAA-MM-JJ"]),
    ("age", "2025-05", 10 ** 400, ["« age »", "au plus 150"]),
    ("age", "2025-05", 40.5, ["40.5", "un entier"]),
    ("salaire_de_base", "2025-05", float("nan"), ["nan", "fini"]),
    ("salaire_de_base", "2025-05", 1e39, ["1e+39", "fini"]),  # beyond float32: core would store infinity
    ("salaire_de_base", "2025-05", "9" * 400, ["formule illisible", "fini"]),  # core's numexpr: OverflowError
    ("salaire_de_base", "2025-05", "1e400", ["'1e400'", "fini"]),  # numexpr reads infinity
    ("activite", "2025-05", "chomeuse", ["'chomeuse'", "actif, chomeur, etudiant, retraite, inactif"]),
]


@pytest.mark.parametrize("nom, cle, valeur, fragments", VALEURS_BRUTES)
def test_valeur_brute_refusee(systeme, nom, cle, valeur, fragments):
    with pytest.raises(SituationParsingError) as erreur:
        construire(systeme, situation(**{nom: {cle: valeur}}))
    message = erreur.value.error["individus"]["demandeur"][nom][cle]
    assert f"« {nom} », période {cle}, « demandeur » : valeur" in message and "attendu" in message
    for fragment in fragments:
        assert fragment in message


# Values of the right type out of range: refused on the array of the period, the message naming the
# period and the person.
HORS_BORNES = [
    ("age", "2025-05", -3, "positif ou nul, au plus 150"),
    ("date_naissance", "ETERNITY", "9999-12-31", "entre 1900-01-01 et 2199-12-31"),
    ("date_naissance", "ETERNITY", "1850-06-01", "entre 1900-01-01 et 2199-12-31"),
    ("ass_nombre_enfants_eleves", "2025-05", -1, "positif ou nul"),
    ("ass_annees_activite_salariee", "2025-05", 11, "au plus 10"),
    ("ass_annees_activite_salariee", "2025-05", -0.5, "positif ou nul"),
    ("ass_trimestres_valides_tous_regimes", "2025-05", -4, "positif ou nul"),
    ("chomage_net", "2025-05", -300, "positif ou nul"),
]


@pytest.mark.parametrize("nom, cle, valeur, attendu", HORS_BORNES)
def test_valeur_hors_bornes_refusee(systeme, nom, cle, valeur, attendu):
    with pytest.raises(ErreurEntree) as erreur:
        construire(systeme, situation(**{nom: {cle: valeur}}))
    assert erreur.value.variable == nom and erreur.value.periode == cle
    assert attendu in erreur.value.attendu
    assert f"« {nom} », période {cle}, « demandeur » : valeur" in str(erreur.value)
    assert erreur.value.error["champ"] == f"individus/demandeur/{nom}/{cle}"


def test_les_bornes_admises_sont_calculees(systeme):
    # The edges themselves are true inputs: ten years in the ten-year window (R5423-1 1°), no child.
    entrees = situation(ass_annees_activite_salariee={"2025-05": 10}, ass_nombre_enfants_eleves={"2025-05": 0},
                        date_naissance={"ETERNITY": datetime.date(1900, 1, 1)}, age={"2025-05": 0})
    del entrees["individus"]["demandeur"]["ass_precondition_remplie"]
    simulation = construire(systeme, entrees)
    assert simulation.calculate("ass_condition_activite_salariee", "2025-05")[0]


def test_la_fenetre_de_dix_ans_est_le_parametre(systeme):
    fenetre = systeme.parameters("2025-05-01").chomage.allocations_assurance_chomage.ass.activite_anterieure
    assert fenetre.fenetre_annees == 10
    with pytest.raises(ErreurEntree, match="au plus 10"):
        construire(systeme, situation(ass_annees_activite_salariee={"2025-05": 10.01}))


def test_une_date_sentinelle_d_openfisca_france_reste_admise(systeme):
    # openfisca-france's "no date" defaults (9999-12-31, 0001-01-01) are accepted when sent as such.
    defaut = systeme.variables["date_debut_chomage"].default_value
    construire(systeme, situation(date_debut_chomage={"ETERNITY": str(defaut)}))


def test_la_valeur_par_defaut_reste_admise(systeme):
    # openfisca-france's age defaults to -9999 ("not given"): core stores it for the persons an input
    # leaves out, as on a two-dimensional grid of axes.
    assert systeme.variables["age"].default_value == -9999
    entrees = situation()
    entrees["individus"]["conjoint"] = {}
    entrees["familles"]["famille"]["parents"].append("conjoint")
    entrees["foyers_fiscaux"]["foyer_fiscal"]["declarants"].append("conjoint")
    entrees["menages"]["menage"]["conjoint"] = ["conjoint"]
    entrees["axes"] = [[{"name": "age", "count": 2, "min": 30, "max": 40, "period": "2025-05", "index": 1}],
                       [{"name": "salaire_de_base", "count": 2, "min": 0, "max": 2000, "period": "2025-05"}]]
    simulation = construire(systeme, entrees)
    assert simulation.calculate("age", "2025-05")[1::2].tolist() == [30, 40, 30, 40]


def test_periode_hors_calendrier(systeme):
    with pytest.raises(ErreurEntree) as erreur:
        construire(systeme, situation(salaire_de_base={"month:2025-01:200000": 5}))
    assert "month:2025-01:200000" in str(erreur.value) and "entre 1900 et 2199" in erreur.value.attendu


# Python arrays through Simulation.set_input: bool arrays or 0/1, dates as dates or AAAA-MM-JJ strings.
def simulation_vide(systeme, nombre=3):
    return SimulationBuilder().build_default_simulation(systeme, nombre)


@pytest.mark.parametrize("valeurs", [numpy.array([True, False, True]), numpy.array([1, 0, 1]), [True, False, 1]])
def test_set_input_booleens_admis(systeme, valeurs):
    simulation = simulation_vide(systeme)
    simulation.set_input("ass_precondition_remplie", "2025-05", valeurs)
    assert simulation.calculate("ass_precondition_remplie", "2025-05").tolist() == [True, False, True]


@pytest.mark.parametrize("nom, valeurs, indice, attendu", [
    ("ass_precondition_remplie", numpy.array(["true", "false", "false"]), 0, "booléen"),
    ("ass_precondition_remplie", numpy.array([0, 1, 2]), 2, "booléen"),
    ("date_naissance", numpy.array([19700101, 19800101, 19900101]), 0, "AAAA-MM-JJ"),
    ("date_naissance", numpy.array(["1970-01-01", "1980-01", "1990-01-01"]), 1, "AAAA-MM-JJ"),
    ("date_naissance", numpy.array(["1970-01-01", "1980-01-01", "9999-12-31"], dtype="datetime64[D]"), 2, "2199-12-31"),
    ("age", numpy.array([30, -1, 40]), 1, "positif ou nul"),
    ("age", numpy.array([30.0, 30.5, 40.0]), 1, "un entier"),
    ("age", numpy.array([30, 2 ** 40, 40], dtype=numpy.int64), 1, "au plus 150"),
    ("salaire_de_base", numpy.array([0, numpy.inf, 1]), 1, "fini"),
    ("activite", numpy.array(["chomeur", "actif", "salarie"]), 2, "actif, chomeur"),
    ("activite", numpy.array([1, 0, 7]), 2, "actif, chomeur"),
])
def test_set_input_refuse(systeme, nom, valeurs, indice, attendu):
    simulation = simulation_vide(systeme)
    cle = "ETERNITY" if nom == "date_naissance" else "2025-05"
    with pytest.raises(ErreurEntree) as erreur:
        simulation.set_input(nom, cle, valeurs)
    assert erreur.value.variable == nom and erreur.value.periode == cle
    assert attendu in erreur.value.attendu
    # The person is named by her id (build_default_simulation numbers them from 0).
    assert erreur.value.chemin == ["individus", str(indice), nom, cle]


def test_set_input_compte_les_valeurs_refusees_sur_un_million(systeme):
    # The batch route: a million persons, vectorised checks (no Python loop over the values).
    nombre = 1_000_000
    simulation = simulation_vide(systeme, nombre)
    ages = numpy.full(nombre, 40, dtype=numpy.int32)
    simulation.set_input("age", "2025-05", ages)
    ages[[17, 500_000, 999_999]] = -1
    with pytest.raises(ErreurEntree) as erreur:
        simulation.set_input("age", "2025-05", ages)
    assert "(3 valeurs refusées sur 1000000)" in str(erreur.value)
    assert erreur.value.chemin[1] == "17"


def test_put_in_cache_n_est_pas_controle(systeme):
    # Known limit, documented: Holder.put_in_cache (benchmarks/lot.py) stores an array as it is.
    simulation = simulation_vide(systeme, 1)
    simulation.get_holder("age").put_in_cache(numpy.array([-1], dtype=numpy.int32), period("2025-05"))
    assert simulation.calculate("age", "2025-05")[0] == -1


def test_build_from_dict_variables_sans_entites(systeme):
    builder = SimulationBuilder()
    builder.set_default_period("2025-05")
    with pytest.raises(ErreurEntree, match="ass_nombre_enfants_eleves"):
        builder.build_from_dict(systeme, {"ass_nombre_enfants_eleves": {"2025-05": -2}})


# Born after the month computed: input time knows no period, the ASS's eligibility does.
def test_demandeur_ne_apres_le_mois_calcule(systeme):
    simulation = construire(systeme, situation(date_naissance={"ETERNITY": "2025-06-01"}))
    with pytest.raises(ErreurEntree) as erreur:
        simulation.calculate("ass", "2025-05")
    assert erreur.value.variable == "date_naissance" and erreur.value.periode == "2025-05"
    assert "2025-06-01" in str(erreur.value) and "2025-05-31" in erreur.value.attendu
    assert erreur.value.chemin == ["individus", "demandeur", "date_naissance"]


def test_enfant_a_naitre_n_est_pas_une_erreur(systeme):
    entrees = situation(date_naissance={"ETERNITY": "1975-03-10"})
    entrees["individus"]["enfant"] = {"date_naissance": {"ETERNITY": "2025-09-10"}}
    entrees["familles"]["famille"]["enfants"] = ["enfant"]
    entrees["menages"]["menage"]["enfants"] = ["enfant"]
    simulation = construire(systeme, entrees)
    assert simulation.calculate("ass", "2025-05") == pytest.approx([PLEIN_MAI_2025, 0], abs=0.005)


def test_les_reformes_gardent_les_controles(systeme):
    reforme = suppression_ass(systeme)
    with pytest.raises(SituationParsingError, match="booléen"):
        construire(reforme, situation(ass_precondition_remplie={"2025-05": "false"}))
    with pytest.raises(ErreurEntree):
        construire(reforme, situation(date_naissance={"ETERNITY": "2025-06-01"})).calculate("ass", "2025-05")


def test_les_classes_de_core_ne_sont_pas_touchees(systeme):
    # The checks sit on this package's Variable instances: openfisca-france's own system, built from
    # the same classes, keeps core's behaviour (where the string "false" is True).
    variable = systeme.variables["ass_precondition_remplie"]
    assert "check_set_value" in vars(variable) and "set_input" in vars(variable)
    assert Variable.check_set_value(variable, "false")


# The YAML runner: `openfisca test` on the bad files of tests/controles/mauvaises_entrees (left out of
# `make test-yaml` by the Makefile), one process for all of them. Each must fail with its message.
MESSAGES_YAML = {
    "booleen_en_chaine.yaml": ["« ass_precondition_remplie », période 2025-05, « demandeur »", "'false'", "booléen"],
    "date_en_entier.yaml": ["« date_naissance », période 2025-05, « demandeur »", "19700101", "AAAA-MM-JJ"],
    "date_hors_calendrier.yaml": ["« date_naissance »", "'9999-12-31'", "2199-12-31"],
    "ne_apres_le_mois.yaml": ["« date_naissance »", "2026-01-15", "après le mois calculé (2025-05)"],
    "age_demesure.yaml": ["« age », période 2025-05, « demandeur »", "au plus 150"],
    "age_negatif.yaml": ["« age », période 2025-05", "valeur -3", "positif ou nul"],
    "enfants_negatifs.yaml": ["« ass_nombre_enfants_eleves », période 2025-05", "valeur -1"],
    "annees_hors_fenetre.yaml": ["« ass_annees_activite_salariee », période 2025-05", "valeur 11", "au plus 10"],
    "trimestres_negatifs.yaml": ["« ass_trimestres_valides_tous_regimes », période 2025-05", "valeur -4"],
    "ressource_negative.yaml": ["« chomage_net », période 2025-05", "valeur -300", "positif ou nul"],
    "modalite_inconnue.yaml": ["« activite », période 2025-05, « demandeur »", "'chomeuse'",
                               "actif, chomeur, etudiant, retraite, inactif"],
}


@pytest.fixture(scope="module")
def sortie_yaml():
    """Output of `openfisca test` on every bad file, split by file."""
    openfisca = os.path.join(os.path.dirname(sys.executable), "openfisca")
    fichiers = sorted(str(f) for f in MAUVAISES_ENTREES.glob("*.yaml"))
    # The environment's pytest plugins (this suite's tools) are not what is tested: not loaded (4 s).
    resultat = subprocess.run(
        [openfisca, "test", "--country-package", "openfisca_ass", *fichiers],
        capture_output=True, text=True, timeout=600, cwd=MAUVAISES_ENTREES,
        env=dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1"))
    sections = re.split(r"_{5,} test session _{5,}", resultat.stdout)
    par_fichier = {}
    for section in sections[1:]:
        nom = Path(section.strip().splitlines()[0].rstrip(":")).name
        par_fichier[nom] = section
    return resultat.returncode, par_fichier, resultat.stdout + resultat.stderr


def test_chaque_fichier_yaml_a_son_cas(sortie_yaml):
    _, par_fichier, sortie = sortie_yaml
    assert sorted(f.name for f in MAUVAISES_ENTREES.glob("*.yaml")) == sorted(MESSAGES_YAML)
    assert sorted(par_fichier) == sorted(MESSAGES_YAML), sortie[-3000:]


@pytest.mark.parametrize("fichier", sorted(MESSAGES_YAML))
def test_le_lanceur_yaml_refuse(sortie_yaml, fichier):
    code, par_fichier, sortie = sortie_yaml
    assert code != 0
    section = par_fichier.get(fichier, "")
    assert "Could not parse situation described" in section or "ErreurEntree" in section, sortie[-3000:]
    for fragment in MESSAGES_YAML[fichier]:
        assert fragment in section, section
