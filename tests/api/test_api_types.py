"""Types and impossible inputs through the real server: each probe of issue 12 answers 400 with the
documented shape (README, "Error shapes"), never 200 with a silent number nor 500.

The checks are those of ``openfisca_ass.controles`` (docs/controles.md), shared with the YAML runner and
Python (tests/test_controles.py). ASS in May 2025: 31 days × 19.33 = 599.23 (full rate, no resources).
"""
import copy
import json

import pytest

# A refusal is decided before any computation: well under a second on a quiet machine; the bound leaves
# room for a loaded one.
LATENCE_MAX_S = 10


def demandeur(situation):
    return situation["individus"]["demandeur"]


def verifier_400(reponse, champ):
    """The 400 of README "Error shapes": error, champ, attendu, recu, and core's nested shape."""
    assert reponse.status_code == 400, reponse.text
    assert reponse.headers["Content-Type"].startswith("application/json")
    assert reponse.elapsed.total_seconds() < LATENCE_MAX_S
    corps = reponse.json()
    assert corps["champ"] == champ, corps
    assert corps["error"] and corps["attendu"]
    noeud = corps
    for cle in champ.split("/"):
        noeud = noeud.get(cle) if isinstance(noeud, dict) else None
    if champ.startswith("individus/"):
        assert noeud == corps["error"], corps  # nested shape, for openfisca-france's clients
    return corps


def test_valeurs_valides_calculees(serveur, exemple):
    requete = copy.deepcopy(exemple)
    demandeur(requete)["date_naissance"] = {"ETERNITY": "1975-03-10"}
    demandeur(requete)["ass_annees_activite_salariee"] = {"2025-05": 10}
    reponse = serveur.post("/calculate", json=requete)
    assert reponse.status_code == 200, reponse.text
    assert demandeur(reponse.json())["ass"]["2025-05"] == pytest.approx(599.23, abs=0.005)  # 31 × 19.33


@pytest.mark.parametrize("nom, cle, valeur, attendu", [
    # Issue 12: "false" was true and the ASS paid.
    ("ass_precondition_remplie", "2025-05", "false", "true ou false"),
    ("ass_precondition_remplie", "2025-05", 1, "true ou false"),
    # Issue 12: a negative age, the ASS paid.
    ("date_naissance", "ETERNITY", "9999-12-31", "2199-12-31"),
    ("date_naissance", "ETERNITY", 19700101, "AAAA-MM-JJ"),
    ("date_naissance", "ETERNITY", "1970-01", "AAAA-MM-JJ"),
    ("activite", "2025-05", "chomeuse", "actif, chomeur, etudiant, retraite, inactif"),
    ("age", "2025-05", 151, "au plus 150"),
    ("ass_nombre_enfants_eleves", "2025-05", -1, "positif ou nul"),
    ("ass_annees_activite_salariee", "2025-05", 11, "au plus 10"),
    ("ass_trimestres_valides_tous_regimes", "2025-05", -4, "positif ou nul"),
    ("chomage_net", "2025-05", -300, "positif ou nul"),
])
def test_valeur_impossible(serveur, exemple, nom, cle, valeur, attendu):
    requete = copy.deepcopy(exemple)
    demandeur(requete)[nom] = {cle: valeur}
    corps = verifier_400(serveur.post("/calculate", json=requete), f"individus/demandeur/{nom}/{cle}")
    assert attendu in corps["attendu"]
    assert corps["recu"] == valeur
    # The message names the variable, the period, the value and the expected form.
    assert f"« {nom} », période {cle}, « demandeur »" in corps["error"] and corps["attendu"] in corps["error"]


def test_entier_geant(serveur, exemple):
    # Issue 12: 10^400 was a 500 here, a 400 on openfisca-france. requests' json= would send it as is too,
    # but the body is written out to be sure of what goes on the wire.
    requete = copy.deepcopy(exemple)
    demandeur(requete)["age"] = {"2025-05": 10 ** 400}
    corps = json.dumps(requete)
    assert "1" + "0" * 400 in corps
    reponse = serveur.post("/calculate", data=corps, headers={"Content-Type": "application/json"})
    corps = verifier_400(reponse, "individus/demandeur/age/2025-05")
    assert "au plus 150" in corps["attendu"]


def test_naissance_apres_les_periodes_demandees(serveur, exemple):
    requete = copy.deepcopy(exemple)
    demandeur(requete)["date_naissance"] = {"ETERNITY": "2025-06-01"}
    corps = verifier_400(serveur.post("/calculate", json=requete), "individus/demandeur/date_naissance/ETERNITY")
    assert "2025-05-31" in corps["attendu"]


def test_naissance_entre_deux_periodes_demandees(serveur, exemple):
    # Born in June, ASS asked for May and July: the request makes sense for July; May is refused by the
    # ASS's own check (controles.naissance), in the same shape.
    requete = copy.deepcopy(exemple)
    demandeur(requete).update({
        "date_naissance": {"ETERNITY": "2025-06-01"},
        "activite": {"2025-05": "chomeur", "2025-07": "chomeur"},
        "ass_precondition_remplie": {"2025-05": True, "2025-07": True},
        "ass": {"2025-05": None, "2025-07": None},
    })
    corps = verifier_400(serveur.post("/calculate", json=requete), "individus/demandeur/date_naissance")
    assert "2025-05" in corps["error"] and "2025-05-31" in corps["attendu"]


def test_axe_sans_periode(serveur, exemple):
    requete = copy.deepcopy(exemple)
    requete["axes"] = [[{"name": "salaire_de_base", "count": 3, "min": 0, "max": 1000}]]
    corps = verifier_400(serveur.post("/calculate", json=requete), "axes/0/0/period")
    assert "2025-05" in corps["attendu"]


def test_axe_hors_bornes(serveur, exemple):
    requete = copy.deepcopy(exemple)
    requete["axes"] = [[{"name": "age", "count": 3, "min": 20, "max": 1000, "period": "2025-05"}]]
    corps = verifier_400(serveur.post("/calculate", json=requete), "axes/0/0/max")
    assert "au plus 150" in corps["attendu"] and corps["recu"] == 1000


def test_axe_hors_calendrier(serveur, exemple):
    requete = copy.deepcopy(exemple)
    requete["axes"] = [[{"name": "salaire_de_base", "count": 3, "min": 0, "max": 1000,
                         "period": "month:2025-01:200000"}]]
    corps = verifier_400(serveur.post("/calculate", json=requete), "axes/0/0/period")
    assert "1900" in corps["attendu"] and "2199" in corps["attendu"]


def test_periode_d_entree_demesuree(serveur, exemple):
    # Issue 12: month:2025-01:200000 starts in 2025 but ends after the year 9999 (was a 500).
    requete = copy.deepcopy(exemple)
    demandeur(requete)["salaire_de_base"] = {"month:2025-01:200000": 5}
    corps = verifier_400(serveur.post("/calculate", json=requete),
                         "individus/demandeur/salaire_de_base/month:2025-01:200000")
    assert "1900" in corps["attendu"] and "2199" in corps["attendu"]


@pytest.mark.parametrize("profondeur", [33, 10_000])
def test_json_trop_imbrique(serveur, profondeur):
    # Issue 12: 10,000 levels were a 500 (RecursionError in the JSON decoder).
    corps = "[" * profondeur + "]" * profondeur
    reponse = serveur.post("/calculate", data=corps, headers={"Content-Type": "application/json"})
    corps = verifier_400(reponse, "corps de la requête")
    assert "32" in corps["attendu"]


def test_trace_applique_les_memes_controles(serveur, exemple):
    requete = copy.deepcopy(exemple)
    demandeur(requete)["ass_precondition_remplie"] = {"2025-05": "false"}
    verifier_400(serveur.post("/trace", json=requete), "individus/demandeur/ass_precondition_remplie/2025-05")
