"""Fin de l'ASS à l'âge du taux plein (article L5421-4 du code du travail)."""
import numpy
from openfisca_france.model.base import Individu, MONTH, Variable

from openfisca_ass import references


class ass_age_limite(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Âge (en mois) auquel l'ASS cesse en tout état de cause : âge du taux plein automatique"
    reference = references.L5421_4 + ["Code de la sécurité sociale, article L351-8 1°"]

    def formula(individu, period, parameters):
        """L5421-4 2° : l'âge du taux plein automatique de la génération (65 à 67 ans)."""
        # Date of birth from the age in months, so that a request giving only `age` works too.
        age_en_mois = individu("age_en_mois", period)
        mois_depuis_l_an_0 = period.start.year * 12 + period.start.month - 1 - age_en_mois
        naissance_aaaammjj = (mois_depuis_l_an_0 // 12) * 10000 + (mois_depuis_l_an_0 % 12 + 1) * 100 + 1
        bareme = parameters(period).chomage.allocations_assurance_chomage.ass.age_limite.age_taux_plein_automatique
        return numpy.round(bareme.calc(naissance_aaaammjj)).astype(int)


class ass_sous_age_limite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "N'a pas atteint l'âge auquel l'ASS cesse"
    reference = references.L5421_4

    def formula(individu, period):
        """L5421-4 2° : le versement cesse au plus tard à l'âge du taux plein automatique."""
        return individu("age_en_mois", period) < individu("ass_age_limite", period)
