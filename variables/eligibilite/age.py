"""Fin de l'ASS à l'âge légal avec le taux plein, ou à l'âge du taux plein automatique (article L5421-4 du code du
travail).
"""
import numpy
from openfisca_france.model.base import MONTH, Individu, Variable, date, set_input_dispatch_by_period, where

from openfisca_ass import references
from openfisca_ass.variables.droits.calendrier import aaaammjj_entiers, ajouter_mois, bornes_mois


def date_naissance_retenue(individu, period):
    """Date of birth (numpy datetime64[D]) used for the age stop.

    ``date_naissance`` when the request gives it; otherwise (a request giving only ``age`` or ``age_en_mois``)
    the first day of the birth month deduced from ``age_en_mois``, as openfisca-france does.
    """
    if individu.get_holder("date_naissance").get_known_periods():
        return individu("date_naissance", period).astype("datetime64[D]")
    premier_jour, _ = bornes_mois(period)
    mois = premier_jour.astype("datetime64[M]") - individu("age_en_mois", period).astype("timedelta64[M]")
    return mois.astype("datetime64[D]")


def aaaammjj(dates):
    """Dates as integers YYYYMMDD, the thresholds of the cohort scales."""
    dates = numpy.asarray(dates, dtype="datetime64[D]")
    mois = dates.astype("datetime64[M]")
    annee = mois.astype("datetime64[Y]").astype(int) + 1970
    numero_mois = mois.astype(int) % 12 + 1
    jour = (dates - mois.astype("datetime64[D]")).astype(int) + 1
    return annee * 10000 + numero_mois * 100 + jour


class ass_date_naissance_retenue(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date de naissance retenue pour la fin de droit à l'âge (donnée, ou déduite de l'âge en mois)"
    reference = references.L5421_4

    def formula(individu, period):
        """L5421-4 : la génération se lit sur la date de naissance ; calculée une fois par mois."""
        return date_naissance_retenue(individu, period)


class ass_naissance_aaaammjj(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Date de naissance retenue, en entier AAAAMMJJ (seuils des barèmes par génération)"
    reference = references.L5421_4

    def formula(individu, period):
        """L5421-4 : seuils des barèmes par génération."""
        return aaaammjj_entiers(individu("ass_date_naissance_retenue", period))


class ass_trimestres_valides_tous_regimes(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "quarter"
    label = "Trimestres d'assurance vieillesse déjà validés, tous régimes de base, périodes assimilées comprises"
    reference = references.L5421_4 + references.CSS_L351_1
    documentation = """
    Variable d'entrée (0 par défaut : la fin de droit à l'âge légal ne joue pas, seul l'âge du taux plein
    automatique arrête l'ASS). Sert à savoir si la durée d'assurance du taux plein est atteinte.
    """


class ass_age_limite(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Âge (en mois) auquel l'ASS cesse en tout état de cause : âge du taux plein automatique"
    reference = references.L5421_4 + ["Code de la sécurité sociale, article L351-8 1°"]

    def formula(individu, period, parameters):
        """L5421-4 2° : l'âge du taux plein automatique de la génération (65 à 67 ans)."""
        naissance = individu("ass_naissance_aaaammjj", period)
        bareme = parameters(period).chomage.allocations_assurance_chomage.ass.age_limite.age_taux_plein_automatique
        return numpy.round(bareme.calc(naissance)).astype(int)


class ass_duree_taux_plein_atteinte(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "A validé le nombre de trimestres requis pour le taux plein de sa génération"
    reference = references.L5421_4 + references.CSS_L351_1

    def formula_2011_07_01(individu, period, parameters):
        """L5421-4 1° et L351-1 du code de la sécurité sociale : trimestres validés ≥ trimestres requis de la
        génération.
        """
        naissance = individu("ass_naissance_aaaammjj", period)
        bareme = parameters(period).chomage.allocations_assurance_chomage.ass.age_limite.trimestres_taux_plein
        return individu("ass_trimestres_valides_tous_regimes", period) >= bareme.calc(naissance)


class ass_age_fin_droits(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = (
        "Âge (en mois) auquel l'ASS cesse pour cette personne : âge légal si le taux plein est acquis, sinon âge du "
        "taux plein automatique"
        )
    reference = references.L5421_4 + references.CSS_L161_17_2

    def formula(individu, period, parameters):
        """L5421-4 : 2° âge du taux plein automatique, dans tous les cas ; 1° âge légal dès que la durée du taux plein
        est atteinte.
        """
        automatique = individu("ass_age_limite", period)
        bareme = parameters(period).chomage.allocations_assurance_chomage.ass.age_limite.age_legal
        legal = numpy.round(bareme.calc(individu("ass_naissance_aaaammjj", period))).astype(int)
        return where(individu("ass_duree_taux_plein_atteinte", period), numpy.minimum(legal, automatique), automatique)


class ass_date_fin_droits_age(Variable):
    value_type = date
    entity = Individu
    definition_period = MONTH
    label = "Date à laquelle l'ASS cesse d'être versée en raison de l'âge (jour anniversaire de l'âge de fin de droit)"
    reference = references.L5421_4

    def formula(individu, period):
        """L5421-4 : le versement cesse le jour où l'âge est atteint ; l'ASS est due jusqu'à la veille."""
        naissance = individu("ass_date_naissance_retenue", period).astype("datetime64[D]")
        age_fin = individu("ass_age_fin_droits", period)
        # Few distinct (birth date, age) pairs in a population: the calendar arithmetic on those only.
        cle = naissance.astype(numpy.int64) * 4096 + age_fin
        uniques, inverse = numpy.unique(cle, return_inverse=True)
        return ajouter_mois((uniques // 4096).astype("datetime64[D]"), uniques % 4096)[inverse]


class ass_sous_age_limite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "N'a pas atteint, au premier jour du mois, l'âge auquel l'ASS cesse"
    reference = references.L5421_4

    def formula(individu, period):
        """L5421-4 : droit encore ouvert au premier jour du mois ; le mois de l'anniversaire est proratisé (jours de
        droit).
        """
        premier_jour, _ = bornes_mois(period)
        return individu("ass_date_fin_droits_age", period).astype("datetime64[D]") > premier_jour
