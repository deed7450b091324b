"""Base de ressources du foyer (article R5423-2 du code du travail)."""
import numpy
from openfisca_france.model.base import MONTH, Famille, Individu, Variable, set_input_divide_by_period, where

from openfisca_ass import references


class ass_base_ressources_demande(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Base de ressources de la demande d'ASS de cette personne, avec son conjoint, sur douze mois"
    reference = references.R5423_2 + references.R5423_3
    documentation = """
    Base propre à chaque demande : les ressources de la personne, sans sa propre allocation d'assurance
    chômage (ass_base_ressources_individu), plus celles de l'autre parent de la famille, son allocation
    d'assurance comprise (ass_base_ressources_conjoint). Ne dépend pas de l'ordre des parents. Quand les
    deux membres du couple demandent l'ASS, chacun a ainsi sa base, calculée avec sa propre exclusion.
    Une personne qui n'est pas parent de sa famille (un enfant majeur) n'a que ses propres ressources.
    Lorsque ass_base_ressources (famille) est donnée en entrée, comme dans une requête écrite pour
    openfisca-france, c'est elle qui vaut pour chaque membre.
    """

    def formula(individu, period):
        """R5423-2 : ressources du demandeur et de son conjoint ; R5423-3 1° : seule l'ARE du demandeur est exclue."""
        # Donnée pour la famille (requête au format d'openfisca-france) : elle remplace le calcul pour
        # chaque membre. Calculée, la base de la famille calcule d'abord cette variable : connue ici, c'est
        # donc une entrée.
        if individu.simulation.get_holder("ass_base_ressources").get_array(period) is not None:
            return individu.famille("ass_base_ressources", period)
        # Une comparaison de rôle (enfants) au lieu de deux (sous-rôles des parents) : 75 ms par million.
        parent = ~individu.has_role(Famille.ENFANT)
        comme_conjoint = individu("ass_base_ressources_conjoint", period) * parent
        autre_parent = individu.famille.sum(comme_conjoint) - comme_conjoint
        return individu("ass_base_ressources_individu", period) + autre_parent


class ass_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_divide_by_period
    unit = "currency"
    label = "Base de ressources de l'ASS : total des douze mois précédents, demandeur et conjoint"
    reference = references.R5423_2 + references.R5423_3
    documentation = """
    Variable d'openfisca-france, même sens : la base de la demande du demandeur de la famille, quel que
    soit l'ordre des parents. Le demandeur est le parent qui remplit les conditions de l'ASS autres que
    les ressources (ass_eligibilite_individu, qui comprend ass_demandeur) : un conjoint encore indemnisé
    par l'assurance chômage, ou salarié sans condition d'activité antérieure, ne l'est pas. Quand les deux
    parents les remplissent, chaque demande a sa propre base (ass_base_ressources_demande) et la famille
    renvoie la plus élevée des deux : celle qui, appliquée aux deux demandes comme le fait
    openfisca-france, ne verse jamais plus que la demande elle-même. Quand aucun ne les remplit, la plus
    élevée des bases des parents. Variable d'entrée possible : donnée, elle remplace le calcul pour chaque
    membre de la famille.
    """

    def formula(famille, period):
        """R5423-2 et R5423-3 1° : base de la demande du demandeur, sa propre ARE exclue, celle du conjoint comptée."""
        base = famille.members("ass_base_ressources_demande", period)
        parent = famille.members.has_role(Famille.PARENT)
        # Lit l'éligibilité (qui ne dépend pas des ressources) : le demandeur remplit les autres conditions.
        demandeur = famille.members("ass_eligibilite_individu", period) * parent
        base_demandeurs = famille.max(where(demandeur, base, -numpy.inf), role=Famille.PARENT)
        base_parents = famille.max(base, role=Famille.PARENT)
        return where(famille.any(demandeur, role=Famille.PARENT), base_demandeurs, base_parents)


class ass_ressources_mensuelles(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Ressources mensuelles prises en compte pour l'ASS (douzième de la base annuelle)"
    reference = references.R5423_2 + references.R5423_9

    def formula(individu, period):
        """R5423-2 et R5423-9 : douzième des ressources des douze mois précédant le mois de la demande ou du
        renouvellement.

        Ce mois est celui où commence la période d'attribution en cours (droits/, qui ne lit que des
        entrées) ; le montant en découle pour toute la période. Sans date d'ouverture des droits, le mois
        calculé lui-même, comme dans openfisca-france. La base est celle de la demande de la personne
        (ass_base_ressources_demande) : chaque membre du couple qui demande a la sienne.
        """
        base = individu("ass_base_ressources_demande", period)
        decalage = individu("ass_mois_depuis_examen_ressources", period)
        # One pass per distinct offset (at most 8), never per person.
        for mois in numpy.unique(decalage[decalage > 0]):
            base = where(decalage == mois, individu("ass_base_ressources_demande", period.offset(-int(mois))), base)
        return base / 12
