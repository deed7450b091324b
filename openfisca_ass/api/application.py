"""The WSGI application: openfisca-core's API over ``CountryTaxBenefitSystem``, hardened.

Core's routes stay its own (``/spec``, ``/variables``, ``/parameter/...``...); ``/calculate`` and
``/trace`` are replaced by views that first check the request (``validation``), then its cost
(``budget``), then compute under a deadline (``delai``) with the same core functions, so that their
answers stay openfisca-france's. ``/compare`` and ``/reformes`` are added (``comparaison``). What is
exposed (CORS, ``/trace``) is a setting (``exposition``).
"""
import os

from flask import jsonify, request
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.scripts import build_tax_benefit_system
from openfisca_web_api.app import create_app

from openfisca_ass import sources_en_cache
from openfisca_ass.api import erreurs
from openfisca_ass.api.budget import Budget
from openfisca_ass.api.calcul import ErreurSituation, calculer, tracer
from openfisca_ass.api.comparaison import Registre, comparer, lire_demande
from openfisca_ass.api.delai import DelaiDepasse, Echeance, reponse_delai_depasse
from openfisca_ass.api.erreurs import ErreurRequete, reponse_json
from openfisca_ass.api.exposition import Exposition
from openfisca_ass.api.spec import completer_spec
from openfisca_ass.api.validation import lire_json, verifier_situation

# A situation of a few households fits in a few kilobytes; 1 MiB leaves room for axes and twelve
# months of resources, without letting a client fill the memory.
LIMITE_CORPS_OCTETS = 1024 * 1024


def creer_application(reformes=(), reformes_comparables=None, limite_corps_octets=LIMITE_CORPS_OCTETS,
                      budget=None, exposition=None):
    """The Flask application.

    ``reformes``: dotted paths of the reforms applied to the served system (as ``openfisca serve
    --reforms``). ``reformes_comparables``: reforms added to /compare's registry, which already holds
    the shipped ones. ``budget``, ``exposition``: the settings (defaults: ``Budget()``, ``Exposition()``).
    """
    budget = budget or Budget()
    exposition = exposition or Exposition()
    # /compare always starts from the law in force: the served system may be reformed, the reference
    # never is (comparing a reform with itself would make no sense).
    reference = build_tax_benefit_system("openfisca_ass", None, None)
    systeme = reference
    for chemin in reformes:
        systeme = systeme.apply_reform(chemin)
    registre = Registre(reference, reformes_comparables or ())

    with exposition.cors_de_core_remplace():
        app = create_app(systeme)
    # Core's /variable routes read each formula's source lines: those of a reform's formulas are new to the
    # cache the build wrote (sources_en_cache).
    sources_en_cache.memoire().ecrire()
    # For bodies sent in chunks, Werkzeug caps the stream at this size; one byte over the limit, so
    # that ``lire_json`` sees the overflow and answers 413.
    app.config["MAX_CONTENT_LENGTH"] = limite_corps_octets + 1
    erreurs.installer(app)
    app.register_error_handler(DelaiDepasse, lambda erreur: erreurs.repondre_erreur_requete(
        reponse_delai_depasse(erreur)))
    completer_spec(app, trace=exposition.trace)

    def situation_de_la_requete():
        situation = lire_json(request, limite_corps_octets)
        verifier_situation(systeme, situation)
        budget.verifier(systeme, situation)
        return situation

    def vue_calculate():
        situation = situation_de_la_requete()
        return _repondre(lambda: calculer(systeme, situation, Echeance(budget.delai_s)))

    def vue_trace():
        if not exposition.trace:
            raise ErreurRequete(
                "La route /trace est désactivée sur ce serveur.", champ="/trace",
                attendu="/calculate (ou un serveur lancé avec OPENFISCA_ASS_TRACE=1)", statut=404)
        situation = situation_de_la_requete()
        if "axes" in situation:
            raise ErreurRequete(
                "/trace explique une seule situation : les axes n'y sont pas pris en charge.",
                champ="axes", attendu="aucun axe (utilisez /calculate pour une grille)")
        reponse = _repondre(lambda: tracer(systeme, situation, Echeance(budget.delai_s)))
        taille = reponse.content_length or len(reponse.get_data())
        if exposition.trace_max_octets and reponse.status_code == 200 and taille > exposition.trace_max_octets:
            raise ErreurRequete(
                f"Trace trop volumineuse : {taille} octets, au-delà de la limite de "
                f"{exposition.trace_max_octets} (réglage OPENFISCA_ASS_TRACE_MAX_OCTETS). "
                "Demandez moins de variables ou de périodes.",
                champ="/trace", attendu=f"une trace d'au plus {exposition.trace_max_octets} octets", recu=taille,
                statut=422, limite={"nom": "trace_max_octets", "reglage": "OPENFISCA_ASS_TRACE_MAX_OCTETS",
                                    "valeur": exposition.trace_max_octets})
        return reponse

    def vue_compare():
        corps = lire_json(request, limite_corps_octets)
        situation, reformes = lire_demande(registre, corps, budget)
        verifier_situation(registre.reference, situation)
        budget.verifier(registre.reference, situation)
        echeance = Echeance(budget.delai_s)

        def calcul():
            reference, comparaisons = comparer(registre, situation, reformes, echeance)
            if "reforme" in corps:  # one reform: the flat shape
                return {"reforme": corps["reforme"], "reference": reference, **comparaisons[0]}
            return {"reference": reference, "reformes": comparaisons}
        return _repondre(calcul)

    app.view_functions["calculate"] = vue_calculate
    app.view_functions["trace"] = vue_trace
    app.add_url_rule("/compare", "compare", vue_compare, methods=["POST"])
    app.add_url_rule("/reformes", "reformes", lambda: jsonify(registre.decrire()))
    return app


def _repondre(calcul):
    try:
        return jsonify(calcul())
    except ErreurSituation as erreur:
        # openfisca-core's shape, unchanged: openfisca-france's clients already read it.
        return reponse_json(erreur.corps, erreur.statut)
    except (SituationParsingError, PeriodMismatchError) as erreur:
        return reponse_json(erreur.error, erreur.code or 400)


def chemins_env(nom):
    return [c.strip() for c in os.environ.get(nom, "").split(",") if c.strip()]


def creer_application_depuis_environnement():
    """Settings from the environment, for gunicorn (see ``wsgi``)."""
    return creer_application(
        reformes=chemins_env("OPENFISCA_ASS_REFORMES"),
        reformes_comparables=chemins_env("OPENFISCA_ASS_REFORMES_COMPARABLES"),
        limite_corps_octets=int(os.environ.get("OPENFISCA_ASS_LIMITE_CORPS", LIMITE_CORPS_OCTETS)),
        budget=Budget.depuis_environnement(),
        exposition=Exposition.depuis_environnement(),
    )
