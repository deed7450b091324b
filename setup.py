"""Packaging of openfisca-ass.

The rules live in three top-level folders (``variables``, ``parameters``, ``reforms``) so that the
repository reads like the law; ``package_dir`` maps them into the ``openfisca_ass`` package.
"""
from pathlib import Path

from setuptools import find_packages, setup

ICI = Path(__file__).parent


def paquets(dossier, prefixe):
    """Python packages below ``dossier``, named under ``prefixe``."""
    return [prefixe] + [f"{prefixe}.{p}" for p in find_packages(str(ICI / dossier))]


def donnees(dossier):
    """Every YAML file below ``dossier``, relative to it (parameters carry no __init__.py)."""
    racine = ICI / dossier
    return [str(p.relative_to(racine)) for p in racine.rglob("*.yaml")]


setup(
    name="openfisca-ass",
    version="0.2.1",  # = the latest release of CHANGELOG.md (tests/test_version.py)
    description="Allocation de solidarité spécifique (ASS) : modèle de référence sur OpenFisca-France",
    long_description=(ICI / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    python_requires=">=3.9",
    # openfisca-core reads the "Repository" project URL to build the system: keep this key.
    project_urls={"Repository": "https://github.com/openfisca-ass/openfisca-ass"},
    packages=(
        find_packages(include=["openfisca_ass", "openfisca_ass.*"])
        + paquets("variables", "openfisca_ass.variables")
        + ["openfisca_ass.reforms", "openfisca_ass.parameters"]
    ),
    package_dir={
        "openfisca_ass.variables": "variables",
        "openfisca_ass.reforms": "reforms",
        "openfisca_ass.parameters": "parameters",
    },
    package_data={
        "openfisca_ass.parameters": donnees("parameters"),
        "openfisca_ass": ["situation_examples/*.json"],
    },
    include_package_data=False,
    entry_points={"console_scripts": ["openfisca-ass = openfisca_ass.cli:main"]},
    install_requires=[
        "openfisca-core[web-api]==44.7.1",
        "openfisca-france==176.1.8",
        "PyYAML>=6,<7",
        # The analysts' command (`openfisca-ass compare | population`): tables, progress bar, charts.
        "matplotlib>=3.8,<4",
        "pandas>=2.2,<4",
        "tqdm>=4.66,<5",
        # Microsimulation: Parquet tables, chunks on a dask.distributed cluster.
        "pyarrow>=14",
        "dask[distributed]>=2024.1",
        # Raking of the synthetic population's weights (analyse/calage.py).
        "svy>=0.35,<1",
    ],
)
