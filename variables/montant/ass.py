"""Montant mensuel de l'ASS : allocation différentielle et jours calendaires (R5423-1 3°, R5423-2, R5423-13)."""
import numpy
from openfisca_france.model.base import MONTH, Individu, Variable, max_, min_, set_input_divide_by_period

from openfisca_ass import references


class ass_taux_journalier(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Taux journalier de l'ASS dû (taux plein ou taux réduit par l'allocation différentielle)"
    reference = references.R5423_1 + references.R5423_2
    documentation = """
    Les ressources comptées incluent l'allocation elle-même (R5423-2) : l'ASS n'est due que jusqu'au
    plafond. L'écart plafond − ressources est un montant pour 30 jours, ramené à un taux journalier
    réduit ; taux plein tant que les ressources ne dépassent pas 40 (seul) ou 80 (couple) fois le
    montant journalier. Ressources égales ou supérieures au plafond : rien.
    """

    def formula(individu, period, parameters):
        """R5423-1 3° et R5423-2 : min(taux plein, (plafond − ressources) / 30), nul au-delà du plafond."""
        reduit = parameters(period).chomage.allocations_assurance_chomage.ass.montant_reduit
        taux_plein = individu("ass_montant_journalier", period)
        ecart = individu("ass_plafond_ressources", period) - individu("ass_ressources_mensuelles", period)
        return max_(min_(taux_plein, ecart / reduit.diviseur_jours), 0)


class ass_nombre_jours_indemnisables(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "day"
    label = "Nombre de jours du mois pour lesquels l'ASS est due"
    reference = references.R5423_1 + references.R5423_8 + references.L5421_4

    def formula(individu, period):
        """R5423-1 : allocation journalière, due pour chaque jour du mois civil (28 à 31) compris dans les droits.

        Jours de droits ouverts (droits/) : à partir de la date d'ouverture (R5423-8) et jusqu'à la veille
        de l'âge de fin de droit (L5421-4) ; sans date d'ouverture ni fin de droit dans le mois, tout le mois.
        """
        return individu("ass_jours_droits_ouverts", period)


class ass(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_divide_by_period
    unit = "currency"
    label = "Montant de l'ASS pour un individu"
    reference = references.R5423_1 + references.R5423_2 + references.R5423_13 + [references.SERVICE_PUBLIC]
    documentation = """
    Allocation journalière versée chaque mois pour chaque jour du mois civil (28 à 31), et non pour
    30 jours comme dans openfisca-france. Le taux réduit est, lui aussi, un taux journalier × jours
    (lecture B de la note de règles, non confirmée par un texte : paramètre
    montant_reduit.taux_journalier_reduit). Arrondi au centime.
    """

    def formula(individu, period, parameters):
        """R5423-1 3°, R5423-2 et R5423-13 : taux dû × jours du mois ; rien sous un montant journalier."""
        ass = parameters(period).chomage.allocations_assurance_chomage.ass
        taux_plein = individu("ass_montant_journalier", period)
        taux = individu("ass_taux_journalier", period)
        jours = individu("ass_nombre_jours_indemnisables", period)
        # Reading A keeps the reduced amount flat per month: only the full rate follows the calendar.
        lecture_b = ass.montant_reduit.taux_journalier_reduit
        montant = taux * jours if lecture_b else numpy.where(
            taux < taux_plein, taux * ass.montant_reduit.diviseur_jours * jours / period.size_in_days, taux * jours)
        montant = numpy.round(montant * individu("ass_eligibilite_individu", period), 2)
        # R5423-13: below one day of the rate that applies (Mayotte's in Mayotte), nothing is paid.
        return montant * (montant >= ass.seuil_versement_jours * taux_plein)
