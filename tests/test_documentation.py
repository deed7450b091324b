"""Every command of README.md, run as written (small sizes), with its exit code and one figure.

The commands are read from README.md itself: its ``sh`` blocks and its inline commands. Each one is
either run here or listed in ``NON_EXECUTEES`` with the reason; a README command that is neither fails
`test_chaque_commande_du_readme_est_essayee`, so a new command comes with its test.

Servers are started here, on 127.0.0.1 and a free port, each with the README's own command (``make serve``,
``gunicorn``, ``openfisca serve``), and stopped at the end of their test; the ``curl`` blocks are sent to
the first one with ``http://127.0.0.1:5000`` replaced by its address. `make` runs the targets without
rebuilding the wheel (``-o wheel``): ``make test`` built and installed it before running this file.
"""
import contextlib
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
README = RACINE / "README.md"
BIN = Path(sys.executable).parent
# The Makefile's .venv is the environment running these tests, wherever it is.
MAKE = ["make", "--no-print-directory", "-C", str(RACINE), f"VENV={BIN.parent}", "-o", "wheel"]
URL_DU_README = "http://127.0.0.1:5000"
DEMARRAGE_MAX_S = 180

pytestmark = pytest.mark.skipif(not (RACINE / "Makefile").exists(), reason="needs the checkout (Makefile, README)")

PREFIXES = ("make ", "curl ", ".venv/bin/", "gunicorn ", "openfisca ", "openfisca-ass ", "PYTHONPATH=", "pip ",
            "python ", "python3 ")

# The README's inline commands, as written there, and the test that runs each.
GUNICORN = ("gunicorn --config python:openfisca_ass.api.gunicorn_conf --bind 0.0.0.0:8000 "
            "openfisca_ass.api.wsgi:application")
OPENFISCA_SERVE = "openfisca serve --country-package openfisca_ass"
OPENFISCA_SERVE_REFORME = OPENFISCA_SERVE + " --reforms openfisca_ass.reforms.suppression_ass.suppression_ass"
OPENFISCA_TEST = ".venv/bin/openfisca test --country-package openfisca_ass tests/montant/jours_calendaires.yaml"
BANC_COPIE_DE_TRAVAIL = "PYTHONPATH=. .venv/bin/python benchmarks/run.py"
# `openfisca test` runs pytest, which would import every pytest plugin of the environment (hypothesis,
# schemathesis, xdist: this suite's own tools, 4 s of imports); the command under test needs none of them.
SANS_GREFFONS = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
COMMANDES_EXECUTEES = {
    "make serve": "test_exemple_curl (fixture serveur_make)",
    GUNICORN: "test_gunicorn_ailleurs",
    OPENFISCA_SERVE: "test_openfisca_serve",
    OPENFISCA_SERVE_REFORME: "test_openfisca_serve",
    OPENFISCA_TEST: "test_openfisca_test_d_un_fichier",
    "make test-yaml": "test_make_test_yaml_sur_un_fichier",
    "make bench": "test_make_bench",
    "make bench BENCH_ARGS=--rapide": "test_make_bench",
    BANC_COPIE_DE_TRAVAIL: "test_banc_depuis_la_copie_de_travail",
    "openfisca-ass compare": "test_commande_d_analyse",
    "openfisca-ass population": "test_commande_d_analyse",
    "pip check": "test_pip_check",
}

# Inline commands not run by this file, and where they are exercised instead.
NON_EXECUTEES = {
    "make test": "the command that runs this file: .ci/run runs it (test_la_ci_lance_le_lint_et_la_commande_du_readme)",
    "make wheel": "rebuilds and reinstalls the package under test; `make test` runs it first, on every CI run",
    "make install-dev": "builds a fresh .venv from PyPI (minutes); tests/test_paquet.py does the same editable "
                        "install (`pip install -e .`) into a throwaway environment",
    "openfisca serve --country-package openfisca_ass|openfisca_france --workers 1":
        "describes what `make bench` measures (benchmarks/api.py), not a command to type",
    ".venv/bin/python -m pytest -q -s -p no:cacheprovider tests/api/test_api_charge.py":
        "the load runs: tests/api/test_api_charge.py is part of the suite that runs this file",
    "make test-charge": "the load runs at full size (minutes); `make test` runs the same file, bounded "
                        "(test_make_test_borne_la_charge checks the bounds reach it)",
    "PYTHONPATH=. .venv/bin/python benchmarks/budget_api.py":
        "minutes of deliberately costly requests; the budget's arithmetic is tested in tests/api/test_api_budget.py",
    "python benchmarks/run.py --jeux france --tailles 300000,1000000":
        "a measure of minutes; the same script runs with the smallest sizes in test_make_bench",
    "python benchmarks/microsimulation.py --personnes 1000000 --moteurs dask":
        "a measure of minutes; the same script runs on 300 persons in test_banc_de_microsimulation",
}


def texte_readme():
    return README.read_text(encoding="utf-8")


def blocs_sh():
    return [m.group(1) for m in re.finditer(r"^```sh\n(.*?)^```", texte_readme(), re.MULTILINE | re.DOTALL)]


def commandes_en_ligne():
    hors_blocs = re.sub(r"^```.*?^```", "", texte_readme(), flags=re.MULTILINE | re.DOTALL)
    return {c for c in re.findall(r"`([^`\n]+)`", hors_blocs) if c.startswith(PREFIXES)}


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serveur(commande, port, dossier, **env):
    """Run a server command in its own process group; yield its URL once `/` answers; stop the group."""
    journal = open(dossier / "serveur.log", "w")
    processus = subprocess.Popen(commande, cwd=dossier, env=dict(os.environ, **env), stdout=journal,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + DEMARRAGE_MAX_S
        while True:
            if processus.poll() is not None:
                pytest.fail(f"{commande} stopped:\n" + (dossier / "serveur.log").read_text()[-3000:])
            try:
                urllib.request.urlopen(url + "/", timeout=30)
                break
            except urllib.error.HTTPError:
                break  # core's root answers 300: the server is up
            except (urllib.error.URLError, OSError):
                if time.monotonic() > limite:
                    pytest.fail(f"{commande} did not answer:\n" + (dossier / "serveur.log").read_text()[-3000:])
                time.sleep(0.5)
        yield url
    finally:
        # make and openfisca serve start gunicorn as a child: stop the whole group this test started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(processus.pid, signal.SIGTERM)
        try:
            processus.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(processus.pid, signal.SIGKILL)
            processus.wait()
        journal.close()


def poster(url, chemin, corps):
    requete = urllib.request.Request(url + chemin, data=json.dumps(corps).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(requete, timeout=60) as reponse:
        return json.load(reponse)


def executer(commande, dossier=RACINE, **env):
    """A shell command as the README writes it, with .venv/bin/ meaning this environment's."""
    commande = commande.replace(".venv/bin/", f"{BIN}/")
    return subprocess.run(["bash", "-c", commande], cwd=dossier, capture_output=True, text=True,
                          env=dict(os.environ, **env), timeout=600)


# --- What each curl block of the README must answer (one figure each) -------------------------------


def exemple_calcul(reponse):
    assert reponse["individus"]["demandeur"]["ass"]["2025-05"] == 599.23  # 31 × 19.33


def exemple_france(reponse):
    # 2 × 1 500 gross in the 12 months, about 195 € of monthly taxable resources, far below 40 × 19.33:
    # the full rate, 31 × 19.33.
    assert reponse["individus"]["demandeur"]["ass"]["2025-05"] == 599.23
    assert reponse["individus"]["demandeur"]["ass_eligibilite_individu"]["2025-05"] is True


def exemple_axes(reponse):
    # The README's answer: ages 40, 60, 80; 31 × 19.33 until the age limit, nothing at 80.
    assert reponse["individus"]["demandeur"]["age"]["2025-05"] == [40, 60, 80]
    assert reponse["individus"]["demandeur"]["ass"]["2025-05"] == [599.23, 599.23, 0.0]


def exemple_erreur(reponse):
    assert reponse["champ"] == "individus/demandeur/ass/2025"
    assert reponse["attendu"] == "un mois, par exemple « 2025-05 »"
    assert reponse["recu"] == "2025"
    assert reponse["individus"]["demandeur"]["ass"]["2025"].startswith("La variable « ass » se calcule par mois")


def exemple_comparaison(reponse):
    # February 2027: 28 × 19.48 = 545.44 under the law in force, nothing once ASS is abolished.
    assert reponse["reference"]["individus"]["demandeur"]["ass"]["2027-02"] == 545.44
    assert reponse["avec_reforme"]["individus"]["demandeur"]["ass"]["2027-02"] == 0.0
    assert reponse["ecart"]["individus"]["demandeur"]["ass"]["2027-02"] == -545.44


# (what only this block does, its check), in the README's order.
EXEMPLES_CURL = [
    (lambda b: "/calculate" in b and '"familles"' in b and not any(m in b for m in ('"axes"', "salaire_de_base")),
     exemple_calcul),
    (lambda b: "salaire_de_base" in b, exemple_france),
    (lambda b: '"axes"' in b, exemple_axes),
    (lambda b: "/calculate" in b and '"familles"' not in b, exemple_erreur),
    (lambda b: "/compare" in b, exemple_comparaison),
]
COMPARAISON = 4
BLOC_COMMANDES = "make serve   #"
BLOC_REFORME = "make serve REFORMES="


def nature(bloc):
    """Which test runs a sh block: its index in EXEMPLES_CURL, or the start of the block."""
    trouves = [i for i, (est, _) in enumerate(EXEMPLES_CURL) if bloc.startswith("curl") and est(bloc)]
    trouves += [debut for debut in (BLOC_COMMANDES, BLOC_REFORME) if bloc.startswith(debut)]
    assert len(trouves) == 1, f"README block matched by {len(trouves)} tests (want exactly 1):\n{bloc}"
    return trouves[0]


def bloc_curl(numero):
    (bloc,) = [b for b in blocs_sh() if b.startswith("curl") and EXEMPLES_CURL[numero][0](b)]
    return bloc


def corps_curl(numero):
    """The JSON body a curl block sends."""
    return json.loads(re.search(r"-d '(.*)'", bloc_curl(numero), re.DOTALL).group(1))


def test_chaque_commande_du_readme_est_essayee():
    natures = [nature(b) for b in blocs_sh()]
    assert sorted(map(str, natures)) == sorted(
        map(str, list(range(len(EXEMPLES_CURL))) + [BLOC_COMMANDES, BLOC_REFORME])), natures
    attendues = set(NON_EXECUTEES) | set(COMMANDES_EXECUTEES)
    trouvees = commandes_en_ligne() | {"make serve", "make test"}
    assert trouvees == attendues, (
        f"README commands without a test here: {sorted(trouvees - attendues)}\n"
        f"tested here but no longer in the README: {sorted(attendues - trouvees)}")


# --- The servers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serveur_make(tmp_path_factory):
    """`make serve` (the README's first command), on a free port."""
    port = port_libre()
    with serveur(MAKE + ["serve", "HOST=127.0.0.1", f"PORT={port}"], port,
                 tmp_path_factory.mktemp("make_serve"), WEB_CONCURRENCY="2") as url:
        yield url


@pytest.mark.parametrize("numero", range(len(EXEMPLES_CURL)))
def test_exemple_curl(serveur_make, numero):
    sortie = executer(bloc_curl(numero).replace(URL_DU_README, serveur_make))
    assert sortie.returncode == 0, sortie.stderr
    EXEMPLES_CURL[numero][1](json.loads(sortie.stdout))


def test_servir_une_reforme(tmp_path):
    """`make serve REFORMES=...`: the abolition served; the /compare situation gets no ASS in 2027."""
    bloc = next(b for b in blocs_sh() if b.startswith(BLOC_REFORME))
    port = port_libre()
    commande = shlex.split(bloc.strip())
    corps = corps_curl(COMPARAISON)["situation"]
    with serveur(MAKE + commande[1:] + ["HOST=127.0.0.1", f"PORT={port}"], port, tmp_path,
                 WEB_CONCURRENCY="1") as url:
        assert poster(url, "/calculate", corps)["individus"]["demandeur"]["ass"]["2027-02"] == 0.0


def test_gunicorn_ailleurs(tmp_path):
    """The production command, from another folder; bound to 127.0.0.1 instead of 0.0.0.0."""
    port = port_libre()
    commande = GUNICORN.replace("0.0.0.0:8000", f"127.0.0.1:{port}").replace("gunicorn ", f"{BIN}/gunicorn ", 1)
    with serveur(shlex.split(commande), port, tmp_path, WEB_CONCURRENCY="1") as url:
        assert poster(url, "/calculate", corps_curl(0))["individus"]["demandeur"]["ass"]["2025-05"] == 599.23


@pytest.mark.parametrize("commande", [OPENFISCA_SERVE, OPENFISCA_SERVE_REFORME])
def test_openfisca_serve(tmp_path, commande):
    """Core's own server, with and without the reform: options before `--reforms`, as the README says."""
    avec_reforme = "--reforms" in commande
    port = port_libre()
    debut, _, reformes = commande.partition(" --reforms")
    arguments = shlex.split(debut) + ["--port", str(port), "--workers", "1"] + (
        ["--reforms"] + shlex.split(reformes) if reformes else [])
    arguments[0] = str(BIN / "openfisca")
    situation = corps_curl(COMPARAISON)["situation"]
    with serveur(arguments, port, tmp_path) as url:
        # Under the law in force 28 × 19.48 in February 2027, nothing once abolished.
        attendu = 0.0 if avec_reforme else 545.44
        assert poster(url, "/calculate", situation)["individus"]["demandeur"]["ass"]["2027-02"] == attendu


# --- YAML cases, benchmarks, analysis command --------------------------------------------------------


def test_openfisca_test_d_un_fichier():
    commande = OPENFISCA_TEST
    sortie = executer(commande, **SANS_GREFFONS)
    assert sortie.returncode == 0, sortie.stdout[-3000:]
    cas = (RACINE / commande.split()[-1]).read_text(encoding="utf-8").count("- name:")
    assert re.search(rf"\b{cas} passed\b", sortie.stdout), sortie.stdout


def test_make_test_yaml_sur_un_fichier():
    sortie = subprocess.run(MAKE + ["test-yaml", "YAML_CASES=tests/montant/jours_calendaires.yaml"],
                            capture_output=True, text=True, timeout=600, env=dict(os.environ, **SANS_GREFFONS))
    assert sortie.returncode == 0, sortie.stdout[-3000:]
    cas = (RACINE / "tests/montant/jours_calendaires.yaml").read_text(encoding="utf-8").count("- name:")
    assert re.search(rf"\b{cas} passed\b", sortie.stdout), sortie.stdout


def test_le_cas_yaml_du_readme(systeme, tmp_path):
    """The YAML block of the README is a valid case and passes (openfisca-core's own runner classes)."""
    from pairs_france import ecarts

    (bloc,) = re.findall(r"^```yaml\n(.*?)^```", texte_readme(), re.MULTILINE | re.DOTALL)
    chemin = tmp_path / "cas_du_readme.yaml"
    chemin.write_text(bloc, encoding="utf-8")
    assert "ass: 599.23" in bloc
    assert ecarts(systeme, chemin) == set()


# The bench at its smallest: 200 persons, one input set, one process per model, no API, build or population
# (the three input sets side by side are tests/test_benchmarks.py's, in-process).
BANC_MINIMAL = "--tailles 200 --jeux ass --repetitions 1 --sans-api --sans-construction --population 0 --silencieux"


def verifier_banc(sortie):
    assert sortie.returncode == 0, sortie.stderr[-3000:]
    assert "| 200 | ass |" in sortie.stdout, sortie.stdout
    # The one figure: the numpy floor gives openfisca-ass's amounts to the cent.
    ecart = float(re.search(r"numpy \(écart max vs ass ([0-9.e+-]+) €\)", sortie.stdout).group(1))
    assert ecart < 0.011


def test_make_bench():
    # `make bench` and `make bench BENCH_ARGS=--rapide` run 10,000 persons and more, the API and the
    # build: minutes. The same target with the smallest arguments checks that BENCH_ARGS reaches the script.
    sortie = subprocess.run(MAKE + ["bench", f"BENCH_ARGS={BANC_MINIMAL}"], capture_output=True, text=True,
                            timeout=600)
    verifier_banc(sortie)


def test_banc_depuis_la_copie_de_travail():
    verifier_banc(executer(f"{BANC_COPIE_DE_TRAVAIL} {BANC_MINIMAL}"))


@pytest.mark.parametrize("sous_commande", ["compare", "population"])
def test_commande_d_analyse(sous_commande):
    # Named in the README; run in full, with their options, by docs/analyse.md's tests.
    sortie = executer(f".venv/bin/openfisca-ass {sous_commande} --help")
    assert sortie.returncode == 0, sortie.stderr
    assert f"openfisca-ass {sous_commande}" in sortie.stdout


def test_la_ci_lance_le_lint_et_la_commande_du_readme():
    commandes = [ligne.split("||")[0].strip() for ligne in (RACINE / ".ci" / "run").read_text().splitlines()]
    assert "make lint" in commandes
    assert "make test" in commandes
    assert "make test" in blocs_sh()[0]  # the README's test command is the one CI runs




def test_make_test_borne_la_charge():
    """`make test` runs the load and fuzz files bounded, `make test-charge` the load runs at the measure's size
    (dry runs: `make -n`)."""
    def commande(cible):
        sortie = subprocess.run(MAKE + ["-n", cible], capture_output=True, text=True, timeout=60)
        assert sortie.returncode == 0, sortie.stderr
        return sortie.stdout

    borne = commande("test")
    assert all(f"OPENFISCA_ASS_CHARGE_{nom}" in borne for nom in ("REQUETES=15", "MIXTES=10", "PANNE=8"))
    assert "OPENFISCA_ASS_FUZZ_EXEMPLES=40" in borne
    complet = commande("test-charge")
    assert "tests/api/test_api_charge.py" in complet and "OPENFISCA_ASS_CHARGE" not in complet


def test_pip_check():
    """The pinned serving stack (gunicorn 21, openfisca-core's own pin) leaves no broken requirement."""
    sortie = subprocess.run([str(BIN / "python"), "-m", "pip", "check"], capture_output=True, text=True, timeout=300)
    assert sortie.returncode == 0, sortie.stdout
    assert "No broken requirements found." in sortie.stdout


def test_banc_de_microsimulation():
    """benchmarks/microsimulation.py at its smallest (100 persons): in-process, no profile; it prints its table."""
    sortie = executer(".venv/bin/python benchmarks/microsimulation.py --personnes 100 --moteurs local --profil 0")
    assert sortie.returncode == 0, sortie.stderr[-3000:]
    assert "local" in sortie.stdout, sortie.stdout
