"""The memo of core's period arithmetic (openfisca_ass/periodes_memorisees.py) gives what core's own code gives:
the same instants and periods, the same errors, on random values asked twice (the second answer comes from
the memo)."""
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.periods import DateUnit, Instant, Period

from openfisca_ass import periodes_memorisees

UNITES = [DateUnit.DAY, DateUnit.WEEKDAY, DateUnit.WEEK, DateUnit.MONTH, DateUnit.YEAR]
instants = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31)).map(
    lambda d: Instant((d.year, d.month, d.day)))
decalages = st.one_of(st.integers(-400, 400), st.sampled_from(["first-of", "last-of"]),
                      st.sampled_from([1.0, True, "2"]))
unites = st.one_of(st.sampled_from(UNITES), st.sampled_from(["month", "year", "day"]))


@pytest.fixture(scope="module")
def memoisees(systeme):
    # Building the system installs the memo: the functions in place are the memoised ones.
    assert hasattr(Instant.offset, "cache_info") and hasattr(Period.stop.fget, "cache_info")
    return periodes_memorisees.installer()


def resultat(fonction, *arguments):
    try:
        return "valeur", fonction(*arguments)
    except (AssertionError, ValueError, TypeError, NotImplementedError) as erreur:
        return "erreur", type(erreur)


@settings(max_examples=300, deadline=None)
@given(instant=instants, decalage=decalages, unite=unites)
def test_instant_offset_comme_core(memoisees, instant, decalage, unite):
    offset_memorise, _, _ = memoisees
    attendu = resultat(offset_memorise.__wrapped__, instant, decalage, unite)
    assert resultat(Instant.offset, instant, decalage, unite) == attendu
    assert resultat(instant.offset, decalage, unite) == attendu  # the second time, from the memo


@settings(max_examples=300, deadline=None)
@given(unite=st.sampled_from(UNITES), debut=instants, taille=st.integers(1, 40),
       decalage=decalages, unite_decalage=st.one_of(st.none(), st.sampled_from(UNITES)))
def test_period_offset_et_stop_comme_core(memoisees, unite, debut, taille, decalage, unite_decalage):
    _, offset_memorise, stop_memorise = memoisees
    periode = Period((unite, debut, taille))
    assert resultat(lambda p: p.stop, periode) == resultat(stop_memorise.__wrapped__, periode)
    assert resultat(lambda p: p.stop, periode) == resultat(stop_memorise.__wrapped__, periode)
    attendu = resultat(offset_memorise.__wrapped__, periode, decalage, unite_decalage)
    assert resultat(periode.offset, decalage, unite_decalage) == attendu
    assert resultat(periode.offset, decalage, unite_decalage) == attendu


def test_memo_borne_et_installe_une_fois(memoisees):
    assert periodes_memorisees.installer() == memoisees  # a second system does not wrap the memo again
    for fonction in memoisees:
        assert fonction.cache_info().maxsize == periodes_memorisees.TAILLE_MAX
    # A known value, so that a memo answering anything would fail: May 2025 shifted back twelve months.
    assert Period((DateUnit.MONTH, Instant((2025, 5, 1)), 1)).offset(-12) == Period((DateUnit.MONTH,
                                                                                       Instant((2024, 5, 1)), 1))
    assert Period((DateUnit.MONTH, Instant((2024, 2, 1)), 1)).stop == Instant((2024, 2, 29))
