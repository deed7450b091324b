"""Packaging: the built wheel holds every rule file, and an editable install works the same."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import openfisca_ass

RACINE = Path(__file__).resolve().parent.parent
PAQUET = Path(openfisca_ass.__file__).resolve().parent


def fichiers(dossier, motif):
    return {str(p.relative_to(dossier)) for p in dossier.rglob(motif) if "__pycache__" not in p.parts}


@pytest.mark.skipif(os.environ.get("OPENFISCA_ASS_INSTALLATION") != "wheel", reason="tests the installed wheel")
def test_la_roue_installee_est_celle_qui_est_testee():
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    assert PAQUET.parent == site, f"openfisca_ass imported from {PAQUET}, not from the installed wheel"


@pytest.mark.skipif(os.environ.get("OPENFISCA_ASS_INSTALLATION") != "wheel", reason="tests the installed wheel")
def test_la_roue_contient_toutes_les_regles():
    for dossier, motif in (("variables", "*.py"), ("parameters", "*.yaml"), ("reforms", "*.py")):
        attendus = fichiers(RACINE / dossier, motif)
        presents = fichiers(PAQUET / dossier, motif)
        assert attendus <= presents, f"missing from the wheel: {sorted(attendus - presents)}"


def test_installation_editable(tmp_path):
    """`pip install -e .` into a fresh environment that sees every dependency but not the wheel."""
    depot = tmp_path / "depot"
    shutil.copytree(RACINE, depot, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", "sortie"))
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    # Every installed distribution but this one, through links, so that nothing is downloaded.
    liens = tmp_path / "dependances"
    liens.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for entree in site.iterdir():
        nom = entree.name.lower().replace("-", "_")
        if not nom.startswith(("openfisca_ass", "__editable__")) and entree.suffix != ".pth":
            (liens / entree.name).symlink_to(entree)
    site_env = Path(subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site_env / "dependances.pth").write_text(str(liens) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-build-isolation", "-e", str(depot)],
        check=True, cwd=tmp_path)
    verification = (
        "import openfisca_ass, openfisca_ass.reforms\n"
        "from openfisca_core.simulations import SimulationBuilder\n"
        "systeme = openfisca_ass.CountryTaxBenefitSystem()\n"
        "simulation = SimulationBuilder().build_default_simulation(systeme, 1)\n"
        "simulation.set_input('activite', '2025-05', ['chomeur'])\n"
        "simulation.set_input('ass_precondition_remplie', '2025-05', [True])\n"
        "print(openfisca_ass.__file__, round(float(simulation.calculate('ass', '2025-05')[0]), 2))\n"
    )
    environnement = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    sortie = subprocess.run([str(python), "-c", verification], capture_output=True, text=True, cwd=tmp_path,
                            env=environnement)
    assert sortie.returncode == 0, sortie.stderr[-3000:]
    chemin, montant = sortie.stdout.split()
    assert Path(chemin).resolve().is_relative_to(depot.resolve())
    assert montant == "599.23"  # 31 × 19.33
