"""Revenus interrompus : neutralisation ou abattement de 30 % (article R5423-5 du code du travail)."""
import numpy
from openfisca_core import periods
from openfisca_core.periods import Period
from openfisca_france.model.base import ADD, MONTH, Individu, Variable

from openfisca_ass import references
from openfisca_ass.variables.ressources import chaines_sans_entree

# Net amounts that openfisca-france derives from a gross amount with rates that need a whole
# income-tax computation: the CSG, CRDS and CASA rates on pensions and unemployment benefits depend on
# the household's revenu fiscal de référence of N-2 (0.1 to 0.4 s for a single household, most of a
# web request). Each deduction applies to the gross amount (pensions) or to the gross amount less the
# supplementary-pension contribution (unemployment benefits, whose CSG and CRDS are then floored at 0):
# with no gross amount, the net is zero.
# name -> (gross amounts, variables which, given as inputs, make the net amount something else).
NETS_PROPORTIONNELS_AU_BRUT = {
    "retraite_nette": (
        ("retraite_brute",),
        ("retraite_nette", "retraite_imposable", "csg_deductible_retraite", "csg_imposable_retraite",
         "crds_retraite", "casa"),
        ),
    "chomage_net": (
        ("chomage_brut", "chomage_cotisation_retraite_complementaire"),
        ("chomage_net", "chomage_imposable", "csg_deductible_chomage", "csg_imposable_chomage", "crds_chomage"),
        ),
    }


def ressource(individu, nom, periode, options=None):
    """``individu(nom, periode, options)``, without openfisca-france's upstream chain when it can only give 0.

    For a net amount of ``NETS_PROPORTIONNELS_AU_BRUT``: when nobody in the simulation has the gross
    amount over ``periode``, nothing in its chain was given as an input and the chain is France's own,
    the net amount is zero and its rates (hence the income tax) are not computed. For a resource
    whose chain holds no known value at all (``chaines_sans_entree``: capital income, micro-entrepreneur
    profit, plain inputs), the months given are summed and the others count for 0. Otherwise, the
    ordinary calculation. Same result either way; this only spares the work.
    """
    if not chaines_sans_entree.RACCOURCIS:
        return individu(nom, periode, options=options)
    simulation = individu.simulation
    if chaines_sans_entree.nulle_sans_entree(simulation, nom):
        return chaines_sans_entree.somme_des_mois_connus(individu, nom, periode)
    chaine = NETS_PROPORTIONNELS_AU_BRUT.get(nom)
    if chaine is not None:
        bruts, derives = chaine
        if (
            not any(simulation.get_holder(derive).get_known_periods() for derive in derives)
            and chaines_sans_entree.formules_de_france(simulation, derives)
            and not any(individu(brut, periode, options=[ADD]).any() for brut in bruts)
            ):
            return individu.filled_array(0, dtype=numpy.float32)
    return individu(nom, periode, options=options)


# openfisca-france computes incomes from 2002 on (euro amounts, contribution parameters): earlier
# months of a reference period count as without resources.
DEBUT_DU_MODELE = periods.instant("2002-01-01")


def douze_mois_precedents(period):
    """The 12 months before the month of the claim (R5423-2: « douze mois précédant celui de la demande »).

    None when none of them is in the modelled period (a claim in January 2002).
    """
    debut = max(period.start.offset(-12, "month"), DEBUT_DU_MODELE)
    nombre = (period.start.year - debut.year) * 12 + period.start.month - debut.month
    return Period(("month", debut, nombre)) if nombre > 0 else None


def somme_sur_douze_mois(individu, period, nom):
    """Total of ``nom`` over the 12 months before ``period`` (zero before the modelled period)."""
    douze_mois = douze_mois_precedents(period)
    if douze_mois is None:
        return individu.filled_array(0.0)
    return ressource(individu, nom, douze_mois, options=[ADD])


def ressource_sur_douze_mois(individu, period, parameters, nom):
    """Total of resource ``nom`` over the 12 previous months, after the R5423-5 rule.

    A resource received during the reference period but no longer received in the month of the
    claim is interrupted: ignored if the person has no substitution income, counted for 70 % if she
    has one.
    """
    total = somme_sur_douze_mois(individu, period, nom)
    interrompue = (total > 0) & (ressource(individu, nom, period) == 0)
    if not interrompue.any():
        return total
    abattements = parameters(period).chomage.allocations_assurance_chomage.ass
    # Only the interrupted incomes change: work on them alone (a few percent of a population).
    qui = numpy.flatnonzero(interrompue)
    taux = numpy.where(
        individu("ass_revenu_de_substitution", period)[qui],
        abattements.abat_rev_subst_conj,
        abattements.abat_rev_non_subst_conj,
        )
    total = total.copy()
    total[qui] *= 1 - taux
    return total


class ass_revenu_de_substitution(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Perçoit un revenu de substitution à la date de la demande d'ASS"
    reference = references.R5423_5
    documentation = """
    Revenu de substitution au sens de l'article R5423-5 : allocation d'assurance chômage, indemnités
    journalières, pension de retraite ou d'invalidité perçues le mois de la demande. L'article apprécie
    la situation « à la date de la demande » : l'ARE épuisée du demandeur n'en est donc pas un, alors
    qu'openfisca-france regarde le mois précédent ; ni, le mois de la transition, l'ARE versée jusqu'à
    la veille de la date d'ouverture des droits à l'ASS (ass_ouverture_en_cours_de_mois).
    """

    def formula(individu, period):
        """R5423-5 : le revenu de substitution s'apprécie le mois de la demande.

        Le mois de la transition, l'allocation d'assurance versée avant la date d'ouverture des droits à
        l'ASS a cessé à la date de la demande : elle n'est pas un revenu de substitution.
        """
        return (
            ressource(individu, "chomage_net", period) * ~individu("ass_ouverture_en_cours_de_mois", period)
            + individu("indemnites_journalieres", period)
            + ressource(individu, "retraite_nette", period)
            + individu("pensions_invalidite", period)
            ) > 0
