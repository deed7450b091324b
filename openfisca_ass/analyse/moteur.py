"""The microsimulation engine: a persons table in, one row per household and scenario out.

Households are cut into chunks of ``taille_lot``; each chunk becomes arrays (entities declared with
``SimulationBuilder.declare_person_entity`` / ``declare_entity`` / ``join_with_persons``, inputs cached
period by period), then one ``Simulation`` per scenario, discarded once its outputs are read: memory is
bounded by the chunk, not by the table. No JSON per household.

The same chunk function runs in this process (``moteur="local"``) or on ``dask.distributed``
(``moteur="dask"``: a ``LocalCluster`` of worker processes by default, or an existing scheduler's
address). Workers receive picklable scenario specs (the chain of Reform classes above the baseline), not
built systems, and build each system once per process.

Outputs, per household and scenario, for the year ``annee`` (annual amounts in euros, rounded to the
cent): see ``COLONNES``. Monthly amounts are computed month by month and summed in float64 (France's
float32 sums would leave noise in the cents).
"""
import hashlib
import os

import numpy
import pandas
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_ass.analyse import parametres_vectoriels
from openfisca_ass.analyse.chargement import ENTITES, POIDS, charger_personnes, colonne

# One lookup per distinct key in parameters indexed by arrays (same values as openfisca-core; see the module).
parametres_vectoriels.activer()

TAILLE_LOT = 5_000  # households per chunk: large enough to amortise openfisca's per-variable overhead
COLONNES = [
    "idmen", "scenario", "annee", "poids",
    "ass", "rsa", "ppa", "aide_logement", "aefa", "impot_revenu", "revenu_disponible", "niveau_de_vie",
    "nombre_personnes", "nombre_enfants", "couple", "age_reference", "residence_mayotte",
    "mois_ass_taux_plein", "mois_ass_taux_reduit", "trimestres_retraite_ass",
]
MONTANTS = ["ass", "rsa", "ppa", "aide_logement", "aefa", "impot_revenu", "revenu_disponible", "niveau_de_vie"]
# Descriptors of the household, read in the first scenario (the baseline) and shared by all scenarios.
DESCRIPTEURS = ["nombre_personnes", "nombre_enfants", "couple", "age_reference", "residence_mayotte"]
# Optional: the baseline's ASS stock at the end of ``annee - 1`` (what DREES counts), full rate or not.
FIN_ANNEE_PRECEDENTE = ["allocataire_fin_annee_precedente", "taux_plein_fin_annee_precedente"]
ROLE_AUTRE = 3  # quimen 3 and above: France's menage role "autre" (index 3 of its flattened roles)
# Tolerance when telling the full daily rate from a reduced one (float32 amounts).
EPSILON_TAUX = 1e-4


# --- Scenario specs (what travels to Dask workers) ---------------------------------------------------

def spec_de_scenario(scenario):
    """A picklable spec of ``scenario``: ``(nom, (ReformClass, ...))`` from the baseline upwards.

    Raises ValueError if the system is not the package's baseline with Reform classes applied on top.
    """
    from openfisca_ass import CountryTaxBenefitSystem

    classes = []
    systeme = scenario.systeme
    while isinstance(systeme, Reform):
        classes.append(type(systeme))
        systeme = systeme.baseline
    if type(systeme) is not CountryTaxBenefitSystem:
        raise ValueError(f"scénario « {scenario.nom} » : un moteur Dask a besoin d'un système construit sur "
                         f"CountryTaxBenefitSystem (trouvé {type(systeme).__name__})")
    return scenario.nom, tuple(reversed(classes))


_SYSTEMES = {}  # per process: spec key → built system


def systeme_de_spec(cle, spec):
    """The tax-benefit system of ``spec``, built once per process (key: digest of the pickled spec)."""
    if cle not in _SYSTEMES:
        from openfisca_ass.scenarios import systeme_de_reference

        systeme = systeme_de_reference()
        for classe in spec[1]:
            systeme = classe(systeme)
        _SYSTEMES[cle] = systeme
    return _SYSTEMES[cle]


def _cle_de_spec(spec):
    import cloudpickle

    return hashlib.sha1(cloudpickle.dumps(spec)).hexdigest()


# --- From a chunk of the table to a simulation --------------------------------------------------------

def _annees(annee):
    return [annee - 2, annee - 1, annee]


def _mois(annee):
    return [periods.period(f"{a}-{m:02d}") for a in _annees(annee) for m in range(1, 13)]


class Structure:
    """Entity indices of a chunk: for each person, the index of its groups; group → household."""

    def __init__(self, lot):
        self.n = len(lot)
        self.indices, self.nombres, self.premiers = {}, {}, {}
        for cle, (identifiant, role) in ENTITES.items():
            codes, uniques = pandas.factorize(lot[identifiant].to_numpy())
            self.indices[cle] = codes
            self.nombres[cle] = len(uniques)
            roles = lot[role].to_numpy()
            # Row of the first person (role 0) of each group, in the order of the group indices.
            premiers = numpy.flatnonzero(roles == 0)
            ordre = numpy.empty(len(uniques), dtype=numpy.int64)
            ordre[codes[premiers]] = premiers
            self.premiers[cle] = ordre
        self.roles = {cle: lot[role].to_numpy().astype(numpy.int64) for cle, (_, role) in ENTITES.items()}
        self.roles["menage"] = numpy.minimum(self.roles["menage"], ROLE_AUTRE)
        menage = self.indices["menage"]
        # Household of each famille / foyer (checked by the loader: a group lies within one household).
        self.menage_de = {cle: menage[self.premiers[cle]] for cle in ("famille", "foyer_fiscal")}
        self.menage_de["menage"] = numpy.arange(self.nombres["menage"])
        self.menage_de["individu"] = menage

    def par_menage(self, cle, valeurs):
        """Sum over each household of values of entity ``cle`` (float64)."""
        return numpy.bincount(self.menage_de[cle], weights=numpy.asarray(valeurs, dtype=numpy.float64),
                              minlength=self.nombres["menage"])


def _tableau(serie, definition):
    """Values of a parsed column as the variable's array, the default where the cell is empty."""
    defaut = definition.default_value
    if definition.value_type is float:
        return serie.astype(float).fillna(defaut).to_numpy(dtype=definition.dtype)
    if definition.value_type is int:
        return serie.fillna(defaut).to_numpy(dtype=definition.dtype)
    if definition.value_type is bool:
        return serie.fillna(defaut).to_numpy(dtype=bool)
    if getattr(definition, "possible_values", None) is not None:
        noms = serie.fillna(defaut.name).to_numpy(dtype=object).astype(str)
        return definition.possible_values.encode(noms)
    if definition.value_type.__name__ == "date":
        return serie.fillna(pandas.Timestamp(defaut)).to_numpy().astype("datetime64[D]")
    return serie.fillna(defaut).to_numpy(dtype=object).astype(definition.dtype)


def _entrees(lot, systeme):
    """{variable: [(periode or None, column name)]} of the chunk's variable columns known to ``systeme``."""
    entrees = {}
    for nom in lot.columns:
        analyse = colonne(nom)
        if nom in ("idmen", "quimen", "idfam", "quifam", "idfoy", "quifoy", POIDS, "noindiv") or analyse is None:
            continue
        variable, periode = analyse
        if variable in systeme.variables:
            entrees.setdefault(variable, []).append((periode, nom))
    return entrees


def _valeurs(lot, nom, definition, structure):
    """(array, given) of column ``nom`` for the variable's entity (group values read on the first person):
    the array holds the default where the cell is empty, ``given`` marks the cells that hold a value."""
    serie = lot[nom]
    cle = definition.entity.key
    if cle != "individu":
        serie = serie.iloc[structure.premiers[cle]]
    return _tableau(serie, definition), serie.notna().to_numpy()


def _lecture_seule(tableau):
    # One array may serve many periods: read-only, so that no formula can alter the shared copy.
    tableau.flags.writeable = False
    return tableau


def _roles_en_cache(simulation):
    """Memoise ``has_role`` on this simulation's persons: roles are fixed once the entities are built, and
    openfisca-core compares arrays of Role objects element by element at each call (a fifth of a chunk's
    time in the profile). The arrays are read-only, so a formula cannot alter the shared copy."""
    individus = simulation.persons
    calculer = individus.has_role
    memoire = {}

    def has_role(role):
        cle = (role.entity.key, role.key)
        if cle not in memoire:
            masque = calculer(role)
            if isinstance(masque, numpy.ndarray):
                masque.flags.writeable = False
            memoire[cle] = masque
        return memoire[cle]

    has_role.projectable = True  # as openfisca-core's decorator marks it, for person.famille.has_role(...)
    individus.has_role = has_role


def _periodes_d_entree(definition, colonnes, lot, annee, structure):
    """{period: array} of one variable, per-person precedence: a dated month, else a dated year (divided
    by 12 for an amount, as ``set_input_divide_by_period``; repeated for a state), else the plain column
    inside its window (January of ``annee - 2`` to December of ``annee``), else the default."""
    unite = definition.definition_period
    simple = next((nom for p, nom in colonnes if p is None), None)
    if unite == periods.DateUnit.ETERNITY:
        return {periods.period(periods.ETERNITY): _lecture_seule(_valeurs(lot, simple, definition, structure)[0])}
    fenetre = _mois(annee) if unite == periods.DateUnit.MONTH else [periods.period(str(a)) for a in _annees(annee)]
    resultat = {}
    if simple is not None:
        tableau = _lecture_seule(_valeurs(lot, simple, definition, structure)[0])
        resultat = {p: tableau for p in fenetre}
    defaut = None
    # Years first, then months: a dated month overrides the year (the loader forbids both for one year).
    datees = sorted(((periods.period(p), nom) for p, nom in colonnes if p is not None),
                    key=lambda paire: (-paire[0].size_in_days, str(paire[0])))
    for periode, nom in datees:
        tableau, donne = _valeurs(lot, nom, definition, structure)
        if periode.unit == unite:
            cibles, part = [periode], tableau
        else:
            cibles = [periode.first_month.offset(k, periods.DateUnit.MONTH) for k in range(12)]
            divise = getattr(definition.set_input, "__name__", "") == "set_input_divide_by_period"
            part = (tableau / 12).astype(tableau.dtype) if divise else tableau
        for cible in cibles:
            if cible not in resultat:
                defaut = defaut if defaut is not None else _lecture_seule(definition.default_array(len(tableau)))
                resultat[cible] = defaut
            resultat[cible] = _lecture_seule(numpy.where(donne, part, resultat[cible]))
    return resultat


def construire_simulation(systeme, lot, annee, structure=None):
    """A Simulation of the households of ``lot`` (a slice of a loaded persons table), inputs set."""
    structure = structure or Structure(lot)
    builder = SimulationBuilder()
    builder.create_entities(systeme)
    builder.declare_person_entity("individu", numpy.arange(structure.n))
    for cle in ENTITES:
        groupe = builder.declare_entity(cle, numpy.arange(structure.nombres[cle]))
        builder.join_with_persons(groupe, structure.indices[cle], structure.roles[cle])
    simulation = builder.build(systeme)
    _roles_en_cache(simulation)
    for variable, colonnes in _entrees(lot, systeme).items():
        definition = systeme.variables[variable]
        holder = simulation.get_holder(variable)
        for periode, tableau in _periodes_d_entree(definition, colonnes, lot, annee, structure).items():
            holder.put_in_cache(tableau, periode)
    return simulation


# --- Outputs ------------------------------------------------------------------------------------------

def _annuel(simulation, variable, annee):
    """Year ``annee`` of ``variable``: the 12 months summed in float64 for a MONTH variable."""
    definition = simulation.tax_benefit_system.variables[variable]
    if definition.definition_period == periods.DateUnit.MONTH:
        total = numpy.zeros(simulation.populations[definition.entity.key].count)
        for m in range(1, 13):
            total += simulation.calculate(variable, f"{annee}-{m:02d}")
        return total
    return numpy.asarray(simulation.calculate(variable, str(annee)), dtype=numpy.float64)


def _par_menage(simulation, structure, variable, annee, signe=1):
    systeme = simulation.tax_benefit_system
    if variable not in systeme.variables:
        return numpy.zeros(structure.nombres["menage"])
    return signe * structure.par_menage(systeme.variables[variable].entity.key, _annuel(simulation, variable, annee))


def _mois_ass(simulation, structure, annee):
    """Months of ``annee`` paid at the full and at a reduced rate, counted over each household's persons."""
    systeme = simulation.tax_benefit_system
    plein = numpy.zeros(structure.n)
    reduit = numpy.zeros(structure.n)
    if not {"ass", "ass_taux_journalier", "ass_montant_journalier"} <= set(systeme.variables):
        return structure.par_menage("individu", plein), structure.par_menage("individu", reduit)
    for m in range(1, 13):
        mois = f"{annee}-{m:02d}"
        verse = simulation.calculate("ass", mois) > 0
        taux = simulation.calculate("ass_taux_journalier", mois)
        maximum = simulation.calculate("ass_montant_journalier", mois)
        au_plein = taux >= maximum - EPSILON_TAUX
        plein += verse & au_plein
        reduit += verse & ~au_plein
    return structure.par_menage("individu", plein), structure.par_menage("individu", reduit)


def _descripteurs(simulation, structure, lot, annee):
    """Household descriptors, scenario-independent (read in the baseline)."""
    nombre = structure.nombres["menage"]
    un = numpy.ones(structure.n)
    enfants = structure.roles["famille"] == 2
    # The ASS claimant: the household's first person paid ASS in ``annee`` or December ``annee - 1``;
    # the reference person where there is none.
    systeme = simulation.tax_benefit_system
    allocataire = numpy.zeros(structure.n, dtype=bool)
    if "ass" in systeme.variables:
        allocataire = simulation.calculate("ass", f"{annee - 1}-12") > 0
        for m in range(1, 13):
            allocataire |= simulation.calculate("ass", f"{annee}-{m:02d}") > 0
    menage = structure.indices["menage"]
    rang = numpy.arange(structure.n)
    premier_allocataire = numpy.full(nombre, structure.n)
    numpy.minimum.at(premier_allocataire, menage[allocataire], rang[allocataire])
    reference = structure.premiers["menage"]
    demandeur = numpy.where(premier_allocataire < structure.n, premier_allocataire, reference)
    parents_par_famille = numpy.bincount(structure.indices["famille"], weights=structure.roles["famille"] <= 1,
                                         minlength=structure.nombres["famille"])
    couple = parents_par_famille[structure.indices["famille"][demandeur]] >= 2
    age = simulation.calculate("age", f"{annee}-01")[reference].astype(int)
    mayotte = numpy.zeros(nombre, dtype=bool)
    if "residence_mayotte" in systeme.variables:
        for m in range(1, 13):
            mayotte |= simulation.calculate("residence_mayotte", f"{annee}-{m:02d}")
    return {
        "nombre_personnes": structure.par_menage("individu", un).astype(int),
        "nombre_enfants": structure.par_menage("individu", enfants).astype(int),
        "couple": couple,
        "age_reference": age,
        "residence_mayotte": mayotte,
    }


def _fin_annee_precedente(simulation, structure, annee):
    """Someone in the household paid ASS in December ``annee - 1``; one of them at the full rate."""
    decembre = f"{annee - 1}-12"
    systeme = simulation.tax_benefit_system
    if "ass" not in systeme.variables:
        faux = numpy.zeros(structure.nombres["menage"], dtype=bool)
        return dict(zip(FIN_ANNEE_PRECEDENTE, (faux, faux)))
    verse = simulation.calculate("ass", decembre) > 0
    plein = verse & (simulation.calculate("ass_taux_journalier", decembre)
                     >= simulation.calculate("ass_montant_journalier", decembre) - EPSILON_TAUX)
    return dict(zip(FIN_ANNEE_PRECEDENTE, (structure.par_menage("individu", verse) > 0,
                                           structure.par_menage("individu", plein) > 0)))


def simuler_lot(lot, systemes, annee, fin_annee_precedente=False):
    """Results of one chunk: ``systemes`` is a list of ``(nom, systeme)``; returns a DataFrame (COLONNES,
    then ``FIN_ANNEE_PRECEDENTE`` if asked)."""
    structure = Structure(lot)
    idmen = lot["idmen"].to_numpy()[structure.premiers["menage"]]
    poids = lot[POIDS].to_numpy(dtype=numpy.float64)[structure.premiers["menage"]]
    tables = []
    descripteurs = None
    for nom, systeme in systemes:
        simulation = construire_simulation(systeme, lot, annee, structure)
        if descripteurs is None:
            descripteurs = _descripteurs(simulation, structure, lot, annee)
            if fin_annee_precedente:
                descripteurs.update(_fin_annee_precedente(simulation, structure, annee))
        valeurs = {v: _par_menage(simulation, structure, v, annee)
                   for v in ("ass", "rsa", "ppa", "aide_logement", "aefa", "revenu_disponible", "niveau_de_vie")}
        valeurs["impot_revenu"] = _par_menage(simulation, structure, "impot_revenu_restant_a_payer", annee, signe=-1)
        plein, reduit = _mois_ass(simulation, structure, annee)
        trimestres = _par_menage(simulation, structure, "ass_trimestres_retraite", annee)
        del simulation
        table = pandas.DataFrame({"idmen": idmen, "scenario": nom, "annee": annee, "poids": poids})
        for v in MONTANTS:
            table[v] = numpy.round(valeurs[v], 2) + 0.0  # + 0.0: no negative zero in the CSV
        for v in DESCRIPTEURS:
            table[v] = descripteurs[v]
        table["mois_ass_taux_plein"] = plein.astype(int)
        table["mois_ass_taux_reduit"] = reduit.astype(int)
        table["trimestres_retraite_ass"] = trimestres.astype(int)
        for v in FIN_ANNEE_PRECEDENTE if fin_annee_precedente else ():
            table[v] = descripteurs[v]
        tables.append(table)
    return pandas.concat(tables, ignore_index=True)


def simuler_lot_distant(lot, specs, annee, fin_annee_precedente=False):
    """``simuler_lot`` on a Dask worker: ``specs`` is a list of ``(cle, spec)``, systems built once here."""
    return simuler_lot(lot, [(spec[0], systeme_de_spec(cle, spec)) for cle, spec in specs], annee,
                       fin_annee_precedente)


# --- Chunks and drivers -------------------------------------------------------------------------------

def lots(personnes, taille_lot):
    """Slices of ``personnes`` (grouped by household) of at most ``taille_lot`` households each."""
    idmen = personnes["idmen"].to_numpy()
    debuts = numpy.flatnonzero(numpy.r_[True, idmen[1:] != idmen[:-1]])
    bornes = list(debuts[::taille_lot]) + [len(personnes)]
    for debut, fin in zip(bornes[:-1], bornes[1:]):
        yield personnes.iloc[debut:fin]


def _verifier(personnes, scenarios, annee):
    if not scenarios:
        raise ValueError("aucun scénario à simuler")
    if not personnes.attrs.get("chargee") or personnes.attrs.get("annee") != annee:
        personnes = charger_personnes(personnes, annee, scenarios[0].systeme)
    idmen = personnes["idmen"].to_numpy()
    if len(idmen) and pandas.Series(idmen).ne(pandas.Series(idmen).shift()).sum() != pandas.Series(idmen).nunique():
        raise ValueError("personnes : les lignes d'un ménage doivent se suivre (utiliser charger_personnes)")
    return personnes


def simuler_menages(personnes, scenarios, annee, taille_lot=TAILLE_LOT, moteur="local", scheduler=None,
                    n_workers=None, barre=False, fin_annee_precedente=False):
    """One row per household × scenario for ``annee`` (columns ``COLONNES``), chunk by chunk.

    ``personnes``: a table from ``charger_personnes`` or ``tirer_personnes`` (another DataFrame is loaded
    and checked first). ``scenarios``: ``openfisca_ass.scenarios.Scenario`` objects, the baseline first.
    ``moteur``: ``"local"`` (this process) or ``"dask"`` (``scheduler``: address of a running
    dask.distributed scheduler; default a LocalCluster of ``n_workers`` processes, one thread each).
    Rows come scenario by scenario, households in table order. ``fin_annee_precedente``: add the
    baseline's recipients at the end of ``annee - 1`` (``FIN_ANNEE_PRECEDENTE``), the stock the
    published figures count.
    """
    if moteur not in ("local", "dask"):
        raise ValueError(f"moteur inconnu : « {moteur} » (attendu local ou dask)")
    if not isinstance(taille_lot, int) or taille_lot < 1:
        raise ValueError(f"taille_lot : entier ≥ 1 attendu, reçu {taille_lot!r}")
    personnes = _verifier(personnes, scenarios, annee)
    morceaux = lots(personnes, taille_lot)
    nombre = -(-personnes["idmen"].nunique() // taille_lot)
    if moteur == "local":
        systemes = [(s.nom, s.systeme) for s in scenarios]
        resultats = _progression((simuler_lot(lot, systemes, annee, fin_annee_precedente) for lot in morceaux),
                                 nombre, barre)
    else:
        resultats = _simuler_dask(morceaux, nombre, scenarios, annee, scheduler, n_workers, barre,
                                  fin_annee_precedente)
    if not nombre:
        return pandas.DataFrame({c: [] for c in COLONNES + (FIN_ANNEE_PRECEDENTE if fin_annee_precedente else [])})
    table = pandas.concat(list(resultats), ignore_index=True)
    return _ordonner(table, scenarios)


def _ordonner(table, scenarios):
    """Scenario by scenario, households in table order (stable), whatever the chunk order."""
    ordre = {s.nom: i for i, s in enumerate(scenarios)}
    table["_ordre"] = table.scenario.map(ordre)
    table = table.sort_values("_ordre", kind="stable").drop(columns="_ordre").reset_index(drop=True)
    return table[COLONNES + [c for c in FIN_ANNEE_PRECEDENTE if c in table.columns]]


def _progression(iterable, total, barre):
    if not barre:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc="Microsimulation (lots de ménages)", unit="lot")


def _simuler_dask(morceaux, nombre, scenarios, annee, scheduler, n_workers, barre, fin_annee_precedente=False):
    """Map ``simuler_lot_distant`` over the chunks on dask.distributed, a bounded number in flight."""
    from distributed import Client, LocalCluster, as_completed

    specs = [spec_de_scenario(s) for s in scenarios]
    specs = [(_cle_de_spec(spec), spec) for spec in specs]
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers or min(2, os.cpu_count() or 1), threads_per_worker=1,
                               processes=True, dashboard_address=":0")
        client = Client(cluster)
    try:
        en_vol = 2 * max(1, len(client.scheduler_info()["workers"]))
        resultats = {}
        morceaux = enumerate(morceaux)
        futures = as_completed()
        for _ in range(en_vol):
            suivant = next(morceaux, None)
            if suivant is None:
                break
            futures.add(client.submit(_numerote, suivant[0], suivant[1], specs, annee, fin_annee_precedente,
                                          pure=False))
        termines = _progression(futures, nombre, barre)
        for future in termines:
            rang, table = future.result()
            resultats[rang] = table
            future.release()
            suivant = next(morceaux, None)
            if suivant is not None:
                futures.add(client.submit(_numerote, suivant[0], suivant[1], specs, annee, fin_annee_precedente,
                                          pure=False))
        return [resultats[k] for k in sorted(resultats)]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _numerote(rang, lot, specs, annee, fin_annee_precedente=False):
    return rang, simuler_lot_distant(lot, specs, annee, fin_annee_precedente)
