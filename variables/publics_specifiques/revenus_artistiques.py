"""Revenus artistiques des artistes-auteurs : ressources de la demande, pas une activité reprise (L5423-3, D5424-62)."""
from openfisca_france.model.base import MONTH, Individu, Variable

from openfisca_ass import references
from openfisca_ass.variables.publics_specifiques.public import TypesPublicSpecifiqueASS

GUIDE_ARTISTES_AUTEURS = [
    "Guide « L'Allocation de solidarité spécifique (ASS) » des artistes-auteurs, d'après France Travail, "
    "« Je suis artiste-auteur » (source secondaire [S])",
    ]


class ass_revenus_artistiques(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Revenus de l'activité artistique d'un artiste-auteur d'œuvres (droits d'auteur, ventes d'œuvres), ce mois"
    reference = references.L5423_3 + references.D5424_62 + GUIDE_ARTISTES_AUTEURS
    documentation = """
    Lecture fondée sur le guide des artistes-auteurs [S], aucun texte réglementaire lu ne le dit : les
    revenus de l'activité artistique (droits d'auteur, ventes d'œuvres, BNC) se déclarent à la demande et
    à chaque renouvellement de l'ASS, et non à l'actualisation mensuelle ; ils comptent dans les ressources
    des douze mois (R5423-2) et se cumulent sinon avec l'ASS dans la limite du plafond. Ils ne sont pas une
    activité reprise : ils n'ouvrent pas les trois mois de cumul de R5425-2, au terme desquels l'ASS
    cesserait. Pour un artiste-auteur (ass_public_specifique = artiste_auteur), le bénéfice
    micro-entrepreneur (rpns_auto_entrepreneur_benefice) est lu comme ce revenu artistique ; les BNC
    annuels (rpns_autres_revenus, rpns_micro_entreprise_benefice) comptent déjà dans les ressources sans
    jamais ouvrir le cumul. Un salaire reste, lui, une activité reprise.
    """

    def formula_2008_05_01(individu, period):
        """L5423-3 et D5424-62 1° : artistes-auteurs d'œuvres.

        Depuis la recodification du 1er mai 2008 (publics spécifiques non modélisés avant).
        """
        artiste_auteur = individu("ass_public_specifique", period) == TypesPublicSpecifiqueASS.artiste_auteur
        if not artiste_auteur.any():
            return individu.filled_array(0.0)
        return individu("rpns_auto_entrepreneur_benefice", period) * artiste_auteur
