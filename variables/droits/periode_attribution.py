"""Période d'attribution de six mois (neuf pour les publics spécifiques) et renouvellement (R5423-8, R5423-9)."""
import numpy
from openfisca_france.model.base import ETERNITY, MONTH, Individu, Variable, date, where

from openfisca_ass import references
from openfisca_ass.variables.droits.calendrier import DATE_INCONNUE, ajouter_mois, bornes_mois, index_mois
from openfisca_ass.variables.publics_specifiques.public import TypesPublicSpecifiqueASS


class ass_date_ouverture_droits(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    label = "Date d'ouverture des droits à l'ASS (premier jour de la première période d'attribution)"
    reference = references.R5423_8 + references.R5423_9
    documentation = """
    Variable d'entrée. Premier jour du droit à l'ASS : les périodes d'attribution s'enchaînent à partir de
    cette date, renouvelées période après période (R5423-9). Non renseignée (valeur par défaut, 1er janvier
    1970) : aucune période n'est connue, et le modèle se comporte comme openfisca-france — droit ouvert
    tout le mois, ressources des douze mois précédant le mois calculé. Après une interruption des droits,
    une nouvelle demande se décrit par une nouvelle date d'ouverture (une simulation par demande).
    """


class ass_periode_attribution_connue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "La période d'attribution de l'ASS en cours est connue (date d'ouverture renseignée et atteinte)"
    reference = references.R5423_8

    def formula(individu, period):
        """R5423-8 : une période d'attribution n'existe qu'à partir de la date d'ouverture des droits."""
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        _, dernier_jour = bornes_mois(period)
        return (ouverture != DATE_INCONNUE) * (ouverture <= dernier_jour)


class ass_ouverture_en_cours_de_mois(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Droits à l'ASS ouverts ce mois-ci après son premier jour (jours précédents couverts par l'ARE)"
    reference = references.L5423_1 + references.R5423_8
    documentation = """
    Mois de la transition de l'allocation d'assurance chômage à l'ASS. L'ASS succède à l'allocation
    d'assurance épuisée (L5423-1) et court à partir de la date d'ouverture des droits (R5423-8) : lorsque
    cette date tombe après le 1er du mois, l'allocation d'assurance déclarée ce mois-là (chomage_net) est
    lue comme versée pour les jours qui précèdent l'ouverture. Elle n'empêche alors ni la condition de
    demandeur d'emploi non indemnisé, ni la neutralisation des revenus interrompus (ce n'est plus un revenu
    de substitution à la date de la demande, R5423-5), et reste exclue des ressources comme allocation
    d'assurance du demandeur (R5423-3 1°). Lecture retenue : la date d'ouverture dit le premier jour sans
    allocation d'assurance ; elle n'est pas recoupée avec le montant de chomage_net du mois.
    """

    def formula(individu, period):
        """L5423-1 et R5423-8 : droits ouverts à une date du mois postérieure à son premier jour."""
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        premier_jour, dernier_jour = bornes_mois(period)
        return (ouverture > premier_jour) * (ouverture <= dernier_jour)


class ass_duree_periode_attribution(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Durée de la période d'attribution de l'ASS : six mois, neuf pour les publics spécifiques"
    reference = references.R5423_8 + references.L5423_3

    def formula(individu, period, parameters):
        """Avant la recodification du 1er mai 2008 : six mois pour tous (durée propre aux publics spécifiques non
        paramétrée).
        """
        duree = parameters(period).chomage.allocations_assurance_chomage.ass.duree_attribution
        return individu.filled_array(duree.droit_commun, dtype=int)

    def formula_2008_05_01(individu, period, parameters):
        """R5423-8, premier alinéa : six mois renouvelables ; neuf mois pour les publics de L5423-3 [S, article non
        lu].
        """
        duree = parameters(period).chomage.allocations_assurance_chomage.ass.duree_attribution
        specifique = individu("ass_public_specifique", period) != TypesPublicSpecifiqueASS.aucun
        return where(specifique, duree.publics_specifiques, duree.droit_commun).astype(int)


class ass_rang_periode_attribution(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = (
        "Rang de la période d'attribution en cours : 0 pour l'attribution initiale, 1 pour le premier "
        "renouvellement..."
        )
    reference = references.R5423_8 + references.R5423_9

    def formula(individu, period):
        """R5423-8 et R5423-9 : périodes successives de même durée depuis la date d'ouverture.

        La période en cours est celle qui couvre le dernier jour du mois : le mois d'une ouverture ou
        d'un renouvellement appartient à la nouvelle période. 0 lorsque la période n'est pas connue.
        """
        connue = individu("ass_periode_attribution_connue", period)
        if not connue.any():
            return individu.filled_array(0, dtype=int)
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        duree = individu("ass_duree_periode_attribution", period)
        ecart_mois = period.start.year * 12 + period.start.month - 1 - (index_mois(ouverture) + 1970 * 12)
        rang = numpy.maximum(ecart_mois, 0) // numpy.maximum(duree, 1)
        # A period whose day does not exist in its month starts on the 1st of the next month.
        _, dernier_jour = bornes_mois(period)
        rang = numpy.where((rang > 0) * (ajouter_mois(ouverture, rang * duree) > dernier_jour), rang - 1, rang)
        return rang * individu("ass_periode_attribution_connue", period)


class ass_date_debut_periode_attribution(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = MONTH
    label = "Premier jour de la période d'attribution de l'ASS en cours (ouverture ou dernier renouvellement)"
    reference = references.R5423_8 + references.R5423_9
    documentation = (
        "1er janvier 1970 (date inconnue) quand aucune date d'ouverture n'est donnée ou qu'elle est postérieure au "
        "mois."
        )

    def formula(individu, period):
        """R5423-8 et R5423-9 : date d'ouverture plus le rang de la période fois sa durée."""
        if not individu("ass_periode_attribution_connue", period).any():
            return individu.filled_array(DATE_INCONNUE)
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        decalage = individu("ass_rang_periode_attribution", period) * individu("ass_duree_periode_attribution", period)
        debut = ajouter_mois(ouverture, decalage)
        return where(individu("ass_periode_attribution_connue", period), debut, DATE_INCONNUE)


class ass_date_fin_periode_attribution(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = MONTH
    label = "Dernier jour de la période d'attribution de l'ASS en cours"
    reference = references.R5423_8 + references.R5423_9
    documentation = """
    Période d'attribution de six mois (neuf pour les publics spécifiques) comptée de date à date à partir
    de la date d'ouverture des droits et renouvelée période après période ; la période en cours est celle
    qui couvre le dernier jour du mois. Exemple : ouverture le 15 mars 2025, fin le 14 septembre 2025 pour
    les mois de mars à août 2025, puis le 14 mars 2026 à partir de septembre 2025.
    Sentinelle : 1er janvier 1970 (date par défaut d'openfisca) lorsque aucune date d'ouverture n'est
    donnée, ou qu'elle est postérieure au mois calculé ; toute comparaison « fin ≥ premier jour du mois »
    est alors fausse.
    """

    def formula(individu, period):
        """R5423-8 et R5423-9 : veille du premier jour de la période suivante."""
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        duree = individu("ass_duree_periode_attribution", period)
        rang = individu("ass_rang_periode_attribution", period)
        fin = ajouter_mois(ouverture, (rang + 1) * duree) - numpy.timedelta64(1, "D")
        return where(individu("ass_periode_attribution_connue", period), fin, DATE_INCONNUE)


class ass_mois_depuis_examen_ressources(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = (
        "Nombre de mois écoulés depuis le mois de la demande ou du renouvellement, où les ressources ont été "
        "examinées"
        )
    reference = references.R5423_9 + references.R5423_2
    documentation = """
    Les ressources sont appréciées le mois de la demande (R5423-2 : douze mois précédant celui de la
    demande) et à chaque renouvellement (R5423-9, mêmes conditions) ; le montant est ensuite fixé pour la
    période [S/U]. 0 quand la période n'est pas connue : les ressources sont alors celles des douze mois
    précédant le mois calculé, comme dans openfisca-france.
    """

    def formula(individu, period):
        """R5423-9 : le mois d'examen est celui du premier jour de la période en cours."""
        connue = individu("ass_periode_attribution_connue", period)
        if not connue.any():
            return individu.filled_array(0, dtype=int)
        debut = individu("ass_date_debut_periode_attribution", period)
        ecart = period.start.year * 12 + period.start.month - 1 - (index_mois(debut) + 1970 * 12)
        return numpy.maximum(ecart, 0) * connue


class ass_jours_droits_ouverts(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "day"
    label = (
        "Nombre de jours du mois compris dans les droits ouverts : à partir de la date d'ouverture, avant la fin de "
        "droit liée à l'âge"
        )
    reference = references.R5423_8 + references.L5421_4

    def formula(individu, period):
        """R5423-8 (droit à partir de la date d'ouverture) et L5421-4 (versement cessant le jour de l'âge limite).

        Sans date d'ouverture, tout le mois ; le mois où l'âge de fin de droit est atteint, les jours
        précédant ce jour seulement.
        """
        premier_jour, dernier_jour = bornes_mois(period)
        ouverture = individu("ass_date_ouverture_droits", period).astype("datetime64[D]")
        debut = numpy.maximum(ouverture, premier_jour)
        fin_age = individu("ass_date_fin_droits_age", period).astype("datetime64[D]")
        fin = numpy.minimum(fin_age - numpy.timedelta64(1, "D"), dernier_jour)
        return numpy.maximum((fin - debut).astype(int) + 1, 0)
