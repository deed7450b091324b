"""Revenus interrompus : neutralisation ou abattement de 30 % (article R5423-5 du code du travail)."""
from openfisca_core.periods import Period
from openfisca_france.model.base import ADD, Individu, MONTH, Variable, where

from openfisca_ass import references


def douze_mois_precedents(period):
    """The 12 months before the month of the claim (R5423-2: « douze mois précédant celui de la demande »)."""
    return Period(("month", period.start, 12)).offset(-12)


def ressource_sur_douze_mois(individu, period, parameters, nom):
    """Total of resource ``nom`` over the 12 previous months, after the R5423-5 rule.

    A resource received during the reference period but no longer received in the month of the
    claim is interrupted: ignored if the person has no substitution income, counted for 70 % if she
    has one.
    """
    total = individu(nom, douze_mois_precedents(period), options=[ADD])
    interrompue = (total > 0) * (individu(nom, period) == 0)
    if not interrompue.any():
        return total
    abattements = parameters(period).chomage.allocations_assurance_chomage.ass
    taux = where(
        individu("ass_revenu_de_substitution", period),
        abattements.abat_rev_subst_conj,
        abattements.abat_rev_non_subst_conj,
        )
    return where(interrompue, (1 - taux) * total, total)


class ass_revenu_de_substitution(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Perçoit un revenu de substitution à la date de la demande d'ASS"
    reference = references.R5423_5
    documentation = """
    Revenu de substitution au sens de l'article R5423-5 : allocation d'assurance chômage, indemnités
    journalières, pension de retraite ou d'invalidité perçues le mois de la demande. L'article apprécie
    la situation « à la date de la demande » : l'ARE épuisée du demandeur n'en est donc pas un, alors
    qu'openfisca-france regarde le mois précédent.
    """

    def formula(individu, period):
        """R5423-5 : le revenu de substitution s'apprécie le mois de la demande."""
        return (
            individu("chomage_net", period)
            + individu("indemnites_journalieres", period)
            + individu("retraite_nette", period)
            + individu("pensions_invalidite", period)
            ) > 0
