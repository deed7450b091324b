"""Ressources qu'openfisca-france calcule à partir d'autres entrées : nulles, sans calcul, quand rien n'en a été donné.

Aucune règle de droit ici : un raccourci de calcul, au résultat identique. La base de ressources
(R5423-2) lit les revenus des douze mois précédant la demande ; là où l'utilisateur ne les a pas
donnés, openfisca-france les reconstitue par ses propres formules. Les revenus du capital, par exemple,
se déduisent des cases 2DC, 2TS, 2TR... de la déclaration du foyer fiscal, et chaque mois demande
alors ses paramètres à une date nouvelle (l'arbre entier d'openfisca-france, plusieurs centièmes de
seconde par mois) et ses projections sur le foyer. Quand aucune variable de cette chaîne n'a de
valeur connue dans la simulation, ni donnée ni déjà calculée, et que toutes ses formules sont celles
d'openfisca-france, le résultat est connu d'avance : zéro.
"""
import os
import types
import weakref

import numpy
from openfisca_core.periods import DateUnit

# Les formules d'openfisca-france qui, lues une à une, ne font que sommer des cases ou des chiffres
# d'affaires multipliés par des taux : sans aucune de leurs entrées, elles donnent 0.
# - revenus_capital : max(0, revenus_capitaux_prelevement_bareme, _liberatoire,
#   _forfaitaire_unique_ir du foyer) × déclarant principal, chacun somme de cases 2xx / 12 ;
# - rpns_auto_entrepreneur_benefice : chiffres d'affaires de l'auto-entrepreneur × (1 − abattement).
# Les variables sans formule (entrées pures : pensions_invalidite, indemnites_stage...) de valeur
# par défaut nulle le sont aussi, sans être listées.
NULLES_SANS_ENTREE = (
    "revenus_capital",
    "rpns_auto_entrepreneur_benefice",
    )

# Interrupteur des tests : à False, toute ressource est calculée par la voie ordinaire, raccourcis
# compris (ceux de ``revenus_interrompus.ressource``), pour vérifier qu'ils ne changent aucun résultat.
RACCOURCIS = True

_DOSSIER_FRANCE = os.sep + "openfisca_france" + os.sep
# Chaîne de chaque variable, par système socio-fiscal (une réforme est un autre système).
_CHAINES = weakref.WeakKeyDictionary()


def formules_de_france(simulation, noms):
    """Vrai si aucune de ``noms`` n'a reçu de formule propre (de ce paquet ou d'une réforme)."""
    variables = simulation.tax_benefit_system.variables
    # OpenFisca charge les fichiers du modèle sous des noms de modules générés : on lit le fichier source.
    return all(
        _DOSSIER_FRANCE in formule.__code__.co_filename
        for nom in noms
        for formule in variables[nom].formulas.values()
        )


def _noms_lus(fonction, variables):
    """Noms de variables que ``fonction`` peut lire : chaînes littérales de son code, de ses fonctions
    imbriquées, des fonctions et des listes de noms globales qu'elle nomme.

    Lecture large : un nom de trop ne fait que désactiver le raccourci plus souvent.
    """
    noms = set()
    vus = set()
    a_lire = [(fonction.__code__, getattr(fonction, "__globals__", {}))]
    while a_lire:
        code, globales = a_lire.pop()
        if code in vus:
            continue
        vus.add(code)
        for constante in code.co_consts:
            if isinstance(constante, str) and constante in variables:
                noms.add(constante)
            elif isinstance(constante, types.CodeType):
                a_lire.append((constante, globales))
        for nom in code.co_names:
            valeur = globales.get(nom)
            if isinstance(valeur, str) and valeur in variables:
                noms.add(valeur)
            elif isinstance(valeur, (tuple, list, set, frozenset, dict)):
                noms.update(v for v in valeur if isinstance(v, str) and v in variables)
            elif isinstance(valeur, types.FunctionType):
                a_lire.append((valeur.__code__, valeur.__globals__))
    return noms


def variables_lues(systeme, nom):
    """``nom`` et toutes les variables que ses formules lisent, de proche en proche (toutes dates)."""
    chaines = _CHAINES.setdefault(systeme, {})
    if nom not in chaines:
        variables = systeme.variables
        chaine = set()
        a_lire = [nom]
        while a_lire:
            courant = a_lire.pop()
            if courant in chaine:
                continue
            chaine.add(courant)
            for formule in variables[courant].formulas.values():
                a_lire.extend(_noms_lus(formule, variables) - chaine)
        chaines[nom] = frozenset(chaine)
    return chaines[nom]


def nulle_sans_entree(simulation, nom):
    """Vrai si ``nom`` vaut 0 tous les mois où il n'a pas de valeur connue, sans qu'il faille le calculer.

    Il le faut : une variable mensuelle de ``NULLES_SANS_ENTREE``, ou une entrée pure de valeur par
    défaut nulle ; aucune autre variable de sa chaîne connue pour aucune période ; toutes les formules
    de la chaîne celles d'openfisca-france.
    """
    if not RACCOURCIS:
        return False
    variable = simulation.tax_benefit_system.variables[nom]
    if variable.definition_period != DateUnit.MONTH or variable.value_type not in (float, int):
        return False
    if nom not in NULLES_SANS_ENTREE and (variable.formulas or variable.default_value != 0):
        return False
    chaine = variables_lues(simulation.tax_benefit_system, nom)
    return (
        not any(simulation.get_holder(autre).get_known_periods() for autre in chaine if autre != nom)
        and formules_de_france(simulation, chaine)
        )


def somme_des_mois_connus(individu, nom, periode):
    """Total de ``nom`` sur les mois de ``periode`` où il a une valeur connue, 0 pour les autres."""
    holder = individu.simulation.get_holder(nom)
    total = individu.filled_array(0, dtype=numpy.float32)
    for mois in periode.get_subperiods(DateUnit.MONTH):
        valeur = holder.get_array(mois)
        if valeur is not None:
            total = total + valeur
    return total
