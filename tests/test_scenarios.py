"""The shared definition of a scenario (``openfisca_ass.scenarios``): names, paths, classes, mappings."""
import pytest

from openfisca_ass import scenarios
from openfisca_ass.reforms.fin_cumul_aah import fin_cumul_aah, maintien_cumul_aah
from openfisca_ass.reforms.suppression_ass import suppression_ass, suppression_ass_immediate

NOEUD = "chomage.allocations_assurance_chomage.ass.reformes"


@pytest.mark.parametrize("nom, classe", [
    ("suppression_ass", suppression_ass),
    ("suppression_ass_immediate", suppression_ass_immediate),
    ("fin_cumul_aah", fin_cumul_aah),
    ("maintien_cumul_aah", maintien_cumul_aah),
])
def test_les_quatre_reformes_livrees_par_nom_et_par_chemin(nom, classe):
    chemin = scenarios.REFORMES[nom]
    assert scenarios.classe_de_reforme(nom) is classe
    assert scenarios.classe_de_reforme(chemin) is classe
    assert scenarios.classe_du_scenario(classe) is classe
    assert scenarios.nom_court(chemin) == nom
    assert scenarios.est_reforme_livree(nom) and scenarios.est_reforme_livree(chemin)


def test_un_chemin_quelconque_n_est_pas_une_reforme_livree():
    assert not scenarios.est_reforme_livree("os.system")
    assert scenarios.nom_court("os.system") is None
    with pytest.raises(ValueError, match="n'est pas une réforme OpenFisca"):
        scenarios.classe_de_reforme("os.path.join")


def test_un_dictionnaire_devient_une_reforme_parametrique():
    classe = scenarios.classe_du_scenario({"chomage.allocations_assurance_chomage.ass.montant_plein": 20})
    assert classe.__name__ == "reforme_parametrique"
    assert classe.modifications == {"chomage.allocations_assurance_chomage.ass.montant_plein": 20}


@pytest.mark.parametrize("definition", [3, None, ["suppression_ass"], object])
def test_definition_invalide(definition):
    with pytest.raises(ValueError, match="définition de réforme invalide"):
        scenarios.classe_du_scenario(definition)


def test_scenarios_garde_ses_noms(systeme):
    noms = [s.nom for s in scenarios.scenarios(["suppression_ass", fin_cumul_aah], base=systeme)]
    assert noms == [scenarios.REFERENCE, "suppression_ass", "fin_cumul_aah"]


def test_parametres_d_une_reforme_livree(systeme):
    parametres = scenarios.parametres_de_reforme("fin_cumul_aah", systeme)
    assert set(parametres) == {f"{NOEUD}.fin_cumul_aah.{feuille}"
                               for feuille in ("date_fin_maintien", "en_vigueur", "maintien_permanent")}
    # The study's default end of the cumulation: a year before the law's (reforms/fin_cumul_aah.py).
    assert parametres[f"{NOEUD}.fin_cumul_aah.date_fin_maintien"]["valeur"] == "2026-01-01"
    assert parametres[f"{NOEUD}.fin_cumul_aah.en_vigueur"]["valeur"] is False
    assert scenarios.parametres_de_reforme("maintien_cumul_aah", systeme) == parametres
