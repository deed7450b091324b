"""Cessation définitive de l'ASS : le fait que R262-13 du CASF exige pour neutraliser l'allocation dans le RSA."""
import numpy
from openfisca_france.model.base import MONTH, Individu, Variable

from openfisca_ass import references
from openfisca_ass.variables.droits.calendrier import bornes_mois

# Months of the current award period looked at for a refused renewal: the RSA's reference months are
# at most the four months before the one computed (three, shifted by one in the experimenting départements).
MOIS_SANS_RENOUVELLEMENT = 3


def fin_sans_renouvellement(individu, period):
    """True where the award period current in ``period`` was not renewed: no ASS from its first month on.

    The award period of rank 1 or more starting in month d ≤ ``period`` follows a period in which ASS was
    paid (d − 1), and nothing has been paid since d: the renewal (R5423-9) was refused. Computed only for
    the persons concerned, over the few months that the RSA reads anyway.
    """
    connue = individu("ass_periode_attribution_connue", period)
    depuis = individu("ass_mois_depuis_examen_ressources", period)
    candidats = connue * (individu("ass_rang_periode_attribution", period) >= 1) * (depuis <= MOIS_SANS_RENOUVELLEMENT)
    resultat = individu.filled_array(False)
    if not candidats.any():
        return resultat
    montants = [individu("ass", period.offset(-k)) for k in range(MOIS_SANS_RENOUVELLEMENT + 2)]
    for k in range(MOIS_SANS_RENOUVELLEMENT + 1):
        rien_depuis = numpy.logical_and.reduce([montants[j] == 0 for j in range(k + 1)])
        resultat = resultat + candidats * (depuis == k) * rien_depuis * (montants[k + 1] > 0)
    return resultat


def cessation_legislation_actuelle(individu, period):
    """Certain end of ASS under the current law: age stop, AAH exclusion, award period not renewed.

    Shared with the abolition reforms, which add the abolition itself.
    """
    _, dernier_jour = bornes_mois(period)
    age = individu("ass_date_fin_droits_age", period).astype("datetime64[D]") <= dernier_jour
    aah = individu("ass_exclue_par_aah", period)
    return age + aah + fin_sans_renouvellement(individu, period)


class ass_cessation_definitive(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "La perception de l'ASS a cessé de manière certaine au plus tard le dernier jour du mois"
    reference = references.CASF_R262_13 + references.L5421_4 + references.L5423_7 + references.R5423_9
    documentation = """
    R262-13 du CASF ne neutralise l'ASS dans le RSA que « lorsqu'il est justifié que la perception de ces
    revenus est interrompue de manière certaine ». Le modèle le sait dans les cas suivants :
    l'âge de fin de droit est atteint (L5421-4 : le droit ne reprendra pas) ; l'AAH exclut l'ASS (L5423-7,
    notamment à la fin du cumul des droits acquis en 2016) ; la période d'attribution a pris fin sans
    renouvellement (R5423-9 : rien n'est versé depuis le premier mois de la nouvelle période alors que
    l'ASS l'était le mois d'avant) ; et, dans les réformes de suppression, l'ASS que la législation actuelle
    verserait est supprimée (la réforme remplace cette variable). Une interruption en cours de période
    (reprise d'activité au-delà du cumul, perte de l'inscription) n'est pas certaine : l'ASS peut reprendre
    dans la période, elle n'est pas neutralisée. Lecture retenue : la cessation vaut pour le mois où elle
    intervient quand elle a lieu avant son dernier jour (CNAF : « à compter du mois de fin de perception »),
    sinon pour le mois suivant. Variable que les réformes peuvent remplacer.
    """

    def formula(individu, period):
        """R262-13 du CASF : ASS interrompue de manière certaine (âge, AAH, fin de période sans renouvellement)."""
        return cessation_legislation_actuelle(individu, period)
