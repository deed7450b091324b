"""Trimestres d'assurance vieillesse validés au titre de l'ASS (CSS L351-3, R351-12)."""
import numpy
from openfisca_france.model.base import ADD, MONTH, YEAR, Individu, Variable

from openfisca_ass import references


class ass_jours_indemnises(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "day"
    label = "Nombre de jours du mois indemnisés au titre de l'ASS"
    reference = references.CSS_R351_12 + references.R5423_1

    def formula(individu, period):
        """R351-12 du code de la sécurité sociale : jours d'ASS versés ; jours de droit du mois où l'ASS est payée."""
        return individu("ass_nombre_jours_indemnisables", period) * (individu("ass", period) > 0)


class ass_trimestres_retraite(Variable):
    value_type = int
    entity = Individu
    definition_period = YEAR
    unit = "quarter"
    label = "Trimestres d'assurance vieillesse du régime général validés au titre de l'ASS dans l'année civile"
    reference = references.CSS_R351_12
    documentation = """
    Périodes assimilées : un trimestre par période de 50 jours d'ASS, au plus quatre par année civile.
    Les jours comptés sont les jours calendaires des mois où l'ASS est versée (jours de droit du mois :
    tout le mois, sauf le mois de l'ouverture des droits ou de l'âge de fin de droit). Ce que ferait
    perdre une suppression de l'ASS, hors points de retraite complémentaire (non modélisés).
    """

    def formula(individu, period, parameters):
        """L351-3 et R351-12 du code de la sécurité sociale : jours d'ASS de l'année / 50, arrondi à l'inférieur, au
        plus 4.
        """
        trimestres = parameters(period).chomage.allocations_assurance_chomage.ass.trimestres_retraite
        jours = individu("ass_jours_indemnises", period, options=[ADD])
        return numpy.minimum(jours // trimestres.jours_par_trimestre, trimestres.maximum_par_an).astype(int)
