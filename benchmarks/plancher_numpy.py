"""The floor: openfisca-ass's arithmetic for ``ass`` in one month, written directly in numpy.

Same rules, same parameters (read from this package's ``parameters/`` with openfisca-core's loader,
without building the tax-benefit system), same float32 inputs as the OpenFisca runs, no dependency
graph, no cache, no entity projection machinery. It is what a hand-written vectorised program would
cost; the benchmark compares the OpenFisca models with it and checks that it gives the same amounts.
"""
import importlib.util
import os

import numpy
from population import CHOMEUR

# Restated rather than imported from variables/ressources: importing the package would load
# openfisca-france into this process and the floor's memory peak would no longer be its own. The
# benchmark checks the floor's amounts against the model's, so a divergence cannot go unseen.
REVENUS_INTERRUPTIBLES = (
    "salaire_imposable",
    "indemnites_stage",
    "revenus_stage_formation_pro",
    "indemnites_journalieres",
    "rpns_auto_entrepreneur_benefice",
    )
REVENUS_PERMANENTS = (
    "retraite_nette",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "revenus_locatifs",
    "revenus_capital",
    )
BENEFICES_ANNUELS = (
    "rpns_micro_entreprise_benefice",
    "rpns_benefice_exploitant_agricole",
    "rpns_autres_revenus",
    )


def dossier_parametres():
    """This package's ``parameters/``: inside the installed package, else in the checkout."""
    spec = importlib.util.find_spec("openfisca_ass")
    ici = os.path.dirname(spec.origin)
    for candidat in (os.path.join(ici, "parameters"), os.path.join(os.path.dirname(ici), "parameters")):
        if os.path.isdir(candidat):
            return candidat
    raise FileNotFoundError("parameters/ d'openfisca-ass introuvable")


def parametres(instant):
    """``chomage.allocations_assurance_chomage.ass`` at ``instant`` (e.g. "2025-05-01")."""
    from openfisca_core.parameters import ParameterNode
    racine = ParameterNode("", directory_path=dossier_parametres())
    return racine(instant).chomage.allocations_assurance_chomage.ass


def ass(d, p, annee, mois, jours):
    """Monthly ASS of each person for the month ``annee``-``mois`` (the last of the 13 in ``d``)."""
    n = len(d["famille"])
    f32 = numpy.float32
    # R5423-5: substitution income in the month of the claim, interrupted resources abated.
    substitution = (
        d["chomage_net"][12] + d["indemnites_journalieres"][12] + d["retraite_nette"][12]
        + d["pensions_invalidite"][12]
        ) > 0
    taux_abattement = numpy.where(substitution, f32(p.abat_rev_subst_conj), f32(p.abat_rev_non_subst_conj))

    def sur_douze_mois(x):
        total = x[:12].sum(axis=0, dtype=f32)
        interrompue = (total > 0) & (x[12] == 0)
        return numpy.where(interrompue, (1 - taux_abattement) * total, total)

    individu = sum(sur_douze_mois(d[nom]) for nom in REVENUS_INTERRUPTIBLES)
    individu = individu + sum(d[nom][:12].sum(axis=0, dtype=f32) for nom in REVENUS_PERMANENTS)
    individu = individu + sum(d[nom] for nom in BENEFICES_ANNUELS)
    individu = individu - numpy.abs(d["pensions_alimentaires_versees_individu"][:12].sum(axis=0, dtype=f32))
    conjoint = individu + sur_douze_mois(d["chomage_net"])

    # R5423-2, R5423-3 1°: each person's own claim, whatever the order of the parents: own resources
    # without own unemployment benefit, plus the partner's with theirs.
    famille = d["famille"]
    conjoints = numpy.bincount(famille, weights=conjoint, minlength=d["nb_familles"]).astype(f32)
    nb_parents = numpy.bincount(famille, minlength=d["nb_familles"])
    ressources = (individu + conjoints[famille] - conjoint) / 12

    # R5423-1 3°: daily rate, ceiling 70× / 110×, reduced daily rate.
    mayotte = d["residence_mayotte"][famille]
    taux_plein = numpy.where(mayotte, f32(p.montant_plein_mayotte), f32(p.montant_plein))
    plafond = numpy.where(nb_parents[famille] == 2, p.plaf_coup, p.plaf_seul) * taux_plein
    taux = numpy.maximum(numpy.minimum(taux_plein, (plafond - ressources) / p.montant_reduit.diviseur_jours), 0)

    # Eligibility: jobseeker without insurance benefit or working within the cumul, prior activity,
    # under the age limit, no exclusive AAH.
    actif = (d["salaire_imposable"] + d["rpns_auto_entrepreneur_benefice"]) > 0  # (13, n)
    sans_are = d["chomage_net"][12] == 0
    inscrit_ou_actif = ((d["activite"][12] == CHOMEUR) & sans_are) | (actif[12] & sans_are)
    cumul = p.cumul_activite
    if actif[12].any():
        mois_cumules = numpy.zeros(n, dtype=int)
        sans_activite = numpy.zeros(n, dtype=int)
        for m in range(13):
            remise = sans_activite >= cumul.reinitialisation_mois_sans_activite
            mois_cumules = numpy.where(remise, 0, mois_cumules) + actif[m]
            sans_activite = numpy.where(actif[m], 0, sans_activite + 1)
        cumul_admis = ~actif[12] | (mois_cumules <= cumul.nombre_mois)
    else:
        cumul_admis = numpy.ones(n, dtype=bool)
    age = d["age_en_mois"]
    mois_depuis_l_an_0 = annee * 12 + mois - 1 - age
    naissance = (mois_depuis_l_an_0 // 12) * 10000 + (mois_depuis_l_an_0 % 12 + 1) * 100 + 1
    age_limite = numpy.round(p.age_limite.age_taux_plein_automatique.calc(naissance)).astype(int)
    exclue_aah = p.aah.exclusion_cumul * (d["aah"][12] > 0) * (
        1 - p.aah.maintien_droits_acquis * d["ass_aah_droits_acquis_2016"][12]) > 0
    eligible = (
        inscrit_ou_actif & cumul_admis & d["ass_precondition_remplie"][12] & (age < age_limite) & ~exclue_aah
        )

    # R5423-2 and R5423-13: daily rate × calendar days, rounded, nothing below one daily rate.
    if p.montant_reduit.taux_journalier_reduit:
        montant = taux * jours
    else:
        montant = numpy.where(taux < taux_plein, taux * p.montant_reduit.diviseur_jours, taux * jours)
    montant = numpy.round(montant * eligible, 2)
    return montant * (montant >= p.seuil_versement_jours * taux_plein)
