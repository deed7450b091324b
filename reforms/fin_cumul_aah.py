"""Fin du cumul ASS-AAH maintenu pour les droits acquis au 31 décembre 2016 (L5423-7).

The law keeps, for people entitled to both on 31 December 2016, the cumulation of ASS and AAH for ten
years at most, until 31 December 2026: the baseline carries it as the dated boolean parameter
``chomage.allocations_assurance_chomage.ass.aah.maintien_droits_acquis`` (true from 2017-01-01, false from
2027-01-01). Both reforms here rewrite that parameter from the study parameters of
``chomage.allocations_assurance_chomage.ass.reformes.fin_cumul_aah``:

- ``fin_cumul_aah``: the grandfathering ends on ``date_fin_maintien`` (first day without the
  cumulation; default 2026-01-01, a year earlier than the law);
- ``maintien_cumul_aah``: the counterfactual in which the cumulation never ends, to measure what its
  end on 31 December 2026 takes away.

The study parameters are read when the reform is applied (their latest value): to change them, build a
parametric reform that sets them and then applies this one
(``reforme_parametrique({...date_fin_maintien: "2026-07-01"}, reformes=[fin_cumul_aah])``).
"""
from openfisca_core import periods
from openfisca_core.reforms import Reform

from openfisca_ass.reformes_parametriques import fixer_partout, modifier_parametres, valeur_la_plus_recente

# Les noeuds que la réforme réécrit : ses paramètres d'étude et le maintien des droits acquis de L5423-7.
CHEMINS_MODIFIES = ["chomage.allocations_assurance_chomage.ass.reformes.fin_cumul_aah",
                    "chomage.allocations_assurance_chomage.ass.aah.maintien_droits_acquis"]
DEBUT_MAINTIEN = "2017-01-01"  # L5423-7 in force on 1 January 2017 (loi n° 2016-1917, art. 87)


def deplacer_fin_du_maintien(parametres, permanent):
    """Rewrite ``aah.maintien_droits_acquis``: true from 2017 until the study end date (or for ever)."""
    ass = parametres.chomage.allocations_assurance_chomage.ass
    etude = ass.reformes.fin_cumul_aah
    fixer_partout(etude.en_vigueur, True)
    if permanent:
        fixer_partout(etude.maintien_permanent, True)
    maintien = ass.aah.maintien_droits_acquis
    fin = valeur_la_plus_recente(etude.date_fin_maintien)
    # Before 2017 the value is immaterial (no exclusion to lift): keep it false, as in the law.
    fixer_partout(maintien, False)
    if valeur_la_plus_recente(etude.maintien_permanent):
        maintien.update(start=periods.instant(DEBUT_MAINTIEN), value=True)
    elif fin > DEBUT_MAINTIEN:
        maintien.update(start=periods.instant(DEBUT_MAINTIEN), stop=periods.instant(fin).offset(-1, "day"),
                        value=True)
    return parametres


class fin_cumul_aah(Reform):
    name = "Fin du cumul ASS-AAH des droits acquis en 2016 déplacée (par défaut au 1er janvier 2026)"
    permanent = False

    @classmethod
    def appliquer(cls, reforme):
        """Apply this reform to ``reforme`` (a Reform being built, possibly by a parametric reform)."""
        modifier_parametres(reforme, lambda parametres: deplacer_fin_du_maintien(parametres, cls.permanent),
                            chemins=CHEMINS_MODIFIES)

    def apply(self):
        type(self).appliquer(self)


class maintien_cumul_aah(fin_cumul_aah):
    name = "Contrefactuel : cumul ASS-AAH des droits acquis en 2016 maintenu sans limite de durée"
    permanent = True
