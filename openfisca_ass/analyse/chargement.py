"""Load and validate a table of persons for the microsimulation.

One row per person (CSV, Parquet or a pandas DataFrame). Entity columns follow openfisca-france-data:

- ``idmen``, ``quimen``: household, and the person's role in it (0 reference person, 1 spouse, 2 child,
  3 and more: other member);
- ``idfam``, ``quifam``: famille (0 first parent, 1 second parent, 2 child);
- ``idfoy``, ``quifoy``: foyer fiscal (0 declarant, 1 spouse, 2 dependant);
- ``wprm``: the household weight;
- ``noindiv`` (optional): a person identifier, which must then be unique.

Every other column is named after a variable of the tax-benefit system:

- ``variable``: one value for every month from January of ``annee - 2`` to December of ``annee`` (the
  look-backs of ASS, RSA, housing aid and the revenu fiscal de référence); for a YEAR variable, those
  three years; for an ETERNITY variable, as is. Monthly amounts are per month;
- ``variable@AAAA-MM`` or ``variable@AAAA``: that period only (a history); where both are given, the
  dated column wins for its period. ``@AAAA`` on a MONTH variable goes through the variable's own
  ``set_input`` (an amount is divided over the months, a state is repeated);
- an empty cell means "not given": the variable's default value. A column replaces the variable's formula
  for every row (for a computed variable such as ``aah``, an empty cell gives the default, not the formula).

The values of a group entity (menage, famille, foyer fiscal) are read on the row of its first person
(``quimen``/``quifam``/``quifoy`` = 0); another member's row may repeat the value or leave it empty, any
other value is reported. Enumerations take the item's name (``chomeur``) or its index; dates ``AAAA-MM-JJ``;
booleans ``true/false``, ``1/0``, ``vrai/faux``, ``oui/non``.

Everything is checked before anything is simulated, and every problem is reported at once
(``ErreurDonnees.problemes``). Nothing is dropped: an unknown column is an error, not ignored.
"""
import dataclasses
import os
import re

import numpy
import pandas
from openfisca_core import periods

# Entity columns, as in openfisca-france-data: (id column, role column) per group entity.
ENTITES = {"menage": ("idmen", "quimen"), "famille": ("idfam", "quifam"), "foyer_fiscal": ("idfoy", "quifoy")}
# Highest role code accepted per role column (quimen: 3 and above all mean "autre").
ROLES_MAX = {"quimen": None, "quifam": 2, "quifoy": 2}
# At most one person holds each of these roles in its group (France's entities: 2 parents, 2 declarants).
ROLES_UNIQUES = (0, 1)
NOMS_ROLES = {"quimen": ("personne de référence", "conjoint"), "quifam": ("premier parent", "second parent"),
              "quifoy": ("déclarant", "conjoint déclarant")}
POIDS = "wprm"
IDENTIFIANT_PERSONNE = "noindiv"
COLONNES_STRUCTURE = [c for paire in ENTITES.values() for c in paire] + [POIDS]
RE_COLONNE = re.compile(r"^(?P<variable>[A-Za-z_][A-Za-z0-9_]*)(?:@(?P<periode>\d{4}(?:-\d{2})?))?$")
VRAI = {"true", "1", "1.0", "vrai", "oui", "yes"}
FAUX = {"false", "0", "0.0", "faux", "non", "no"}
MONTRES = 5  # values quoted in a grouped message


@dataclasses.dataclass(frozen=True)
class Probleme:
    """One problem of the input table: where it is, what was found, what is expected."""

    fichier: str
    ligne: object   # CSV: line of the file (header = 1); Parquet/DataFrame: row number from 1; None: whole column
    colonne: str
    trouve: object
    attendu: str

    def __str__(self):
        ligne = "" if self.ligne is None else f", ligne {self.ligne}"
        return f"{self.fichier}{ligne}, colonne « {self.colonne} » : trouvé {self.trouve!r}, attendu {self.attendu}"


class ErreurDonnees(ValueError):
    """The input table cannot be simulated; ``problemes`` lists every problem found."""

    def __init__(self, problemes):
        # In the order of the file: whole-file and header problems first, then line by line.
        self.problemes = sorted(problemes, key=lambda p: -1 if p.ligne is None else p.ligne)
        entete = f"{len(self.problemes)} problème(s) dans la table des personnes :"
        super().__init__("\n- ".join([entete] + [str(p) for p in self.problemes]))


@dataclasses.dataclass(frozen=True)
class Colonne:
    """A variable column: its name in the table, the variable, and the period (None for a plain column)."""

    nom: str
    variable: str
    periode: object


def colonne(nom):
    """``(variable, periode)`` of a column name (``periode`` None for a plain column), or None if malformed."""
    correspondance = RE_COLONNE.match(nom)
    if not correspondance:
        return None
    periode = correspondance.group("periode")
    return correspondance.group("variable"), periode


def _lire(source):
    """(DataFrame of the source, its name in messages, offset from row position to reported line)."""
    if isinstance(source, pandas.DataFrame):
        return source.reset_index(drop=True), "DataFrame", 1
    chemin = os.fspath(source)
    nom = os.path.basename(chemin)
    if not os.path.exists(chemin):
        raise ErreurDonnees([Probleme(nom, None, "", chemin, "un fichier .csv ou .parquet existant")])
    extension = os.path.splitext(chemin)[1].lower()
    try:
        if extension == ".csv":
            # Everything read as text, then parsed per variable: the error can quote what the file holds.
            table = pandas.read_csv(chemin, dtype=str, keep_default_na=False, na_values=[""], skipinitialspace=True)
            return table, nom, 2
        if extension in (".parquet", ".pq"):
            return pandas.read_parquet(chemin, engine="pyarrow"), nom, 1
    except (ValueError, OSError, UnicodeDecodeError) as erreur:
        lisible = "une table lisible (CSV séparé par des virgules, UTF-8, ou Parquet)"
        raise ErreurDonnees([Probleme(nom, None, "", str(erreur).splitlines()[0][:200], lisible)]) from erreur
    raise ErreurDonnees([Probleme(nom, None, "", extension or chemin, "un fichier .csv ou .parquet")])


def _vide(serie):
    """Empty cells: NA, or a blank string."""
    vide = serie.isna()
    if serie.dtype == object or pandas.api.types.is_string_dtype(serie.dtype):
        vide |= serie.astype(str).str.strip().eq("") & serie.notna()
    return vide.to_numpy()


def _texte(serie):
    return serie.astype(str).str.strip()


def _analyser(serie, variable):
    """Parse a column for ``variable``: (values with pandas.NA/NaN where empty, mask of invalid cells, expected)."""
    vide = _vide(serie)
    type_valeur = variable.value_type
    if type_valeur is float or type_valeur is int:
        if pandas.api.types.is_bool_dtype(serie.dtype):
            nombres = pandas.Series(numpy.nan, index=serie.index)
            invalide = ~vide
        else:
            brut = serie.where(~vide)
            nombres = pandas.to_numeric(_texte(brut).where(~vide) if brut.dtype == object else brut, errors="coerce")
            nombres = nombres.astype(float)
            invalide = ~vide & (nombres.isna().to_numpy() | ~numpy.isfinite(nombres.fillna(0).to_numpy()))
        if type_valeur is int:
            entier = nombres.fillna(0).to_numpy()
            invalide |= ~vide & (entier != numpy.round(entier))
            return nombres.where(~invalide).astype("Int64") if not invalide.all() else nombres, invalide, "un entier"
        return nombres.where(~invalide), invalide, "un nombre (point décimal)"
    if type_valeur is bool:
        if pandas.api.types.is_bool_dtype(serie.dtype):
            return serie.astype("boolean"), numpy.zeros(len(serie), dtype=bool), "un booléen"
        texte = _texte(serie).str.lower()
        vrai, faux = texte.isin(VRAI).to_numpy(), texte.isin(FAUX).to_numpy()
        valeurs = pandas.Series(pandas.array(numpy.where(vrai, True, False), dtype="boolean"), index=serie.index)
        valeurs[~(vrai | faux)] = pandas.NA
        return valeurs, ~vide & ~(vrai | faux), "un booléen (true/false, 1/0, vrai/faux, oui/non)"
    if getattr(variable, "possible_values", None) is not None:
        noms = [item.name for item in variable.possible_values]
        texte = _texte(serie)
        # An index is accepted as well (openfisca-france-data stores enumerations as codes).
        index = pandas.to_numeric(texte, errors="coerce")
        par_index = index.notna() & index.isin(range(len(noms)))
        valeurs = texte.where(texte.isin(noms))
        valeurs[par_index] = [noms[int(i)] for i in index[par_index]]
        invalide = ~vide & valeurs.isna().to_numpy()
        return valeurs.astype("string"), invalide, f"un de : {', '.join(noms)} (ou son rang 0 à {len(noms) - 1})"
    if variable.value_type.__name__ == "date":
        if pandas.api.types.is_datetime64_any_dtype(serie.dtype):
            dates = serie.astype("datetime64[s]")
        else:
            dates = pandas.to_datetime(_texte(serie).where(~vide), format="%Y-%m-%d", errors="coerce")
        dates = dates.astype("datetime64[s]")  # one unit whatever the source (CSV, Parquet, DataFrame)
        invalide = ~vide & dates.isna().to_numpy()
        return dates, invalide, "une date AAAA-MM-JJ"
    # Text (depcom...).
    texte = _texte(serie).where(~vide)
    invalide = numpy.zeros(len(serie), dtype=bool)
    attendu = "un texte"
    if variable.max_length:
        invalide = ~vide & (texte.str.len().fillna(0).to_numpy() > variable.max_length)
        attendu = f"un texte d'au plus {variable.max_length} caractères"
    return texte.astype("string"), invalide, attendu


def _identifiants(serie):
    """Ids as text (1 and "1" are the same household), NA where empty."""
    if pandas.api.types.is_float_dtype(serie.dtype):
        entiers = serie.dropna()
        if (entiers == numpy.round(entiers)).all():
            serie = serie.astype("Int64")
    texte = _texte(serie).where(~_vide(serie))
    return texte


def charger_personnes(source, annee, systeme=None):
    """Read ``source`` (.csv / .parquet path or DataFrame), check it all, return the persons table.

    The table returned has the entity columns (ids as text, roles as int, ``wprm`` float), the variable
    columns parsed (float, Int64, boolean, string, datetime64; NA where empty), persons grouped by household
    in the order households first appear. Raises ``ErreurDonnees`` listing every problem.
    """
    if systeme is None:
        from openfisca_ass.scenarios import systeme_de_reference
        systeme = systeme_de_reference()
    table, fichier, decalage = _lire(source)
    problemes = []

    def signaler(positions, nom, valeurs, attendu):
        for position in positions:
            valeur = valeurs.iloc[position] if valeurs is not None else None
            if valeur is not None and not isinstance(valeur, str) and pandas.isna(valeur):
                valeur = ""
            problemes.append(Probleme(fichier, int(position) + decalage, nom, valeur, attendu))

    ligne_entete = 1 if decalage == 2 else None
    colonnes = [str(c) for c in table.columns]
    table.columns = colonnes
    manquantes = [c for c in COLONNES_STRUCTURE if c not in colonnes]
    for nom in manquantes:
        problemes.append(Probleme(fichier, ligne_entete, nom, "(colonne absente)",
                                  "les colonnes idmen, quimen, idfam, quifam, idfoy, quifoy, wprm"))
    if len(set(colonnes)) != len(colonnes):
        for nom in sorted({c for c in colonnes if colonnes.count(c) > 1}):
            problemes.append(Probleme(fichier, ligne_entete, nom, "(colonne en double)", "une seule colonne de ce nom"))
    if table.empty:
        problemes.append(Probleme(fichier, None, "", "(aucune ligne)", "au moins une personne"))

    resultat = {}
    # Structure: ids, roles, weights.
    for identifiant, role in ENTITES.values():
        if identifiant in colonnes:
            ids = _identifiants(table[identifiant])
            signaler(numpy.flatnonzero(ids.isna().to_numpy()), identifiant, table[identifiant], "un identifiant")
            resultat[identifiant] = ids
        if role in colonnes:
            roles = pandas.to_numeric(_texte(table[role]) if table[role].dtype == object else table[role],
                                      errors="coerce")
            plus_grand = ROLES_MAX[role]
            invalide = roles.isna() | (roles != numpy.round(roles.fillna(0))) | (roles < 0)
            if plus_grand is not None:
                invalide |= roles > plus_grand
            attendu = "0, 1 ou 2" if plus_grand is not None else \
                "un entier ≥ 0 (0 personne de référence, 1 conjoint, 2 enfant, 3 autre)"
            signaler(numpy.flatnonzero(invalide.to_numpy()), role, table[role], attendu)
            resultat[role] = roles.where(~invalide).fillna(-1).astype(int)
    if POIDS in colonnes:
        poids = pandas.to_numeric(_texte(table[POIDS]) if table[POIDS].dtype == object else table[POIDS],
                                  errors="coerce").astype(float)
        invalide = poids.isna() | (poids < 0) | ~numpy.isfinite(poids.fillna(0))
        signaler(numpy.flatnonzero(invalide.to_numpy()), POIDS, table[POIDS], "un poids de ménage ≥ 0")
        resultat[POIDS] = poids
    if IDENTIFIANT_PERSONNE in colonnes:
        resultat[IDENTIFIANT_PERSONNE] = _identifiants(table[IDENTIFIANT_PERSONNE])

    # Variables.
    variables = []
    for nom in colonnes:
        if nom in COLONNES_STRUCTURE or nom == IDENTIFIANT_PERSONNE:
            continue
        analyse = colonne(nom)
        if analyse is None:
            problemes.append(Probleme(fichier, ligne_entete, nom, nom, "variable ou variable@AAAA-MM ou variable@AAAA"))
            continue
        variable, periode = analyse
        if variable not in systeme.variables:
            problemes.append(Probleme(fichier, ligne_entete, nom, variable,
                                      "une variable d'openfisca-ass (ou une colonne idmen, quimen, idfam, quifam, "
                                      "idfoy, quifoy, wprm, noindiv)"))
            continue
        definition = systeme.variables[variable]
        unite = definition.definition_period
        if periode is not None:
            try:
                periode_objet = periods.period(periode)
            except ValueError:
                problemes.append(Probleme(fichier, ligne_entete, nom, periode, "une période AAAA-MM ou AAAA valide"))
                continue
            if unite == periods.DateUnit.ETERNITY:
                problemes.append(Probleme(fichier, ligne_entete, nom, periode,
                                          f"la colonne « {variable} » sans période ({variable} est permanente)"))
                continue
            if unite == periods.DateUnit.YEAR and periode_objet.unit != periods.DateUnit.YEAR:
                problemes.append(Probleme(fichier, ligne_entete, nom, periode,
                                          f"une année AAAA ({variable} est annuelle)"))
                continue
            repartition = getattr(definition.set_input, "__name__", None)
            if unite == periods.DateUnit.MONTH and periode_objet.unit == periods.DateUnit.YEAR and \
                    repartition not in ("set_input_divide_by_period", "set_input_dispatch_by_period"):
                problemes.append(Probleme(fichier, ligne_entete, nom, periode,
                                          f"un mois AAAA-MM ({variable} ne se répartit pas sur les mois)"))
                continue
            annee_colonne = periode[:4]
            autre = f"{variable}@{annee_colonne}" if len(periode) == 7 else None
            if autre in colonnes:
                attendu = f"soit {autre}, soit des colonnes mensuelles pour {annee_colonne}, pas les deux"
                problemes.append(Probleme(fichier, ligne_entete, nom, periode, attendu))
                continue
        valeurs, invalide, attendu = _analyser(table[nom], definition)
        signaler(numpy.flatnonzero(invalide), nom, table[nom], attendu)
        resultat[nom] = valeurs
        variables.append((nom, variable, definition))

    if not any(c in manquantes for c in COLONNES_STRUCTURE) and not table.empty:
        _verifier_structure(resultat, variables, fichier, decalage, problemes, table)
    if problemes:
        raise ErreurDonnees(problemes)

    personnes = pandas.DataFrame(resultat)
    # Persons grouped by household, households in the order they first appear; row order kept within.
    ordre = pandas.factorize(personnes["idmen"])[0]
    personnes = personnes.iloc[numpy.argsort(ordre, kind="stable")].reset_index(drop=True)
    personnes.attrs["chargee"] = True
    personnes.attrs["annee"] = annee
    personnes.attrs["source"] = fichier
    return personnes


def _verifier_structure(resultat, variables, fichier, decalage, problemes, table):
    """Entity structure: one first person per group, unique roles, groups within one household, weights."""
    def ajouter(masque, nom, attendu, valeurs=None):
        for position in numpy.flatnonzero(masque):
            valeur = (valeurs if valeurs is not None else table[nom]).iloc[position]
            problemes.append(Probleme(fichier, int(position) + decalage, nom,
                                      "" if valeur is None or (not isinstance(valeur, str) and pandas.isna(valeur))
                                      else valeur, attendu))

    idmen = resultat["idmen"]
    connus = idmen.notna().to_numpy()
    for cle, (identifiant, role) in ENTITES.items():
        ids, roles = resultat[identifiant], resultat[role]
        valides = ids.notna().to_numpy() & (roles.to_numpy() >= 0)
        bloc = pandas.DataFrame({"id": ids, "role": roles})[valides]
        for code in ROLES_UNIQUES:
            # The second holder of a role and the next ones are reported, the first is kept.
            porteurs = bloc[bloc.role.eq(code)]
            double = numpy.zeros(len(ids), dtype=bool)
            double[porteurs.index[porteurs.groupby("id", sort=False).cumcount().to_numpy() > 0]] = True
            nom_role = NOMS_ROLES[role][code]
            for position in numpy.flatnonzero(double):
                problemes.append(Probleme(fichier, int(position) + decalage, role, code,
                                          f"un seul {role} = {code} ({nom_role}) par {identifiant} : "
                                          f"« {ids.iloc[position]} » en a plusieurs"))
        sans_premier = ~bloc.role.eq(0).groupby(bloc.id, sort=False).transform("any").to_numpy()
        premiere = ~bloc.id.duplicated().to_numpy()
        masque = numpy.zeros(len(ids), dtype=bool)
        masque[numpy.flatnonzero(valides)] = sans_premier & premiere
        attendu = {"menage": "une personne de référence (quimen = 0) dans ce ménage",
                   "famille": "un premier parent (quifam = 0) dans cette famille",
                   "foyer_fiscal": "un déclarant (quifoy = 0) dans ce foyer fiscal"}[cle]
        ajouter(masque, identifiant, attendu, ids)
        if cle != "menage":
            # A famille or foyer must lie within one household (chunks are cut between households).
            paires = pandas.DataFrame({"id": ids, "men": idmen})[valides & connus]
            nombre = paires.groupby("id", sort=False)["men"].transform("nunique")
            autre = paires.men.ne(paires.groupby("id", sort=False)["men"].transform("first"))
            masque = numpy.zeros(len(ids), dtype=bool)
            masque[numpy.flatnonzero(valides & connus)] = ((nombre > 1) & autre).to_numpy()
            ajouter(masque, identifiant, f"un {identifiant} propre à un seul ménage (idmen) : "
                                         "ce groupe a des membres dans plusieurs ménages", ids)
    if IDENTIFIANT_PERSONNE in resultat:
        noindiv = resultat[IDENTIFIANT_PERSONNE]
        ajouter(noindiv.isna().to_numpy(), IDENTIFIANT_PERSONNE, "un identifiant de personne", noindiv)
        double = noindiv.notna() & noindiv.duplicated(keep="first")
        menages_par_personne = pandas.DataFrame({"p": noindiv, "m": idmen})[noindiv.notna()].groupby("p")["m"].nunique()
        for position in numpy.flatnonzero(double.to_numpy()):
            personne = noindiv.iloc[position]
            attendu = ("une personne dans un seul ménage (cette personne est aussi dans un autre ménage)"
                       if menages_par_personne.get(personne, 1) > 1 else "un noindiv unique (ligne en double)")
            problemes.append(Probleme(fichier, int(position) + decalage, IDENTIFIANT_PERSONNE, personne, attendu))
    # Weights: one per household, the same on each of its rows.
    poids = resultat[POIDS]
    bloc = pandas.DataFrame({"m": idmen, "w": poids})[connus & poids.notna().to_numpy()]
    differents = bloc.groupby("m", sort=False)["w"].transform("nunique") > 1
    masque = numpy.zeros(len(idmen), dtype=bool)
    masque[numpy.flatnonzero(connus & poids.notna().to_numpy())] = differents.to_numpy()
    ajouter(masque, POIDS, "le même poids wprm sur toutes les lignes du ménage")
    # Group-entity values: on the first person's row; the others repeat it or leave it empty.
    for nom, variable, definition in variables:
        cle = definition.entity.key
        if cle not in ENTITES:
            continue
        identifiant, role = ENTITES[cle]
        valeurs = resultat[nom]
        ids, roles = resultat[identifiant], resultat[role].to_numpy()
        donnee = valeurs.notna().to_numpy()
        premier = roles == 0
        reference = pandas.Series(valeurs.where(premier).to_numpy(), index=valeurs.index).groupby(
            ids.to_numpy(), sort=False).transform("first") if donnee.any() else valeurs
        differe = donnee & ~premier & ids.notna().to_numpy()
        if differe.any():
            differe &= valeurs.astype(str).to_numpy() != reference.astype(str).to_numpy()
        ajouter(differe, nom, f"vide ou la valeur de la ligne {role} = 0 ({variable} est une variable "
                              f"de l'entité {cle}, lue sur sa première personne)")


def ecrire_personnes(personnes, chemin):
    """Write a persons table to ``chemin`` (.csv or .parquet) in the form ``charger_personnes`` reads back.

    CSV: dates ``AAAA-MM-JJ``, booleans ``true``/``false``, empty cells for values not given.
    """
    chemin = os.fspath(chemin)
    extension = os.path.splitext(chemin)[1].lower()
    if extension in (".parquet", ".pq"):
        personnes.to_parquet(chemin, engine="pyarrow", index=False)
        return chemin
    if extension != ".csv":
        raise ValueError(f"{chemin} : extension .csv ou .parquet attendue")
    table = personnes.copy()
    for nom in table.columns:
        serie = table[nom]
        if pandas.api.types.is_bool_dtype(serie.dtype):
            table[nom] = serie.map({True: "true", False: "false"}).astype(object)
        elif pandas.api.types.is_datetime64_any_dtype(serie.dtype):
            table[nom] = serie.dt.strftime("%Y-%m-%d")
    table.to_csv(chemin, index=False)
    return chemin
