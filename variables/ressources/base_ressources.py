"""Base de ressources du foyer (article R5423-2 du code du travail)."""
from openfisca_france.model.base import Famille, Individu, MONTH, Variable, set_input_divide_by_period

from openfisca_ass import references


class ass_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_divide_by_period
    unit = "currency"
    label = "Base de ressources de l'ASS : total des douze mois précédents, demandeur et conjoint"
    reference = references.R5423_2
    documentation = """
    Variable d'entrée possible : donnée, elle remplace le calcul. Quand les deux membres du couple
    demandent l'ASS, la base est celle du premier parent, comme dans openfisca-france.
    """

    def formula(famille, period):
        """R5423-2 : ressources du demandeur et de son conjoint, partenaire de PACS ou concubin."""
        return (
            famille.demandeur("ass_base_ressources_individu", period)
            + famille.conjoint("ass_base_ressources_conjoint", period)
            )


class ass_ressources_mensuelles(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Ressources mensuelles prises en compte pour l'ASS (douzième de la base annuelle)"
    reference = references.R5423_2

    def formula(individu, period):
        """R5423-2 : les ressources mensuelles sont le douzième des ressources des douze mois précédents."""
        return individu.famille("ass_base_ressources", period) / 12
