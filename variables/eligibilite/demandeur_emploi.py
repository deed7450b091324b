"""Demandeur d'emploi ayant épuisé ses droits à l'assurance chômage, ou ayant opté pour l'ASS (L5423-1, L5423-2)."""
from openfisca_france.model.base import MONTH, Individu, TypesActivite, Variable, set_input_dispatch_by_period

from openfisca_ass import references
from openfisca_ass.variables.ressources.revenus_interrompus import ressource


class ass_option_50_ans(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "A opté pour l'ASS au lieu de l'allocation d'assurance chômage (allocataire de 50 ans ou plus)"
    reference = references.L5423_2
    documentation = """
    Variable d'entrée. Un allocataire de l'allocation d'assurance âgé de 50 ans ou plus qui remplit les
    conditions de l'ASS peut opter pour elle (en pratique quand elle est plus élevée) ; le versement de
    l'allocation d'assurance cesse alors. Le modèle ne modifie pas l'entrée chomage_net : les mois qui
    suivent l'option, ne déclarez plus d'allocation d'assurance ; le mois de l'option, une allocation
    d'assurance encore déclarée n'empêche pas l'ASS.
    """


class ass_option_ouverte(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Peut bénéficier de l'ASS sur option malgré son allocation d'assurance chômage (50 ans ou plus)"
    reference = references.L5423_2

    def formula_2008_05_01(individu, period, parameters):
        """Depuis la recodification du 1er mai 2008 (règle antérieure non modélisée). L5423-2 : option ouverte aux allocataires de l'assurance chômage âgés d'au moins 50 ans."""
        age_minimum = parameters(period).chomage.allocations_assurance_chomage.ass.option.age_minimum
        return individu("ass_option_50_ans", period) * (individu("age", period) >= age_minimum)


class ass_demandeur_emploi_non_indemnise(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Demandeur d'emploi sans allocation d'assurance chômage ce mois, ou y ayant renoncé sur option"
    reference = references.L5423_1 + references.L5423_2

    def formula(individu, period):
        """L5423-1 : demandeur d'emploi ayant épuisé ses droits à l'allocation d'assurance ; L5423-2 : option à 50 ans."""
        chomeur = individu("activite", period) == TypesActivite.chomeur
        sans_are = ressource(individu, "chomage_net", period) == 0
        return chomeur * (sans_are + individu("ass_option_ouverte", period))
