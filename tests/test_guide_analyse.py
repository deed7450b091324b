"""Every code block of docs/analyse.md runs: python blocks are executed in one namespace, sh blocks command by
command (in-process, ``openfisca_ass.cli.main``), each with small sizes, its exit code and one figure checked.

The blocks run in order in a temporary directory holding ``tests`` (a link to this folder) and the
``ma_situation.json`` the guide mentions. A block the test does not know how to check fails the test: a
new block of the guide needs its figure here.
"""
import os
import re
import shlex

import pandas
import pytest
import yaml
from memo_moteur import MEMORISE, moteur_memorise  # noqa: F401 (fixture)

from openfisca_ass.analyse.impact import SYNTHETIQUE
from openfisca_ass.cli import main

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDE = os.path.join(RACINE, "docs", "analyse.md")
NB = "\u202f"
# Small sizes, whatever the guide says: the synthetic population of the reform-impact regression (same size
# and seed, so its runs are shared through the memoised engine) and the short resource sweep of
# tests/test_analyse.py (its runs shared the same way).
TAILLE, POINTS = SYNTHETIQUE["taille"], 7
pytestmark = MEMORISE


def blocs(texte):
    """(language, code) of each fenced block of a Markdown text."""
    return re.findall(r"^```(\w+)\n(.*?)^```", texte, flags=re.S | re.M)


def commandes(code):
    """The commands of a sh block: continuation lines joined, comments dropped, sizes made small."""
    lignes = code.replace("\\\n", " ").splitlines()
    resultat = []
    for ligne in lignes:
        mots = shlex.split(ligne, comments=True)
        if not mots:
            continue
        assert mots[0] == "openfisca-ass", f"commande inattendue dans le guide : {ligne}"
        mots = mots[1:]
        if "--taille" in mots:
            mots[mots.index("--taille") + 1] = str(TAILLE)
        if "--balayage" in mots and "--points" not in mots:
            mots += ["--points", str(POINTS)]
        resultat.append(mots)
    return resultat


def tableau(sortie, titre):
    """The printed table titled ``titre`` (from its ``== titre`` line to the next title)."""
    debut = sortie.index(f"== {titre}")
    fin = sortie.find("\n== ", debut + 1)
    return sortie[debut:fin if fin >= 0 else None]


def petit(code):
    return re.sub(r"taille=\d+", f"taille={TAILLE}", re.sub(r"points=\d+", f"points={POINTS}", code))


@pytest.fixture(scope="module")
def impact():
    with open(os.path.join(RACINE, "tests", "impact_reformes.yaml"), encoding="utf-8") as fichier:
        return yaml.safe_load(fichier)


def _verifier_commande(mots, sortie, dossier, impact):
    """One figure per command of the guide."""
    commande, options = mots[0], set(mots)
    if commande == "reformes":
        assert "suppression_ass_immediate:" in sortie
    elif commande == "population" and "--donnees" in options:
        menages = pandas.read_csv(os.path.join(dossier, "resultats", "menages.csv"))
        assert {"idmen", "scenario", "poids", "ass", "rsa", "revenu_disponible"} <= set(menages.columns)
        assert len(menages) == 2 * 2 * menages.idmen.nunique()  # baseline and reform, 2027 and 2028
        reference = menages[(menages.scenario == "reference") & (menages.annee == 2027)]
        attendu = impact["reformes"]["suppression_ass_immediate"]["agregats"]["ass_reference"]
        assert round((reference.poids * reference.ass).sum(), 0) == pytest.approx(attendu, abs=1.0)
        for nom in ("deciles.png", "distribution.png", "payeurs.png", "synthese.csv", "payeurs.csv"):
            assert os.path.exists(os.path.join(dossier, "resultats", nom)), nom
    elif commande == "population":
        calage = pandas.read_csv(os.path.join(dossier, "resultats", "synthetique", "calage.csv"), index_col=0)
        assert round(calage.obtenu["allocataires"], 2) == 265_000  # end 2024 carried to the end of 2027
        table = pandas.read_csv(os.path.join(dossier, "resultats", "synthetique.csv"))
        assert table.idmen.nunique() == TAILLE
    elif "--balayage" in options:
        assert os.path.exists(os.path.join(dossier, "resultats", "balayage_couple.png"))
        assert "592,52" in tableau(sortie, "Balayage (couple)")  # no resources: 7 110.20 / 12 a month
    elif "--situation" in options:
        assert "2025-05,599.23" in sortie  # 31 × 19.33, CSV
    elif "--cas" in options:
        assert "| 2027-06 | 584,40 |" in sortie  # 30 × 19.48: couple ceiling 110 × 19.48 not reached
    elif "--parametre" in options:
        # Abolition from July 2027 with renewals until the end of 2028: ASS paid in December 2027 under the
        # reform too (31 × 19.48; without the renewals it would stop with the award period current in June).
        seule = tableau(sortie, "personne_seule_sans_ressources, mois par mois en 2027")
        assert re.search(r"^2027-12 +603,88 +603,88 ", seule, re.M), seule
    elif "--sortie" in options:
        assert os.path.exists(os.path.join(dossier, "resultats", "gains_pertes.png"))
        synthese = tableau(sortie, "Synthèse 2027")
        assert f"-7{NB}110,20" in synthese  # immediate: the whole year of ASS, 365 × 19.48
        assert f"-5{NB}357,00" in synthese  # extinction: ASS kept to 31 March 2027 (90 × 19.48 = 1 753.20)
    else:  # `compare` alone: rights opened 2025-10-01, ASS kept to 31 March 2027: 7 110.20 − 90 × 19.48
        assert f"-5{NB}357,00" in sortie


def _verifier_python(code, espace, impact):
    if "reforme_parametrique(" in code:
        parametres = espace["systeme"].get_parameters_at_instant("2026-06-01")
        assert parametres.chomage.allocations_assurance_chomage.ass.montant_plein == 20.0
    elif "comparer_cas_types" in code:
        assert espace["resultat"].situation.nunique() == 7
        ass = espace["balayage"]
        premier = ass[(ass.variable == "ass") & (ass.scenario == "reference")].sort_values("point").valeur.iloc[0]
        assert round(premier, 2) == 592.52  # 7 110.20 / 12
    elif "sim.calage" in code:
        assert round(espace["calage"].obtenu["allocataires"], 2) == 265_000
    elif "parametres=" in code:
        sim = espace["sim"]
        allocataires = sim.budget().set_index(["scenario", "variable"]).beneficiaires["reference", "ass"]
        assert 0 < espace["perdants"] <= allocataires
    elif "ass_2027" in code:
        attendu = impact["reformes"]["suppression_ass_immediate"]["agregats"]["ass_reference"]
        assert espace["ass_2027"] == pytest.approx(attendu, abs=0.01)
        assert set(espace["sim"].ventilations("decile_niveau_de_vie").categorie) <= set(range(1, 11))
    elif "sim.synthese()" in code:
        synthese = espace["sim"].synthese()
        assert list(synthese.columns) == [("suppression_ass_immediate", "2027"), ("suppression_ass_immediate", "2028")]
        attendu = impact["reformes"]["suppression_ass_immediate"]["agregats"]["ecart_ass"]
        assert synthese.loc["écart : ASS (€)", ("suppression_ass_immediate", "2027")] == pytest.approx(attendu,
                                                                                                     abs=0.01)
    else:
        pytest.fail(f"bloc python du guide sans vérification dans ce test :\n{code}")


def test_chaque_bloc_du_guide(tmp_path, monkeypatch, capsys, impact):
    import openfisca_ass

    with open(GUIDE, encoding="utf-8") as fichier:
        tous = blocs(fichier.read())
    assert {langue for langue, _ in tous} == {"python", "sh"}
    os.symlink(os.path.join(RACINE, "tests"), tmp_path / "tests")
    exemple = os.path.join(os.path.dirname(openfisca_ass.__file__), "situation_examples",
                           "personne_seule_sans_ressources.json")
    (tmp_path / "ma_situation.json").write_text(open(exemple, encoding="utf-8").read(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    espace = {}
    executes = 0
    for langue, code in tous:
        if langue == "python":
            exec(compile(petit(code), GUIDE, "exec"), espace)  # noqa: S102 (the guide's own code)
            _verifier_python(code, espace, impact)
            executes += 1
            continue
        for mots in commandes(code):
            capsys.readouterr()
            code_sortie = main(mots)
            sortie = capsys.readouterr()
            assert code_sortie == 0, (mots, sortie.err[-2000:])
            _verifier_commande(mots, sortie.out, tmp_path, impact)
            executes += 1
    assert executes >= 15
