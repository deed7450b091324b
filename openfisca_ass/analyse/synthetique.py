"""A SYNTHETIC population of ASS recipients, written as a persons table (see ``chargement``).

THIS IS NOT SURVEY OR ADMINISTRATIVE DATA. Households are drawn at random (fixed seed) so that the
stock of recipients at the end of ``annee - 1`` is near the published figures of ass-rules.md §15:

- about 265,000 recipients at the end of 2024 (DREES, *Minima sociaux*, 2025 edition): the initial weights;
- 59 % aged 50 or more (end 2022), two-thirds single (not in a couple), about three-quarters at the
  full rate (DARES, 2018);
- about 15,000 people cumulating ASS and AAH under the 2016 grandfathering (2024, press) [S];
- a few recipients in Mayotte [U].

Everything else (housing, children, the partner's resources, resources of single people, the award-period
calendar) is an assumption, stated in ``HYPOTHESES``. The stock is followed through ``annee`` without exits
or entries: the population measures what happens to *today's* recipients, not the steady state of a
reform. The weights returned are uniform (``CIBLES["allocataires"] / taille``); calibration to the margins
of the simulated year is the job of ``calage``.

The table is the one an analyst would bring (openfisca-france-data columns, OpenFisca variables), so the
synthetic population goes through the same loader and engine as any other; ``attrs["synthetique"]`` is True.
"""
import dataclasses

import numpy
import pandas

from openfisca_ass.analyse.chargement import charger_personnes

CIBLES = {
    "allocataires": 265_000,          # end 2024, DREES 2025
    "part_50_ans_et_plus": 0.59,      # end 2022, QE 556
    "part_personnes_seules": 2 / 3,   # end 2022, QE 556 ("2 sur 3 sont seuls")
    "part_taux_plein": 0.75,          # DARES 2021 (September 2018)
}
HYPOTHESES = {
    "part_aah_droits_acquis": 15_000 / 265_000,  # ~15,000 in 2024 [S]
    "part_mayotte": 0.005,                        # small numbers [U]
    "part_seuls_taux_plein": 0.90,                # singles: mostly no resources; 10 % above 40× the rate
    "part_seuls_avec_enfants": 0.12,
    "part_couples_avec_enfants": 0.45,
    "part_conjoints_sans_revenu_parmi_taux_plein": 0.30,
    # The partner's resources, when there are some: a wage, unemployment insurance (ARE) or a pension.
    "ressources_conjoint": {"salaire": 0.75, "are": 0.15, "retraite": 0.10},
    "logement": {"locataire_vide": 0.45, "locataire_hlm": 0.20, "proprietaire": 0.20, "loge_gratuitement": 0.15},
    "imposable_sur_brut": 0.82,  # openfisca-france: 1 495.09 taxable for 1 823.07 gross (SMIC 2026)
    # ARE and pensions: taxable ≈ net + CSG non déductible and CRDS (2.9 % of gross, ≈ 3 % of net).
    "imposable_sur_net_remplacement": 1.03,
}
AAH_MENSUELLE = 1041.59  # montant maximal au 1er avril 2026 (ass-rules.md §14)
TAILLE_PAR_DEFAUT = 4_000


@dataclasses.dataclass
class Menage:
    age: int
    couple: bool
    enfants: int
    pension: float          # single claimant's alimony received (taxable), €/month
    salaire_conjoint: float  # partner's gross wage, €/month
    logement: str
    loyer: float
    aah: bool
    mayotte: bool
    ouverture: str          # opening date of the ASS rights
    are_conjoint: float = 0.0       # partner's net ARE, €/month
    retraite_conjoint: float = 0.0  # partner's net pension, €/month


def tirer(taille, annee, graine=2024):
    """``taille`` synthetic households (``Menage``) holding an ASS recipient at the end of ``annee - 1``."""
    rng = numpy.random.default_rng(graine)
    h = HYPOTHESES
    ass_mensuelle = 19.48  # daily rate on 1 April 2026; only used to place households in the bands
    seuil_seul, plafond_seul = 40 * ass_mensuelle, 70 * ass_mensuelle
    seuil_couple, plafond_couple = 80 * ass_mensuelle, 110 * ass_mensuelle
    # Full-rate share among couples so that the overall share meets the target.
    part_seuls = CIBLES["part_personnes_seules"]
    taux_plein_couples = (CIBLES["part_taux_plein"] - part_seuls * h["part_seuls_taux_plein"]) / (1 - part_seuls)
    statuts, probas = zip(*h["logement"].items())
    natures, probas_natures = zip(*h["ressources_conjoint"].items())
    part_45_ans_et_plus = CIBLES["part_50_ans_et_plus"] + (1 - CIBLES["part_50_ans_et_plus"]) * 5 / 25
    menages = []
    for _ in range(taille):
        age = int(rng.integers(50, 65)) if rng.random() < CIBLES["part_50_ans_et_plus"] else int(rng.integers(25, 50))
        couple = rng.random() >= part_seuls
        pension = 0.0
        ressources_conjoint = 0.0  # taxable, €/month
        if couple:
            enfants = int(rng.integers(1, 4)) if rng.random() < h["part_couples_avec_enfants"] else 0
            if rng.random() < taux_plein_couples:
                if rng.random() >= h["part_conjoints_sans_revenu_parmi_taux_plein"]:
                    ressources_conjoint = rng.uniform(0.2, 0.97) * seuil_couple
            else:
                ressources_conjoint = rng.uniform(seuil_couple * 1.02, plafond_couple - 2 * ass_mensuelle)
        else:
            enfants = int(rng.integers(1, 3)) if rng.random() < h["part_seuls_avec_enfants"] else 0
            tirage = rng.random()
            if tirage >= h["part_seuls_taux_plein"]:
                pension = rng.uniform(seuil_seul * 1.02, plafond_seul - 2 * ass_mensuelle)
            elif tirage >= 0.8 * h["part_seuls_taux_plein"]:
                pension = rng.uniform(100, seuil_seul * 0.95)
        salaire = are = retraite = 0.0
        if ressources_conjoint:
            nature = str(rng.choice(natures, p=probas_natures))
            if nature == "salaire":
                salaire = ressources_conjoint / h["imposable_sur_brut"]
            elif nature == "are":
                are = ressources_conjoint / h["imposable_sur_net_remplacement"]
            else:
                retraite = ressources_conjoint / h["imposable_sur_net_remplacement"]
        statut = str(rng.choice(statuts, p=probas))
        loyer = {"locataire_vide": rng.uniform(350, 750), "locataire_hlm": rng.uniform(250, 500)}.get(statut, 0.0)
        # Grandfathered AAH recipients are drawn among the 45+ (share of the 45+: 59 % + 41 % × 5/25).
        aah = age >= 45 and rng.random() < h["part_aah_droits_acquis"] / part_45_ans_et_plus
        mayotte = rng.random() < h["part_mayotte"]
        # Opening month drawn over five years: the phase of the six-month periods is uniform.
        mois = int(rng.integers(0, 60))
        ouverture = f"{annee - 6 + mois // 12}-{mois % 12 + 1:02d}-01"
        menages.append(Menage(age, bool(couple), enfants, round(pension, 2), round(salaire, 2), statut,
                              round(loyer, 2), bool(aah), bool(mayotte), ouverture, round(are, 2), round(retraite, 2)))
    return menages


def table_de_menages(menages, annee, poids):
    """The persons table (raw, before ``charger_personnes``) of synthetic households ``menages``."""
    lignes = []
    for numero, m in enumerate(menages):
        commun = {"idmen": numero, "idfam": numero, "idfoy": numero, "wprm": poids}
        demandeur = dict(commun, quimen=0, quifam=0, quifoy=0, date_naissance=f"{annee - 1 - m.age}-07-01",
                         activite="chomeur", ass_precondition_remplie=True, ass_date_ouverture_droits=m.ouverture,
                         statut_occupation_logement=m.logement)
        if m.pension:
            # Alimony rather than an invalidity pension, which would bring the ASI instead of RSA.
            demandeur["pensions_alimentaires_percues"] = m.pension
        if m.aah:
            demandeur["aah"] = AAH_MENSUELLE
            demandeur["ass_aah_droits_acquis_2016"] = True
        if m.loyer:
            demandeur["loyer"] = m.loyer
        if m.mayotte:
            demandeur["residence_mayotte"] = True
            demandeur["depcom"] = "97611"
        lignes.append(demandeur)
        if m.couple:
            conjoint = dict(commun, quimen=1, quifam=1, quifoy=1, date_naissance=f"{annee - 1 - m.age}-01-01",
                            activite="inactif")
            if m.salaire_conjoint:
                conjoint.update(activite="actif", salaire_de_base=m.salaire_conjoint)
            elif m.are_conjoint:
                conjoint.update(activite="chomeur", chomage_net=m.are_conjoint)
            elif m.retraite_conjoint:
                conjoint.update(activite="retraite", retraite_nette=m.retraite_conjoint)
            lignes.append(conjoint)
        for i in range(m.enfants):
            lignes.append(dict(commun, quimen=2, quifam=2, quifoy=2, date_naissance=f"{annee - 3 - 4 * i}-03-01"))
    colonnes = ["idmen", "quimen", "idfam", "quifam", "idfoy", "quifoy", "wprm", "date_naissance", "activite",
                "salaire_de_base", "chomage_net", "retraite_nette", "pensions_alimentaires_percues", "aah",
                "ass_precondition_remplie", "ass_aah_droits_acquis_2016", "ass_date_ouverture_droits",
                "statut_occupation_logement", "loyer", "residence_mayotte", "depcom"]
    return pandas.DataFrame(lignes, columns=colonnes)


def tirer_personnes(taille_menages=TAILLE_PAR_DEFAUT, annee=2027, graine=2024, systeme=None):
    """SYNTHETIC persons table of ``taille_menages`` households, loaded and checked by ``charger_personnes``.

    ``wprm`` holds the initial weights: ``CIBLES["allocataires"] / taille_menages`` for every household.
    """
    if taille_menages < 1:
        raise ValueError(f"taille_menages : entier ≥ 1 attendu, reçu {taille_menages!r}")
    brute = table_de_menages(tirer(taille_menages, annee, graine), annee, CIBLES["allocataires"] / taille_menages)
    personnes = charger_personnes(brute, annee, systeme)
    personnes.attrs["synthetique"] = True
    personnes.attrs["source"] = f"population SYNTHÉTIQUE (graine {graine})"
    return personnes
