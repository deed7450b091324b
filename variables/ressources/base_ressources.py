"""Base de ressources du foyer (article R5423-2 du code du travail)."""
import numpy
from openfisca_france.model.base import MONTH, Famille, Individu, Variable, set_input_divide_by_period, where

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
    reference = references.R5423_2 + references.R5423_9

    def formula(individu, period):
        """R5423-2 et R5423-9 : douzième des ressources des douze mois précédant le mois de la demande ou du renouvellement.

        Ce mois est celui où commence la période d'attribution en cours (droits/, qui ne lit que des
        entrées) ; le montant en découle pour toute la période. Sans date d'ouverture des droits, le mois
        calculé lui-même, comme dans openfisca-france.
        """
        base = individu.famille("ass_base_ressources", period)
        decalage = individu("ass_mois_depuis_examen_ressources", period)
        # One pass per distinct offset (at most 8), never per person.
        for mois in numpy.unique(decalage[decalage > 0]):
            base = where(decalage == mois, individu.famille("ass_base_ressources", period.offset(-int(mois))), base)
        return base / 12
