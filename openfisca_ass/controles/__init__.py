"""Inputs that cannot be true, refused wherever they come from: YAML runner, Python, web API.

openfisca-core 44.7.1 turns any input into a number without a word: the string "false" becomes True,
the integer 19700101 a date in the year 55907, a negative count of children raises the years of work
required. ``installer`` (called by ``CountryTaxBenefitSystem``) puts this package's checks on the
variables of a system; each refusal is an ``ErreurEntree`` (a core ``SituationParsingError``) naming
the variable, the period, the value and what is expected, in French. The list: docs/controles.md.

- ``valeurs``: the checks (types, calendar, ranges), on one raw value or a whole array;
- ``bornes``: the ranges, and where they come from;
- ``naissance``: nobody claims the ASS before being born;
- ``installation``: where core's inputs pass, and the wrappers put there.
"""
from openfisca_ass.controles.bornes import VARIABLES_POSITIVES
from openfisca_ass.controles.erreurs import ErreurEntree
from openfisca_ass.controles.installation import installer, installer_sur, message
from openfisca_ass.controles.valeurs import Refus, refus_brut, refus_periode, refus_tableau

__all__ = ["VARIABLES_POSITIVES", "ErreurEntree", "Refus", "installer", "installer_sur", "message", "refus_brut",
           "refus_periode", "refus_tableau"]
