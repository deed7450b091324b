"""Period arithmetic memoised: openfisca-core 44 computes it again at every call.

Every ``calculate`` of core shifts and compares periods: formulas ask ``period.first_month``,
``period.offset(-1)``, ``period.this_year``; the storage tests ``Period.contains`` against every stored
period each time ``purge_cache_of_invalid_values`` drops what one of openfisca-france's broken cycles left.
Each of these goes through ``Instant.offset``, which builds a pendulum date and adds a duration to it.
Measured on one person's ASS month: 0.17 s of CPU without this memo, 0.10 s with it; the seven cas types over
a year (``comparaison.simuler``), 1.9 s and 1.4 s.

``Instant`` and ``Period`` are tuples, immutable values, and ``Instant.offset``, ``Period.offset`` and
``Period.stop`` are pure functions of the value and the arguments: each is memoised with
``functools.lru_cache`` (bounded, least recently used evicted, thread-safe), core's own code behind the memo.
``typed=True``: an argument of another type is another entry, so that ``offset(1.0)`` still fails core's
check for an int after ``offset(1)`` succeeded.

The classes are core's, so the memo is process-wide. It is installed when this package's system is built
(``CountryTaxBenefitSystem``): an openfisca-france system of the same process then computes faster too, with
the same results. The benchmarks run openfisca-france in processes that never import this package, so its
figures there are its own. tests/test_periodes_memorisees.py compares the memoised methods with core's.
"""
import functools

from openfisca_core.periods import Instant, Period

# Entries per method. A simulation over the 26 years of the model asks a few thousand distinct (value, offset,
# unit); at most about 5 MiB per method when full (key, result and link: about 300 bytes an entry).
TAILLE_MAX = 16384


def _memoiser(fonction):
    return functools.lru_cache(maxsize=TAILLE_MAX, typed=True)(fonction)


def installer():
    """Memoises core's period arithmetic, once per process; returns the three memoised functions."""
    if not hasattr(Instant.offset, "cache_info"):
        Instant.offset = _memoiser(Instant.offset)
        Period.offset = _memoiser(Period.offset)
        Period.stop = property(_memoiser(Period.stop.fget), doc=Period.stop.__doc__)
    return Instant.offset, Period.offset, Period.stop.fget
