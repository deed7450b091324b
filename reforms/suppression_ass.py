"""Suppression de l'ASS et bascule de ses allocataires vers le RSA (réforme annoncée, jamais adoptée).

Parameters: ``chomage.allocations_assurance_chomage.ass.reformes.suppression_ass`` (visible through
the web API's ``/parameters``). No date was ever enacted: see the parameters' documentation (the
Government's statements of February 2024, amendment n° 1287 to the 2025 finance bill, not adopted).

The reform keeps the law's ASS under the name ``ass_avant_suppression`` and replaces ``ass``:

- before the date of effect, ``ass`` is unchanged;
- mode ``immediate``: no ASS for any month starting on or after the date of effect;
- mode ``extinction`` (default): no new entrant; whoever receives ASS in the month before the date of
  effect keeps it, under the usual conditions, until the end of the award period current in that month
  (``ass_date_fin_periode_attribution``), to the day: the month of the term pays the days up to it;
  with ``renouvellement``, until the end of the award period current at ``date_fin_renouvellement``.

openfisca-france's RSA, prime d'activité, housing aid and prime de Noël read ``ass``: they follow.
"""
import datetime

import numpy
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_france.model.base import MONTH, Individu, Variable

from openfisca_ass import references
from openfisca_ass.reformes_parametriques import fixer_partout, modifier_parametres
from openfisca_ass.variables.rsa.cessation_ass import cessation_legislation_actuelle

CHEMIN = "chomage.allocations_assurance_chomage.ass.reformes.suppression_ass"
AMENDEMENT_1287 = "https://www.assemblee-nationale.fr/dyn/17/amendements/0324C/AN/1287"
DECLARATION_2024 = ("https://ash.tm.fr/insertion/la-bascule-vers-le-rsa-ne-concernera-pas-les-beneficiaires-"
                    "anterieurs-de-lass-ministere-du-travail-892467.php")


def premier_mois_concerne(date_iso):
    """First month starting on or after ``date_iso`` (a mid-month date takes effect the next month)."""
    date = datetime.date.fromisoformat(date_iso)
    mois = periods.period(f"{date.year}-{date.month:02d}")
    return mois if date.day == 1 else mois.offset(1)


def fin_periode_en_cours(individu, mois, parametres_ass):
    """Last day (numpy datetime64[D]) of the award period current in ``mois``.

    From ``ass_date_fin_periode_attribution`` (R5423-8, R5423-9) when the opening date of the rights is
    known; otherwise (its sentinel, 1 January 1970) the most favourable reading: an award period opened or
    renewed in ``mois``, of ``duree_attribution.droit_commun`` months.
    """
    hypothese = numpy.datetime64(str(mois.offset(parametres_ass.duree_attribution.droit_commun).start), "D") - 1
    fin = individu("ass_date_fin_periode_attribution", mois).astype("datetime64[D]")
    connue = fin >= numpy.datetime64(str(mois.start), "D")
    return numpy.where(connue, fin, hypothese)


def jours_avant_terme(individu, mois, fin):
    """Part (de 0 à 1) des jours payés en ``mois`` tombant au plus tard le ``fin``, terme de la période en cours.

    Les jours payés se suivent, de la date d'ouverture (ou du 1er) à la veille de l'âge limite (ou au
    dernier jour) : il y en a ``ass_nombre_jours_indemnisables``. La part vaut 1 avant le mois du terme,
    0 après, et proratise le mois du terme au jour près (R5423-8 : des droits jusqu'au terme).
    """
    jours = individu("ass_nombre_jours_indemnisables", mois)
    premier_jour = numpy.datetime64(str(mois.start), "D")
    ouverture = individu("ass_date_ouverture_droits", mois).astype("datetime64[D]")
    debut = numpy.maximum(ouverture, premier_jour)
    avant_terme = numpy.clip((fin - debut).astype(int) + 1, 0, jours)
    return numpy.where(jours > 0, avant_terme / numpy.maximum(jours, 1), 0)


class ass(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    unit = "currency"
    label = "Montant de l'ASS pour un individu, après suppression de l'ASS (réforme)"
    reference = [
        "Déclarations du Gouvernement, 14 et 22 février 2024 (extinction : nouveaux entrants seulement)",
        DECLARATION_2024,
        "Amendement n° 1287 au projet de loi de finances pour 2025 (abrogation de L5423-1 à L5423-7, non adopté)",
        AMENDEMENT_1287,
        ] + references.L5423_1
    documentation = """
    Réforme : l'ASS de la législation actuelle (ass_avant_suppression) jusqu'à la date d'effet ; ensuite
    rien (mode « immediate »), ou seulement pour qui la percevait le mois précédant la date d'effet,
    jusqu'au terme de sa période d'attribution en cours (mode « extinction »), jour compris : le mois du
    terme est payé au prorata des jours qui le précèdent (période ouverte le 15 septembre 2026, terme le
    14 mars 2027 : 14 jours de mars).
    """

    def formula(individu, period, parameters):
        """Suppression de l'ASS : extinction (défaut) ou arrêt immédiat à la date d'effet.

        En extinction, les droits vont jusqu'au terme de la période d'attribution en cours (R5423-8),
        jour compris : le mois du terme est payé au prorata des jours qui le précèdent.
        """
        parametres_ass = parameters(period).chomage.allocations_assurance_chomage.ass
        reforme = parametres_ass.reformes.suppression_ass
        montant = individu("ass_avant_suppression", period)
        if not reforme.en_vigueur:
            return montant
        premier_mois = premier_mois_concerne(reforme.date_effet)
        if period.start < premier_mois.start:
            return montant
        if reforme.mode_transition == "immediate":
            return individu.filled_array(0.0)
        mois_reference = premier_mois.offset(-1)
        allocataire = individu("ass_avant_suppression", mois_reference) > 0
        fin = fin_periode_en_cours(individu, mois_reference, parametres_ass)
        if reforme.renouvellement:
            dernier_renouvellement = periods.period(reforme.date_fin_renouvellement[:7])
            if dernier_renouvellement.start > mois_reference.start:
                fin = numpy.maximum(fin, fin_periode_en_cours(individu, dernier_renouvellement, parametres_ass))
        paye = numpy.round(montant * allocataire * jours_avant_terme(individu, period, fin), 2)
        # R5423-13 vaut pour le mois proratisé comme pour tout autre : rien sous un montant journalier.
        return paye * (paye >= parametres_ass.seuil_versement_jours * individu("ass_montant_journalier", period))


class ass_cessation_definitive(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "La perception de l'ASS a cessé de manière certaine, suppression de l'ASS comprise (réforme)"
    reference = references.CASF_R262_13
    documentation = """
    Réforme : aux cas de la législation actuelle s'ajoute la suppression elle-même. Un mois où la
    législation actuelle verserait l'ASS (ass_avant_suppression) et où la réforme ne la verse plus, la
    perception est interrompue de manière certaine (R262-13 du CASF) : le RSA ne compte plus l'ASS des
    mois de référence.
    """

    def formula(individu, period):
        """R262-13 du CASF : ASS supprimée par la réforme, ou cessation certaine de la législation actuelle."""
        supprimee = (individu("ass", period) == 0) * (individu("ass_avant_suppression", period) > 0)
        return supprimee + cessation_legislation_actuelle(individu, period)


def variable_avant_suppression(ass_actuelle):
    """The law's ``ass`` under another name, with the very same dated formulas."""
    formules = {}
    for debut, formule in ass_actuelle.formulas.items():
        nom = "formula" if debut == "0001-01-01" else "formula_" + debut.replace("-", "_")
        formules[nom] = formule
    return type("ass_avant_suppression", (Variable,), {
        "value_type": float,
        "entity": Individu,
        "definition_period": MONTH,
        "unit": "currency",
        "label": "Montant de l'ASS selon la législation actuelle, sans la suppression",
        "reference": ass_actuelle.reference,
        "documentation": "Les formules de la variable ass de la législation de référence, inchangées.",
        **formules,
        })


class suppression_ass(Reform):
    name = "Suppression de l'ASS, bascule vers le RSA (par défaut : extinction à partir du 1er janvier 2027)"
    mode = None  # None: keep the mode_transition parameter as it is

    @classmethod
    def appliquer(cls, reforme):
        """Apply this reform to ``reforme`` (a Reform being built, possibly by a parametric reform)."""
        mode = cls.mode

        def activer(parametres):
            noeud = parametres.chomage.allocations_assurance_chomage.ass.reformes.suppression_ass
            fixer_partout(noeud.en_vigueur, True)
            if mode:
                fixer_partout(noeud.mode_transition, mode)
            return parametres

        modifier_parametres(reforme, activer, chemins=[CHEMIN])
        reforme.add_variable(variable_avant_suppression(reforme.variables["ass"]))
        reforme.update_variable(ass)
        # R262-13 CASF: the abolished ASS stops for good, hence no longer counts in the RSA.
        reforme.update_variable(ass_cessation_definitive)

    def apply(self):
        type(self).appliquer(self)


class suppression_ass_immediate(suppression_ass):
    name = "Suppression immédiate de l'ASS à la date d'effet (1er janvier 2027 par défaut), bascule vers le RSA"
    mode = "immediate"
