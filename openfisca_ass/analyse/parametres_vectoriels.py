"""Fancy indexing of parameters by distinct keys: same values as openfisca-core, without a Python loop per person.

openfisca-core 44 resolves ``parameters.node[zone]`` (a parameter node indexed by an array: the housing-aid
zone, the type of tenure, ...) with one Python lookup per element, then again at each attribute read: over a
chunk of 10,000 households, housing aid and the réduction de loyer de solidarité spent most of the engine's
time there (profile in ``benchmarks/microsimulation.py``). Here the vectorial node keeps the *distinct* nodes
and, per element, the index of its node: each lookup is done once per distinct key, and the values are
spread with one numpy ``take``. The result is the array openfisca-core builds (same values, same dtype);
``tests/test_moteur.py`` compares the two on France's parameters.

``activer()`` installs it (idempotent); the engine calls it on import, in each Dask worker as well.
"""
import numpy
from openfisca_core import parameters
from openfisca_core.indexed_enums import Enum

_ORIGINAL = parameters.VectorialParameterNodeAtInstant.build_from_node_name
Vectoriel = parameters.VectorialParameterNodeAtInstant


class NoeudVectorielCompact(Vectoriel):
    """A vectorial parameter node stored as distinct nodes (``noeuds``) and one index per element."""

    def __init__(self, noeuds, indices, name, instant_str):
        self.noeuds = noeuds
        self.indices = indices
        self._name = name
        self._instant_str = instant_str

    @property
    def vector(self):
        # openfisca-core's representation (one node per element), for code that reads it.
        return [self.noeuds[i] for i in self.indices]

    def __getattr__(self, attribute):
        if attribute.startswith("__") or attribute in ("noeuds", "indices", "_name", "_instant_str"):
            raise AttributeError(attribute)
        return self[attribute]

    def __getitem__(self, key):
        if isinstance(key, str):
            return _construire(self, [noeud[key] for noeud in self.noeuds], self.indices)
        cles = _cles(key)
        if cles is None:
            return Vectoriel.__getitem__(_complet(self), key)
        # Distinct (node, key) pairs: one lookup each.
        codes, uniques = _factoriser(cles)
        paires, inverse = numpy.unique(self.indices.astype(numpy.int64) * len(uniques) + codes, return_inverse=True)
        enfants = [self.noeuds[p // len(uniques)][uniques[p % len(uniques)]] for p in paires]
        return _construire(self, enfants, inverse.reshape(-1))


def _complet(noeud):
    return Vectoriel(noeud.vector, noeud._name, noeud._instant_str)


def _cles(key):
    """Per-element keys as an array of names, or None when this class does not handle them."""
    if isinstance(key, numpy.ndarray) and hasattr(key, "possible_values"):
        return numpy.asarray(key.possible_values.names if hasattr(key.possible_values, "names")
                             else [item.name for item in key.possible_values], dtype=object)[numpy.asarray(key)]
    key = numpy.asarray(key)
    if key.dtype == object and len(key) and isinstance(key[0], Enum):
        return numpy.array([k.name for k in key], dtype=object)
    if key.dtype.kind in "UO":
        return key
    return None


def _factoriser(cles):
    uniques, codes = numpy.unique(cles.astype(str), return_inverse=True)
    return codes.reshape(-1), [str(u) for u in uniques]


def _construire(noeud, enfants, indices):
    if isinstance(enfants[0], parameters.ParameterNodeAtInstant):
        return NoeudVectorielCompact(enfants, indices, noeud._name, noeud._instant_str)
    return numpy.array(enfants)[indices]


def _build_from_node_name(node, key):
    """Replacement of ``VectorialParameterNodeAtInstant.build_from_node_name``: one lookup per distinct key."""
    Vectoriel.check_node_vectorisable(node)
    cles = Vectoriel._get_appropriate_keys(key)
    if len(cles) == 0 or (cles.dtype == object and isinstance(cles[0], Enum)):
        return _ORIGINAL(node, key)
    uniques, inverse = numpy.unique(cles, return_inverse=True)
    sous_cle = Vectoriel._get_appropriate_subnode_function(uniques[0])
    enfants = [node[sous_cle(node, k)] for k in uniques]
    return _construire(node, enfants, inverse.reshape(-1))


def activer():
    """Install the distinct-key lookup in openfisca-core (idempotent)."""
    Vectoriel.build_from_node_name = staticmethod(_build_from_node_name)


def desactiver():
    """Restore openfisca-core's own lookup (used by the test that compares both)."""
    Vectoriel.build_from_node_name = staticmethod(_ORIGINAL)
