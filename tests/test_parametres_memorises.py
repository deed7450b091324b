"""The memo of the legislation per instant (openfisca_ass/parametres_memorises.py): same values, built once
per tree and instant, never carried into a reform's modified copy, bounded."""
import copy

from openfisca_core import periods
from openfisca_core.parameters import ParameterNode
from outils_simulation import feuilles

from openfisca_ass import parametres_memorises
from openfisca_ass.parametres_memorises import NoeudRacineMemorise, memoriser, nombre_d_instants
from openfisca_ass.reformes_parametriques import reforme_parametrique
from openfisca_ass.reforms.suppression_ass import suppression_ass

MONTANT = "chomage.allocations_assurance_chomage.ass.montant_plein"


def noeud_a_la_main():
    return ParameterNode("racine", data={
        "taux": {"description": "un taux", "values": {"2020-01-01": {"value": 1.0}, "2024-04-01": {"value": 2.0}}}})


def test_memes_valeurs_que_sans_memo(systeme):
    # Every leaf of the memoised tree at an instant is what the leaf itself gives at that instant (core's own
    # reading of one parameter, which builds no tree).
    from openfisca_core.parameters import Parameter

    feuilles = [p for p in systeme.parameters.get_descendants() if isinstance(p, Parameter)]
    assert len(feuilles) > 1000
    for instant in ("2004-02-01", "2025-05-01", "2026-04-01"):
        arbre = systeme.get_parameters_at_instant(instant)
        for feuille in feuilles:
            noeud = arbre
            for nom in feuille.name.split("."):
                # Core leaves out of the tree a leaf with no value yet at that instant.
                noeud = noeud._children.get(nom) if noeud is not None else None
            attendu = feuille(instant)
            assert noeud == attendu or (noeud != noeud and attendu != attendu), (feuille.name, instant)
    assert systeme.get_parameters_at_instant("2025-05-01").chomage.allocations_assurance_chomage.ass.montant_plein \
        == 19.33  # 1 April 2025


def test_un_arbre_par_instant_quelle_que_soit_l_ecriture():
    racine = memoriser(noeud_a_la_main())
    assert isinstance(racine, NoeudRacineMemorise)
    a = racine.get_at_instant("2025-05-01")
    assert racine.get_at_instant(periods.instant("2025-05-01")) is a
    assert racine.get_at_instant(periods.period("2025-05")) is a
    assert a.taux == 2.0
    assert racine.get_at_instant("2023-01-01").taux == 1.0
    assert nombre_d_instants(racine) == 2


def test_une_reforme_sans_parametres_partage_le_memo(systeme):
    class ne_change_rien(suppression_ass.__mro__[1]):  # core's Reform
        def apply(self):
            pass

    reforme = ne_change_rien(systeme)
    assert reforme.parameters is systeme.parameters
    assert reforme.get_parameters_at_instant("2019-03-01") is systeme.get_parameters_at_instant("2019-03-01")


def test_une_reforme_parametrique_a_ses_propres_valeurs(systeme):
    avant = systeme.get_parameters_at_instant("2026-06-01").chomage.allocations_assurance_chomage.ass.montant_plein
    reforme = reforme_parametrique({MONTANT: {"2026-04-01": 20.0}})(systeme)
    # The copy is memoised too, from an empty memo: the baseline's 19.48 is not carried over.
    assert isinstance(reforme.parameters, NoeudRacineMemorise)
    assert reforme.get_parameters_at_instant("2026-06-01").chomage.allocations_assurance_chomage.ass.montant_plein \
        == 20.0
    assert systeme.get_parameters_at_instant("2026-06-01").chomage.allocations_assurance_chomage.ass.montant_plein \
        == avant == 19.48  # 1 April 2026


def test_copie_profonde_sans_memo():
    racine = memoriser(noeud_a_la_main())
    racine.get_at_instant("2025-05-01")
    copie = copy.deepcopy(racine)
    assert nombre_d_instants(copie) == 0
    copie.taux.update(period=periods.period("year:2025"), value=5.0)
    assert copie.get_at_instant("2025-05-01").taux == 5.0
    assert racine.get_at_instant("2025-05-01").taux == 2.0


def test_memo_borne(monkeypatch):
    monkeypatch.setattr(parametres_memorises, "TAILLE_MAX", 3)
    racine = memoriser(noeud_a_la_main())
    for mois in range(1, 8):
        racine.get_at_instant(f"2025-{mois:02d}-01")
    assert nombre_d_instants(racine) == 3
    # The most recently used stay: July is answered from the memo, January is rebuilt.
    juillet = racine.get_at_instant("2025-07-01")
    assert racine.get_at_instant("2025-07-01") is juillet
    assert racine.get_at_instant("2025-01-01").taux == 2.0


def test_clone_independant_et_egal(systeme):
    # The YAML runner's clone (taxbenefitsystem.clone): the same leaves, none shared with the original.
    clone = systeme.clone()
    assert type(clone) is type(systeme) and clone.variables.keys() == systeme.variables.keys()
    assert feuilles(clone.parameters) == feuilles(systeme.parameters)
    montant = clone.parameters.chomage.allocations_assurance_chomage.ass.montant_plein
    assert montant is not systeme.parameters.chomage.allocations_assurance_chomage.ass.montant_plein
    montant.update(period=periods.period("year:2025"), value=99.0)
    assert clone.get_parameters_at_instant("2025-05-01").chomage.allocations_assurance_chomage.ass.montant_plein == 99
    assert systeme.get_parameters_at_instant("2025-05-01").chomage.allocations_assurance_chomage.ass.montant_plein \
        == 19.33
