"""openfisca-france's own ASS test files, run against this package.

Every check that this package does not pass must be one the law explains, and the explained list is
the one published in docs/differences-openfisca-france.md: a new difference, or one that disappears,
fails here. Classifying also proves that every request of these files computes here without error.
"""
from pathlib import Path

import pytest
from pairs_france import RAISONS, classer, fichiers_pairs, lire_tableau, tableau

DOC = Path(__file__).resolve().parent.parent / "docs" / "differences-openfisca-france.md"

pytestmark = pytest.mark.skipif(
    not fichiers_pairs(), reason="openfisca-france's test files (../shared/peer/openfisca-france) are absent")


@pytest.fixture(scope="module")
def classement(systeme, systeme_france):
    return classer(systeme, systeme_france)


def test_chaque_ecart_a_une_raison_de_droit(classement):
    inexpliques = sorted(e for e, raison in classement.items() if raison not in RAISONS)
    assert not inexpliques, f"differences without a rule: {inexpliques}"


def test_la_liste_publiee_est_exactement_celle_des_ecarts(classement):
    publie = lire_tableau(DOC.read_text(encoding="utf-8"))
    en_trop, manquants = set(publie) - set(classement), set(classement) - set(publie)
    assert not en_trop and not manquants, (
        f"published but no longer different: {sorted(en_trop)}\nnew and unpublished: {sorted(manquants)}\n"
        "check them, then regenerate the table:\n" + "\n".join(tableau(classement)))
    assert publie == classement


def test_les_mois_de_31_jours_sont_les_premiers_ecarts(classement):
    # The flagship difference: a 31-day month pays 31 days (LexImpact single person, January 2024).
    assert classement[("ass_01_personne_seule.yml", "00 ass_01_personne_seule", "ass@2024-01")] == "jours_calendaires"

