"""openfisca-france's parameter tree kept in a cache: the same tree as the YAML files give, re-read when a file
changes, never a wrong tree from a broken or unwritable cache (openfisca_ass/parametres_en_cache.py)."""
import logging
import os
import pickle

import numpy
import pytest
from openfisca_france import FranceTaxBenefitSystem

from openfisca_ass import parametres_en_cache as cache


@pytest.fixture
def dossier_cache(tmp_path, monkeypatch):
    dossier = tmp_path / "cache"
    monkeypatch.setenv(cache.VARIABLE, str(dossier))
    return dossier


def ecrire_parametre(dossier, valeur):
    dossier.mkdir(exist_ok=True)
    (dossier / "taux.yaml").write_text(
        f"description: Taux d'essai\nvalues:\n  2020-01-01:\n    value: {valeur}\n", encoding="utf-8")
    return dossier


def valeur(arbre):
    return arbre.taux("2021-01-01")


def fichiers(dossier):
    return sorted(p.name for p in dossier.glob("parametres-*.pickle")) if dossier.exists() else []


def difference(a, b, chemin="", vus=None):
    """Where two object graphs first differ (type, attribute, key, item or value), None if nowhere."""
    vus = set() if vus is None else vus
    if (id(a), id(b)) in vus:
        return None
    vus.add((id(a), id(b)))
    if type(a) is not type(b):
        return f"{chemin}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{chemin}: keys {list(a)[:5]}... != {list(b)[:5]}..."
        return next(filter(None, (difference(a[k], b[k], f"{chemin}[{k!r}]", vus) for k in a)), None)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{chemin}: {len(a)} items != {len(b)}"
        return next(filter(None, (difference(x, y, f"{chemin}[{i}]", vus) for i, (x, y) in enumerate(zip(a, b)))),
                    None)
    if isinstance(a, numpy.ndarray):
        return None if numpy.array_equal(a, b, equal_nan=a.dtype.kind == "f") else f"{chemin}: {a} != {b}"
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return difference(vars(a), vars(b), chemin + ".", vus)
    if a != b and not (a != a and b != b):  # NaN equals NaN here
        return f"{chemin}: {a!r} != {b!r}"
    return None


def test_l_arbre_du_cache_est_celui_des_fichiers_yaml(dossier_cache):
    """France's whole tree, preprocessed: read back from the cache, the same graph of objects as the tree read
    from the YAML files (every node, leaf, value, date, reference and metadata, in the same order)."""
    import openfisca_france

    dossier = os.path.join(os.path.dirname(openfisca_france.__file__), "parameters")
    pretraitement = FranceTaxBenefitSystem.preprocess_parameters
    attendu = cache.charger(dossier, pretraitement)  # read from the YAML files, then written
    assert len(fichiers(dossier_cache)) == 1
    relu = cache.charger(dossier, pretraitement)  # read from the cache
    assert relu.marche_travail.salaire_minimum.smic.smic_b_horaire("2025-11-01") == 11.88
    assert relu is not attendu
    assert difference(relu, attendu) is None
    # The comparison sees a change anywhere: one value of one leaf, deep in the tree.
    smic = relu.marche_travail.salaire_minimum.smic.smic_b_horaire.values_list[0]
    smic.value += 0.01
    assert "smic_b_horaire" in difference(relu, attendu)


def test_le_systeme_passe_par_le_cache(dossier_cache):
    """Building the system writes France's tree to the cache (the test above reads it back), and grafts this
    package's parameters onto it."""
    from openfisca_ass import CountryTaxBenefitSystem

    systeme = CountryTaxBenefitSystem()
    assert len(fichiers(dossier_cache)) == 1
    parametres = systeme.get_parameters_at_instant("2025-05-01")
    assert parametres.chomage.allocations_assurance_chomage.ass.montant_plein == 19.33
    assert parametres.marche_travail.salaire_minimum.smic.smic_b_horaire == 11.88


def test_un_fichier_modifie_est_relu(tmp_path, dossier_cache):
    yaml = ecrire_parametre(tmp_path / "parametres", 0.5)
    assert valeur(cache.charger(str(yaml))) == 0.5
    assert valeur(cache.charger(str(yaml))) == 0.5  # from the cache
    ecrire_parametre(yaml, 0.75)
    assert valeur(cache.charger(str(yaml))) == 0.75
    assert len(fichiers(dossier_cache)) == 2


def test_un_cache_illisible_est_relu_des_fichiers_yaml(tmp_path, dossier_cache, caplog):
    yaml = ecrire_parametre(tmp_path / "parametres", 0.5)
    cache.charger(str(yaml))
    (chemin,) = dossier_cache.glob("parametres-*.pickle")
    chemin.write_bytes(chemin.read_bytes()[:100])  # truncated
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        assert valeur(cache.charger(str(yaml))) == 0.5
    assert "unreadable parameter cache" in caplog.text
    assert valeur(pickle.loads(chemin.read_bytes())) == 0.5  # rewritten whole


def test_un_pickle_d_autre_chose_n_est_pas_un_arbre(tmp_path, dossier_cache):
    yaml = ecrire_parametre(tmp_path / "parametres", 0.5)
    cache.charger(str(yaml))
    (chemin,) = dossier_cache.glob("parametres-*.pickle")
    chemin.write_bytes(pickle.dumps({"taux": 0.9}))
    assert valeur(cache.charger(str(yaml))) == 0.5


def test_cache_desactive(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.VARIABLE, "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    yaml = ecrire_parametre(tmp_path / "parametres", 0.5)
    assert cache.dossier_du_cache() is None
    assert valeur(cache.charger(str(yaml))) == 0.5
    assert not (tmp_path / "xdg").exists()


def test_dossier_par_defaut(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.dossier_du_cache() == str(tmp_path / "xdg" / "openfisca-ass")


def test_dossier_impossible_a_creer(tmp_path, monkeypatch):
    """A cache folder that cannot be made or written (here a file stands in its place, which stops root too):
    the tree, no cache, no error."""
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.VARIABLE, str(tmp_path / "fichier" / "cache"))
    yaml = ecrire_parametre(tmp_path / "parametres", 0.5)
    assert valeur(cache.charger(str(yaml))) == 0.5
    assert not list(tmp_path.glob("**/parametres-*.pickle"))


def test_au_plus_gardes_arbres(tmp_path, dossier_cache):
    yaml = tmp_path / "parametres"
    for numero in range(cache.GARDES + 3):
        ecrire_parametre(yaml, numero)
        os.utime(yaml / "taux.yaml", ns=(numero * 10**9, numero * 10**9))
        assert valeur(cache.charger(str(yaml))) == numero
    assert len(fichiers(dossier_cache)) == cache.GARDES
    assert valeur(cache.charger(str(yaml))) == cache.GARDES + 2  # the newest is kept
