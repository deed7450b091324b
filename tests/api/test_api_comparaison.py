"""POST /compare : référence, réforme et écart pour une situation, en un appel ; GET /reformes."""
import copy

import pytest
from serveur_essai_api import REFORME_ESSAI, serveur_gunicorn

SUPPRESSION_ASS = "openfisca_ass.reforms.suppression_ass.suppression_ass"


def test_le_registre_liste_les_reformes_du_paquet_et_celle_d_essai(serveur):
    reformes = serveur.get("/reformes").json()
    assert REFORME_ESSAI in reformes
    assert SUPPRESSION_ASS in reformes
    assert reformes[REFORME_ESSAI]["description"] == "Taux journalier plein de l'ASS relevé de 1 €"


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


def test_suppression_de_l_ass(serveur):
    """Réforme du paquet, paramètres par défaut : extinction au 1er janvier 2027, aucune nouvelle entrée."""
    situation = {
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
    reponse = serveur.post("/compare", json={"reforme": SUPPRESSION_ASS, "situation": situation})
    assert reponse.status_code == 200, reponse.text
    corps = reponse.json()
    avant = corps["reference"]["individus"]["demandeur"]["ass"]["2027-02"]
    assert avant > 0  # éligible en référence : 28 jours × le taux journalier de 2027
    assert corps["avec_reforme"]["individus"]["demandeur"]["ass"]["2027-02"] == 0
    assert corps["ecart"]["individus"]["demandeur"]["ass"]["2027-02"] == pytest.approx(-avant, abs=0.01)
    # Même éligibilité, seul le montant change : écart nul pour un booléen inchangé.
    assert corps["ecart"]["individus"]["demandeur"]["ass_eligibilite_individu"]["2027-02"] is None


@pytest.mark.parametrize("corps, champ", [
    ({"reforme": "os.system", "situation": {}}, "reforme"),
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


def test_servir_un_systeme_reforme(tmp_path, exemple):
    """OPENFISCA_ASS_REFORMES sert le système réformé ; /compare garde la législation en vigueur pour référence."""
    with serveur_gunicorn(tmp_path, OPENFISCA_ASS_REFORMES=REFORME_ESSAI,
                          OPENFISCA_ASS_REFORMES_COMPARABLES=REFORME_ESSAI) as reforme:
        calcul = reforme.post("/calculate", json=exemple)
        assert calcul.status_code == 200, calcul.text
        assert calcul.json()["individus"]["demandeur"]["ass"]["2025-05"] == 630.23  # 31 × 20.33
        comparaison = reforme.post("/compare", json={"reforme": REFORME_ESSAI, "situation": exemple})
        assert comparaison.json()["reference"]["individus"]["demandeur"]["ass"]["2025-05"] == 599.23
        assert comparaison.json()["ecart"]["individus"]["demandeur"]["ass"]["2025-05"] == 31.0
