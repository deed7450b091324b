# Every target installs what it needs into .venv: a fresh machine needs python3 and make only.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: serve test test-charge test-yaml test-pytest lint install install-dev wheel bench clean

# Bytecode is compiled on first import, not at install: pip compiles every file of every dependency (8,000,
# test suites and unused modules included), which was half of the install's 50 s; what the package and the
# tests import is about 1,100 files, compiled once into .venv. So that first import can write its bytecode,
# a PYTHONDONTWRITEBYTECODE set outside is not passed to the recipes (each process would otherwise compile
# openfisca-france again, about 4 s).
unexport PYTHONDONTWRITEBYTECODE

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-compile --upgrade pip

# Dependencies are reinstalled only when a requirements file changes.
$(VENV)/.deps: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -r requirements/dev.txt
	touch $@

install-dev: $(VENV)/.deps
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

# The wheel is what users get: tests run against it, not against the checkout.
wheel: $(VENV)/.deps
	rm -rf dist build
	$(BIN)/python -m build --wheel --no-isolation --outdir dist . > /dev/null
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall dist/openfisca_ass-*.whl

# gunicorn, gthread workers (settings: openfisca_ass/api/gunicorn_conf.py; versions: requirements/base.txt)
# serving openfisca_ass.api, core's API hardened; every setting is an environment variable (README).
# `make serve REFORMES=openfisca_ass.reforms.suppression_ass.suppression_ass` serves a reformed system.
# --chdir: gunicorn puts its working directory first on sys.path; from the repository root the checkout
# would shadow the installed wheel.
serve: wheel
	OPENFISCA_ASS_REFORMES="$(REFORMES)" $(BIN)/gunicorn --chdir $(abspath $(VENV)) \
		--config python:openfisca_ass.api.gunicorn_conf --bind $(HOST):$(PORT) openfisca_ass.api.wsgi:application

# One pytest run over TEST_WORKERS processes (pytest-xdist): the pytest files and the YAML cases, which
# tests/conftest.py collects with openfisca-core's own runner; tests sharing a server or a module-scoped
# fixture stay on one worker (--dist loadgroup, groups set in tests/conftest.py).
# `pytest` (not `python -m pytest`) keeps the checkout off sys.path: the installed wheel is tested.
# The load runs of tests/api/test_api_charge.py are bounded here (requests per client, 8 clients; the same
# assertions), and so is the fuzzing of tests/api/test_api_fuzz.py (examples); `make test-charge` runs the
# load runs at the size of the measure the README quotes.
TEST_WORKERS ?= 2
PYTEST_ARGS ?=
CHARGE_REQUETES ?= 15
CHARGE_MIXTES ?= 10
CHARGE_PANNE ?= 8
FUZZ_EXEMPLES ?= 40

test: wheel
	OPENFISCA_ASS_INSTALLATION=wheel OPENFISCA_ASS_CHARGE_REQUETES=$(CHARGE_REQUETES) \
		OPENFISCA_ASS_CHARGE_MIXTES=$(CHARGE_MIXTES) OPENFISCA_ASS_CHARGE_PANNE=$(CHARGE_PANNE) \
		OPENFISCA_ASS_FUZZ_EXEMPLES=$(FUZZ_EXEMPLES) \
		$(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS) tests

# The load runs alone, full size (8 clients × 150, × 50 mixed, × 30 with a worker killed), figures printed.
test-charge: wheel
	$(BIN)/pytest -q -s -p no:cacheprovider tests/api/test_api_charge.py

# The YAML cases by name: given a folder, `openfisca test` would also collect the pytest files.
# tests/controles/mauvaises_entrees/ holds inputs that must be refused (tests/test_controles.py runs them); the
# regression file impact_reformes.yaml (expected aggregates, read by tests/test_impact_reformes.py) is no case.
YAML_CASES = $(shell find tests -path tests/controles/mauvaises_entrees -prune -o \( -name '*.yaml' -o -name '*.yml' \) \
	! -name impact_reformes.yaml -print | sort)

# The YAML cases alone, with openfisca-core's command (what a legal expert runs).
test-yaml:
	$(BIN)/openfisca test --country-package openfisca_ass $(YAML_CASES)

# The pytest files and YAML cases against the current install (`make install-dev`: the checkout), no rebuild.
test-pytest:
	$(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS) tests

# ruff (ruff.toml) over the Python files, yamllint (.yamllint) over the parameters and the YAML cases.
lint: $(VENV)/.deps
	$(BIN)/ruff check .
	$(BIN)/yamllint --strict parameters tests .yamllint

# Figures, never pass/fail. `make bench BENCH_ARGS=--rapide` stops at N = 100,000 (a few minutes).
bench: wheel
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) dist build *.egg-info
