"""Demandeur d'emploi ayant épuisé ses droits à l'assurance chômage (article L5423-1 du code du travail)."""
from openfisca_france.model.base import Individu, MONTH, TypesActivite, Variable

from openfisca_ass import references


class ass_demandeur_emploi_non_indemnise(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Demandeur d'emploi sans allocation d'assurance chômage ce mois"
    reference = references.L5423_1

    def formula(individu, period):
        """L5423-1 : demandeur d'emploi ayant épuisé ses droits à l'allocation d'assurance."""
        chomeur = individu("activite", period) == TypesActivite.chomeur
        return chomeur * (individu("chomage_net", period) == 0)
