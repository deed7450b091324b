"""What each input may be: the model's calendar, and the ranges of the inputs that have one.

Every variable is checked for its type (see ``valeurs``); the variables below have, in addition,
a range that the law or common sense sets. A bound may be a number or a function of the parameters
at the start of the period (the ten-year window of R5423-1 1° is a parameter).
"""
import collections

import numpy

# The calendar of the model. Before 1900 no legislation is described; after 2199, the computations
# that look twelve months back or a year ahead leave Python's dates ("year 10000 is out of range").
ANNEE_MIN, ANNEE_MAX = 1900, 2199
DATE_MIN = numpy.datetime64(f"{ANNEE_MIN}-01-01", "D")
DATE_MAX = numpy.datetime64(f"{ANNEE_MAX}-12-31", "D")

# What numpy stores: core casts int inputs to int32 and float inputs to float32, silently wrapping
# or overflowing to infinity beyond these.
ENTIER_MIN, ENTIER_MAX = -2 ** 31, 2 ** 31 - 1
REEL_MAX = float(numpy.finfo(numpy.float32).max)

Bornes = collections.namedtuple("Bornes", "minimum maximum pourquoi", defaults=(None, None, ""))

# Resources cannot be negative: a negative resource would lower the ASS's resources and raise the
# allowance without a word. Non-salaried profits and property income are not here: a deficit is legal.
# Nor is pensions_alimentaires_versees_individu: openfisca-france enters alimony paid as a negative
# amount (tests/ressources/revenus_interrompus.yaml), and this package reads its absolute value.
RESSOURCES = (
    "salaire_de_base", "salaire_net", "salaire_imposable", "primes_salaires",
    "chomage_net", "chomage_brut", "chomage_imposable",
    "retraite_nette", "retraite_brute", "retraite_imposable",
    "pensions_invalidite", "pensions_alimentaires_percues",
    "indemnites_stage", "revenus_stage_formation_pro", "indemnites_journalieres",
    "revenus_capital", "aah", "ass_base_ressources", "ass_base_ressources_individu",
    "ass_base_ressources_conjoint",
)


def fenetre_activite_salariee(parametres):
    """R5423-1 1°: the years of salaried work are counted within the ten years before the contract's end."""
    return parametres.chomage.allocations_assurance_chomage.ass.activite_anterieure.fenetre_annees


BORNES = {
    **{nom: Bornes(0, None, "une ressource ne peut pas être négative") for nom in RESSOURCES},
    # The oldest person ever recorded lived 122 years: 150 leaves room and refuses typing slips.
    "age": Bornes(0, 150, "un âge en années"),
    "age_en_mois": Bornes(0, 150 * 12, "un âge en mois"),
    "ass_nombre_enfants_eleves": Bornes(0, None, "un nombre d'enfants"),
    "ass_annees_activite_salariee": Bornes(
        0, fenetre_activite_salariee,
        "des années comptées dans la fenêtre de dix ans précédant la fin du contrat (R5423-1 1°)"),
    "ass_annees_activite_artistique": Bornes(0, None, "une durée en années"),
    "ass_trimestres_valides_tous_regimes": Bornes(0, None, "un nombre de trimestres validés"),
    "ass_jours_indemnises": Bornes(0, 31, "des jours d'un mois"),
}

# Names kept for the web API, which refused exactly these before the checks moved here.
VARIABLES_POSITIVES = frozenset(nom for nom, bornes in BORNES.items() if bornes.minimum == 0)
