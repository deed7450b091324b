"""openfisca-france's own ASS test files, run against this package.

Every check that this package does not pass must be one the law explains, and the explained list is
the one published in docs/differences-openfisca-france.md: a new difference, or one that disappears,
fails here. Classifying also proves that every request of these files computes here without error.

The checks run file by file, so that pytest-xdist spreads the files over its workers; the two checks of
a file share one classification (computed once per process, and both kept on one worker).
"""
import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pairs_france import (
    DOSSIER_PAIRS,
    RAISONS,
    classer,
    fichiers_pairs,
    lire_tableau,
    systeme_trente_jours,
    tableau,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "differences-openfisca-france.md"
FICHIERS = fichiers_pairs()
ABSENTS = f"openfisca-france's test files are absent from {DOSSIER_PAIRS} (set OPENFISCA_ASS_PAIRS to their folder)"
# On a developer's machine without the steering repository, skip; in CI (CI=true), never pass silently.
EN_CI = os.environ.get("CI", "").lower() == "true"
FICHIER_PHARE = "ass_01_personne_seule.yml"


def par_fichier():
    return [pytest.param(f.name, marks=pytest.mark.xdist_group(f"pairs_france_{f.name}"), id=f.name) for f in FICHIERS]


@functools.lru_cache(maxsize=None)
def classement_du_fichier(nom, systeme, systeme_france):
    return classer(systeme, systeme_france, [DOSSIER_PAIRS / nom], systeme_trente=trente_jours(systeme))


@functools.lru_cache(maxsize=None)
def trente_jours(systeme):
    return systeme_trente_jours(systeme)


def publie():
    return lire_tableau(DOC.read_text(encoding="utf-8"))


def test_les_fichiers_de_france_sont_la():
    if not FICHIERS:
        if EN_CI:
            pytest.fail(ABSENTS + ": under CI=true this suite must run")
        pytest.skip(ABSENTS)
    # Every file the published table names is among them: a file that vanished is no silent pass.
    assert {fichier for fichier, _, _ in publie()} <= {f.name for f in FICHIERS}


@pytest.mark.parametrize("nom", par_fichier())
def test_chaque_ecart_a_une_raison_de_droit(nom, systeme, systeme_france):
    classement = classement_du_fichier(nom, systeme, systeme_france)
    inexpliques = sorted(e for e, raison in classement.items() if raison not in RAISONS)
    assert not inexpliques, f"differences without a rule: {inexpliques}"


@pytest.mark.parametrize("nom", par_fichier())
def test_la_liste_publiee_est_exactement_celle_des_ecarts(nom, systeme, systeme_france):
    classement = classement_du_fichier(nom, systeme, systeme_france)
    attendu = {e: raison for e, raison in publie().items() if e[0] == nom}
    en_trop, manquants = set(attendu) - set(classement), set(classement) - set(attendu)
    assert not en_trop and not manquants, (
        f"published but no longer different: {sorted(en_trop)}\nnew and unpublished: {sorted(manquants)}\n"
        "check them, then regenerate the table (python tests/pairs_france.py); this file's rows:\n"
        + "\n".join(tableau(classement)))
    assert attendu == classement


@pytest.mark.skipif(FICHIER_PHARE not in [f.name for f in FICHIERS], reason=ABSENTS)
@pytest.mark.xdist_group(f"pairs_france_{FICHIER_PHARE}")
def test_les_mois_de_31_jours_sont_les_premiers_ecarts(systeme, systeme_france):
    # The flagship difference: a 31-day month pays 31 days (LexImpact single person, January 2024).
    classement = classement_du_fichier(FICHIER_PHARE, systeme, systeme_france)
    assert classement[(FICHIER_PHARE, "00 ass_01_personne_seule", "ass@2024-01")] == "jours_calendaires"


@pytest.mark.parametrize("ci, code, message", [("true", 1, "under CI=true this suite must run"), ("", 0, "1 skipped")])
def test_sans_les_fichiers_de_france_la_ci_echoue(tmp_path, ci, code, message):
    # The presence check alone, in a fresh pytest pointed at an empty folder (no plugin: no xdist, no recursion).
    env = dict(os.environ, CI=ci, OPENFISCA_ASS_PAIRS=str(tmp_path), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    sortie = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-rs",
         f"{__file__}::test_les_fichiers_de_france_sont_la"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert sortie.returncode == code, sortie.stdout[-2000:]
    assert message in sortie.stdout
