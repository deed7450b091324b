"""The notebook route: a household table (or the synthetic population) and a reform in, weighted pandas out.

    from openfisca_ass.analyse.microsimulation import Microsimulation
    sim = Microsimulation("tests/donnees/menages_echantillon.csv", reforme="suppression_ass_immediate", annee=2027)
    sim.synthese()

``donnees``: a .csv / .parquet path or a pandas DataFrame of persons (``chargement.charger_personnes``), or
None for the SYNTHETIC population (``synthetique.tirer_personnes``), whose weights are then calibrated to
the published margins of the year (``calage``). ``reforme``: a short name (``openfisca-ass reformes``), a
dotted path, a Reform class, a mapping of parameter paths to values as accepted by
``reformes_parametriques.reforme_parametrique``, or a list of names / classes; ``parametres``: a mapping
applied before each reform. Everything goes through ``openfisca_ass.scenarios``.

The engine (``moteur.simuler_menages``) runs for ``annee`` and, unless ``deuxieme_annee=False``, for
``annee + 1``, so that the first and the second year of a reform show side by side (the same households,
with the same weights, followed through both years). Results are computed on first use and kept.
"""
import collections.abc
import functools
import os

from openfisca_core.reforms import Reform

from openfisca_ass.analyse import agregats as _agregats
from openfisca_ass.analyse import calage as _calage

# Years the model can simulate: inputs start two years before (look-backs), and openfisca-france cannot
# compute a wage before 2002; after 2030 every parameter would be carried far beyond its last known value.
ANNEE_MIN, ANNEE_MAX = 2004, 2030


class ErreurMicrosimulation(ValueError):
    """A microsimulation that cannot run as asked (year, reform, size); the message says what is wrong."""


def verifier_annee(annee):
    if isinstance(annee, bool) or not isinstance(annee, int) or not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise ErreurMicrosimulation(f"année hors du modèle : {annee!r} "
                                    f"(attendu un entier de {ANNEE_MIN} à {ANNEE_MAX})")


def construire_scenarios(reforme=None, parametres=None):
    """The baseline and the reformed scenarios for ``reforme`` (see the module's docstring)."""
    from openfisca_ass.scenarios import Scenario, classe_de_reforme, scenarios

    if isinstance(reforme, collections.abc.Mapping):
        if parametres:
            raise ErreurMicrosimulation("réforme : donner une table de paramètres, soit dans reforme, soit dans "
                                        "parametres, pas les deux")
        reforme, parametres = None, dict(reforme)
    if reforme is None:
        reformes = []
    elif isinstance(reforme, (str, type)):
        reformes = [reforme]
    else:
        reformes = list(reforme)
    classes = []
    for nom in reformes:
        if isinstance(nom, str):
            try:
                classes.append(classe_de_reforme(nom))
            except ValueError as erreur:  # classe_de_reforme's own message: unknown name or path
                raise ErreurMicrosimulation(str(erreur)) from erreur
        elif isinstance(nom, type) and issubclass(nom, Reform):
            classes.append(nom)
        else:
            raise ErreurMicrosimulation(f"réforme : nom, classe Reform ou table de paramètres attendu, reçu {nom!r}")
    if parametres:
        return scenarios(classes, parametres)
    # Shipped and other Reform classes without parameters: each reformed system built once per process.
    return [scenarios()[0]] + [Scenario(classe.__name__, _systeme_reforme(classe)) for classe in classes]


@functools.lru_cache(maxsize=None)
def _systeme_reforme(classe):
    from openfisca_ass.scenarios import systeme_de_reference

    return classe(systeme_de_reference())


class Microsimulation:
    """A weighted microsimulation of the baseline and one or more reforms (see the module's docstring)."""

    def __init__(self, donnees=None, reforme=None, annee=2027, parametres=None, taille=None, graine=2024,
                 caler=None, deuxieme_annee=True, moteur="local", scheduler=None, taille_lot=None,
                 seuil=_agregats.SEUIL, barre=False):
        verifier_annee(annee)
        if deuxieme_annee and annee + 1 > ANNEE_MAX + 1:
            raise ErreurMicrosimulation(f"année hors du modèle : {annee + 1}")
        if donnees is not None and taille is not None:
            raise ErreurMicrosimulation("taille : seulement pour la population synthétique (sans donnees)")
        if taille is not None and (isinstance(taille, bool) or not isinstance(taille, int) or taille < 1):
            raise ErreurMicrosimulation(f"taille : entier ≥ 1 attendu, reçu {taille!r}")
        if moteur not in ("local", "dask"):
            raise ErreurMicrosimulation(f"moteur inconnu : « {moteur} » (attendu local ou dask)")
        if taille_lot is not None and (isinstance(taille_lot, bool) or not isinstance(taille_lot, int)
                                       or taille_lot < 1):
            raise ErreurMicrosimulation(f"taille de lot : entier ≥ 1 attendu, reçu {taille_lot!r}")
        self.donnees = donnees
        self.annee = annee
        self.annees = [annee, annee + 1] if deuxieme_annee else [annee]
        self.taille = taille
        self.graine = graine
        self.synthetique = donnees is None
        self.caler = self.synthetique if caler is None else bool(caler)
        self.moteur = moteur
        self.scheduler = scheduler
        self.taille_lot = taille_lot
        self.seuil = seuil
        self.barre = barre
        self.scenarios = construire_scenarios(reforme, parametres)
        self._calage = None

    @property
    def calage(self):
        """The calibration (``calage.Calage``: weights, margins table, warnings), or None without calibration."""
        if self.caler:
            self.menages  # noqa: B018 (computes the calibration with the households)
        return self._calage

    @functools.cached_property
    def personnes(self):
        """The persons table: loaded and checked, or drawn (synthetic)."""
        from openfisca_ass.analyse.chargement import charger_personnes
        from openfisca_ass.analyse.synthetique import TAILLE_PAR_DEFAUT, tirer_personnes

        systeme = self.scenarios[0].systeme
        if self.synthetique:
            return tirer_personnes(self.taille or TAILLE_PAR_DEFAUT, self.annee, self.graine, systeme)
        return charger_personnes(self.donnees, self.annee, systeme)

    @functools.cached_property
    def menages(self):
        """One row per household, scenario and year (``moteur.COLONNES``), weights calibrated when asked."""
        import pandas

        from openfisca_ass.analyse.moteur import TAILLE_LOT, simuler_menages

        tables = [simuler_menages(self.personnes, self.scenarios, annee, taille_lot=self.taille_lot or TAILLE_LOT,
                                  moteur=self.moteur, scheduler=self.scheduler, barre=self.barre)
                  for annee in self.annees]
        menages = pandas.concat(tables, ignore_index=True)
        if self.caler:
            self._calage = _calage.caler(menages, self.annee)
            menages = _calage.appliquer(menages, self._calage)
        return menages

    @functools.cached_property
    def agregats(self):
        """Every weighted aggregate (``agregats.agreger``): a dict of DataFrames."""
        return _agregats.agreger(self.menages, self.seuil)

    def synthese(self):
        """The summary: one row per indicator, one column per reform and year."""
        return self.agregats["synthese"]

    def budget(self):
        return self.agregats["budget"]

    def payeurs(self):
        return self.agregats["payeurs"]

    def gagnants_perdants(self):
        return self.agregats["gagnants_perdants"]

    def ventilations(self, par=None):
        table = self.agregats["ventilations"]
        return table if par is None else table[table.ventilation == par].reset_index(drop=True)

    def trimestres(self):
        return self.agregats["trimestres"]

    def total(self, variable, scenario="reference", annee=None):
        """Weighted total of a column of ``menages`` for a scenario and a year (the first by default)."""
        annee = self.annee if annee is None else annee
        bloc = self.menages[(self.menages.scenario == scenario) & (self.menages.annee == annee)]
        if bloc.empty:
            raise ErreurMicrosimulation(f"aucun ménage pour le scénario « {scenario} » en {annee}")
        return float((bloc.poids * bloc[variable]).sum())

    def ecrire(self, dossier):
        """Write ``menages.csv``, every aggregate as CSV, the calibration and the three PNG charts into
        ``dossier``; return the paths written."""
        from openfisca_ass.analyse import graphiques, tableaux

        os.makedirs(dossier, exist_ok=True)
        chemins = [tableaux.ecrire_csv(self.menages, os.path.join(dossier, "menages.csv"))]
        for nom, table in self.agregats.items():
            if not table.empty:
                chemins.append(tableaux.ecrire_csv(table, os.path.join(dossier, f"{nom}.csv"),
                                                   index=nom == "synthese"))
        if self.calage is not None:
            chemins.append(tableaux.ecrire_csv(self.calage.tableau, os.path.join(dossier, "calage.csv"), index=True))
        if not self.agregats["ventilations"].empty:
            chemins.append(graphiques.graphique_deciles(self.agregats["ventilations"],
                                                        os.path.join(dossier, "deciles.png")))
            chemins.append(graphiques.graphique_distribution(_agregats.ecarts(self.menages),
                                                             os.path.join(dossier, "distribution.png")))
            chemins.append(graphiques.graphique_payeurs(self.agregats["payeurs"],
                                                        os.path.join(dossier, "payeurs.png")))
        return chemins
