"""Condition d'activité antérieure (article R5423-1 1° du code du travail ; publics spécifiques : L5423-3)."""
from openfisca_france.model.base import MONTH, Individu, Variable, min_, set_input_dispatch_by_period

from openfisca_ass import references


class ass_annees_activite_salariee(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "year"
    label = (
        "Années d'activité salariée, périodes assimilées comprises, dans les dix ans précédant la fin du contrat de "
        "travail"
        )
    reference = references.R5423_1 + [references.SERVICE_PUBLIC]
    documentation = """
    Variable d'entrée. Dix ans précédant la fin du contrat de travail à partir de laquelle les droits à
    l'allocation d'assurance ont été ouverts (et non l'inscription comme demandeur d'emploi). Temps plein
    ou partiel, tout contrat, en France, dans l'Union européenne, l'Espace économique européen ou en Suisse.
    Périodes assimilées : service national, formation professionnelle, et d'après le formulaire de demande
    arrêts maladie indemnisés, service civique, volontariat, aide à une personne handicapée [S] (liste
    réglementaire exacte non relue [U]). Le chômage indemnisé n'est plus assimilé depuis 1997.
    """


class ass_nombre_enfants_eleves(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Nombre d'enfants pour l'éducation desquels l'activité salariée a été interrompue"
    reference = references.R5423_1 + ["Code de la sécurité sociale, article R342-2"]
    documentation = "Variable d'entrée : enfants à charge ou élevés au sens de R342-2 du code de la sécurité sociale."


class ass_annees_activite_requises(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "year"
    label = "Durée d'activité salariée exigée, après réduction pour enfants élevés"
    reference = references.R5423_1

    def formula(individu, period, parameters):
        """R5423-1 1°, dernière phrase : cinq ans réduits d'un an par enfant, dans la limite de trois ans."""
        condition = parameters(period).chomage.allocations_assurance_chomage.ass.activite_anterieure
        reduction = min_(
            individu("ass_nombre_enfants_eleves", period) * condition.reduction_par_enfant,
            condition.reduction_maximale,
            )
        return condition.annees_requises - reduction


class ass_condition_activite_salariee(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Remplit la condition de cinq ans d'activité salariée dans les dix ans (droit commun)"
    reference = references.R5423_1

    def formula(individu, period):
        """R5423-1 1° : années d'activité salariée dans la fenêtre de dix ans au moins égales à la durée exigée."""
        return individu("ass_annees_activite_salariee", period) >= individu("ass_annees_activite_requises", period)


class ass_precondition_remplie(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = (
        "Remplit la condition d'activité antérieure de l'ASS (5 ans d'activité salariée dans les 10 ans, ou public "
        "spécifique)"
        )
    reference = references.R5423_1 + references.L5423_3 + references.D5424_62
    documentation = """
    Cinq ans d'activité salariée dans les dix ans précédant la fin du contrat de travail qui a ouvert
    les droits à l'allocation d'assurance, réduits d'un an par enfant élevé dans la limite de trois ;
    ou, pour les publics spécifiques (artistes, marins-pêcheurs, dockers occasionnels), la condition
    propre à leur public. Peut toujours être donnée en entrée, comme dans openfisca-france : la valeur
    donnée l'emporte sur le calcul. Sans aucune entrée, la condition n'est pas remplie (comme dans
    openfisca-france, dont la valeur par défaut est « faux »).
    """

    def formula(individu, period):
        """R5423-1 1° (droit commun) ou L5423-3 et D5424-62 (publics spécifiques), qui le remplacent."""
        return individu("ass_condition_activite_salariee", period) + individu("ass_condition_public_specifique", period)
