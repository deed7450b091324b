"""Contrôles d'une situation avant calcul.

openfisca-core 44.7.1 laisse passer des requêtes qu'il ne sait pas traiter (il répond 500) ou qu'il
traite sans rien dire alors qu'elles n'ont pas de sens (un âge négatif). Chaque contrôle ici lève une
``ErreurRequete`` qui nomme le champ et la forme attendue ; ce que core sait déjà refuser proprement
(variable inconnue, période illisible, valeur du mauvais type) lui est laissé, pour garder ses
messages, que les clients d'openfisca-france connaissent.
"""
import json
import math

from openfisca_core import periods
from openfisca_core.periods import DateUnit
from werkzeug.exceptions import RequestEntityTooLarge

from openfisca_ass.api.erreurs import ErreurRequete

# Entrées qui ne peuvent pas être négatives : l'âge et les ressources. Une ressource négative ferait
# baisser la base de ressources de l'ASS et augmenter l'allocation sans que rien ne le signale. Les
# bénéfices non salariaux et les revenus fonciers n'y sont pas : un déficit y est légal.
VARIABLES_POSITIVES = frozenset({
    "age", "age_en_mois",
    "salaire_de_base", "salaire_net", "salaire_imposable", "primes_salaires",
    "chomage_net", "chomage_brut", "chomage_imposable",
    "retraite_nette", "retraite_brute", "retraite_imposable",
    "pensions_invalidite", "pensions_alimentaires_percues", "pensions_alimentaires_versees_individu",
    "indemnites_stage", "revenus_stage_formation_pro", "indemnites_journalieres",
    "revenus_capital", "aah", "ass_base_ressources", "ass_base_ressources_individu",
    "ass_base_ressources_conjoint",
})

FORMES_PERIODE = {
    DateUnit.YEAR: "une année, par exemple « 2025 »",
    DateUnit.MONTH: "un mois, par exemple « 2025-05 »",
    DateUnit.WEEK: "une semaine, par exemple « 2025-W19 »",
    DateUnit.WEEKDAY: "un jour de semaine, par exemple « 2025-W19-1 »",
    DateUnit.DAY: "un jour, par exemple « 2025-05-12 »",
}

UNITES = {DateUnit.YEAR: "année", DateUnit.MONTH: "mois", DateUnit.WEEK: "semaine",
          DateUnit.WEEKDAY: "jour de semaine", DateUnit.DAY: "jour"}

TYPES_JSON = ("application/json",)

ANNEE_MIN, ANNEE_MAX = 1900, 2199


def lire_json(requete, limite_octets):
    """Le corps de ``requete`` décodé ; 413, 415 ou 400 s'il est trop gros, d'un autre type ou illisible."""
    if requete.content_length is not None and requete.content_length > limite_octets:
        raise _trop_gros(requete.content_length, limite_octets)
    # Sans ce contrôle, core appelle request.get_json() qui échoue hors JSON et répond 500.
    if requete.mimetype not in TYPES_JSON and not requete.mimetype.endswith("+json"):
        raise ErreurRequete(
            f"En-tête Content-Type « {requete.headers.get('Content-Type', '')} » : le corps doit être du JSON.",
            champ="Content-Type", attendu="application/json",
            recu=requete.headers.get("Content-Type"), statut=415)
    brut = _lire_corps(requete, limite_octets)
    try:
        # NaN et Infinity ne sont pas du JSON, mais le module json de Python les accepterait.
        return json.loads(brut, parse_constant=_refuser_constante)
    except (ValueError, UnicodeDecodeError) as erreur:
        raise ErreurRequete(
            f"Corps illisible : {erreur}", champ="corps de la requête",
            attendu="un document JSON (RFC 8259)")


def _lire_corps(requete, limite_octets):
    """Au plus ``limite_octets`` octets, même envoyés par morceaux (sans Content-Length).

    Werkzeug arrête silencieusement la lecture d'un flux à MAX_CONTENT_LENGTH : le corps, tronqué,
    serait alors refusé comme JSON illisible (400) au lieu de trop gros (413). Lire soi-même, en
    comptant, donne la bonne réponse.
    """
    morceaux, total = [], 0
    try:
        while True:
            morceau = requete.stream.read(65536)
            if not morceau:
                break
            total += len(morceau)
            if total > limite_octets:
                raise _trop_gros(requete.content_length, limite_octets)
            morceaux.append(morceau)
    except RequestEntityTooLarge:
        raise _trop_gros(requete.content_length, limite_octets)
    return b"".join(morceaux)


def _court(valeur):
    texte = repr(valeur)
    return texte if len(texte) <= 80 else texte[:77] + "..."


def _refuser_constante(nom):
    raise ValueError(f"« {nom} » n'est pas un nombre JSON")


def _trop_gros(taille, limite):
    return ErreurRequete(
        f"Corps de requête trop volumineux (limite : {limite} octets).",
        champ="corps de la requête", attendu=f"au plus {limite} octets", recu=taille, statut=413)


def verifier_situation(systeme, situation):
    """Refuse (ErreurRequete) une situation que core calculerait mal ou pas du tout."""
    if not isinstance(situation, dict):
        raise ErreurRequete(
            "La situation doit être un objet JSON.", champ="corps de la requête",
            attendu='un objet {"individus": {...}, "familles": {...}, ...}', recu=type(situation).__name__)
    pluriels = {entite.plural for entite in systeme.entities}
    for pluriel, instances in situation.items():
        # Les clés inconnues, les entités mal formées : core les refuse déjà avec un message précis.
        if pluriel not in pluriels or not isinstance(instances, dict):
            continue
        for identifiant, instance in instances.items():
            _verifier_identifiant(pluriel, identifiant)
            if not isinstance(instance, dict):
                continue
            for nom, valeurs in instance.items():
                variable = systeme.variables.get(nom)
                if variable is not None:
                    _verifier_variable(variable, valeurs, [pluriel, identifiant, nom])


def _verifier_identifiant(pluriel, identifiant):
    # Core repère les valeurs à calculer par des chemins « entité/identifiant/variable/période » (dpath) :
    # un identifiant vide ou contenant « / » casse ce découpage et finit en 500.
    if identifiant == "" or "/" in identifiant:
        raise ErreurRequete(
            f"Identifiant {identifiant!r} invalide dans « {pluriel} ».", champ=f"{pluriel}/{identifiant}",
            attendu="un identifiant non vide, sans « / » (par exemple « demandeur »)", recu=identifiant)


def _verifier_variable(variable, valeurs, chemin):
    if not isinstance(valeurs, dict):
        # Valeur sans période (appliquée à la période par défaut de la simulation).
        _verifier_valeur(variable, valeurs, chemin)
        return
    for cle_periode, valeur in valeurs.items():
        try:
            periode = periods.period(cle_periode)
        except Exception:  # noqa: BLE001 -- période illisible : core la refuse avec son message (400).
            continue
        _verifier_annee(periode, chemin + [cle_periode])
        if valeur is None:
            _verifier_periode_demandee(variable, periode, chemin + [cle_periode])
        else:
            _verifier_valeur(variable, valeur, chemin + [cle_periode])


def _verifier_annee(periode, chemin):
    # Au-delà, les calculs qui remontent douze mois ou avancent d'un an sortent des dates de Python
    # (« year 10000 is out of range ») ; bien avant, aucune législation n'est décrite.
    if periode.unit == DateUnit.ETERNITY or ANNEE_MIN <= periode.start.year <= ANNEE_MAX:
        return
    raise ErreurRequete(
        f"Période « {chemin[-1]} » hors du champ du modèle.", champ="/".join(str(c) for c in chemin),
        attendu=f"une période entre {ANNEE_MIN} et {ANNEE_MAX}", recu=str(chemin[-1]), chemin=chemin)


def _verifier_periode_demandee(variable, periode, chemin):
    """Une variable se calcule sur sa période de définition, et une seule à la fois."""
    unite = variable.definition_period
    if unite == DateUnit.ETERNITY:
        return
    if periode.unit == unite and periode.size == 1:
        return
    forme = FORMES_PERIODE.get(unite, str(unite))
    message = (
        f"La variable « {variable.name} » se calcule par {UNITES.get(unite, unite)} (definition_period {unite}) : "
        f"demandez {forme}, pas « {chemin[-1]} ».")
    if unite == DateUnit.MONTH and periode.unit == DateUnit.YEAR:
        message += " Pour un total annuel, demandez chacun des douze mois."
    raise ErreurRequete(
        message, champ="/".join(str(c) for c in chemin), attendu=forme, recu=chemin[-1], chemin=chemin)


def _verifier_valeur(variable, valeur, chemin):
    champ = "/".join(str(c) for c in chemin)
    # Une variable OpenFisca vaut un scalaire par entité et par période : numpy échouerait (500).
    if isinstance(valeur, list):
        raise ErreurRequete(
            f"« {variable.name} » attend une seule valeur, pas une liste.", champ=champ,
            attendu=f"une valeur de type {variable.value_type.__name__}", recu=_court(valeur), chemin=chemin)
    if variable.value_type is float and isinstance(valeur, int) and not isinstance(valeur, bool):
        try:
            float(valeur)
        except OverflowError:
            raise ErreurRequete(
                f"« {variable.name} » : nombre trop grand.", champ=champ,
                attendu="un nombre représentable en virgule flottante", recu=_court(valeur), chemin=chemin)
    if variable.name not in VARIABLES_POSITIVES:
        return
    # bool est un int en Python : une case cochée n'est pas un montant.
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
        return  # type faux : core le refuse déjà (400)
    if valeur < 0 or not math.isfinite(valeur):
        raise ErreurRequete(
            f"« {variable.name} » ne peut pas être négatif : reçu {valeur}.",
            champ=champ,
            attendu="un nombre positif ou nul" + (f" ({variable.unit})" if getattr(variable, "unit", None) else ""),
            recu=valeur, chemin=chemin)
