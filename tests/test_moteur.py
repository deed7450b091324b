"""The microsimulation engine against simulations built independently, household by household.

The reference side never goes through ``moteur``: each household of the table becomes a web-API situation
(``SimulationBuilder.build_from_entities``), computed with openfisca-core's own parameter lookup (the
engine's distinct-key lookup switched off), and its outputs are summed here month by month. The situations
of the households share one dict, their ids prefixed: OpenFisca's households do not interact, and every
input is given month by month (or per year for YEAR variables), so each gives what it gives alone.
"""
import numpy
import pandas
import pytest
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder

from openfisca_ass.analyse import moteur, parametres_vectoriels
from openfisca_ass.analyse.chargement import charger_personnes, colonne
from openfisca_ass.scenarios import scenarios

ANNEE = 2027
ECHANTILLON = "tests/donnees/menages_echantillon.csv"
STRUCTURE = {"idmen", "quimen", "idfam", "quifam", "idfoy", "quifoy", "wprm", "noindiv"}


@pytest.fixture(scope="module")
def scenarios_immediats(systeme):
    return scenarios(["suppression_ass_immediate"], base=systeme)


def _choisir(personnes):
    """About twenty households of the sample, covering its variety."""
    premiers = personnes[personnes.quimen == 0].set_index("idmen")
    par_menage = personnes.groupby("idmen", sort=False)
    criteres = [
        premiers.residence_mayotte.fillna(False),
        par_menage.salaire_de_base.count() > 0,
        par_menage.chomage_net.count() > 0,
        par_menage.retraite_nette.count() > 0,
        par_menage.ass_aah_droits_acquis_2016.any().fillna(False).astype(bool),
        premiers.pensions_alimentaires_percues.notna(),
        par_menage.quifam.apply(lambda q: (q == 2).sum() >= 2),
        premiers.statut_occupation_logement.isin(["proprietaire", "loge_gratuitement"]),
        premiers.statut_occupation_logement.eq("locataire_hlm"),
        par_menage.size() == 1,
    ]
    choisis = []
    for critere in criteres:
        choisis += [m for m in critere[critere].index if m not in choisis][:2]
    return personnes[personnes.idmen.isin(choisis)].reset_index(drop=True)


@pytest.fixture(scope="module")
def echantillon(systeme):
    personnes = _choisir(charger_personnes(ECHANTILLON, ANNEE, systeme))
    # A history on top of the plain columns: one month of wage and a year of ARE (spread over its months).
    conjoints = personnes.index[personnes.quimen == 1][:2]
    personnes["salaire_de_base@2026-06"] = numpy.nan
    personnes.loc[conjoints[0], "salaire_de_base@2026-06"] = 2500.0
    personnes["chomage_net@2026"] = numpy.nan
    personnes.loc[conjoints[1], "chomage_net@2026"] = 9000.0
    return charger_personnes(personnes, ANNEE, systeme)


@pytest.fixture(scope="module")
def resultats(echantillon, scenarios_immediats):
    return moteur.simuler_menages(echantillon, scenarios_immediats, ANNEE, taille_lot=50)


def _valeur_json(valeur, definition):
    if pandas.isna(valeur):
        valeur = definition.default_value
    if hasattr(valeur, "name") and getattr(definition, "possible_values", None) is not None:
        return valeur.name
    if definition.value_type.__name__ == "date":
        return str(pandas.Timestamp(valeur).date())
    return definition.value_type(valeur) if definition.value_type in (float, int, bool) else str(valeur)


def _fenetre(definition):
    """Periods a plain column covers: 36 months, 3 years, or ETERNITY."""
    if definition.definition_period == periods.DateUnit.ETERNITY:
        return ["ETERNITY"]
    annees = [ANNEE - 2, ANNEE - 1, ANNEE]
    if definition.definition_period == periods.DateUnit.YEAR:
        return [str(a) for a in annees]
    return [f"{a}-{m:02d}" for a in annees for m in range(1, 13)]


def _valeurs_datees(definition, periode, valeur):
    """{period: value} of a dated cell. A year on a MONTH variable is written month by month (an amount
    divided by 12): openfisca's own year-to-month split works per variable, not per person, so it cannot
    express one person's year beside another person's months in the same simulation."""
    if definition.definition_period == periods.DateUnit.MONTH and len(periode) == 4:
        divise = definition.set_input.__name__ == "set_input_divide_by_period"
        return {f"{periode}-{m:02d}": valeur / 12 if divise else valeur for m in range(1, 13)}
    return {periode: valeur}


def situation(lignes, systeme, prefixe):
    """Web-API situation of one household's rows (ids prefixed, so that households can share one dict).

    A plain column gives every period of its window (the default where the cell is empty: a column replaces
    the formula); a dated cell, where given, overrides its period for that person.
    """
    noms = {index: f"{prefixe}p{numero}" for numero, index in enumerate(lignes.index)}
    individus = {nom: {} for nom in noms.values()}
    groupes = {"familles": {}, "foyers_fiscaux": {}, "menages": {}}
    roles = {
        "famille": ("familles", "idfam", "quifam", {0: "parents", 1: "parents", 2: "enfants"}),
        "foyer_fiscal": ("foyers_fiscaux", "idfoy", "quifoy",
                         {0: "declarants", 1: "declarants", 2: "personnes_a_charge"}),
        "menage": ("menages", "idmen", "quimen", {0: "personne_de_reference", 1: "conjoint", 2: "enfants"}),
    }
    for pluriel, identifiant, role, cles in roles.values():
        # Members listed in role order: the first parent is France's demandeur, the first declarant its principal.
        for index, ligne in lignes.sort_values(role, kind="stable").iterrows():
            groupe = groupes[pluriel].setdefault(f"{prefixe}{ligne[identifiant]}", {})
            groupe.setdefault(cles.get(ligne[role], "autres"), []).append(noms[index])
    simples = [n for n in lignes.columns if n not in STRUCTURE and colonne(n)[1] is None]
    datees = [n for n in lignes.columns if n not in STRUCTURE and colonne(n)[1] is not None]
    for nom in simples + sorted(datees, key=lambda n: len(colonne(n)[1])):  # years before months
        variable, periode = colonne(nom)
        definition = systeme.variables[variable]
        cle = definition.entity.key
        for index, ligne in lignes.iterrows():
            if cle == "individu":
                cible = individus[noms[index]]
            else:
                pluriel, identifiant, role, _ = roles[cle]
                if ligne[role] != 0:
                    continue
                cible = groupes[pluriel][f"{prefixe}{ligne[identifiant]}"]
            if periode is None:
                valeur = _valeur_json(ligne[nom], definition)
                cible[variable] = {p: valeur for p in _fenetre(definition)}
            elif not pandas.isna(ligne[nom]):
                valeur = _valeur_json(ligne[nom], definition)
                cible.setdefault(variable, {}).update(_valeurs_datees(definition, periode, valeur))
    return {"individus": individus, **groupes}


def _par_menage(simulation, variable, signe=1):
    systeme = simulation.tax_benefit_system
    definition = systeme.variables[variable]
    population = simulation.populations[definition.entity.key]
    if definition.definition_period == periods.DateUnit.MONTH:
        valeurs = sum(numpy.asarray(simulation.calculate(variable, f"{ANNEE}-{m:02d}"), dtype=float)
                      for m in range(1, 13))
    else:
        valeurs = numpy.asarray(simulation.calculate(variable, str(ANNEE)), dtype=float)
    menages = [str(i).split("/")[0] for i in population.ids]
    return signe * pandas.Series(valeurs).groupby(menages).sum()


def references(personnes, scenario):
    """Outputs of ``scenario`` for each household of ``personnes``, from web-API situations."""
    systeme = scenario.systeme
    fusion = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for idmen, lignes in personnes.groupby("idmen", sort=False):
        for pluriel, entites in situation(lignes, systeme, f"{idmen}/").items():
            fusion[pluriel].update(entites)
    parametres_vectoriels.desactiver()
    try:
        simulation = SimulationBuilder().build_from_entities(systeme, fusion)
        table = pandas.DataFrame({v: _par_menage(simulation, v) for v in
                                  ["ass", "rsa", "ppa", "aide_logement", "aefa", "revenu_disponible", "niveau_de_vie"]})
        table["impot_revenu"] = _par_menage(simulation, "impot_revenu_restant_a_payer", signe=-1)
        table["trimestres_retraite_ass"] = _par_menage(simulation, "ass_trimestres_retraite")
        plein = reduit = 0
        for m in range(1, 13):
            mois = f"{ANNEE}-{m:02d}"
            verse = simulation.calculate("ass", mois) > 0
            taux_plein = simulation.calculate("ass_taux_journalier", mois) >= \
                simulation.calculate("ass_montant_journalier", mois) - 1e-4
            plein = plein + (verse & taux_plein)
            reduit = reduit + (verse & ~taux_plein)
        menages = [str(i).split("/")[0] for i in simulation.persons.ids]
        table["mois_ass_taux_plein"] = pandas.Series(plein).groupby(menages).sum()
        table["mois_ass_taux_reduit"] = pandas.Series(reduit).groupby(menages).sum()
    finally:
        parametres_vectoriels.activer()
    return table


MONTANTS = ["ass", "rsa", "ppa", "aide_logement", "aefa", "impot_revenu", "revenu_disponible", "niveau_de_vie"]


def test_egal_aux_situations_construites_une_a_une(echantillon, resultats, scenarios_immediats):
    assert echantillon.idmen.nunique() >= 18
    for scenario in scenarios_immediats:
        attendu = references(echantillon, scenario)
        obtenu = resultats[resultats.scenario == scenario.nom].set_index("idmen")
        attendu = attendu.loc[obtenu.index]
        for variable in MONTANTS:
            ecart = (obtenu[variable] - attendu[variable]).abs()
            assert ecart.max() < 0.005 + 1e-9, (scenario.nom, variable, ecart.idxmax(), ecart.max())
        for variable in ["trimestres_retraite_ass", "mois_ass_taux_plein", "mois_ass_taux_reduit"]:
            assert (obtenu[variable] == attendu[variable]).all(), (scenario.nom, variable)
    reference = resultats[resultats.scenario == "reference"]
    # Not a table of zeros: the sample's recipients get ASS, full and reduced rates both occur.
    assert (reference.ass > 0).sum() >= 15
    assert reference.mois_ass_taux_plein.sum() > 0 and reference.mois_ass_taux_reduit.sum() > 0
    reforme = resultats[resultats.scenario == "suppression_ass_immediate"]
    assert (reforme.ass == 0).all() and reforme.rsa.sum() > reference.rsa.sum()


def test_colonnes_et_descripteurs(echantillon, resultats):
    assert list(resultats.columns) == moteur.COLONNES
    assert len(resultats) == 2 * echantillon.idmen.nunique()
    assert list(resultats.scenario.unique()) == ["reference", "suppression_ass_immediate"]
    assert (resultats.annee == ANNEE).all()
    # Cents only: no float32 noise left.
    for variable in MONTANTS:
        assert (resultats[variable] == resultats[variable].round(2)).all(), variable
    reference = resultats[resultats.scenario == "reference"].set_index("idmen")
    premiers = echantillon[echantillon.quimen == 0].set_index("idmen")
    taille = echantillon.groupby("idmen").size()
    assert (reference.nombre_personnes == taille.loc[reference.index]).all()
    assert (reference.nombre_enfants == echantillon[echantillon.quifam == 2].groupby("idmen").size()
            .reindex(reference.index, fill_value=0)).all()
    assert (reference.couple == (echantillon[echantillon.quifam == 1].groupby("idmen").size()
                                 .reindex(reference.index, fill_value=0) > 0)).all()
    # Born on 1 July of ANNEE - 1 - age in the synthetic draw: age on 1 January of ANNEE is age.
    ages = ANNEE - 1 - premiers.date_naissance.dt.year
    assert (reference.age_reference == ages.loc[reference.index]).all()
    assert (reference.residence_mayotte == premiers.residence_mayotte.fillna(False).loc[reference.index]).all()
    assert (reference.poids == premiers.wprm.loc[reference.index]).all()


def test_entrees_par_periode(systeme):
    """Plain columns fill the 36 months, a dated column its period; group values come from the first person."""
    table = pandas.DataFrame({
        "idmen": [1, 1], "quimen": [0, 1], "idfam": [1, 1], "quifam": [0, 1], "idfoy": [1, 1], "quifoy": [0, 1],
        "wprm": [1.0, 1.0], "salaire_de_base": [1000.0, None], "salaire_de_base@2026-06": [2000.0, None],
        "chomage_net@2026": [None, 1200.0], "loyer": [450.0, None], "ass_trimestres_retraite": [None, 2],
        "date_naissance": ["1970-05-01", "1972-01-01"]})
    personnes = charger_personnes(table, ANNEE, systeme)
    simulation = moteur.construire_simulation(systeme, personnes, ANNEE)
    assert list(simulation.calculate("salaire_de_base", "2025-01")) == [1000, 0]
    assert list(simulation.calculate("salaire_de_base", "2026-06")) == [2000, 0]
    assert list(simulation.calculate("salaire_de_base", "2027-12")) == [1000, 0]
    assert list(simulation.calculate("chomage_net", "2026-03")) == [0, 100]  # 1 200 / 12
    assert list(simulation.calculate("loyer", "2026-02")) == [450]
    assert list(simulation.calculate("ass_trimestres_retraite", "2025")) == [0, 2]
    assert str(simulation.calculate("date_naissance", "2027-01")[1]) == "1972-01-01"


def test_parametres_vectoriels_comme_openfisca_core(systeme):
    """The distinct-key lookup gives openfisca-core's arrays (values and dtype) on France's parameters."""
    from openfisca_france.model.prestations.aides_logement import TypesZoneApl

    zones = TypesZoneApl.encode(numpy.array(["zone_1", "zone_3", "zone_2", "zone_3", "zone_1"]))
    parametres = systeme.get_parameters_at_instant("2026-01-01").prestations_sociales.aides_logement
    lectures = [
        lambda: parametres.reduction_loyer_solidarite.plafond_ressources.par_zone[zones].famille_2pac,
        lambda: parametres.allocations_logement.accession.formule.l_mensualite_eligible.al[zones].menage_seul,
    ]
    for lire in lectures:
        compact = lire()
        parametres_vectoriels.desactiver()
        try:
            original = lire()
        finally:
            parametres_vectoriels.activer()
        assert compact.dtype == original.dtype
        numpy.testing.assert_array_equal(compact, original)
        assert compact[0] == compact[4] != compact[1]


def test_erreurs(echantillon, scenarios_immediats):
    with pytest.raises(ValueError, match="moteur inconnu : « spark »"):
        moteur.simuler_menages(echantillon, scenarios_immediats, ANNEE, moteur="spark")
    with pytest.raises(ValueError, match="taille_lot"):
        moteur.simuler_menages(echantillon, scenarios_immediats, ANNEE, taille_lot=0)


def test_dask_donne_le_meme_tableau(echantillon, resultats, scenarios_immediats):
    """Two worker processes, two chunks: the frame of the in-process run (one chunk), to the bit.

    Baseline only: each worker builds its systems and their parameters once, the costly part of this test."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        distant = moteur.simuler_menages(echantillon, scenarios_immediats[:1], ANNEE, taille_lot=10, moteur="dask",
                                         scheduler=cluster.scheduler_address)
    local = resultats[resultats.scenario == "reference"].reset_index(drop=True)
    pandas.testing.assert_frame_equal(distant, local)
