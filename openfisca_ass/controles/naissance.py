"""A person born after the month computed cannot claim the ASS (L5423-1: a jobseeker).

An input knows no period: ``date_naissance`` is an ``ETERNITY`` input, and a simulation may well hold
a child born later in the year it covers. The contradiction appears only when the month is known and
the person would otherwise be entitled: so the check sits on ``ass_eligibilite_individu``, which
refuses to compute (``ErreurEntree``) rather than pay someone not yet born. The web API also refuses,
before computing, a birth date after the end of every period requested (``api/validation.py``).
"""
import functools

import numpy

from openfisca_ass.controles.erreurs import ErreurEntree

VARIABLE = "ass_eligibilite_individu"


def installer(systeme):
    variable = systeme.variables.get(VARIABLE)
    if variable is None:
        return
    for debut, formule in list(variable.formulas.items()):
        if not getattr(formule, "controle_naissance", False):
            variable.formulas[debut] = envelopper(formule)


def envelopper(formule):
    """``formule``, followed by the check. Core passes ``parameters`` to a formula of three arguments;
    ``functools.wraps`` keeps the source and docstring that the web API shows."""
    deux_arguments = formule.__code__.co_argcount == 2

    @functools.wraps(formule)
    def formula(individu, period, parameters):
        eligible = formule(individu, period) if deux_arguments else formule(individu, period, parameters)
        verifier_nes(individu, period, eligible)
        return eligible

    formula.controle_naissance = True
    return formula


def verifier_nes(individu, period, eligible):
    eligible = numpy.asarray(eligible, dtype=bool)
    if not eligible.any():
        return
    # A birth date given as input only. Without it the model deduces one from the age, which the
    # input checks keep at 0 or more, except openfisca-france's default -9999 ("not given") that core
    # stores for the persons an axis over ``age`` leaves out: that deduced date says nothing.
    if not individu.get_holder("date_naissance").get_known_periods():
        return
    dernier_jour = numpy.datetime64(period.stop.date, "D")
    naissance = individu("date_naissance", period).astype("datetime64[D]")
    pas_nes = eligible & (naissance > dernier_jour)
    if not pas_nes.any():
        return
    indice = int(numpy.argmax(pas_nes))
    identifiant = individu.ids[indice] if individu.ids is not None and len(individu.ids) > indice else None
    qui = f"« {identifiant} »" if identifiant is not None else f"la personne n° {indice}"
    message = (
        f"« date_naissance » de {qui} : {naissance[indice]}, après le mois calculé ({period}) ; personne ne "
        f"demande l'ASS avant sa naissance. Attendu : une date de naissance au plus tard le {dernier_jour}, "
        f"ou un mois calculé après la naissance.")
    raise ErreurEntree(
        message, variable="date_naissance", periode=str(period), valeur=str(naissance[indice]),
        attendu=f"une date de naissance au plus tard le {dernier_jour}",
        chemin=[individu.entity.plural, identifiant, "date_naissance"])
