"""Where the variables and formulas lie in their files, from the cache (openfisca_ass/sources_en_cache.py): the
same answers as openfisca-core's and the standard library's own code, for this package's and openfisca-france's
files, with a cache cold, warm, unreadable or switched off."""
import ast
import inspect
import json

import pytest
from openfisca_core.taxbenefitsystems import tax_benefit_system

from openfisca_ass import CountryTaxBenefitSystem, sources_en_cache


@pytest.fixture
def memoire_vierge(tmp_path, monkeypatch):
    """A process memory with an empty cache file in ``tmp_path``."""
    memoire = sources_en_cache.Memoire(str(tmp_path / "sources.json"))
    monkeypatch.setattr(sources_en_cache, "_memoire", memoire)
    return memoire


def formules(systeme):
    return [(nom, debut, formule) for nom, variable in sorted(systeme.variables.items())
            for debut, formule in variable.formulas.items()]


def test_les_donnees_d_introspection_sont_celles_de_core(systeme, monkeypatch):
    """Every variable of the shared system (built through the cache) has the introspection data of a system built
    with core's loader as it is (``ast.parse`` of every file)."""
    monkeypatch.setattr(sources_en_cache, "installer", lambda: None)
    monkeypatch.setattr(sources_en_cache, "completer", lambda systeme: None)
    monkeypatch.setattr(tax_benefit_system, "ast", ast)
    par_core = CountryTaxBenefitSystem()
    assert sorted(par_core.variables) == sorted(systeme.variables)
    differentes = [nom for nom, variable in par_core.variables.items()
                   if variable.introspection_data != systeme.variables[nom].introspection_data]
    assert differentes == []
    # What the web API shows for the ASS: this package's file, from its `class ass(Variable):` line.
    chemin, source, debut = systeme.variables["ass"].introspection_data
    assert chemin.endswith("variables/montant/ass.py")
    assert source.startswith("class ass(Variable):")
    lignes = inspect.getsourcelines(inspect.getmodule(systeme.variables["ass"].formulas.peekitem(0)[1]))[0]
    assert debut == lignes.index("class ass(Variable):\n")  # core counts from 0


def test_les_lignes_des_formules_sont_celles_d_inspect(systeme):
    """Every formula's lines and first line, as ``inspect.getsourcelines`` gives them (about 1,500 formulas,
    openfisca-france's and this package's)."""
    toutes = formules(systeme)
    assert len(toutes) > 1000
    differentes = [(nom, debut) for nom, debut, formule in toutes
                   if sources_en_cache.lignes_source(formule) != inspect.getsourcelines(formule)]
    assert differentes == []


def test_un_cache_froid_est_rempli_puis_lu_sans_analyse(memoire_vierge, monkeypatch, systeme):
    source = inspect.getsource(inspect.getmodule(systeme.variables["ass"].__class__))
    attendu = [[n.name, n.lineno, n.end_lineno] for n in ast.parse(source).body if isinstance(n, ast.ClassDef)]
    arbre = sources_en_cache.AstDuChargeur().parse(source)
    assert [[n.name, n.lineno, n.end_lineno] for n in arbre.body] == attendu
    assert all(isinstance(n, ast.ClassDef) for n in arbre.body)
    formule = systeme.variables["ass"].formulas.peekitem(0)[1]
    lignes = inspect.getsourcelines(formule)
    assert lignes[0][0].lstrip().startswith("def formula")
    assert sources_en_cache.lignes_source(formule) == lignes
    assert memoire_vierge.modifiee
    memoire_vierge.ecrire()
    # A new process reads the file and parses nothing more.
    relue = sources_en_cache.Memoire(memoire_vierge.chemin)
    monkeypatch.setattr(sources_en_cache, "_memoire", relue)
    monkeypatch.setattr(sources_en_cache.ast, "parse", pytest.fail)
    monkeypatch.setattr(sources_en_cache.inspect, "getblock", pytest.fail)
    assert [[n.name, n.lineno, n.end_lineno] for n in sources_en_cache.AstDuChargeur().parse(source).body] == attendu
    assert sources_en_cache.lignes_source(formule) == lignes
    assert not relue.modifiee


def test_un_texte_modifie_est_analyse_a_nouveau(memoire_vierge):
    chargeur = sources_en_cache.AstDuChargeur()
    assert [(n.name, n.lineno, n.end_lineno) for n in chargeur.parse("class a:\n    x = 1\n").body] == [("a", 1, 2)]
    assert [(n.name, n.lineno, n.end_lineno) for n in chargeur.parse("\nclass a:\n    x = (\n 1)\n").body] \
        == [("a", 2, 4)]
    assert len(memoire_vierge.fichiers) == 2


def test_un_cache_illisible_est_ignore(tmp_path, caplog):
    chemin = tmp_path / "sources.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    memoire = sources_en_cache.Memoire(str(chemin))
    assert memoire.fichiers == {}
    assert "unreadable source cache" in caplog.text
    memoire.fichier("abc")["classes"] = [["a", 1, 2]]
    memoire.modifiee = True
    memoire.ecrire()
    assert json.loads(chemin.read_text(encoding="utf-8")) == {"abc": {"classes": [["a", 1, 2]], "blocs": {}}}


def test_cache_desactive(monkeypatch):
    monkeypatch.setenv("OPENFISCA_ASS_CACHE", "0")
    assert sources_en_cache.chemin_du_cache() is None
    memoire = sources_en_cache.Memoire(None)
    memoire.modifiee = True
    memoire.ecrire()  # nothing to write to, no error


def test_au_plus_fichiers_max_puis_seulement_ceux_du_processus(tmp_path, monkeypatch):
    monkeypatch.setattr(sources_en_cache, "FICHIERS_MAX", 3)
    chemin = tmp_path / "sources.json"
    chemin.write_text(json.dumps({f"ancien{i}": {"classes": [], "blocs": {}} for i in range(3)}), encoding="utf-8")
    memoire = sources_en_cache.Memoire(str(chemin))
    memoire.fichier("nouveau")["classes"] = []
    memoire.modifiee = True
    memoire.ecrire()
    assert list(json.loads(chemin.read_text(encoding="utf-8"))) == ["nouveau"]


def test_installe_dans_les_chargeurs_de_core_et_de_l_api(systeme):
    from openfisca_web_api.loader import variables

    assert isinstance(tax_benefit_system.ast, sources_en_cache.AstDuChargeur)
    sources_en_cache.installer()
    assert isinstance(variables.inspect, sources_en_cache.InspectDuChargeur)
    # Everything else of the two modules is the real one.
    assert tax_benefit_system.ast.ClassDef is ast.ClassDef
    assert variables.inspect.getmembers is inspect.getmembers
