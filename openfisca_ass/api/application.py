"""L'application WSGI : l'API d'openfisca-core sur ``CountryTaxBenefitSystem``, durcie.

Les routes de core restent les siennes (``/spec``, ``/variables``, ``/parameter/...``...) ; ``/calculate``
et ``/trace`` sont remplacées par des vues qui contrôlent d'abord la requête (``validation``) puis
appellent les mêmes fonctions de core, si bien que leurs réponses restent celles d'openfisca-france.
"""
import os

from flask import jsonify, request
from openfisca_core.errors import ParameterNotFoundError, PeriodMismatchError, SituationParsingError
from openfisca_core.scripts import build_tax_benefit_system
from openfisca_web_api import handlers
from openfisca_web_api.app import create_app

from openfisca_ass.api import erreurs
from openfisca_ass.api.calcul import ErreurSituation, calculer
from openfisca_ass.api.comparaison import Registre, comparer, reformes_du_paquet
from openfisca_ass.api.erreurs import ErreurRequete, reponse_json
from openfisca_ass.api.spec import completer_spec
from openfisca_ass.api.validation import lire_json, verifier_situation

# Une situation de quelques ménages tient en quelques kilo-octets ; 1 Mio laisse de la marge aux axes
# et aux historiques de ressources sur douze mois, sans laisser un client saturer la mémoire.
LIMITE_CORPS_OCTETS = 1024 * 1024


def creer_application(reformes=(), reformes_comparables=None, limite_corps_octets=LIMITE_CORPS_OCTETS):
    """L'application Flask.

    ``reformes`` : chemins pointés des réformes appliquées au système servi (comme ``openfisca serve
    --reforms``). ``reformes_comparables`` : réformes ajoutées au registre de /compare, qui compte déjà
    celles du paquet ``openfisca_ass.reforms``.
    """
    # /compare part toujours de la législation en vigueur : le système servi peut être réformé, la
    # référence jamais (comparer une réforme à elle-même n'aurait pas de sens).
    reference = build_tax_benefit_system("openfisca_ass", None, None)
    systeme = reference
    for chemin in reformes:
        systeme = systeme.apply_reform(chemin)
    registre = Registre(reference, reformes_comparables or (), facultatifs=reformes_du_paquet())

    app = create_app(systeme)
    # Pour les corps envoyés par morceaux, Werkzeug borne le flux à cette taille ; un octet de plus
    # que la limite, pour que ``lire_json`` voie le dépassement et réponde 413.
    app.config["MAX_CONTENT_LENGTH"] = limite_corps_octets + 1
    erreurs.installer(app)
    completer_spec(app)

    def situation_de_la_requete():
        situation = lire_json(request, limite_corps_octets)
        verifier_situation(systeme, situation)
        return situation

    def vue_calculate():
        situation = situation_de_la_requete()
        return _repondre(lambda: calculer(systeme, situation))

    def vue_trace():
        situation = situation_de_la_requete()
        if "axes" in situation:
            raise ErreurRequete(
                "/trace explique une seule situation : les axes n'y sont pas pris en charge.",
                champ="axes", attendu="aucun axe (utilisez /calculate pour une grille)")
        return _repondre(lambda: handlers.trace(systeme, situation))

    def vue_compare():
        corps = lire_json(request, limite_corps_octets)
        return _repondre(lambda: comparer(registre, corps, verifier_situation))

    app.view_functions["calculate"] = vue_calculate
    app.view_functions["trace"] = vue_trace
    app.add_url_rule("/compare", "compare", vue_compare, methods=["POST"])
    app.add_url_rule("/reformes", "reformes", lambda: jsonify(registre.decrire()))
    return app


def _repondre(calcul):
    try:
        return jsonify(calcul())
    except ErreurSituation as erreur:
        # Forme d'openfisca-core, inchangée : les clients d'openfisca-france la lisent déjà.
        return reponse_json(erreur.corps, erreur.statut)
    except (SituationParsingError, PeriodMismatchError) as erreur:  # levées par handlers.trace
        return reponse_json(erreur.error, erreur.code or 400)
    except ParameterNotFoundError as erreur:  # /trace : calculer() nomme lui-même le champ
        raise ErreurRequete(
            f"La législation n'est pas décrite au {erreur.instant_str} (paramètre {erreur.name}).",
            champ="période", attendu="une période couverte par les paramètres du modèle", recu=erreur.instant_str)


def chemins_env(nom):
    return [c.strip() for c in os.environ.get(nom, "").split(",") if c.strip()]


def creer_application_depuis_environnement():
    """Configuration par l'environnement, pour gunicorn (voir ``wsgi``)."""
    return creer_application(
        reformes=chemins_env("OPENFISCA_ASS_REFORMES"),
        reformes_comparables=chemins_env("OPENFISCA_ASS_REFORMES_COMPARABLES"),
        limite_corps_octets=int(os.environ.get("OPENFISCA_ASS_LIMITE_CORPS", LIMITE_CORPS_OCTETS)),
    )
