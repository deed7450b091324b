"""Éligibilité individuelle à l'ASS (articles L5423-1, L5423-7, L5421-4 et R5423-1 du code du travail)."""
from openfisca_france.model.base import MONTH, Individu, TypesActivite, Variable, set_input_dispatch_by_period

from openfisca_ass import references
from openfisca_ass.variables.ressources.revenus_interrompus import ressource


class ass_eligibilite_individu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Éligibilité individuelle à l'ASS (hors condition de ressources)"
    reference = references.L5423_1 + references.R5423_1 + references.L5421_4 + references.L5423_2 + references.R5141_28
    documentation = """
    La condition de ressources (plafond) est appliquée par le calcul du montant, `ass`.
    """

    def formula(individu, period):
        """L5423-1, L5423-2, R5423-1 1°, L5421-4, L5423-7, R5425-2 et R5141-28 réunis.

        Demandeur d'emploi sans allocation d'assurance ou y ayant renoncé sur option à 50 ans (ou allocataire
        qui a repris une activité et peut encore la cumuler, ou créateur d'entreprise admis à l'ACRE dans
        l'année de la création), condition d'activité antérieure (ou de son public spécifique), sous l'âge
        limite, sans AAH exclusive ; la personne doit être demandeur (ass_demandeur, qui permet de retirer
        la demande d'un membre du couple).
        """
        activite_reprise = individu("ass_activite_reprise", period)
        maintien_acre = individu("ass_maintien_acre", period)
        # Personne n'est demandeur d'emploi, en reprise d'activité ni créateur admis à l'ACRE ce mois : personne
        # n'est éligible. Les autres conditions ne sont alors pas calculées : elles lisent des chaînes
        # d'openfisca-france (allocation d'assurance et son taux de CSG, AAH et ses ressources de N-2) qui,
        # l'ASS étant imposable, relisent l'ASS de N-2, et ainsi de suite d'année en année jusqu'en 2003.
        chomeur = individu("activite", period) == TypesActivite.chomeur
        if not (chomeur + activite_reprise + maintien_acre).any():
            return individu.filled_array(False)
        inscrit_ou_actif = individu("ass_demandeur_emploi_non_indemnise", period) + (
            (activite_reprise + maintien_acre) * (ressource(individu, "chomage_net", period) == 0)
            )
        cumul_admis = ~activite_reprise + individu("ass_eligibilite_cumul_individu", period) + maintien_acre
        return (
            inscrit_ou_actif
            * individu("ass_demandeur", period)
            * cumul_admis
            * individu("ass_precondition_remplie", period)
            * individu("ass_sous_age_limite", period)
            * ~individu("ass_exclue_par_aah", period)
            )
