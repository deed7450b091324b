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
        """Depuis la recodification du 1er mai 2008 (règle antérieure non modélisée). L5423-2 : option ouverte aux
        allocataires de l'assurance chômage âgés d'au moins 50 ans.
        """
        age_minimum = parameters(period).chomage.allocations_assurance_chomage.ass.option.age_minimum
        return individu("ass_option_50_ans", period) * (individu("age", period) >= age_minimum)


class ass_demandeur_emploi_non_indemnise(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Demandeur d'emploi sans allocation d'assurance chômage ce mois, ou y ayant renoncé sur option"
    reference = references.L5423_1 + references.L5423_2

    def formula(individu, period):
        """L5423-1 : demandeur d'emploi ayant épuisé ses droits à l'allocation d'assurance ; L5423-2 : option à 50 ans.

        Le mois de la transition, l'allocation d'assurance perçue avant la date d'ouverture des droits à
        l'ASS n'y fait pas obstacle (ass_ouverture_en_cours_de_mois) : l'ASS court des jours qui suivent.
        """
        chomeur = individu("activite", period) == TypesActivite.chomeur
        transition = individu("ass_ouverture_en_cours_de_mois", period)
        sans_are = (ressource(individu, "chomage_net", period) == 0) + transition
        return chomeur * (sans_are + individu("ass_option_ouverte", period))


class ass_demandeur(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Personne au titre de laquelle la demande d'ASS est faite (le demandeur au sens de R5423-2 et R5423-3)"
    reference = references.R5423_2 + references.R5423_3 + references.L5423_1
    documentation = """
    Le demandeur est la personne dont la demande est examinée : ses ressources et celles de son conjoint,
    partenaire de PACS ou concubin forment la base (R5423-2), sa propre allocation d'assurance chômage passée
    en est exclue et celle du conjoint comptée (R5423-3 1°), quel que soit l'ordre des parents de la
    famille. Par défaut : toute personne qui remplit la condition de demandeur d'emploi non indemnisé
    (ass_demandeur_emploi_non_indemnise), ou l'allocataire qui cumule l'ASS avec une activité reprise ou
    une création d'entreprise sans allocation d'assurance. Variable d'entrée possible, pour dire qui demande
    quand les deux membres du couple le pourraient : « false » retire la demande de la personne (pas d'ASS
    pour elle), « true » ne dispense d'aucune condition. Quand les deux demandent, chaque demande a sa base
    (ass_base_ressources_demande), calculée avec sa propre exclusion ; la base de la famille
    (ass_base_ressources) est celle du parent qui remplit les conditions autres que les ressources.
    """

    def formula(individu, period):
        """L5423-1, L5423-2, R5425-2, R5141-28 : demandeur d'emploi non indemnisé, ou allocataire en cumul sans ARE."""
        cumul = individu("ass_activite_reprise", period) + individu("ass_maintien_acre", period)
        return individu("ass_demandeur_emploi_non_indemnise", period) + cumul * (
            ressource(individu, "chomage_net", period) == 0)
