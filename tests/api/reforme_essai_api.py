"""Réforme d'essai pour /compare : taux journalier plein de l'ASS relevé de 1 € à partir de 2025.

Définie ici pour que les tests de /compare ne dépendent pas d'une réforme du paquet qui peut changer ;
le serveur de test l'importe (son dossier est ajouté à son PYTHONPATH et au registre de /compare).
"""
from openfisca_core import periods
from openfisca_core.reforms import Reform


def _relever(parametres):
    montant = parametres.chomage.allocations_assurance_chomage.ass.montant_plein
    # 19.33 € en mai 2025 → 20.33 € : l'écart attendu sur un mois de 31 jours est 31 × 1 = 31 €.
    montant.update(period=periods.period("year:2025:10"), value=montant("2025-05-01") + 1)
    return parametres


class reforme_essai_api(Reform):
    """Essai : taux journalier plein de l'ASS + 1 € à partir de 2025."""

    name = "Taux journalier plein de l'ASS relevé de 1 €"

    def apply(self):
        self.modify_parameters(modifier_function=_relever)
