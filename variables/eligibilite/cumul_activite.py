"""Cumul de l'ASS avec une activité reprise (articles R5425-2 et R5425-6 du code du travail)."""
import functools

import numpy
from openfisca_france.model.base import (
    ETERNITY,
    MONTH,
    Individu,
    TypesActivite,
    Variable,
    date,
    set_input_dispatch_by_period,
)

from openfisca_ass import references
from openfisca_ass.variables.droits.calendrier import DATE_INCONNUE, ajouter_mois, bornes_mois
from openfisca_ass.variables.ressources.revenus_interrompus import ressource

# Revenus dont la présence fait d'un mois civil un mois d'activité, salariée ou non salariée.
REVENUS_ACTIVITE = ("salaire_imposable", "rpns_auto_entrepreneur_benefice")

# Mois regardés en arrière : 3 mois de cumul et 3 mois de remise à zéro s'y lisent toujours (voir
# la docstring de la formule).
FENETRE_MOIS = 12


@functools.lru_cache(maxsize=8)
def _table_cumul(nombre_mois, reinitialisation):
    """Cumul allowed (bool) for each 13-month activity mask, bit k = month k of the window (oldest first)."""
    masques = numpy.arange(2 ** (FENETRE_MOIS + 1))
    mois_cumules = numpy.zeros(masques.shape, dtype=int)
    mois_sans_activite = numpy.zeros(masques.shape, dtype=int)
    for rang in range(FENETRE_MOIS + 1):
        actif_ce_mois = (masques >> rang) & 1
        remise_a_zero = mois_sans_activite >= reinitialisation
        mois_cumules = numpy.where(remise_a_zero, 0, mois_cumules) + actif_ce_mois
        mois_sans_activite = numpy.where(actif_ce_mois, 0, mois_sans_activite + 1)
    return mois_cumules <= nombre_mois


class ass_activite_reprise(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Exerce une activité, salariée ou non, au cours du mois civil"
    reference = references.R5425_2

    def formula(individu, period):
        """R5425-2 : tout mois civil avec une activité, même occasionnelle ou réduite, compte.

        Sauf les revenus artistiques d'un artiste-auteur (ass_revenus_artistiques, lecture [S]) : ressources
        de la demande et du renouvellement, ils ne sont pas une activité reprise.
        """
        # ressource() : sans chiffre d'affaires donné, le bénéfice d'auto-entrepreneur est nul sans calcul.
        revenus = sum(ressource(individu, nom, period) for nom in REVENUS_ACTIVITE)
        # Lu sur 13 mois par le compteur de cumul : sans public spécifique donné nulle part, personne n'est
        # artiste, et les revenus artistiques (un tableau par mois) ne sont pas calculés.
        if individu.simulation.get_holder("ass_public_specifique").get_known_periods():
            revenus = revenus - individu("ass_revenus_artistiques", period)
        return revenus > 0


class ass_eligibilite_cumul_individu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Peut cumuler l'ASS avec les revenus de l'activité reprise ce mois"
    reference = references.R5425_2 + references.R5425_6

    def formula(individu, period):
        """Avant le 1er septembre 2017 (intéressement, non modélisé) : le cumul suit l'inscription comme demandeur
        d'emploi, comme dans openfisca-france.
        """
        return individu("activite", period) == TypesActivite.chomeur

    def formula_2017_09_01(individu, period, parameters):
        """R5425-2 et R5425-6 (décret du 5 mai 2017) : 3 mois de cumul intégral, consécutifs ou non.

        Le compteur des mois d'activité repart de zéro après 3 mois civils consécutifs sans activité.
        Douze mois d'historique suffisent : s'il y a au plus 3 mois d'activité dans une fenêtre de 13,
        une interruption de 3 mois s'y trouve forcément, et ce qui précède n'importe plus.
        """
        cumul = parameters(period).chomage.allocations_assurance_chomage.ass.cumul_activite
        active = individu("ass_activite_reprise", period)
        # Someone not working this month has nothing to cumulate: skip the history for everyone.
        if not active.any():
            return individu.filled_array(True)
        # The 13 months of activity as a 13-bit mask; the counter's verdict for each of the 8,192 masks
        # is tabulated once (same loop as before, on the masks instead of the population).
        masque = numpy.zeros(active.shape, dtype=numpy.int16)
        for rang, decalage in enumerate(range(-FENETRE_MOIS, 1)):
            actif_ce_mois = individu("ass_activite_reprise", period.offset(decalage)) if decalage else active
            masque |= actif_ce_mois.astype(numpy.int16) << rang
        return _table_cumul(int(cumul.nombre_mois), int(cumul.reinitialisation_mois_sans_activite))[masque]


class ass_date_creation_entreprise_acre(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    label = "Date de création ou de reprise d'entreprise d'un allocataire de l'ASS admis à l'ACRE"
    reference = references.R5141_28
    documentation = """
    Variable d'entrée. Non renseignée (1er janvier 1970, valeur par défaut) : pas de création d'entreprise
    avec l'ACRE. Renseignée : l'allocataire admis à l'aide aux créateurs ou repreneurs d'entreprise garde
    l'ASS pendant un an à compter de cette date (R5141-28), quels que soient ses revenus d'activité.
    """


class ass_maintien_acre(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Garde l'ASS au titre de la création ou de la reprise d'entreprise avec l'ACRE ce mois"
    reference = references.R5141_28
    documentation = (
        "Mois commencés pendant l'année qui suit la création : le mois de la création et les onze suivants (lecture "
        "en mois civils, [U])."
        )

    def formula_2008_05_01(individu, period, parameters):
        """Depuis la recodification du 1er mai 2008 (règle antérieure non modélisée). R5141-28 et L5141-3 : l'ASS est
        maintenue un an à compter de la création ou de la reprise d'entreprise.
        """
        duree = parameters(period).chomage.allocations_assurance_chomage.ass.cumul_activite.duree_acre_mois
        creation = individu("ass_date_creation_entreprise_acre", period).astype("datetime64[D]")
        if not (creation != DATE_INCONNUE).any():
            return individu.filled_array(False)
        premier_jour, dernier_jour = bornes_mois(period)
        fin = ajouter_mois(creation, duree)
        return (creation != DATE_INCONNUE) * (creation <= dernier_jour) * (premier_jour < fin)
