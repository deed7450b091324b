"""Code health: every ASS parameter and variable carries its legal metadata."""
import inspect
from pathlib import Path

import pytest
from openfisca_core.parameters import Parameter, ParameterNode

from openfisca_ass.taxbenefitsystem import VARIABLES_FRANCE_REMPLACEES

RACINE = Path(__file__).resolve().parent.parent
CHEMIN_ASS = "chomage.allocations_assurance_chomage.ass"


def noeud_ass(systeme):
    return systeme.parameters.chomage.allocations_assurance_chomage.ass


def feuilles(systeme):
    """Leaves and scales of the ASS node (a scale is one parameter: its brackets share its metadata)."""
    def parcourir(noeud):
        for enfant in noeud.children.values():
            if isinstance(enfant, ParameterNode):
                yield from parcourir(enfant)
            else:
                yield enfant
    return list(parcourir(noeud_ass(systeme)))


def dates_de_valeur(feuille):
    if isinstance(feuille, Parameter):
        return {v.instant_str for v in feuille.values_list}
    dates = set()
    for tranche in feuille.brackets:
        for membre in ("threshold", "amount"):
            if membre in tranche.children:
                dates |= {v.instant_str for v in tranche.children[membre].values_list}
    return dates


def variables_du_paquet(systeme, systeme_france):
    return sorted((set(systeme.variables) - set(systeme_france.variables)) | VARIABLES_FRANCE_REMPLACEES)


def test_le_noeud_ass_de_france_est_remplace(systeme):
    noeud = noeud_ass(systeme)
    assert noeud.name == CHEMIN_ASS
    for ancienne in ("age_max", "montant_maj", "plafond_ressources_mensuel"):
        assert ancienne not in noeud.children, f"stale openfisca-france leaf {ancienne} still visible"
    assert "openfisca_france" not in noeud.file_path


def test_chaque_feuille_a_description_libelle_unite_et_date_de_validite(systeme):
    manques = []
    for feuille in feuilles(systeme):
        meta = feuille.metadata
        for cle, present in (
            ("description", bool(feuille.description)),
            ("short_label", bool(meta.get("short_label"))),
            ("unit", bool(meta.get("unit") or meta.get("amount_unit"))),
            ("last_value_still_valid_on", bool(meta.get("last_value_still_valid_on"))),
        ):
            if not present:
                manques.append(f"{feuille.name}: {cle}")
    assert not manques, manques


def test_chaque_valeur_datee_a_sa_reference(systeme):
    manques = []
    for feuille in feuilles(systeme):
        references = feuille.metadata.get("reference") or {}
        if not isinstance(references, dict):
            manques.append(f"{feuille.name}: reference must be keyed by date")
            continue
        for date in dates_de_valeur(feuille) - {str(d) for d in references}:
            manques.append(f"{feuille.name}@{date}")
        for date, ref in references.items():
            titres = [r.get("title") for r in (ref if isinstance(ref, list) else [ref])]
            if not all(titres):
                manques.append(f"{feuille.name}@{date}: reference without title")
    assert not manques, manques


def test_les_valeurs_non_confirmees_le_disent(systeme):
    # The 2026 daily rate comes from openfisca-france only: its documentation must say so.
    montant = noeud_ass(systeme).montant_plein
    assert "[OF]" in (montant.documentation or "") or "non confirm" in (montant.documentation or "").lower()


def test_valeurs_de_reference(systeme):
    ass = noeud_ass(systeme)
    assert ass("2025-05-01").montant_plein == 19.33
    assert ass("2026-04-01").montant_plein == 19.48
    assert ass("2020-06-01").montant_plein_mayotte == 8.45
    assert ass("2025-05-01").plaf_seul == 70 and ass("2025-05-01").plaf_coup == 110


@pytest.fixture(scope="module")
def nos_variables(systeme, systeme_france):
    return variables_du_paquet(systeme, systeme_france)


def test_chaque_variable_a_libelle_et_reference(systeme, nos_variables):
    manques = [n for n in nos_variables if not systeme.variables[n].label or not systeme.variables[n].reference]
    assert not manques, manques


def test_chaque_formule_datee_a_sa_docstring(systeme, nos_variables):
    manques = [
        f"{nom}@{date}"
        for nom in nos_variables
        for date, formule in systeme.variables[nom].formulas.items()
        if not inspect.getdoc(formule)
    ]
    assert not manques, manques


def test_les_montants_ont_une_unite(systeme, nos_variables):
    manques = [n for n in nos_variables if systeme.variables[n].value_type is float and not systeme.variables[n].unit]
    assert not manques, manques


def test_les_variables_de_france_gardent_entite_et_periode(systeme, systeme_france):
    for nom in VARIABLES_FRANCE_REMPLACEES:
        ours, leurs = systeme.variables[nom], systeme_france.variables[nom]
        assert (ours.entity.key, ours.definition_period, ours.value_type) == (
            leurs.entity.key, leurs.definition_period, leurs.value_type), nom


def test_arborescence_empaquetable():
    # A variables sub-folder without __init__.py is silently left out of the wheel; a parameters
    # __init__.py makes OpenFisca read __pycache__ as a parameter node.
    assert not (RACINE / "parameters" / "__init__.py").exists()
    sans_init = [str(d.relative_to(RACINE)) for d in (RACINE / "variables").rglob("*")
                 if d.is_dir() and d.name != "__pycache__" and not (d / "__init__.py").exists()]
    assert not sans_init, sans_init
