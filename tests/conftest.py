"""Shared fixtures, and how the suite is spread over processes (``make test``: pytest-xdist, ``--dist loadgroup``).

- The tax-benefit systems are built once per process: with xdist, once per worker.
- The YAML cases are collected here too, with openfisca-core's own runner classes, so that one pytest run
  spreads them over the workers beside the pytest files (``openfisca test`` collects them itself: then
  this file does not).
- Tests that share something expensive stay on one worker, without any edit to a new test file: every
  test that uses the ``serveur`` fixture or carries ``@pytest.mark.serveur`` is in the ``serveur`` group
  (one API server per run), and the tests of a module that has a module-scoped fixture stay together
  (the fixture is built once). Everything else is dealt out test by test.
"""
import functools
import gc

import pytest
from openfisca_core.tools.test_runner import Loader as ChargeurYaml
from openfisca_core.tools.test_runner import OpenFiscaPlugin, YamlFile, YamlItem, yaml


def geler():
    """Moves every object alive now out of the garbage collector's reach (``gc.freeze``).

    A system is a few hundred thousand objects that live as long as the process. Python's full collections
    walk them all (0.15 to 0.25 s each, a dozen per minute of simulations, and five more when pytest ends):
    about a sixth of a YAML run. Frozen objects are no longer walked; the garbage of the build is collected
    first, so that it is not kept.
    """
    gc.collect()
    gc.freeze()


def _fonction_au_grand_cadre(variables=70_000):
    """A function ``f(appel)`` that returns ``appel()`` from a frame of ``variables`` local variables (560 kB).

    CPython 3.11 and 3.12 keep the frames of Python calls in chunks of 16 KiB that they map when a call
    needs one more and unmap as soon as it returns (gh-142183, fixed in 3.13 and later by keeping one chunk):
    a recursion that goes back and forth across a chunk's edge, as openfisca-core's formulas calling formulas
    do, maps and unmaps a chunk each time. One YAML file (tests/rsa/neutralisation.yaml) made 52,646 such
    mappings, each touching fresh pages, and the fuzzing test spent 10 s of kernel time on it under xdist.
    A frame this size gets a chunk of 1 MiB to itself, whose remaining 460 kB hold the whole depth of a test:
    no more chunk is mapped.
    """
    noms = " = ".join(f"v{i}" for i in range(variables))
    espace = {}
    exec(compile(f"def f(appel):\n    {noms} = None\n    return appel()\n", "<grand cadre>", "exec"), espace)
    return espace["f"]


_SOUS_UN_GRAND_CADRE = _fonction_au_grand_cadre()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """pytest's own protocol (``_pytest.runner.pytest_runtest_protocol``), run under the large frame above."""
    from _pytest.runner import runtestprotocol

    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    _SOUS_UN_GRAND_CADRE(lambda: runtestprotocol(item, nextitem=nextitem))
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


# Fewer collections of young objects: a simulation allocates hundreds of thousands of small ones (periods,
# arrays, holders), and at the default threshold (700) every run triggers thousands of collections.
gc.set_threshold(10_000, 10, 10)


@functools.lru_cache(maxsize=None)
def systeme_partage():
    """This package's system, built on first use, then shared by the fixtures and the YAML cases."""
    from openfisca_ass import CountryTaxBenefitSystem

    systeme = CountryTaxBenefitSystem()
    geler()
    return systeme


@pytest.fixture(scope="session")
def systeme():
    return systeme_partage()


@pytest.fixture(scope="session")
def systeme_france():
    """openfisca-france as it is, with this package's memo of the parameters per instant.

    The memo changes no value (tests/test_parametres_memorises.py), only how often France's tree is rebuilt
    at an instant: core's own memo, 128 entries shared by every system of the process, evicts in a test
    process that holds a dozen systems.
    """
    from openfisca_france import FranceTaxBenefitSystem

    from openfisca_ass.parametres_memorises import memoriser

    systeme = FranceTaxBenefitSystem()
    memoriser(systeme.parameters)
    geler()
    return systeme


# --- YAML cases -------------------------------------------------------------------------------------


class FichierYaml(YamlFile):
    """Core's YAML file, with one distinct id per case (``file.yaml::03 name``).

    Core names every case ``""``: the ids would all be ``file.yaml::``, and xdist, which sends tests to
    workers by id, would run the first case of a file in place of the others.
    """

    def collect(self):
        with open(self.path, encoding="utf-8") as fichier:
            cas = yaml.load(fichier, Loader=ChargeurYaml)
        for numero, test in enumerate(cas if isinstance(cas, list) else [cas]):
            if not self.should_ignore(test):
                yield YamlItem.from_parent(
                    self, name=f"{numero:02d} {test.get('name', '')}".strip(),
                    baseline_tax_benefit_system=self.tax_benefit_system, test=test, options=self.options)


# YAML files that are not cases that must pass: inputs that must be refused (run by tests/test_controles.py)
# and the expected reform aggregates (read by tests/test_impact_reformes.py).
PAS_DES_CAS = ("mauvaises_entrees", "impact_reformes.yaml")


def pytest_collect_file(file_path, parent):
    if file_path.suffix not in (".yaml", ".yml") or any(p in file_path.parts for p in PAS_DES_CAS):
        return None
    if any(isinstance(p, OpenFiscaPlugin) for p in parent.config.pluginmanager.get_plugins()):
        return None  # `openfisca test` (serial or --in-parallel) collects the YAML files itself
    return FichierYaml.from_parent(parent, path=file_path, tax_benefit_system=systeme_partage(), options={})


# --- Groups for pytest-xdist ------------------------------------------------------------------------


def groupe(item):
    """The xdist group of a test, or None to let it go to any worker."""
    if item.get_closest_marker("serveur") or "serveur" in getattr(item, "fixturenames", ()):
        return "serveur"
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    if any(d.scope in ("module", "class", "package") for defs in definitions.values() for d in defs):
        return item.nodeid.split("::")[0]
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    for item in items:
        if not item.get_closest_marker("xdist_group") and (nom := groupe(item)):
            item.add_marker(pytest.mark.xdist_group(nom))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """One full collection at the end, then everything alive is frozen.

    pytest's unraisable-exception plugin collects five times when a process ends, to surface the exceptions of
    finalizers; in a worker that has kept systems, simulations and the fuzzer's schema, each walk of the heap
    took over a second. The one collection here surfaces the same exceptions (pytest reports them after); the
    five that follow walk only what is allocated after it.
    """
    gc.collect()
    gc.freeze()
