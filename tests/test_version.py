"""The version in setup.py is the latest release of CHANGELOG.md (the versioning rule is written there)."""
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
# `## [0.2.0] - 2026-12-01`, or `- Unreleased` for the version being prepared (the first one only).
TITRE = re.compile(r"^## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2}|Unreleased)$", re.MULTILINE)

pytestmark = pytest.mark.skipif(not (RACINE / "setup.py").exists(), reason="setup.py absent (wheel only)")


def versions_du_journal():
    """[(version tuple, date or 'Unreleased')], in the order of the file."""
    texte = (RACINE / "CHANGELOG.md").read_text(encoding="utf-8")
    return [((int(a), int(b), int(c)), date) for a, b, c, date in TITRE.findall(texte)]


def version_de_setup():
    texte = (RACINE / "setup.py").read_text(encoding="utf-8")
    trouvees = re.findall(r'^\s*version="(\d+)\.(\d+)\.(\d+)",', texte, re.MULTILINE)
    assert len(trouvees) == 1, f"expected exactly one version=\"X.Y.Z\" in setup.py, found {trouvees}"
    return tuple(int(n) for n in trouvees[0])


def test_setup_porte_la_derniere_version_du_journal():
    versions = versions_du_journal()
    assert versions, "CHANGELOG.md has no heading of the form `## [X.Y.Z] - YYYY-MM-DD`"
    assert version_de_setup() == versions[0][0], (
        f"setup.py says {version_de_setup()}, CHANGELOG.md's latest release is {versions[0][0]}")


def test_les_versions_du_journal_decroissent_et_sont_datees():
    versions = versions_du_journal()
    numeros = [v for v, _ in versions]
    assert numeros == sorted(set(numeros), reverse=True), f"versions not strictly decreasing: {numeros}"
    # Only the version being prepared may still be undated.
    assert all(date != "Unreleased" for _, date in versions[1:]), versions
    dates = [date for _, date in versions if date != "Unreleased"]
    assert dates == sorted(dates, reverse=True), f"release dates not decreasing: {dates}"


def test_le_paquet_installe_a_la_version_de_setup():
    from importlib.metadata import version

    assert tuple(int(n) for n in version("openfisca-ass").split(".")) == version_de_setup()
