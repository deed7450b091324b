"""Réformes paramétriques sans code : une réforme construite à partir de valeurs datées de paramètres.

In the spirit of PolicyEngine's ``Reform.from_dict``::

    from openfisca_ass.reformes_parametriques import reforme_parametrique
    from openfisca_ass.reforms.suppression_ass import suppression_ass

    R = reforme_parametrique(
        {
            "chomage.allocations_assurance_chomage.ass.reformes.suppression_ass.mode_transition": "immediate",
            "chomage.allocations_assurance_chomage.ass.montant_plein": {"2027-01-01": 20.0},
            "chomage.allocations_assurance_chomage.ass.plaf_seul": {"2027-01-01.2027-12-31": 75},
        },
        reformes=[suppression_ass],
        nom="suppression_immediate_taux_20",
    )
    systeme_reforme = R(CountryTaxBenefitSystem())

A value is either a scalar (it then applies over the whole history of the parameter) or a mapping of
``"AAAA-MM-JJ"`` (from that date on) or ``"AAAA-MM-JJ.AAAA-MM-JJ"`` (both days included) to values.
Everything is validated before anything changes: the shape of the mapping when the reform is built,
then every path and type against the tax-benefit system, all errors reported at once, before the
parameters are copied and modified. Structural reforms listed in ``reformes`` are applied after the
mapping, so they read the values it sets.
"""
import copy
import datetime
import re

import yaml
from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ErreurReforme(ValueError):
    """A parametric reform that cannot be applied; the message lists every problem found."""

    def __init__(self, erreurs):
        self.erreurs = list(erreurs)
        super().__init__("réforme paramétrique invalide :\n- " + "\n- ".join(self.erreurs))


def modifier_parametres(reforme, fonction, chemins=None):
    """Apply ``fonction`` to a copy of the reform's *current* parameters (openfisca-core's
    ``modify_parameters`` restarts from the baseline's, which would drop earlier changes).

    ``chemins``: the paths of the nodes or leaves ``fonction`` modifies (``"a.b.c"``). Only they are copied,
    with the nodes above them; the rest of the tree is shared with the reform's current parameters, which
    nothing modifies in place (``copie_le_long_des_chemins``). None: a deep copy of the whole tree, for a
    function that may modify anything.
    """
    copie = copy.deepcopy(reforme.parameters) if chemins is None else copie_le_long_des_chemins(
        reforme.parameters, chemins)
    parametres = fonction(copie)
    if not isinstance(parametres, ParameterNode):
        raise TypeError("la fonction de modification doit renvoyer un ParameterNode")
    reforme.parameters = parametres
    reforme._parameters_at_instant_cache = {}


def _copie_du_noeud(noeud):
    """A new node with the same attributes and its own dict of children (the children themselves shared)."""
    copie = copy.copy(noeud)
    copie.children = dict(noeud.children)
    return copie


def copie_le_long_des_chemins(racine, chemins):
    """A copy of the tree ``racine`` in which each of ``chemins`` can be modified without touching ``racine``.

    The node or leaf at the end of each path is deep-copied, the nodes above it are new (shallow copies that
    point to the new child), and every other branch is shared: a reform changes two or three parameters of
    openfisca-france's 4,000, and a deep copy of the whole tree cost most of building it (0.6 s, then every
    instant of the legislation rebuilt for the copy).
    """
    copie = _copie_du_noeud(racine)
    copies = {id(copie)}
    for chemin in chemins:
        noeud = copie
        morceaux = chemin.split(".")
        for rang, nom in enumerate(morceaux):
            enfant = noeud.children.get(nom) if isinstance(noeud, ParameterNode) else None
            if enfant is None:
                raise KeyError(f"{chemin} : pas de paramètre « {nom} » sous « {noeud.name or 'la racine'} »")
            if id(enfant) not in copies:
                enfant = copy.deepcopy(enfant) if rang == len(morceaux) - 1 else _copie_du_noeud(enfant)
                copies.add(id(enfant))
                noeud.children[nom] = enfant
                setattr(noeud, nom, enfant)
            if rang == len(morceaux) - 1 and isinstance(enfant, ParameterNode):
                # Everything below a deep-copied node is a copy: a longer path through it needs nothing more.
                copies.update(id(d) for d in enfant.get_descendants())
            noeud = enfant
    return copie


def debut_historique(parametre):
    """First start date of a parameter (``values_list`` is ordered from the most recent)."""
    return parametre.values_list[-1].instant_str


def valeur_la_plus_recente(parametre):
    """Latest value of a parameter: reforms read their switches and dates there."""
    return parametre.values_list[0].value


def fixer_partout(parametre, valeur):
    """Give ``parametre`` the value ``valeur`` over its whole history."""
    parametre.update(start=periods.instant(debut_historique(parametre)), value=valeur)


def _date_valide(texte):
    if not isinstance(texte, str) or not RE_DATE.match(texte):
        return False
    try:
        datetime.date.fromisoformat(texte)
    except ValueError:
        return False
    return True


def _normaliser_valeur(valeur):
    # YAML reads 2027-01-01 as a date: dates travel as ISO strings.
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    return valeur


def _normaliser(modifications):
    """Check the shape of the mapping and return ``{chemin: [(debut, fin ou None, valeur)]}``."""
    erreurs, normalisees = [], {}
    if not isinstance(modifications, dict) or not modifications:
        raise ErreurReforme(["les modifications doivent être un dictionnaire non vide {chemin: valeur}"])
    for chemin, valeurs in modifications.items():
        if not isinstance(chemin, str) or not chemin:
            erreurs.append(f"chemin invalide : {chemin!r}")
            continue
        if not isinstance(valeurs, dict):
            normalisees[chemin] = [(None, None, _normaliser_valeur(valeurs))]
            continue
        if not valeurs:
            erreurs.append(f"{chemin} : aucune valeur datée")
        intervalles = []
        for cle, valeur in valeurs.items():
            cle = _normaliser_valeur(cle)
            debut, _, fin = str(cle).partition(".")
            if not _date_valide(debut) or (fin and not _date_valide(fin)):
                erreurs.append(f"{chemin} : date « {cle} » invalide (attendu AAAA-MM-JJ ou AAAA-MM-JJ.AAAA-MM-JJ)")
                continue
            if fin and fin < debut:
                erreurs.append(f"{chemin} : l'intervalle « {cle} » finit avant de commencer")
                continue
            intervalles.append((debut, fin or None, _normaliser_valeur(valeur)))
        normalisees[chemin] = sorted(intervalles, key=lambda intervalle: intervalle[0])
    if erreurs:
        raise ErreurReforme(erreurs)
    return normalisees


def _trouver(parametres, chemin):
    noeud = parametres
    for morceau in chemin.split("."):
        enfants = getattr(noeud, "children", None)
        if enfants is None or morceau not in enfants:
            return None
        noeud = enfants[morceau]
    return noeud


def _erreur_de_type(chemin, parametre, valeur):
    """Why ``valeur`` cannot be a value of ``parametre``, or None."""
    actuelle = valeur_la_plus_recente(parametre)
    unite = (parametre.metadata or {}).get("unit")
    possibles = (parametre.metadata or {}).get("valeurs_possibles")
    if valeur is None:
        return f"{chemin} : valeur vide (supprimer un paramètre n'est pas une réforme)"
    if isinstance(actuelle, bool):
        if not isinstance(valeur, bool):
            return f"{chemin} : booléen attendu, reçu {valeur!r}"
    elif isinstance(actuelle, (int, float)):
        if isinstance(valeur, bool) or not isinstance(valeur, (int, float)):
            return f"{chemin} : nombre attendu, reçu {valeur!r}"
    elif isinstance(actuelle, str):
        if not isinstance(valeur, str):
            return f"{chemin} : texte attendu, reçu {valeur!r}"
        if unite == "date" and not _date_valide(valeur):
            return f"{chemin} : date AAAA-MM-JJ attendue, reçu {valeur!r}"
    if possibles and valeur not in possibles:
        return f"{chemin} : valeur {valeur!r} hors de {list(possibles)}"
    return None


def valider(parametres, modifications):
    """Every error of ``modifications`` against the parameter tree ``parametres`` (empty list if none)."""
    erreurs = []
    for chemin, intervalles in _normaliser(modifications).items():
        parametre = _trouver(parametres, chemin)
        if parametre is None:
            erreurs.append(f"{chemin} : paramètre inconnu")
            continue
        if not isinstance(parametre, Parameter):
            erreurs.append(f"{chemin} : n'est pas une feuille (noeud ou barème) ; donner le chemin d'une valeur")
            continue
        erreurs.extend(
            erreur for erreur in (_erreur_de_type(chemin, parametre, v) for _, _, v in intervalles) if erreur)
    return erreurs


def appliquer(parametres, modifications):
    """Validate, then modify ``parametres`` in place; return it."""
    erreurs = valider(parametres, modifications)
    if erreurs:
        raise ErreurReforme(erreurs)
    for chemin, intervalles in _normaliser(modifications).items():
        parametre = _trouver(parametres, chemin)
        for debut, fin, valeur in intervalles:
            debut = debut or debut_historique(parametre)
            parametre.update(
                start=periods.instant(debut), stop=periods.instant(fin) if fin else None, value=valeur)
    return parametres


def reforme_parametrique(modifications, reformes=(), nom="reforme_parametrique"):
    """A ``Reform`` class that sets the dated values ``modifications``, then applies ``reformes``.

    The shape of ``modifications`` is checked here; paths and types when the reform is applied to a
    system, before any parameter is modified.
    """
    _normaliser(modifications)  # raises now on a malformed mapping
    modifications = copy.deepcopy(modifications)
    structurelles = tuple(reformes)

    def apply(self):
        erreurs = valider(self.parameters, modifications)
        if erreurs:
            raise ErreurReforme(erreurs)
        modifier_parametres(self, lambda parametres: appliquer(parametres, modifications),
                            chemins=list(_normaliser(modifications)))
        for reforme in structurelles:
            # The package's reforms expose `appliquer` (a classmethod keeping the variant's settings);
            # any other Reform class is applied through its `apply`.
            if hasattr(reforme, "appliquer"):
                reforme.appliquer(self)
            else:
                reforme.apply(self)

    documentation = "Réforme paramétrique : " + "; ".join(f"{c} = {v}" for c, v in modifications.items())
    return type(nom, (Reform,), {"apply": apply, "name": documentation, "__doc__": documentation,
                                 "modifications": modifications, "reformes": structurelles})


def lire_affectations(affectations):
    """Parse ``["chemin=valeur", "chemin@AAAA-MM-JJ=valeur", ...]`` (command line) into a mapping.

    Values are read as YAML scalars: ``true``, ``0.5``, ``immediate``, ``2027-01-01``.
    """
    modifications, erreurs = {}, []
    for affectation in affectations:
        gauche, signe, texte = affectation.partition("=")
        if not signe or not gauche.strip():
            erreurs.append(f"« {affectation} » : attendu chemin=valeur ou chemin@AAAA-MM-JJ=valeur")
            continue
        chemin, _, date = gauche.strip().partition("@")
        valeur = _normaliser_valeur(yaml.safe_load(texte.strip()) if texte.strip() else None)
        if date:
            modifications.setdefault(chemin, {})
            if not isinstance(modifications[chemin], dict):
                erreurs.append(f"{chemin} : valeur non datée et valeur datée à la fois")
                continue
            modifications[chemin][date] = valeur
        else:
            modifications[chemin] = valeur
    if erreurs:
        raise ErreurReforme(erreurs)
    return modifications
