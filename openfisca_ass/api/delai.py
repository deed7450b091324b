"""The deadline of a request: past it, the computation stops and the client gets a JSON 503.

A gunicorn worker timeout would kill the worker silently (the client sees a dropped connection) and
cannot reach a request thread anyway: gthread workers heartbeat from their main loop. So the deadline
is checked by the computation itself, cooperatively: openfisca-core's ``Simulation.calculate`` calls
``tracer.record_calculation_start`` before every variable it computes or reads from its cache, and
the tracer installed here raises ``DelaiDepasse`` there once the deadline has passed. The check costs
one clock read per variable; a single formula (a few vectorised numpy operations, bounded by the cost
budget) is never interrupted midway, so the overshoot is that of one formula.
"""
import time

from openfisca_core.tracers import FullTracer, SimpleTracer

from openfisca_ass.api.erreurs import ErreurRequete

# A client told to come back: long enough for a burst to pass, short enough for a person waiting.
RETRY_AFTER_S = 5


class DelaiDepasse(Exception):
    """The request's computation ran past its deadline."""


class Echeance:
    """The instant (``time.monotonic``) a request's computations must end by."""

    def __init__(self, delai_s):
        self.delai_s = delai_s
        self.fin = time.monotonic() + delai_s

    def verifier(self):
        if time.monotonic() > self.fin:
            raise DelaiDepasse(self.delai_s)

    def surveiller(self, simulation):
        """Install on ``simulation`` a tracer that checks this deadline (keeps a full trace if on)."""
        classe = _TraceurCompletBorne if isinstance(simulation.tracer, FullTracer) else _TraceurSimpleBorne
        traceur = classe()
        traceur.echeance = self
        simulation.tracer = traceur
        return simulation


class _TraceurSimpleBorne(SimpleTracer):
    def record_calculation_start(self, variable, period):
        self.echeance.verifier()
        super().record_calculation_start(variable, period)


class _TraceurCompletBorne(FullTracer):
    def record_calculation_start(self, variable, period):
        self.echeance.verifier()
        super().record_calculation_start(variable, period)


def reponse_delai_depasse(erreur, reglage="OPENFISCA_ASS_DELAI"):
    """The 503 for a ``DelaiDepasse``, as an ``ErreurRequete`` (JSON body, ``Retry-After``)."""
    delai = erreur.args[0] if erreur.args else None
    return ErreurRequete(
        f"Calcul interrompu : la requête dépasse le délai de {delai} s (réglage {reglage}). "
        f"Réessayez plus tard ou allégez la requête (moins de variables, de périodes ou de points d'axes).",
        champ="délai de calcul", attendu=f"un calcul de moins de {delai} s", statut=503,
        limite={"nom": "delai_s", "reglage": reglage, "valeur": delai},
        entetes={"Retry-After": str(RETRY_AFTER_S)})
