"""Cas types: typical ASS recipients, as web-API JSON situations.

Each cas type is a function of the year studied ``annee``; its inputs cover the two previous years as
well, because ASS looks at the resources of the twelve previous months and RSA at the ASS of the three
previous months. Every claimant is a jobseeker without unemployment insurance who meets the prior
activity condition and receives ASS at the end of ``annee - 1`` under current law. Where the system
knows the award period (``ass_date_ouverture_droits``), the rights were opened on 1 October of
``annee - 2``: six-month periods then run October-March and April-September.
"""
import copy

# SMIC brut mensuel au 1er janvier 2026 : 151,67 h × 12,02 € (openfisca-france leaves later years flat).
SMIC_BRUT_MENSUEL = 1823.07
AAH_MENSUELLE = 1041.59  # montant maximal au 1er avril 2026 (ass-rules.md §14)


def _annees(annee):
    return [str(a) for a in (annee - 2, annee - 1, annee)]


def _chaque_annee(annee, valeur):
    return {a: valeur for a in _annees(annee)}


def _mensuel(annee, montant_mensuel):
    """A monthly amount as yearly inputs (divided over the months by openfisca)."""
    return {a: round(12 * montant_mensuel, 2) for a in _annees(annee)}


def demandeur(annee, naissance, **entrees):
    personne = {
        "date_naissance": {"ETERNITY": naissance},
        "activite": _chaque_annee(annee, "chomeur"),
        "ass_precondition_remplie": _chaque_annee(annee, True),
        "ass_date_ouverture_droits": {"ETERNITY": f"{annee - 2}-10-01"},
        }
    personne.update(entrees)
    return personne


def logement(annee, statut, loyer=0, mayotte=False):
    menage = {"statut_occupation_logement": _chaque_annee(annee, statut)}
    if loyer:
        menage["loyer"] = _mensuel(annee, loyer)
    if mayotte:
        menage["residence_mayotte"] = _chaque_annee(annee, True)
        menage["depcom"] = _chaque_annee(annee, "97611")
    return menage


def situation(individus, parents, enfants=(), menage=None):
    return {
        "individus": individus,
        "familles": {"famille": {"parents": list(parents), "enfants": list(enfants)}},
        "foyers_fiscaux": {"foyer_fiscal": {"declarants": list(parents), "personnes_a_charge": list(enfants)}},
        "menages": {"menage": {
            "personne_de_reference": [parents[0]],
            **({"conjoint": [parents[1]]} if len(parents) > 1 else {}),
            **({"enfants": list(enfants)} if enfants else {}),
            **(menage or {}),
            }},
        }


def personne_seule_sans_ressources(annee):
    """Single, 45, no resources, renting (450 €, zone 2): full-rate ASS, topped up by RSA and housing aid."""
    return situation({"demandeur": demandeur(annee, f"{annee - 45}-05-12")}, ["demandeur"],
                     menage=logement(annee, "locataire_vide", 450))


def couple_conjoint_smic(annee):
    """Claimant 52, partner earning the SMIC: full-rate ASS (couple ceiling 110×), no RSA."""
    return situation({
        "demandeur": demandeur(annee, f"{annee - 52}-02-03"),
        "conjoint": {"date_naissance": {"ETERNITY": f"{annee - 50}-09-20"},
                     "activite": _chaque_annee(annee, "actif"),
                     "salaire_de_base": _mensuel(annee, SMIC_BRUT_MENSUEL)},
        }, ["demandeur", "conjoint"], menage=logement(annee, "locataire_vide", 650))


def chomeur_longue_duree_58_ans(annee):
    """Single, 58, long-term jobseeker, owner-occupier: ASS validates pension quarters; RSA does not."""
    return situation({"demandeur": demandeur(annee, f"{annee - 58}-01-15")}, ["demandeur"],
                     menage=logement(annee, "proprietaire"))


def artiste_auteur(annee):
    """Artiste-auteur, 38, affiliated to the artists-authors scheme, nine-month award periods, renting."""
    return situation({"demandeur": demandeur(
        annee, f"{annee - 38}-11-30",
        ass_public_specifique=_chaque_annee(annee, "artiste_auteur"),
        ass_affilie_regime_artistes_auteurs=_chaque_annee(annee, True),
        )}, ["demandeur"], menage=logement(annee, "locataire_vide", 400))


def aah_droits_acquis(annee):
    """Single, 55, entitled to both ASS and AAH on 31 December 2016 (grandfathered until end 2026)."""
    return situation({"demandeur": demandeur(
        annee, f"{annee - 55}-06-01",
        ass_aah_droits_acquis_2016=_chaque_annee(annee, True),
        aah=_mensuel(annee, AAH_MENSUELLE),
        )}, ["demandeur"], menage=logement(annee, "locataire_hlm", 380))


def mayotte(annee):
    """Single, 40, in Mayotte: Mayotte's daily rate and ceilings."""
    return situation({"demandeur": demandeur(annee, f"{annee - 40}-03-08")}, ["demandeur"],
                     menage=logement(annee, "loge_gratuitement", mayotte=True))


def couple_deux_enfants(annee):
    """Claimant 42, partner half-time at the SMIC, two children (8 and 12), renting (700 €)."""
    return situation({
        "demandeur": demandeur(annee, f"{annee - 42}-04-22"),
        "conjoint": {"date_naissance": {"ETERNITY": f"{annee - 40}-12-01"},
                     "activite": _chaque_annee(annee, "actif"),
                     "salaire_de_base": _mensuel(annee, SMIC_BRUT_MENSUEL / 2)},
        "enfant_1": {"date_naissance": {"ETERNITY": f"{annee - 8}-07-14"}},
        "enfant_2": {"date_naissance": {"ETERNITY": f"{annee - 12}-01-30"}},
        }, ["demandeur", "conjoint"], enfants=["enfant_1", "enfant_2"],
        menage=logement(annee, "locataire_vide", 700))


CAS_TYPES = {
    "personne_seule_sans_ressources": personne_seule_sans_ressources,
    "couple_conjoint_smic": couple_conjoint_smic,
    "chomeur_longue_duree_58_ans": chomeur_longue_duree_58_ans,
    "artiste_auteur": artiste_auteur,
    "aah_droits_acquis": aah_droits_acquis,
    "mayotte": mayotte,
    "couple_deux_enfants": couple_deux_enfants,
}


def cas_type(nom, annee, systeme=None):
    """The situation of cas type ``nom`` for year ``annee``.

    With ``systeme``, inputs the system does not know are left out (say, the award-period opening date
    on a system without award periods), so that a cas type runs on any version of the model.
    """
    if nom not in CAS_TYPES:
        raise ValueError(f"cas type inconnu : « {nom} » (connus : {', '.join(CAS_TYPES)})")
    resultat = copy.deepcopy(CAS_TYPES[nom](annee))
    if systeme is not None:
        for personne in resultat["individus"].values():
            for variable in [v for v in personne if v not in systeme.variables]:
                del personne[variable]
    return resultat
