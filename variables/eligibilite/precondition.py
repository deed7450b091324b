"""Condition d'activité antérieure (article R5423-1 1° du code du travail)."""
from openfisca_france.model.base import Individu, MONTH, Variable, set_input_dispatch_by_period

from openfisca_ass import references


class ass_precondition_remplie(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Remplit la condition d'activité antérieure de l'ASS (5 ans d'activité salariée dans les 10 ans)"
    reference = references.R5423_1
    documentation = """
    Cinq ans d'activité salariée dans les dix ans précédant la fin du contrat de travail qui a ouvert
    les droits à l'allocation d'assurance, réduits d'un an par enfant élevé dans la limite de trois.
    Variable d'entrée, comme dans openfisca-france.
    """
