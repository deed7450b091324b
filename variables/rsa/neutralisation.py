"""Neutralisation de l'ASS et de l'ARE interrompues dans les ressources du RSA (article R262-13 du CASF).

openfisca-france counts in the RSA the ASS of the three reference months whatever happened
(``calcul_minima_sociaux``), and neutralises unemployment insurance (``chomage_net``) only in the first
month after it stops. R262-13, first paragraph, takes neither into account once their perception is
interrupted for good with no substitution income. France's two resource variables are replaced by
France's own formulas minus the amounts neutralised here, so that France's code stays untouched.
"""
from openfisca_france.model.base import ADD, MONTH, Famille, Individu, Variable, where
from openfisca_france.model.prestations.minima_sociaux import rsa as rsa_france

from openfisca_ass import references


def mois_de_reference(period, experimentation):
    """The RSA's reference months: the three previous months, or (experimenting départements, from
    October 2024) the three before the previous one, as in openfisca-france."""
    if experimentation is None:
        return period.last_3_months, None
    return period.last_3_months, rsa_france.last_3_months_offset_minus_1(period)


def moyenne_sur_reference(individu, period, nom, experimentation=None):
    """Monthly average of ``nom`` over the RSA reference months of each person."""
    normal, decale = mois_de_reference(period, experimentation)
    moyenne = individu(nom, normal, options=[ADD]) / 3
    if decale is None or not experimentation.any():
        return moyenne
    return where(experimentation, individu(nom, decale, options=[ADD]) / 3, moyenne)


class rsa_neutralisation_allocations_chomage(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Les allocations de chômage (ARE, ASS) perçues pendant les mois de référence ne comptent pas dans le RSA"
    reference = references.CASF_R262_13 + references.CNAF_NEUTRALISATION
    documentation = """
    R262-13, premier alinéa : il n'est pas tenu compte des allocations aux travailleurs privés d'emploi
    (L5422-1, L5423-1, L5424-25 du code du travail) lorsque leur perception est interrompue de manière
    certaine et que l'intéressé ne peut prétendre à un revenu de substitution. La cessation certaine est
    celle de l'ASS (ass_cessation_definitive) ; le revenu de substitution est celui qu'openfisca-france
    retient déjà pour les revenus interrompus (rsa_has_ressources_substitution : allocation d'assurance
    chômage, indemnités journalières ou pension de retraite perçues dans le mois). L'AAH n'en est pas une :
    elle compte déjà elle-même dans les ressources du RSA.
    """

    def formula_2019_11_01(individu, period):
        """R262-13, premier alinéa (décret n° 2019-796) : ASS cessée de façon certaine, sans revenu de substitution."""
        return individu("ass_cessation_definitive", period) * ~individu("rsa_has_ressources_substitution", period)


class rsa_ass_neutralisee(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "ASS des mois de référence du RSA non prise en compte (moyenne mensuelle), R262-13 du CASF"
    reference = references.CASF_R262_13
    documentation = "Moyenne mensuelle sur les mois de référence, comme l'ASS que le RSA d'openfisca-france compte."

    def formula_2019_11_01(individu, period):
        """R262-13, premier alinéa : l'ASS (L5423-1) des trois mois de référence, lorsqu'elle est neutralisée."""
        neutralisee = individu("rsa_neutralisation_allocations_chomage", period)
        if not neutralisee.any():
            return individu.filled_array(0.0)
        return neutralisee * moyenne_sur_reference(individu, period, "ass")

    def formula_2024_10_01(individu, period):
        """R262-13, premier alinéa, mois de référence décalés des départements d'expérimentation (openfisca-france)."""
        neutralisee = individu("rsa_neutralisation_allocations_chomage", period)
        if not neutralisee.any():
            return individu.filled_array(0.0)
        experimentation = individu.famille("departement_experimentation_rsa", period)
        return neutralisee * moyenne_sur_reference(individu, period, "ass", experimentation)


class rsa_are_neutralisee(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "ARE des mois de référence du RSA non prise en compte après la fin certaine de l'ASS (moyenne mensuelle)"
    reference = references.CASF_R262_13
    documentation = """
    R262-13 vise aussi l'allocation d'assurance (L5422-1) : une ARE suivie d'une ASS qui cesse de manière
    certaine, toutes deux dans les mois de référence, ne compte pas. Le mois qui suit la fin de l'ARE,
    openfisca-france la neutralise déjà (chomage_net nul ce mois, positif le précédent, sans revenu de
    substitution) : elle n'est pas retirée une seconde fois.
    """

    def formula_2019_11_01(individu, period):
        """R262-13, premier alinéa : l'ARE (L5422-1) des mois de référence, quand l'ASS qui l'a suivie a cessé."""
        return neutraliser_are(individu, period, None)

    def formula_2024_10_01(individu, period):
        """R262-13, premier alinéa, mois de référence décalés des départements d'expérimentation (openfisca-france)."""
        return neutraliser_are(individu, period, individu.famille("departement_experimentation_rsa", period))


def neutraliser_are(individu, period, experimentation):
    neutralisee = individu("rsa_neutralisation_allocations_chomage", period)
    if not neutralisee.any():
        return individu.filled_array(0.0)
    ass_percue = moyenne_sur_reference(individu, period, "ass", experimentation) > 0
    deja_neutralisee_par_france = individu("chomage_net", period.last_month) > 0
    are = moyenne_sur_reference(individu, period, "chomage_net", experimentation)
    return neutralisee * ass_percue * ~deja_neutralisee_par_france * are


class rsa_base_ressources_minima_sociaux(Variable):
    value_type = float
    label = "Minima sociaux inclus dans la base ressource RSA/RMI"
    entity = Famille
    definition_period = MONTH
    set_input = rsa_france.rsa_base_ressources_minima_sociaux.set_input
    unit = "currency"
    reference = references.CASF_R262_13 + ["openfisca-france, minima_sociaux/rsa.py (calcul_minima_sociaux)"]
    documentation = """
    La formule d'openfisca-france (ASPA, et moyenne des trois mois de référence de l'ASS, de l'AAH, de
    l'ASI et du complément d'AAH), moins l'ASS neutralisée par R262-13 à partir du 1er novembre 2019.
    """

    def formula(famille, period):
        """Formule d'openfisca-france, inchangée avant la version de R262-13 du 1er novembre 2019."""
        return rsa_france.calcul_minima_sociaux(famille, period, period.last_3_months)

    def formula_2019_11_01(famille, period):
        """R262-13 du CASF, premier alinéa : l'ASS interrompue de manière certaine ne compte pas."""
        france = rsa_france.calcul_minima_sociaux(famille, period, period.last_3_months)
        return france - famille.sum(famille.members("rsa_ass_neutralisee", period))

    def formula_2024_10_01(famille, period):
        """R262-13 du CASF, premier alinéa, avec les mois de référence des départements d'expérimentation."""
        france = rsa_france.rsa_base_ressources_minima_sociaux.formula_2024_10(famille, period)
        return france - famille.sum(famille.members("rsa_ass_neutralisee", period))


FRANCE_INDIVIDU = rsa_france.rsa_base_ressources_individu


class rsa_base_ressources_individu(Variable):
    value_type = float
    label = "Base ressource individuelle du RSA/RMI (hors revenus d'actvité)"
    entity = Individu
    definition_period = MONTH
    set_input = FRANCE_INDIVIDU.set_input
    unit = "currency"
    reference = references.CASF_R262_13 + [FRANCE_INDIVIDU.reference]
    documentation = """
    La formule d'openfisca-france, moins l'allocation d'assurance chômage neutralisée par R262-13 après
    la fin certaine de l'ASS qui l'a suivie (rsa_are_neutralisee), à partir du 1er novembre 2019.
    """

    def formula(individu, period, parameters):
        """RMI : formule d'openfisca-france, inchangée."""
        return FRANCE_INDIVIDU.formula(individu, period, parameters)

    def formula_2009_06_01(individu, period, parameters):
        """RSA avant la version de R262-13 du 1er novembre 2019 : formule d'openfisca-france, inchangée."""
        return FRANCE_INDIVIDU.formula_2009_06_01(individu, period, parameters)

    def formula_2019_11_01(individu, period, parameters):
        """R262-13 du CASF, premier alinéa : l'ARE suivie d'une ASS interrompue de manière certaine ne compte pas."""
        france = FRANCE_INDIVIDU.formula_2009_06_01(individu, period, parameters)
        return france - individu("rsa_are_neutralisee", period)

    def formula_2024_10_01(individu, period, parameters):
        """R262-13 du CASF, premier alinéa, avec les mois de référence des départements d'expérimentation."""
        france = FRANCE_INDIVIDU.formula_2024_10(individu, period, parameters)
        return france - individu("rsa_are_neutralisee", period)
