"""POST /compare: reference, reforms and differences for one situation, in one call; GET /reformes."""
import copy

import pytest
from serveur_essai_api import REFORME_ESSAI

SUPPRESSION_ASS = "openfisca_ass.reforms.suppression_ass.suppression_ass"


def test_le_registre_liste_les_reformes_du_paquet_et_celle_d_essai(serveur):
    corps = serveur.get("/reformes").json()
    reformes = corps["reformes"]
    assert set(reformes) == {"suppression_ass", "suppression_ass_immediate", "fin_cumul_aah", "maintien_cumul_aah",
                             REFORME_ESSAI}
    assert reformes["suppression_ass"]["chemin"] == SUPPRESSION_ASS
    assert reformes[REFORME_ESSAI]["description"] == "Taux journalier plein de l'ASS relevé de 1 €"
    assert reformes[REFORME_ESSAI]["parametres"] == {}
    assert corps["reforme_parametrique"]["exemple"]


def test_reforme_d_essai(serveur, exemple):
    reponse = serveur.post("/compare", json={"reforme": REFORME_ESSAI, "situation": exemple})
    assert reponse.status_code == 200, reponse.text
    corps = reponse.json()
    assert corps["reforme"] == REFORME_ESSAI
    assert corps["reference"]["individus"]["demandeur"]["ass"]["2025-05"] == 599.23  # 31 × 19.33
    assert corps["avec_reforme"]["individus"]["demandeur"]["ass"]["2025-05"] == 630.23  # 31 × 20.33
    assert corps["ecart"] == {"individus": {"demandeur": {"ass": {"2025-05": 31.0}}}}  # 31 × 1


def test_le_systeme_servi_n_est_pas_modifie_par_une_comparaison(serveur, exemple):
    serveur.post("/compare", json={"reforme": REFORME_ESSAI, "situation": exemple})
    reponse = serveur.post("/calculate", json=exemple)
    assert reponse.json()["individus"]["demandeur"]["ass"]["2025-05"] == 599.23


def test_comparaison_sur_des_axes(serveur, exemple):
    situation = copy.deepcopy(exemple)
    situation["axes"] = [[{"name": "age", "count": 2, "min": 40, "max": 80, "period": "2025-05"}]]
    reponse = serveur.post("/compare", json={"reforme": REFORME_ESSAI, "situation": situation})
    assert reponse.status_code == 200, reponse.text
    # 40 ans : 31 × 1 de plus ; 80 ans : pas d'ASS, ni avant ni après.
    assert reponse.json()["ecart"]["individus"]["demandeur"]["ass"]["2025-05"] == [31.0, 0.0]


CHOMEUR_2027 = {
    "individus": {"demandeur": {
        "activite": {"2027-02": "chomeur"},
        "ass_precondition_remplie": {"2027-02": True},
        "ass": {"2027-02": None},
        "ass_eligibilite_individu": {"2027-02": None},
    }},
    "familles": {"famille": {"parents": ["demandeur"]}},
    "foyers_fiscaux": {"foyer_fiscal": {"declarants": ["demandeur"]}},
    "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
}
MONTANT_PLEIN = "chomage.allocations_assurance_chomage.ass.montant_plein"


@pytest.mark.parametrize("reforme", ["suppression_ass", SUPPRESSION_ASS])
def test_suppression_de_l_ass_chiffre_du_readme(serveur, reforme):
    """The README's example: extinction on 1 January 2027, no new entry; by short name or dotted path."""
    reponse = serveur.post("/compare", json={"reforme": reforme, "situation": CHOMEUR_2027})
    assert reponse.status_code == 200, reponse.text
    corps = reponse.json()
    assert corps["reforme"] == reforme
    assert corps["reference"]["individus"]["demandeur"]["ass"]["2027-02"] == 545.44  # 28 × 19.48
    assert corps["avec_reforme"]["individus"]["demandeur"]["ass"]["2027-02"] == 0.0
    assert corps["ecart"]["individus"]["demandeur"]["ass"]["2027-02"] == -545.44  # 0 − 28 × 19.48
    # Same eligibility, only the amount changes: no difference for an unchanged boolean.
    assert corps["ecart"]["individus"]["demandeur"]["ass_eligibilite_individu"]["2027-02"] is None


def test_plusieurs_reformes_en_un_appel(serveur):
    """The four shipped reforms and a parametric one, each against the law in force."""
    parametrique = {MONTANT_PLEIN: {"2027-01-01": 20.0}}
    reformes = ["suppression_ass", "suppression_ass_immediate", "fin_cumul_aah", "maintien_cumul_aah", parametrique]
    reponse = serveur.post("/compare", json={"reformes": reformes, "situation": CHOMEUR_2027})
    assert reponse.status_code == 200, reponse.text
    corps = reponse.json()
    assert corps["reference"]["individus"]["demandeur"]["ass"]["2027-02"] == 545.44  # 28 × 19.48
    ecarts = [c["ecart"]["individus"]["demandeur"]["ass"]["2027-02"] for c in corps["reformes"]]
    assert [c["reforme"] for c in corps["reformes"]] == reformes
    # Both abolitions: no ASS in February 2027 (0 − 28 × 19.48); the AAH reforms do not touch a claimant
    # without AAH; 20 € a day: 28 × (20 − 19.48).
    assert ecarts == [-545.44, -545.44, 0.0, 0.0, 14.56]


def test_reforme_parametrique_seule(serveur, exemple):
    reponse = serveur.post("/compare", json={"reforme": {MONTANT_PLEIN: 20}, "situation": exemple})
    assert reponse.status_code == 200, reponse.text
    # A value alone applies over the whole history: 31 × (20 − 19.33).
    assert reponse.json()["ecart"]["individus"]["demandeur"]["ass"]["2025-05"] == 20.77


@pytest.mark.parametrize("modifications, messages", [
    ({MONTANT_PLEIN: "vingt"}, [f"{MONTANT_PLEIN} : nombre attendu, reçu 'vingt'"]),
    ({"chomage.inconnu": 1, MONTANT_PLEIN: {"2027-13-01": 20}},
     [f"{MONTANT_PLEIN} : date « 2027-13-01 » invalide (attendu AAAA-MM-JJ ou AAAA-MM-JJ.AAAA-MM-JJ)"]),
    ({"chomage.inconnu": 1}, ["chomage.inconnu : paramètre inconnu"]),
    ({"chomage.allocations_assurance_chomage.ass": 1},
     ["chomage.allocations_assurance_chomage.ass : n'est pas une feuille (noeud ou barème) ; "
      "donner le chemin d'une valeur"]),
    ({}, ["les modifications doivent être un dictionnaire non vide {chemin: valeur}"]),
])
def test_reforme_parametrique_validee_comme_en_python(serveur, exemple, modifications, messages):
    """The messages of reformes_parametriques.reforme_parametrique, all at once, naming the reform's field."""
    reponse = serveur.post("/compare", json={"reformes": ["suppression_ass", modifications], "situation": exemple})
    assert reponse.status_code == 400, reponse.text
    corps = reponse.json()
    assert corps["champ"] == "reformes/1"
    assert corps["recu"] == messages


@pytest.mark.parametrize("corps, champ", [
    ({"reforme": "os.system", "situation": {}}, "reforme"),
    ({"reforme": "openfisca_ass.reforms.suppression_ass.ass", "situation": {}}, "reforme"),
    ({"reformes": ["suppression_ass", "os.path.join"], "situation": {}}, "reformes/1"),
    ({"reformes": [], "situation": {}}, "reformes"),
    ({"reforme": "suppression_ass", "reformes": ["fin_cumul_aah"], "situation": {}}, "reforme"),
    ({"reforme": 3, "situation": {}}, "reforme"),
    ({"situation": {}}, "reforme"),
    ({"reforme": REFORME_ESSAI}, "situation"),
    ({"reforme": REFORME_ESSAI, "situation": [1]}, "situation"),
    ({"reforme": REFORME_ESSAI, "situation": {}, "autre": 1}, "autre"),
    ([REFORME_ESSAI], "corps de la requête"),
])
def test_requetes_refusees(serveur, corps, champ):
    reponse = serveur.post("/compare", json=corps)
    assert reponse.status_code == 400, reponse.text
    assert reponse.json()["champ"] == champ


def test_situation_invalide_controlee_comme_pour_calculate(serveur, exemple):
    situation = copy.deepcopy(exemple)
    situation["individus"]["demandeur"]["ass"] = {"2025": None}
    reponse = serveur.post("/compare", json={"reforme": REFORME_ESSAI, "situation": situation})
    assert reponse.status_code == 400
    assert reponse.json()["champ"] == "individus/demandeur/ass/2025"


def test_variable_inconnue_forme_core(serveur, exemple):
    situation = copy.deepcopy(exemple)
    situation["individus"]["demandeur"]["inconnue"] = {"2025-05": None}
    reponse = serveur.post("/compare", json={"reforme": REFORME_ESSAI, "situation": situation})
    assert reponse.status_code == 404
    assert "inconnue" in reponse.json()["individus"]["demandeur"]


def test_compare_exige_du_json(serveur):
    reponse = serveur.post("/compare", data=b"reforme=x")
    assert reponse.status_code == 415
