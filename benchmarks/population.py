"""Synthetic benchmark inputs: N persons, singles and couples, 12 months of resources and activity.

The same arrays feed openfisca-ass, openfisca-france and the numpy floor, so the three compute on
identical inputs. Three input sets (``JEUX``) say which of the generated arrays are given:

- ``ass``, this package's complete set: every variable that either model reads for ``ass`` in
  ``MOIS`` is given (``ENTREES_*``), so that neither model falls back on France's upstream formulas
  (salaries rebuilt from gross pay, AAH, CSG rates...): the ASS rules are measured, not France's payroll;
- ``france``, openfisca-france's own complete set, as a France user fills it for France's simplified
  ASS: what that model reads, over the periods it reads it. It reads ``revenus_capital`` for ``MOIS``
  alone, every other resource over the rolling year and the months around it: the set is ``ass``
  without the 12 months of capital income before ``MOIS``, which this package reads (R5423-2) and
  France's formulas compute from the foyer's tax boxes (0 here, none being given);
- ``clairseme``, a simulator's sparse request: activity and prior-activity condition over 13 months,
  one month of salary (the month before ``MOIS``). Everything else is computed, France's payroll included.

``restreindre`` gives the arrays as the models see them under a set (what is not given is 0).

Synthetic, deterministic (seeded), not calibrated: a mix chosen so that every branch of the rules is
exercised (interrupted incomes, couples, cumul with work, AAH, Mayotte, age limit).
"""
import numpy

MOIS = "2025-05"
# The 12 months before MOIS, then MOIS itself.
MOIS_HISTOIRE = [f"2024-{m:02d}" for m in range(5, 13)] + [f"2025-{m:02d}" for m in range(1, 6)]
ANNEE_PRECEDENTE = "2024"

# Monthly individual amounts given for each of the 13 months.
ENTREES_MENSUELLES = (
    "salaire_imposable",
    "chomage_net",
    "retraite_nette",
    "indemnites_journalieres",
    "pensions_invalidite",
    "indemnites_stage",
    "revenus_stage_formation_pro",
    "rpns_auto_entrepreneur_benefice",
    "pensions_alimentaires_percues",
    "pensions_alimentaires_versees_individu",
    "revenus_locatifs",
    "revenus_capital",
    "aah",
    )
# Annual profits of the previous calendar year.
ENTREES_ANNUELLES = (
    "rpns_micro_entreprise_benefice",
    "rpns_benefice_exploitant_agricole",
    "rpns_autres_revenus",
    )
# Individual states given for each of the 13 months.
ENTREES_ETATS = ("activite", "ass_precondition_remplie", "ass_aah_droits_acquis_2016")

# Input sets: for each given variable, the indexes in MOIS_HISTOIRE of the months given, or UNE_FOIS
# for the (n,) arrays (rpns_* of ANNEE_PRECEDENTE, age_en_mois and residence_mayotte of MOIS). What a
# set leaves out is not put in the simulation.
TOUS_LES_MOIS = tuple(range(13))
MOIS_SEUL = (12,)
UNE_FOIS = "une fois"
JEUX = {
    "ass": dict(
        {nom: TOUS_LES_MOIS for nom in ENTREES_MENSUELLES + ENTREES_ETATS},
        **{nom: UNE_FOIS for nom in ENTREES_ANNUELLES + ("age_en_mois", "residence_mayotte")},
        ),
    "france": dict(
        {nom: TOUS_LES_MOIS for nom in ENTREES_MENSUELLES + ENTREES_ETATS},
        revenus_capital=MOIS_SEUL,
        **{nom: UNE_FOIS for nom in ENTREES_ANNUELLES + ("age_en_mois", "residence_mayotte")},
        ),
    "clairseme": {"activite": TOUS_LES_MOIS, "ass_precondition_remplie": TOUS_LES_MOIS, "salaire_imposable": (11,)},
    }


def restreindre(d, jeu):
    """The arrays of ``d`` as the models see them under input set ``jeu``: months not given are 0.

    Only meaningful where France's formulas give 0 for what is not given (``ass`` and ``france`` sets):
    the benchmark checks it by comparing the numpy floor, fed these arrays, with openfisca-ass.
    """
    donnees = JEUX[jeu]
    resultat = dict(d)
    for nom in ENTREES_MENSUELLES + ENTREES_ETATS:
        mois = donnees.get(nom, ())
        if mois != TOUS_LES_MOIS:
            resultat[nom] = numpy.zeros_like(d[nom])
            resultat[nom][list(mois)] = d[nom][list(mois)]
    for nom in ENTREES_ANNUELLES:
        if nom not in donnees:
            resultat[nom] = numpy.zeros_like(d[nom])
    return resultat


# TypesActivite codes (openfisca_france.model.base): actif, chomeur, etudiant, retraite, inactif.
ACTIF, CHOMEUR, ETUDIANT, RETRAITE, INACTIF = range(5)


def _montants(rng, n, part, bas, haut, mois=13, continu=0.6):
    """(mois, n) float32 amounts: a share ``part`` of people receive between ``bas`` and ``haut``.

    Among them, ``continu`` receive it every month; the others stop at a random month (an
    interrupted income in the sense of R5423-5), some before the month of the claim.
    """
    recoit = rng.random(n) < part
    niveau = rng.uniform(bas, haut, n).astype(numpy.float32) * recoit
    arret = numpy.where(rng.random(n) < continu, mois, rng.integers(1, mois, n))
    masque = numpy.arange(mois)[:, None] < arret[None, :]
    return (masque * niveau[None, :]).astype(numpy.float32)


def generer(n, graine=2025):
    """Dict of numpy arrays describing ``n`` persons (couples and singles mixed).

    Keys: ``famille`` (group index of each person), ``role`` (0 demandeur / first parent, 1 conjoint),
    ``nb_familles``, each name of ``ENTREES_MENSUELLES`` and ``ENTREES_ETATS`` as a (13, n) array,
    each name of ``ENTREES_ANNUELLES`` as an (n,) array, ``age_en_mois`` and ``residence_mayotte``
    (per family, which is also the household) as (n,) arrays.
    """
    rng = numpy.random.default_rng(graine)
    # A quarter of families are couples (two persons, consecutive), the others singles.
    tailles = 1 + (rng.random(n) < 0.25)
    tailles = tailles[numpy.cumsum(tailles) <= n]
    tailles = numpy.concatenate([tailles, numpy.ones(n - int(tailles.sum()), dtype=tailles.dtype)])
    nb_familles = len(tailles)
    famille = numpy.repeat(numpy.arange(nb_familles), tailles)
    premier = numpy.concatenate([[0], numpy.cumsum(tailles)[:-1]])
    role = (numpy.arange(n) - premier[famille]).astype(numpy.int8)

    d = {"famille": famille, "role": role, "nb_familles": nb_familles}

    # Activity over 13 months: most are jobseekers; some worked some months (cumul with ASS).
    activite = numpy.full((13, n), CHOMEUR, dtype=numpy.int16)
    profil = rng.random(n)
    activite[:, profil >= 0.80] = ACTIF
    activite[:, (profil >= 0.92)] = RETRAITE
    activite[:, (profil >= 0.96)] = INACTIF
    d["activite"] = activite

    # Salaries: a quarter of people worked in some of the 13 months (occasional or reduced work).
    travail = (rng.random((13, n)) < 0.35) & (rng.random(n) < 0.4)[None, :]
    travail[:, profil >= 0.80] = (profil[profil >= 0.80] < 0.92)[None, :]
    d["salaire_imposable"] = (travail * rng.uniform(200, 2200, n)[None, :]).astype(numpy.float32)
    # Unemployment insurance that ran out during the year (interrupted), or still paid.
    d["chomage_net"] = _montants(rng, n, 0.20, 500, 1500, continu=0.25)
    d["retraite_nette"] = _montants(rng, n, 0.05, 300, 1600, continu=0.9)
    d["indemnites_journalieres"] = _montants(rng, n, 0.03, 200, 1200, continu=0.3)
    d["pensions_invalidite"] = _montants(rng, n, 0.02, 200, 900, continu=0.9)
    d["indemnites_stage"] = _montants(rng, n, 0.01, 300, 700, continu=0.2)
    d["revenus_stage_formation_pro"] = _montants(rng, n, 0.02, 300, 700, continu=0.3)
    d["rpns_auto_entrepreneur_benefice"] = _montants(rng, n, 0.03, 100, 900, continu=0.5)
    d["pensions_alimentaires_percues"] = _montants(rng, n, 0.03, 100, 400, continu=0.95)
    d["pensions_alimentaires_versees_individu"] = _montants(rng, n, 0.02, 100, 400, continu=0.95)
    d["revenus_locatifs"] = _montants(rng, n, 0.05, 100, 800, continu=0.95)
    d["revenus_capital"] = _montants(rng, n, 0.10, 1, 150, continu=0.95)
    d["aah"] = _montants(rng, n, 0.03, 300, 1000, continu=0.95)
    for nom, part in zip(ENTREES_ANNUELLES, (0.02, 0.005, 0.005)):
        d[nom] = (rng.uniform(1000, 15000, n) * (rng.random(n) < part)).astype(numpy.float32)

    d["ass_precondition_remplie"] = numpy.repeat((rng.random(n) < 0.8)[None, :], 13, axis=0)
    d["ass_aah_droits_acquis_2016"] = numpy.repeat((rng.random(n) < 0.3)[None, :], 13, axis=0)
    d["age_en_mois"] = rng.integers(20 * 12, 70 * 12, n).astype(numpy.int32)
    d["residence_mayotte"] = rng.random(nb_familles) < 0.01
    return d
