"""The checks themselves: one raw value of a situation, or a whole array of one period (vectorised).

``refus_brut`` sees a value as the situation gives it (dict, JSON, YAML), before numpy casts it: the
string "false" is still a string there. ``refus_tableau`` sees the array a period receives, whatever
its origin (a numpy array set from Python, or the array the simulation builder assembled), and costs
a few numpy passes: about 10 ms for a million values.
Both return ``None`` when the value is acceptable, else a ``Refus``.
"""
import collections
import datetime
import math
import re

import numpy
from openfisca_core.commons import eval_expression
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_ass.controles.bornes import (
    ANNEE_MAX,
    ANNEE_MIN,
    BORNES,
    DATE_MAX,
    DATE_MIN,
    ENTIER_MAX,
    ENTIER_MIN,
    REEL_MAX,
)

# ``indice``: position of the first refused value in the array (0 for a raw value); ``nombre``: how
# many values are refused; ``valeur``: the first one, as received; ``attendu``: the expected form.
Refus = collections.namedtuple("Refus", "indice nombre valeur attendu precision", defaults=("",))

MOTIF_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ATTENDU_BOOLEEN = "un booléen : true ou false (sans guillemets en JSON et en YAML ; en Python True, False, 0 ou 1)"
ATTENDU_DATE = f"une date « AAAA-MM-JJ » (chaîne, par exemple « 1970-01-15 ») entre {DATE_MIN} et {DATE_MAX}"


def attendu_enum(variable):
    return "l'une des modalités : " + ", ".join(variable.possible_values.__members__)


def attendu_nombre(variable, maximum=None):
    """The expected form of a number: type, then the range when the variable has one."""
    entier = variable.value_type is int
    bornes = BORNES.get(variable.name)
    if bornes is None:
        if entier:
            return f"un entier entre {ENTIER_MIN} et {ENTIER_MAX}"
        return "un nombre fini (ni NaN ni infini)"
    texte = ("un entier" if entier else "un nombre fini") + (" positif ou nul" if bornes.minimum == 0 else "")
    if maximum is None and not callable(bornes.maximum):
        maximum = bornes.maximum
    if maximum is not None:
        texte += f", au plus {maximum:g}"
    return texte + (f" : {bornes.pourquoi}" if bornes.pourquoi else "")


def _est_booleen(valeur):
    return isinstance(valeur, (bool, numpy.bool_))


def _est_nombre(valeur):
    return isinstance(valeur, (int, float, numpy.number)) and not _est_booleen(valeur)


def lire_date(valeur):
    """``valeur`` as a ``datetime.date`` if it is a date or an ``AAAA-MM-JJ`` string, else ``None``."""
    if isinstance(valeur, datetime.datetime):
        return valeur.date()
    if isinstance(valeur, datetime.date):
        return valeur
    if isinstance(valeur, numpy.datetime64):
        return None if numpy.isnat(valeur) else valeur.astype("datetime64[D]").item()
    if isinstance(valeur, str) and MOTIF_DATE.fullmatch(valeur):
        try:
            return datetime.date.fromisoformat(valeur)
        except ValueError:  # 2025-02-30
            return None
    return None


def refus_brut(variable, valeur):
    """Type check of one raw value of a situation; the range is checked on the array (``refus_tableau``)."""
    type_valeur = variable.value_type
    if type_valeur is bool:
        if _est_booleen(valeur):
            return None
        precision = " (une chaîne n'est pas un booléen)" if isinstance(valeur, str) else ""
        return Refus(0, 1, valeur, ATTENDU_BOOLEEN, precision)
    if type_valeur is datetime.date:
        if lire_date(valeur) is not None:
            return None
        precision = " (un nombre n'est pas une date)" if _est_nombre(valeur) else ""
        return Refus(0, 1, valeur, ATTENDU_DATE, precision)
    if type_valeur is Enum:
        if isinstance(valeur, str) and valeur in variable.possible_values.__members__:
            return None
        if isinstance(valeur, variable.possible_values):
            return None
        return Refus(0, 1, valeur, attendu_enum(variable), " (modalité inconnue)" if isinstance(valeur, str) else "")
    if type_valeur in (int, float):
        nombre = valeur
        if isinstance(valeur, str):
            # Core reads a formula ("2 * 1500"); what it gives is checked like any number. What it cannot
            # read stays a string, which core refuses with its own message.
            try:
                nombre = eval_expression(valeur)
            except Exception:  # numexpr: OverflowError ("9" * 400), ValueError ("a.b"), ...
                return Refus(0, 1, valeur, attendu_nombre(variable), " (formule illisible)")
            if isinstance(nombre, str):
                return None
            nombre = numpy.asarray(nombre).item() if numpy.ndim(nombre) == 0 else nombre
        # A boolean for a number is 0 or 1, as core reads it: openfisca-france's own tests write
        # ``taux_incapacite: false``.
        if _est_nombre(nombre) and not _nombre_representable(type_valeur, nombre):
            return Refus(0, 1, valeur, attendu_nombre(variable))
    return None


def _nombre_representable(type_valeur, nombre):
    """Finite, within what numpy stores (int32, float32), and whole for an integer variable."""
    if isinstance(nombre, (int, numpy.integer)):
        if type_valeur is float:
            return abs(nombre) <= REEL_MAX
        return ENTIER_MIN <= nombre <= ENTIER_MAX
    nombre = float(nombre)
    if not math.isfinite(nombre) or abs(nombre) > REEL_MAX:
        return False
    return type_valeur is float or (nombre.is_integer() and ENTIER_MIN <= nombre <= ENTIER_MAX)


def _par_element(tableau, test):
    """``test`` on each element of an object array (a list of mixed Python values): slow path, rare."""
    return numpy.frompyfunc(test, 1, 1)(tableau).astype(bool)


def _premier(masque, tableau, attendu, precision=""):
    """The ``Refus`` for the True positions of ``masque``, or ``None``."""
    if masque is None or not masque.any():
        return None
    indice = int(numpy.argmax(masque))
    return Refus(indice, int(masque.sum()), tableau[indice], attendu, precision)


def _tout(tableau):
    return numpy.ones(tableau.shape, dtype=bool)


def refus_tableau(variable, tableau, parametres=None):
    """Type and range check of the array of one period. ``parametres``: the parameters at the start of
    the period, for the bounds that are parameters (``None``: those bounds are not checked)."""
    type_valeur = variable.value_type
    genre = tableau.dtype.kind
    if type_valeur is bool:
        return _refus_booleens(tableau, genre)
    if type_valeur is datetime.date:
        return _refus_dates(variable, tableau, genre)
    if type_valeur is Enum:
        return _refus_modalites(variable, tableau, genre)
    if type_valeur in (int, float):
        return _refus_nombres(variable, tableau, genre, parametres)
    return None


def _refus_booleens(tableau, genre):
    if genre == "b":
        return None
    if genre in "iuf":
        masque = (tableau != 0) & (tableau != 1)
    elif genre == "O":
        masque = ~_par_element(tableau, lambda x: _est_booleen(x) or (_est_nombre(x) and x in (0, 1)))
    else:  # strings, dates
        masque = _tout(tableau)
    return _premier(masque, tableau, ATTENDU_BOOLEEN, " (une chaîne n'est pas un booléen)" if genre in "US" else "")


def _refus_dates(variable, tableau, genre):
    if genre == "M":
        dates = tableau.astype("datetime64[D]")
    elif genre in "UO":
        if genre == "U":
            # Few distinct strings in a population: each one is read once.
            uniques, inverse = numpy.unique(tableau, return_inverse=True)
        else:  # Python objects (dates, strings, anything): not sortable together, read one by one
            uniques, inverse = tableau, numpy.arange(len(tableau))
        lues = [lire_date(valeur) for valeur in uniques]
        illisibles = numpy.array([lue is None for lue in lues], dtype=bool)[inverse]
        refus = _premier(illisibles, tableau, ATTENDU_DATE)
        if refus:
            return refus
        dates = numpy.array(lues, dtype="datetime64[D]")[inverse]
    else:
        precision = " (un nombre n'est pas une date)" if genre in "iuf" else ""
        return _premier(_tout(tableau), tableau, ATTENDU_DATE, precision)
    # A variable's own default is accepted even outside the calendar: openfisca-france uses
    # 0001-01-01, 1870-01-01 or 9999-12-31 as "no date".
    defaut = numpy.datetime64(variable.default_value, "D")
    hors = (numpy.isnat(dates) | (dates < DATE_MIN) | (dates > DATE_MAX)) & (dates != defaut)
    return _premier(hors, tableau, ATTENDU_DATE)


def _refus_modalites(variable, tableau, genre):
    modalites = variable.possible_values
    if genre in "iu":  # indices, as EnumArray stores them (EnumArray itself refuses "<")
        indices = tableau.view(numpy.ndarray)
        return _premier((indices < 0) | (indices >= len(modalites)), indices, attendu_enum(variable))
    if genre in "US":
        return _premier(~numpy.isin(tableau, list(modalites.__members__)), tableau, attendu_enum(variable),
                        " (modalité inconnue)")
    if genre == "O":
        masque = ~_par_element(
            tableau, lambda x: isinstance(x, modalites) or (isinstance(x, str) and x in modalites.__members__))
        return _premier(masque, tableau, attendu_enum(variable))
    return _premier(_tout(tableau), tableau, attendu_enum(variable))


def _refus_nombres(variable, tableau, genre, parametres):
    entier = variable.value_type is int
    if genre == "O":
        masque = ~_par_element(
            tableau, lambda x: _est_booleen(x) or _est_nombre(x) and _nombre_representable(variable.value_type, x))
        refus = _premier(masque, tableau, attendu_nombre(variable))
        if refus:
            return refus
        valeurs = tableau.astype(numpy.float64)
    elif genre in "biuf":
        valeurs = tableau
        if genre == "f":
            with numpy.errstate(invalid="ignore"):  # NaN and infinities are what is looked for
                masque = ~numpy.isfinite(valeurs) | (numpy.abs(valeurs) > REEL_MAX)
                if entier:
                    masque |= numpy.mod(valeurs, 1) != 0
        else:
            masque = None
        if entier and genre in "iu" and not numpy.can_cast(valeurs.dtype, numpy.int32):
            masque = (valeurs < ENTIER_MIN) | (valeurs > ENTIER_MAX)
        elif entier and genre == "f":
            masque |= (valeurs < ENTIER_MIN) | (valeurs > ENTIER_MAX)
        refus = _premier(masque, tableau, attendu_nombre(variable))
        if refus:
            return refus
    else:  # strings, dates
        return _premier(_tout(tableau), tableau, attendu_nombre(variable))
    bornes = BORNES.get(variable.name)
    if bornes is None:
        return None
    maximum = bornes.maximum
    if callable(maximum):
        maximum = maximum(parametres) if parametres is not None else None
    masque = numpy.zeros(tableau.shape, dtype=bool)
    if bornes.minimum is not None:
        masque |= valeurs < bornes.minimum
    if maximum is not None:
        masque |= valeurs > maximum
    # The variable's own default is what core stores for the persons an input does not mention (an
    # axis over one person, a two-dimensional grid): openfisca-france's ``age`` defaults to -9999, "not
    # given, computed from date_naissance".
    masque &= valeurs != variable.default_value
    return _premier(masque, tableau, attendu_nombre(variable, maximum))


def refus_periode(periode):
    """The expected form if ``periode`` (an openfisca period) leaves the model's calendar, else ``None``."""
    if periode.unit == DateUnit.ETERNITY:
        return None
    try:
        debut, fin = periode.start.year, periode.stop.year
    except (OverflowError, ValueError):  # month:2025-01:200000 ends after year 9999
        debut, fin = periode.start.year, None
    if fin is not None and ANNEE_MIN <= debut and fin <= ANNEE_MAX:
        return None
    return f"une période comprise entre {ANNEE_MIN} et {ANNEE_MAX}, par exemple « 2025-05 »"
