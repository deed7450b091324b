"""Contrôles d'une requête avant calcul.

openfisca-core 44.7.1 laisse passer des requêtes qu'il ne sait pas traiter (il répond 500) ou qu'il
traite sans rien dire alors qu'elles n'ont pas de sens (la chaîne « false » vaut vrai, un âge négatif).
Chaque contrôle ici lève une ``ErreurRequete`` qui nomme le champ et la forme attendue. Les valeurs
impossibles (types, calendrier, bornes) sont jugées par ``openfisca_ass.controles``, les mêmes contrôles
que ceux du lanceur YAML et des simulations Python : ce module ne fait que les appliquer avant le
calcul, pour répondre avec le champ et la période. Ce que core sait déjà refuser proprement (variable
inconnue, période illisible) lui est laissé, pour garder ses messages, que les clients
d'openfisca-france connaissent.
"""
import json

import numpy
from openfisca_core import periods
from openfisca_core.commons import eval_expression
from openfisca_core.periods import DateUnit
from werkzeug.exceptions import RequestEntityTooLarge

from openfisca_ass import controles
from openfisca_ass.api.erreurs import ErreurRequete
from openfisca_ass.controles.bornes import BORNES
from openfisca_ass.controles.erreurs import lisible
from openfisca_ass.controles.valeurs import attendu_nombre, lire_date

# Ceux que l'API refusait déjà avant que les contrôles ne soient partagés (calcul.py s'en sert pour les axes).
VARIABLES_POSITIVES = controles.VARIABLES_POSITIVES

# Une situation tient en quatre niveaux (entité, instance, variable, période), les axes en quatre,
# /compare en ajoute un : au-delà de 32, ce n'est pas une situation, et la récursion de Python
# (json, dpath, deepcopy) finirait en 500.
PROFONDEUR_MAX = 32

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
        document = json.loads(brut, parse_constant=_refuser_constante)
    except (ValueError, UnicodeDecodeError) as erreur:
        raise ErreurRequete(
            f"Corps illisible : {erreur}", champ="corps de la requête",
            attendu="un document JSON (RFC 8259)") from None
    except RecursionError:  # le décodeur de Python est récursif : environ 1 000 niveaux au plus
        raise _trop_profond(None) from None
    profondeur = _profondeur(document)
    if profondeur > PROFONDEUR_MAX:
        raise _trop_profond(profondeur)
    return document


def _profondeur(document):
    """Nombre de niveaux d'objets et de listes imbriqués, sans récursion."""
    maximum, pile = 0, [(document, 1)]
    while pile:
        noeud, niveau = pile.pop()
        if isinstance(noeud, dict):
            enfants = noeud.values()
        elif isinstance(noeud, list):
            enfants = noeud
        else:
            continue
        maximum = max(maximum, niveau)
        if maximum > PROFONDEUR_MAX:
            return maximum
        pile.extend((enfant, niveau + 1) for enfant in enfants)
    return maximum


def _trop_profond(profondeur):
    return ErreurRequete(
        f"Corps trop imbriqué ({'plus de 900' if profondeur is None else profondeur} niveaux).",
        champ="corps de la requête", attendu=f"un document JSON d'au plus {PROFONDEUR_MAX} niveaux d'imbrication",
        recu=profondeur if profondeur is not None else "plus de 900 niveaux")


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
        raise _trop_gros(requete.content_length, limite_octets) from None
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
    demandees = []  # périodes des valeurs à calculer (null)
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
                    _verifier_variable(systeme, variable, valeurs, [pluriel, identifiant, nom], demandees)
    if "axes" in situation:
        _verifier_axes(systeme, situation)
    _verifier_naissances(systeme, situation, demandees)


def _verifier_identifiant(pluriel, identifiant):
    # Core repère les valeurs à calculer par des chemins « entité/identifiant/variable/période » (dpath) :
    # un identifiant vide ou contenant « / » casse ce découpage et finit en 500.
    if identifiant == "" or "/" in identifiant:
        raise ErreurRequete(
            f"Identifiant {identifiant!r} invalide dans « {pluriel} ».", champ=f"{pluriel}/{identifiant}",
            attendu="un identifiant non vide, sans « / » (par exemple « demandeur »)", recu=identifiant)


def _verifier_variable(systeme, variable, valeurs, chemin, demandees):
    if not isinstance(valeurs, dict):
        # Valeur sans période (appliquée à la période par défaut de la simulation).
        _verifier_valeur(systeme, variable, None, valeurs, chemin)
        return
    for cle_periode, valeur in valeurs.items():
        try:
            periode = periods.period(cle_periode)
        except Exception:  # noqa: BLE001 -- période illisible : core la refuse avec son message (400).
            continue
        _verifier_calendrier(periode, chemin + [cle_periode])
        if valeur is None:
            _verifier_periode_demandee(variable, periode, chemin + [cle_periode])
            demandees.append(periode)
        else:
            _verifier_valeur(systeme, variable, periode, valeur, chemin + [cle_periode])


def _verifier_calendrier(periode, chemin):
    # Début et fin : « month:2025-01:200000 » commence en 2025 mais finit après l'an 9999.
    attendu = controles.refus_periode(periode)
    if attendu:
        raise ErreurRequete(
            f"« {chemin[-2]} » : période « {chemin[-1]} » hors du calendrier du modèle ; attendu : {attendu}.",
            champ="/".join(str(c) for c in chemin),
            attendu=attendu, recu=str(chemin[-1]), chemin=chemin)


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


def _verifier_valeur(systeme, variable, periode, valeur, chemin):
    """Les contrôles partagés (``openfisca_ass.controles``) sur une valeur : type, puis bornes."""
    champ = "/".join(str(c) for c in chemin)
    # Une variable OpenFisca vaut un scalaire par entité et par période : numpy échouerait (500).
    if isinstance(valeur, (list, dict)):
        raise ErreurRequete(
            f"« {variable.name} » attend une seule valeur, pas un ensemble de valeurs.",
            champ=champ,
            attendu=f"une valeur de type {variable.value_type.__name__}", recu=_court(valeur), chemin=chemin)
    refus = controles.refus_brut(variable, valeur)
    if refus is None:
        tableau = _en_tableau(variable, valeur)
        if tableau is None:
            return  # type que core refuse déjà avec son message (400)
        parametres = None
        if periode is not None and periode.unit != DateUnit.ETERNITY:
            parametres = systeme.get_parameters_at_instant(periode.start)
        refus = controles.refus_tableau(variable, tableau, parametres)
    if refus is not None:
        raise ErreurRequete(
            controles.message(variable.name, periode, refus, identifiant=chemin[1]), champ=champ,
            attendu=refus.attendu, recu=lisible(valeur), chemin=chemin)


def _en_tableau(variable, valeur):
    """La valeur en tableau d'un élément, comme core la rangera ; None si core la refusera lui-même."""
    if isinstance(valeur, str) and variable.value_type in (int, float):
        valeur = eval_expression(valeur)  # lisible : refus_brut l'a déjà lue
        if isinstance(valeur, str):
            return None
    try:
        return numpy.array([valeur]).reshape(-1)
    except (TypeError, ValueError, OverflowError):
        return None


def _verifier_axes(systeme, situation):
    """La forme des axes (``calcul.verifier_axes``), puis la période de chaque axe et les bornes de sa variable."""
    from openfisca_ass.api.calcul import verifier_axes  # calcul importe ce module

    verifier_axes(systeme, situation)
    for i, dimension in enumerate(situation["axes"]):
        for j, axe in enumerate(dimension):
            champ = f"axes/{i}/{j}"
            if "period" not in axe:
                # Core prendrait la période par défaut de la simulation, qui n'existe pas dans l'API (500).
                raise ErreurRequete(
                    f"{champ} : l'axe n'a pas de période.", champ=f"{champ}/period",
                    attendu="une période, par exemple « 2025-05 »")
            try:
                periode = periods.period(axe["period"])
            except Exception:  # noqa: BLE001 -- toute période illisible, quel que soit le type reçu
                raise ErreurRequete(
                    f"{champ}/period n'est pas une période.", champ=f"{champ}/period",
                    attendu="une période, par exemple « 2025-05 »", recu=_court(axe["period"])) from None
            attendu = controles.refus_periode(periode)
            if attendu:
                raise ErreurRequete(
                    f"{champ}/period : période « {axe['period']} » hors du calendrier du modèle ; attendu : {attendu}.",
                    champ=f"{champ}/period", attendu=attendu, recu=_court(axe["period"]))
            _verifier_bornes_axe(systeme, axe, periode, champ)


def _verifier_bornes_axe(systeme, axe, periode, champ):
    variable = systeme.variables[axe["name"]]
    bornes = BORNES.get(variable.name)
    if bornes is None:
        return
    maximum = bornes.maximum
    if callable(maximum):
        eternel = periode.unit == DateUnit.ETERNITY
        maximum = None if eternel else maximum(systeme.get_parameters_at_instant(periode.start))
    for cle in ("min", "max"):
        valeur = axe[cle]
        if (bornes.minimum is not None and valeur < bornes.minimum) or (maximum is not None and valeur > maximum):
            refus = controles.Refus(0, 1, valeur, attendu_nombre(variable, maximum))
            raise ErreurRequete(
                f"{champ}/{cle} : " + controles.message(variable.name, periode, refus), champ=f"{champ}/{cle}",
                attendu=refus.attendu, recu=lisible(valeur))


def _verifier_naissances(systeme, situation, demandees):
    """Une date de naissance après la fin de toutes les périodes demandées : personne dont on calcule quoi
    que ce soit n'est encore né. Avant la fin de la dernière, la situation peut avoir du sens (un enfant né
    en cours d'année) ; l'ASS refuse elle-même de se calculer pour une personne pas encore née au mois
    calculé (``controles.naissance``), et l'API répond alors 400 aussi."""
    if not demandees or "date_naissance" not in systeme.variables:
        return
    fins = [periode.stop for periode in demandees if periode.unit != DateUnit.ETERNITY]
    individus = situation.get(systeme.person_entity.plural)
    if not fins or not isinstance(individus, dict):
        return
    fin = max(fins)
    for identifiant, individu in individus.items():
        valeurs = individu.get("date_naissance") if isinstance(individu, dict) else None
        for cle, valeur in (valeurs.items() if isinstance(valeurs, dict) else [(None, valeurs)]):
            naissance = lire_date(valeur)
            if naissance is None or naissance <= fin.date:
                continue
            chemin = [systeme.person_entity.plural, identifiant, "date_naissance"] + ([cle] if cle else [])
            attendu = f"une date de naissance au plus tard le {fin.date}, fin de la dernière période demandée"
            raise ErreurRequete(
                f"« date_naissance » de « {identifiant} » : {naissance}, après toutes les périodes demandées "
                f"(la dernière finit le {fin.date}) ; attendu : {attendu}.",
                champ="/".join(chemin), attendu=attendu, recu=str(valeur), chemin=chemin)
