"""L'ASS, revenu imposable dans la catégorie des traitements et salaires (CGI, art. 79 et 158, 5, b).

openfisca-france taxes the unemployment insurance allowance (``chomage_imposable``, boxes 1AP to 1DP) but
not ASS. The ASS is added where France aggregates the incomes taxed as wages, ``revenu_assimile_salaire``
(foyer level, yearly), and never into ``chomage_net`` or ``chomage_imposable``: the ASS resource base
reads those for the partner's past months, and ``ass`` feeding them would make ``ass`` depend on itself.
"""
from openfisca_france.model.base import ADD, MONTH, YEAR, Individu, Variable
from openfisca_france.model.prelevements_obligatoires.impot_revenu import ir as ir_france

from openfisca_ass import references

FRANCE = ir_france.revenu_assimile_salaire


class ass_imposable(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Allocation de solidarité spécifique imposable (cases 1AP à 1DP, avec les allocations de France Travail)"
    reference = references.CGI_79 + references.CGI_158_5_B + references.IMPOTS_ALLOCATIONS_CHOMAGE
    documentation = """
    L'ASS est imposable pour son montant versé : elle est exonérée de CSG et de CRDS (ass-rules.md § 12,
    source secondaire), il n'y a donc rien à en retrancher. La prime de Noël (aefa) n'est pas imposable et
    n'y figure pas. Comptée à partir des revenus de 2003 (voir la formule).
    """

    def formula_2003_01_01(individu, period):
        """CGI, art. 79 et 158, 5, b : l'allocation de L5423-1 du code du travail est imposée comme un salaire.

        À partir des revenus de 2003 : openfisca-france ne calcule aucun revenu avant 2002, et l'ASS d'un mois
        de 2002 lit des mois de 2001 (cumul avec une activité, douze mois de ressources) ; l'impôt de 2002,
        que lisent les taux de CSG de 2004, reste donc celui d'openfisca-france.
        """
        # The tax of a year reads the ASS of its twelve months, and the CSG rates of later years read that
        # tax (rfr): where nobody is eligible, the amount (and its twelve-month resource base) is not needed.
        if not individu("ass_eligibilite_individu", period).any():
            return individu.filled_array(0.0)
        return individu("ass", period)


class revenu_assimile_salaire(Variable):
    value_type = float
    entity = Individu
    label = "Revenu imposé comme des salaires (salaires, allocations de chômage dont l'ASS, mais aussi 3vj, 3vk)"
    definition_period = YEAR
    unit = "currency"
    reference = references.CGI_79 + references.CGI_158_5_B
    documentation = """
    La formule d'openfisca-france (salaires, allocation d'assurance chômage imposable, ...) plus l'ASS de
    l'année : la déduction de 10 % pour frais professionnels (ou les frais réels) s'applique ensuite à
    l'ensemble, comme le prévoit CGI art. 158, 5, a et b.
    """

    def formula(individu, period, parameters):
        """CGI, art. 79 et 158, 5, b : traitements, salaires et allocations de chômage, ASS comprise."""
        return FRANCE.formula(individu, period, parameters) + individu("ass_imposable", period, options=[ADD])
