"""The legislation at an instant, built once per parameter tree and instant, for the system and its reforms.

openfisca-core 44 memoises ``TaxBenefitSystem.get_parameters_at_instant`` with one ``functools.lru_cache``
of 128 entries shared by every system of the process, keyed by the system and the instant as it was
written (``"2025-05-01"``, an ``Instant`` and a ``Period`` are three entries). A process that holds
several systems (the baseline, its reforms, openfisca-france beside it: ``/compare``, the analysts'
scenarios, the test suite) or reads more than a few dozen months goes past 128 entries and evicts, and
every miss rebuilds openfisca-france's whole tree at that instant (about 60 ms). A reform that leaves the
parameters alone shares its baseline's tree but not its entries.

Here the root of this package's tree keeps its own memo, keyed by the instant core has already
normalised (``AAAA-MM-JJ``): a reform that shares the tree shares the memo, and a reform that modifies
its parameters works on a deep copy, which starts with an empty memo (the memo lives outside the node, so
that neither ``copy.deepcopy`` nor ``clone`` carries stale values over). Core's own memo stays in front
of it; values are unchanged, only their construction is shared.

The tree at an instant is also built lazily (``NoeudAInstantParesseux``): core builds every branch of
openfisca-france's 4,000 parameters at once, where a simulation reads a few hundred; here a branch is built
the first time a formula reads it, then kept. It behaves as core's ``ParameterNodeAtInstant`` (a subclass):
same attributes, same ``ParameterNotFoundError``, same children (a leaf without a value at that instant is
left out), same vectorial indexing.

The memo is bounded (``TAILLE_MAX`` instants, least recently used evicted): a web API reading arbitrary
months must not grow without limit.
"""
import collections
import threading
import weakref

from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.parameters import ParameterNode, ParameterNodeAtInstant, helpers

# About 40 years of months: every instant of a long simulation, and of the test suite, stays.
TAILLE_MAX = 512

_MEMOS = weakref.WeakKeyDictionary()
_VERROU = threading.Lock()  # the web API's threads share the system


class NoeudRacineMemorise(ParameterNode):
    """A parameter tree's root whose ``_get_at_instant`` is memoised per instant (see the module)."""

    def _get_at_instant(self, instant):
        with _VERROU:
            memo = _MEMOS.get(self)
            if memo is None:
                memo = _MEMOS[self] = collections.OrderedDict()
            valeur = memo.get(instant)
            if valeur is not None:
                memo.move_to_end(instant)
                return valeur
        valeur = NoeudAInstantParesseux(self.name, self, instant)
        with _VERROU:
            memo[instant] = valeur
            if len(memo) > TAILLE_MAX:
                memo.popitem(last=False)
        return valeur


class NoeudAInstantParesseux(ParameterNodeAtInstant):
    """Core's ``ParameterNodeAtInstant``, whose children are built when first read (see the module)."""

    def __init__(self, name, node, instant_str):  # core's signature; core's body would build every child
        self._name = name
        self._instant_str = instant_str
        self._noeud = node
        self._tous = None

    def _enfant(self, nom):
        """The child ``nom`` at this instant (None: no value then), built once and kept as an attribute."""
        enfant = self._noeud.children[nom]
        if type(enfant) is ParameterNode or isinstance(enfant, NoeudRacineMemorise):
            valeur = NoeudAInstantParesseux(enfant.name, enfant, self._instant_str)
        else:
            valeur = enfant._get_at_instant(self._instant_str)
        if valeur is not None:
            setattr(self, nom, valeur)
        return valeur

    def __getattr__(self, key):
        # Only the names of children: private and special names (pickle, copy) are not parameters.
        if not key.startswith("_") and key in self._noeud.children:
            valeur = self._enfant(key)
            if valeur is not None:
                return valeur
        raise ParameterNotFoundError(helpers._compose_name(self._name, item_name=key), self._instant_str)

    @property
    def _children(self):
        """Every child that has a value at this instant, in the tree's order (core's ``_children``)."""
        if self._tous is None:
            tous = {}
            for nom in self._noeud.children:
                valeur = self.__dict__[nom] if nom in self.__dict__ else self._enfant(nom)
                if valeur is not None:
                    tous[nom] = valeur
            self._tous = tous
        return self._tous

    def add_child(self, child_name, child_at_instant):
        self._children[child_name] = child_at_instant
        setattr(self, child_name, child_at_instant)


def memoriser(parametres):
    """Makes ``parametres`` (a root ``ParameterNode``) memoise its values per instant; returns it."""
    if not isinstance(parametres, NoeudRacineMemorise):
        # Same attributes and behaviour, one method more: the class changes, the object and its
        # children stay (France's formulas and reforms hold references to them).
        parametres.__class__ = NoeudRacineMemorise
    return parametres


def nombre_d_instants(parametres):
    """How many instants the memo of ``parametres`` holds (for the tests)."""
    return len(_MEMOS.get(parametres, ()))
