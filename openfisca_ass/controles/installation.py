"""Where the checks are put: on each ``Variable`` instance of a tax-benefit system.

openfisca-core gives every input to two methods of its variable: ``check_set_value`` (each raw value
of a situation, in ``SimulationBuilder.add_variable_value``) and ``set_input`` (through
``Holder.set_input``, hence ``Simulation.set_input`` and the builder's last step). Wrapping them on
the system's instances reaches the YAML runner, Python simulations and the web API alike, without
touching core's classes (openfisca-france's own system stays as it is).

Not reached: ``Holder.put_in_cache`` and ``Holder._set``, which store an array as it is; the batch
benchmark (``benchmarks/lot.py``) uses the first on purpose.
"""
import functools
import sys

import numpy
from openfisca_core.periods import DateUnit

from openfisca_ass.controles import naissance
from openfisca_ass.controles.erreurs import ErreurEntree, lisible
from openfisca_ass.controles.valeurs import refus_brut, refus_periode, refus_tableau


def installer(systeme):
    """Puts the checks on every variable of ``systeme`` (idempotent)."""
    for variable in systeme.variables.values():
        installer_sur(variable)
    naissance.installer(systeme)
    # Variables added later (``systeme.add_variable``) get the checks too.
    systeme._controles_installes = True
    return systeme


def installer_sur(variable):
    if getattr(variable, "controles_installes", False):
        return
    verifier_valeur_core = variable.check_set_value

    def check_set_value(valeur):
        refus = refus_brut(variable, valeur)
        if refus:
            # Core catches ValueError and reports it under the value's path (entity, id, variable,
            # period). The message names the period and the person too, read from core's caller.
            periode, identifiant = _periode_et_instance_de_l_appelant()
            raise ValueError(message(variable.name, periode, refus, identifiant))
        return verifier_valeur_core(valeur)

    variable.check_set_value = check_set_value
    # A reform's variable updated without its own set_input inherits this one: not wrapped twice.
    if not getattr(variable.set_input, "controle", False):
        variable.set_input = envelopper_set_input(variable.set_input)
    variable.controles_installes = True


def _periode_et_instance_de_l_appelant():
    """``period_str`` and ``instance_id`` of ``SimulationBuilder.add_variable_value`` (core 44.7.1), the
    only caller of ``check_set_value``; (None, None) for any other caller: the message then relies on
    the error's path."""
    appelant = sys._getframe(2)
    if appelant.f_code.co_name != "add_variable_value":
        return None, None
    return appelant.f_locals.get("period_str"), appelant.f_locals.get("instance_id")


def envelopper_set_input(set_input_core):
    def set_input(holder, period, array):
        verifier_entree(holder, period, array)
        if set_input_core is not None:
            return set_input_core(holder, period, array)
        return holder._set(period, array)

    if set_input_core is not None:
        # Keep core's name and __wrapped__: code that asks how an input is spread over months
        # (set_input_divide_by_period or set_input_dispatch_by_period) still sees it.
        functools.update_wrapper(set_input, set_input_core)
    set_input.controle = True
    return set_input


def verifier_entree(holder, periode, tableau):
    """Refuses (``ErreurEntree``) the array of ``periode`` if one of its values cannot be true."""
    variable = holder.variable
    population = holder.population
    chemin = [population.entity.plural, None, variable.name, str(periode)]
    attendu = refus_periode(periode)
    if attendu:
        raise ErreurEntree(
            f"« {variable.name} » : période « {periode} » hors du calendrier du modèle ; attendu : {attendu}.",
            variable.name, str(periode), str(periode), attendu, chemin)
    if not isinstance(tableau, numpy.ndarray):
        tableau = numpy.asarray(tableau)
    tableau = tableau.reshape(-1) if tableau.ndim != 1 else tableau
    simulation = getattr(holder, "simulation", None)
    parametres = None
    if simulation is not None and periode.unit != DateUnit.ETERNITY:
        parametres = simulation.tax_benefit_system.get_parameters_at_instant(periode.start)
    refus = refus_tableau(variable, tableau, parametres)
    if refus is None:
        return
    ids = getattr(population, "ids", None)
    identifiant = ids[refus.indice] if ids is not None and len(ids) == len(tableau) else None
    chemin[1] = identifiant
    raise ErreurEntree(
        message(variable.name, periode, refus, identifiant, len(tableau)),
        variable.name, str(periode), refus.valeur, refus.attendu, chemin)


def message(nom, periode, refus, identifiant=None, taille=1):
    """« age », période 2025-05, « demandeur » : valeur -3 refusée ; attendu : ..."""
    ou = "".join([
        f", période {periode}" if periode is not None else "",
        f", « {identifiant} »" if identifiant is not None else "",
    ])
    combien = f" ({refus.nombre} valeurs refusées sur {taille})" if refus.nombre > 1 else ""
    return (f"« {nom} »{ou} : valeur {lisible(refus.valeur)!r} refusée{refus.precision}{combien} ; "
            f"attendu : {refus.attendu}.")
