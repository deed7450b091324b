"""Non-cumul de l'ASS et de l'AAH (article L5423-7 du code du travail)."""
from openfisca_france.model.base import MONTH, Individu, Variable, set_input_dispatch_by_period

from openfisca_ass import references


class ass_aah_droits_acquis_2016(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Avait droit à la fois à l'ASS et à l'AAH au 31 décembre 2016"
    reference = references.L5423_7
    documentation = "Variable d'entrée : seul qui cumulait les deux droits au 31 décembre 2016 les garde."


class ass_exclue_par_aah(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "L'AAH perçue exclut l'ASS ce mois"
    reference = references.L5423_7
    documentation = """
    L'AAH n'est pas une ressource de l'ASS (elle n'est pas imposable) : elle joue seulement sur
    l'éligibilité, par le non-cumul de L5423-7, sauf droits acquis au 31 décembre 2016.
    """

    def formula(individu, period, parameters):
        """L5423-7 : pas d'ASS pour un allocataire de l'AAH, sauf droits acquis fin 2016 et jusqu'à leur terme."""
        aah = parameters(period).chomage.allocations_assurance_chomage.ass.aah
        maintien = aah.maintien_droits_acquis * individu("ass_aah_droits_acquis_2016", period)
        # openfisca-france's aah is aah_eligible × amount: nobody eligible and no aah given, no AAH to compute.
        if individu.get_holder("aah").get_known_periods() or individu("aah_eligible", period).any():
            percue = individu("aah", period) > 0
        else:
            percue = individu.filled_array(False)
        return aah.exclusion_cumul * percue * (1 - maintien) > 0
