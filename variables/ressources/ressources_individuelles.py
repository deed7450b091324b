"""Ressources de chaque membre du couple (articles R5423-2 à R5423-5 du code du travail)."""
from numpy import absolute
from openfisca_france.model.base import MONTH, Individu, Variable, set_input_divide_by_period

from openfisca_ass import references
from openfisca_ass.variables.ressources.revenus_interrompus import (
    DEBUT_DU_MODELE,
    ressource_sur_douze_mois,
    somme_sur_douze_mois,
)

# Revenus d'activité, rémunérations de stage et allocations d'assurance : les catégories que
# l'article R5423-5 neutralise ou abat lorsqu'elles sont interrompues.
REVENUS_INTERRUPTIBLES = (
    "salaire_imposable",
    "indemnites_stage",
    "revenus_stage_formation_pro",
    "indemnites_journalieres",
    "rpns_auto_entrepreneur_benefice",
    )

# Ressources imposables qui ne s'interrompent pas au sens de R5423-5 : comptées telles quelles.
REVENUS_PERMANENTS = (
    "retraite_nette",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "revenus_locatifs",
    "revenus_capital",
    )

# Bénéfices non salariaux hors micro-entrepreneur : seule l'année civile précédente est connue.
BENEFICES_ANNUELS = (
    "rpns_micro_entreprise_benefice",
    "rpns_benefice_exploitant_agricole",
    "rpns_autres_revenus",
    )


class ass_base_ressources_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_divide_by_period
    unit = "currency"
    label = "Base de ressources individuelle de l'ASS (demandeur), sur les douze mois précédents"
    reference = references.R5423_2 + references.R5423_3 + references.R5423_4 + references.R5423_5
    documentation = """
    Total des ressources imposables des douze mois précédant le mois de la demande (R5423-2), hors
    allocations exclues par R5423-3 : ni l'allocation d'assurance chômage ni l'ATI perçues par le
    demandeur lui-même, ni l'AAH, les prestations familiales ou l'allocation de logement, qui ne sont
    pas imposables. Les pensions alimentaires versées sont déduites (R5423-4). Les pensions et
    indemnités sont prises nettes, faute de montant imposable sans calcul complet de l'impôt.
    """

    def formula(individu, period, parameters):
        """R5423-2 à R5423-5 : ressources imposables des douze mois précédents, revenus interrompus traités."""
        interruptibles = sum(
            ressource_sur_douze_mois(individu, period, parameters, nom)
            for nom in REVENUS_INTERRUPTIBLES
            )
        permanents = sum(somme_sur_douze_mois(individu, period, nom) for nom in REVENUS_PERMANENTS)
        annee_precedente = period.last_year
        benefices = sum(
            individu(nom, annee_precedente) for nom in BENEFICES_ANNUELS
            ) if annee_precedente.start >= DEBUT_DU_MODELE else 0
        pensions_versees = absolute(somme_sur_douze_mois(individu, period, "pensions_alimentaires_versees_individu"))
        return interruptibles + permanents + benefices - pensions_versees


class ass_base_ressources_conjoint(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_divide_by_period
    unit = "currency"
    label = "Base de ressources individuelle de l'ASS lorsque la personne est le conjoint du demandeur"
    reference = references.R5423_2 + references.R5423_3 + references.R5423_5
    documentation = """
    Les ressources du conjoint, partenaire de PACS ou concubin comptent comme celles du demandeur,
    avec en plus son allocation d'assurance chômage : R5423-3 n'exclut que celle du demandeur.
    """

    def formula(individu, period, parameters):
        """R5423-3 1° : l'ARE n'est exclue que pour le demandeur ; celle du conjoint compte (R5423-5 appliqué)."""
        return (
            individu("ass_base_ressources_individu", period)
            + ressource_sur_douze_mois(individu, period, parameters, "chomage_net")
            )
