"""Aide exceptionnelle de fin d'année : montant propre à Mayotte pour les allocataires de l'ASS (décrets annuels)."""
from openfisca_france.model.base import ADD, YEAR, Famille, Variable, where
from openfisca_france.model.prestations.minima_sociaux.aefa import aefa as aefa_france

from openfisca_ass import references


class aefa(Variable):
    value_type = float
    entity = Famille
    definition_period = YEAR
    unit = "currency"
    label = "Aide exceptionnelle de fin d'année (prime de Noël)"
    reference = aefa_france.reference + references.DECRET_AEFA_2018
    documentation = """
    Variable d'openfisca-france remplacée pour un seul motif : à Mayotte, la prime versée par France Travail
    aux allocataires de l'ASS (ou de l'AER) est de 76,22 € et non de 152,45 €. Un foyer qui perçoit aussi le
    RSA reçoit une seule prime, celle du RSA, calculée comme dans openfisca-france. Ailleurs, et pour les
    années antérieures à l'extension de l'ASS à Mayotte, les formules d'openfisca-france sont reprises
    telles quelles. Écart connu et conservé : openfisca-france retient l'ASS perçue à n'importe quel mois de
    l'année, et non seulement en novembre ou décembre.
    """

    def formula_2002_01_01(famille, period, parameters):
        """Formule d'openfisca-france (prime exceptionnelle de 2008 comprise)."""
        return aefa_france.formula_2002_01_01(famille, period, parameters)

    def formula_2009_01_01(famille, period, parameters):
        """Formule d'openfisca-france depuis 2009 : montant de base, majoré selon la composition du foyer pour le RSA."""
        return aefa_france.formula_2009_01_01(famille, period, parameters)

    def formula_2012_07_01(famille, period, parameters):
        """Décrets annuels : 76,22 € à Mayotte pour les allocataires de l'ASS ou de l'AER qui ne perçoivent pas le RSA."""
        montant = aefa_france.formula_2009_01_01(famille, period, parameters)
        decembre = period.first_month.offset(11)
        mayotte = famille.demandeur.menage("residence_mayotte", decembre)
        rsa = famille("rsa", period, options=[ADD])
        montant_mayotte = parameters(decembre).chomage.allocations_assurance_chomage.ass.prime_noel.montant_mayotte
        return where(mayotte * (rsa <= 0) * (montant > 0), montant_mayotte, montant)
