"""The cost budget's arithmetic and settings (``openfisca_ass.api.budget``), without a server."""
import pytest

from openfisca_ass.api.budget import Budget, compter_points, paires_demandees
from openfisca_ass.api.erreurs import ErreurRequete


def test_reglages_par_l_environnement():
    budget = Budget.depuis_environnement({"OPENFISCA_ASS_MAX_PERSONNES_POINTS": "10", "OPENFISCA_ASS_DELAI": "2.5"})
    assert budget == Budget(personnes_points=10, delai_s=2.5)
    assert Budget.depuis_environnement({}) == Budget()


@pytest.mark.parametrize("texte", ["dix", "0", "-3", "1.5"])
def test_reglage_invalide_nomme_la_variable(texte):
    with pytest.raises(ValueError, match="OPENFISCA_ASS_MAX_VARIABLES_PERIODES"):
        Budget.depuis_environnement({"OPENFISCA_ASS_MAX_VARIABLES_PERIODES": texte})


def test_points_des_axes():
    # Two dimensions: 3 × 4; parallel axes share the first one's count.
    axes = [[{"count": 3}, {"count": 3}], [{"count": 4}]]
    assert compter_points({"axes": axes}) == 12
    # Malformed axes count for one point: calcul.verifier_axes answers 400 for them.
    assert compter_points({"axes": "non"}) == 1
    assert compter_points({"axes": [[{"count": "5"}], [], [7]]}) == 1


def test_paires_distinctes_sur_toutes_les_entites():
    situation = {
        "individus": {"a": {"ass": {"2025-05": None, "2025-04": 0}}, "b": {"ass": {"2025-05": None}}},
        "familles": {"f": {"rsa": {"2025-05": None, "2025-06": None}, "parents": ["a", "b"]}},
        "axes": [[{"name": "x", "count": 2}]],
    }
    assert paires_demandees(situation) == {("ass", "2025-05"), ("rsa", "2025-05"), ("rsa", "2025-06")}


def test_refus_nomme_la_limite_et_la_valeur():
    budget = Budget(reformes=2)
    with pytest.raises(ErreurRequete) as erreur:
        budget.verifier_reformes(3)
    corps = erreur.value.corps()
    assert erreur.value.statut == 422
    assert corps["limite"] == {"nom": "reformes", "reglage": "OPENFISCA_ASS_MAX_REFORMES", "valeur": 2}
    assert corps["recu"] == 3
