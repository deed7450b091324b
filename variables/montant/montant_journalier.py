"""Montant journalier et plafond de ressources (article R5423-1 3° du code du travail)."""
from openfisca_france.model.base import MONTH, Individu, Variable, where

from openfisca_ass import references


class ass_montant_journalier(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Montant journalier à taux plein de l'ASS applicable (métropole ou Mayotte)"
    reference = references.R5423_1 + [references.SERVICE_PUBLIC]

    def formula(individu, period, parameters):
        """Taux plein fixé par décret et revalorisé chaque 1er avril (L5423-6) ; taux propre à Mayotte."""
        ass = parameters(period).chomage.allocations_assurance_chomage.ass
        return where(individu.menage("residence_mayotte", period), ass.montant_plein_mayotte, ass.montant_plein)


class ass_plafond_ressources(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Plafond mensuel de ressources de l'ASS (70 ou 110 fois le montant journalier)"
    reference = references.R5423_1

    def formula(individu, period, parameters):
        """R5423-1 3° : 70 fois le montant journalier pour une personne seule, 110 fois pour un couple."""
        ass = parameters(period).chomage.allocations_assurance_chomage.ass
        multiple = where(individu.famille("en_couple", period), ass.plaf_coup, ass.plaf_seul)
        return multiple * individu("ass_montant_journalier", period)
