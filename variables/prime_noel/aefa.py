"""Aide exceptionnelle de fin d'année : ASS de novembre ou décembre, montant propre à Mayotte (décrets annuels)."""
from openfisca_france.model.base import ADD, YEAR, Famille, Variable, where
from openfisca_france.model.prestations.minima_sociaux.aefa import aefa as aefa_france

from openfisca_ass import references


def droit_ouvert_par_ass_novembre_ou_decembre(famille, period):
    """Décrets annuels : la prime va aux allocataires du RSA, de l'AER ou de l'API de l'année (conditions
    d'openfisca-france) et, pour l'ASS, seulement à qui y a droit pour novembre ou, à défaut, décembre.

    La formule d'openfisca-france ouvre la prime pour une ASS versée n'importe quel mois de l'année ; son
    montant ne dépend pas de la prestation qui l'ouvre, sauf les majorations, que seul le RSA apporte.
    Multiplier le résultat d'openfisca-france par cette condition restreint celle de l'ASS et ne change
    rien d'autre.
    """
    novembre = period.first_month.offset(10)
    decembre = period.first_month.offset(11)
    ass_fin_annee = famille.sum(famille.members("ass", novembre) + famille.members("ass", decembre))
    autres = (
        (famille("rsa", period, options=[ADD]) > 0)
        + (famille.sum(famille.members("aer", period, options=[ADD])) > 0)
        + (famille("api", period, options=[ADD]) > 0)
        )
    return autres + (ass_fin_annee > 0)


class aefa(Variable):
    value_type = float
    entity = Famille
    definition_period = YEAR
    unit = "currency"
    label = "Aide exceptionnelle de fin d'année (prime de Noël)"
    reference = aefa_france.reference + references.DECRET_AEFA_2018
    documentation = """
    Variable d'openfisca-france remplacée pour deux motifs. 1. Les décrets annuels attribuent la prime aux
    allocataires de l'ASS « au titre du mois de novembre ou, à défaut, de décembre » : openfisca-france
    retient l'ASS perçue à n'importe quel mois de l'année (une ASS arrêtée en août ouvrait la prime) ; ici,
    il faut de l'ASS en novembre ou en décembre. Les conditions du RSA, de l'AER et de l'API restent
    celles d'openfisca-france. 2. À Mayotte, la prime versée par France Travail aux allocataires de l'ASS
    (ou de l'AER) est de 76,22 € et non de 152,45 €. Un foyer qui perçoit aussi le RSA reçoit une seule
    prime, celle du RSA, calculée comme dans openfisca-france.
    """

    def formula_2002_01_01(famille, period, parameters):
        """Formule d'openfisca-france (prime exceptionnelle de 2008 comprise).

        Décrets annuels : l'ASS n'ouvre la prime que due pour novembre ou, à défaut, pour décembre.
        """
        montant = aefa_france.formula_2002_01_01(famille, period, parameters)
        return montant * droit_ouvert_par_ass_novembre_ou_decembre(famille, period)

    def formula_2009_01_01(famille, period, parameters):
        """Formule d'openfisca-france depuis 2009 : montant de base, majoré selon la composition du foyer pour le RSA.

        Décrets annuels : l'ASS n'ouvre la prime que due pour novembre ou, à défaut, pour décembre.
        """
        montant = aefa_france.formula_2009_01_01(famille, period, parameters)
        return montant * droit_ouvert_par_ass_novembre_ou_decembre(famille, period)

    def formula_2012_07_01(famille, period, parameters):
        """Décrets annuels : ASS due pour novembre ou, à défaut, décembre ; 76,22 € à Mayotte.

        À Mayotte, 76,22 € pour les allocataires de l'ASS ou de l'AER qui ne perçoivent pas le RSA.
        """
        montant = aefa_france.formula_2009_01_01(famille, period, parameters)
        montant = montant * droit_ouvert_par_ass_novembre_ou_decembre(famille, period)
        decembre = period.first_month.offset(11)
        mayotte = famille.demandeur.menage("residence_mayotte", decembre)
        rsa = famille("rsa", period, options=[ADD])
        montant_mayotte = parameters(decembre).chomage.allocations_assurance_chomage.ass.prime_noel.montant_mayotte
        return where(mayotte * (rsa <= 0) * (montant > 0), montant_mayotte, montant)
