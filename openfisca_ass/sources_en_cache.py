"""Where each variable class and each formula lies in its source file: found once, then read from a cache.

openfisca-core parses every variable file with ``ast.parse`` when it builds a system, only to note where each
class starts and ends (``Variable.introspection_data``, which the web API turns into a link to the source):
about 1 s of the 2.2 s a build of this package's system takes, in every process (each API server, each
``openfisca test`` and ``openfisca-ass`` command, each dask worker). Core's web API then asks
``inspect.getsourcelines`` for each of the 1,500 formulas, which tokenises the files once more: 1.2 s of each
server's start.

Both answers depend on the text of the file alone (for a formula, also on the line its code starts at), and
on the Python version that parses it. They are kept in a JSON file of the parameter cache's folder
(``parametres_en_cache.dossier_du_cache``), one per Python version, keyed by a digest of each file's text:

- core's ``ast.parse`` is replaced, in core's loader only, by a function that returns a tree holding just what
  the loader reads, the top-level classes with their name, first and last line, as ``ast.parse`` gives them;
- the web API's ``inspect.getsourcelines`` is replaced, in its loader only, by the standard library's
  ``inspect.findsource`` followed by the cached length of the block that ``inspect.getblock`` finds there.

A text not in the cache yet (a new version, an edited file) is parsed by the standard functions, and the cache
written again (temporary file, atomic rename) at the end of the build and once the web API is built. Values
are unchanged: tests/test_sources_en_cache.py compares every variable's introspection data and every formula's
source lines with those of core's own code, for this package's and openfisca-france's files. A cache that
cannot be read is ignored, one that cannot be written is not kept; ``OPENFISCA_ASS_CACHE=0`` keeps the
answers for the process only.
"""
import ast
import hashlib
import inspect
import json
import logging
import os
import sys
import threading

from openfisca_ass import parametres_en_cache

log = logging.getLogger(__name__)

# Files kept in the cache: this package's, openfisca-france's and those of a few reforms, with room for the
# versions of the files a developer edits; past this, only what the process read is written again.
FICHIERS_MAX = 2000

_VERROU = threading.Lock()


class Memoire:
    """The cached answers of one process: ``{digest of a file's text: {"classes": [...], "blocs": {...}}}``."""

    def __init__(self, chemin):
        self.chemin = chemin
        self.fichiers = self._lire()
        self.lus = set()  # digests read or computed by this process
        self.modifiee = False

    def _lire(self):
        if self.chemin is None:
            return {}
        try:
            with open(self.chemin, encoding="utf-8") as fichier:
                contenu = json.load(fichier)
            if isinstance(contenu, dict):
                return contenu
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as erreur:
            log.warning("openfisca-ass: unreadable source cache %s (%s), ignored", self.chemin, erreur)
        return {}

    def fichier(self, empreinte):
        with _VERROU:
            self.lus.add(empreinte)
            entree = self.fichiers.get(empreinte)
            if not isinstance(entree, dict):
                entree = self.fichiers[empreinte] = {"classes": None, "blocs": {}}
            return entree

    def ecrire(self):
        """Writes the cache if this process added to it."""
        with _VERROU:
            if not self.modifiee or self.chemin is None:
                return
            fichiers = self.fichiers
            if len(fichiers) > FICHIERS_MAX:
                fichiers = {cle: valeur for cle, valeur in fichiers.items() if cle in self.lus}
            texte = json.dumps(fichiers, separators=(",", ":"))
            self.modifiee = False
        try:
            parametres_en_cache.ecrire_atomiquement(self.chemin, texte.encode("utf-8"))
        except OSError as erreur:
            log.info("openfisca-ass: source cache not written in %s (%s)", os.path.dirname(self.chemin), erreur)


def chemin_du_cache():
    """The cache file of this Python version, or None when the cache is switched off."""
    dossier = parametres_en_cache.dossier_du_cache()
    if dossier is None:
        return None
    version = hashlib.sha256(sys.version.encode()).hexdigest()[:16]
    return os.path.join(dossier, f"sources-{version}.json")


_memoire = None


def memoire():
    """This process's memory of the sources, read from the cache file on first use."""
    global _memoire
    if _memoire is None:
        _memoire = Memoire(chemin_du_cache())
    return _memoire


def empreinte(texte):
    return hashlib.blake2b(texte.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# --- Core's loader: the classes of a variable file --------------------------------------------------


def classes_du_texte(source):
    """[(name, first line, last line)] of the top-level classes of ``source``, as ``ast.parse`` gives them."""
    entree = memoire().fichier(empreinte(source))
    if entree["classes"] is None:
        arbre = ast.parse(source)
        entree["classes"] = [[n.name, n.lineno, n.end_lineno] for n in arbre.body if isinstance(n, ast.ClassDef)]
        memoire().modifiee = True
    return entree["classes"]


class AstDuChargeur:
    """Stands for the ``ast`` module in core's loader (``tax_benefit_system.py``), which calls ``ast.parse(source)``
    and keeps the ``ast.ClassDef`` of the tree's body; any other use goes to the real module."""

    def parse(self, source, *args, **kwargs):
        if args or kwargs or not isinstance(source, str):
            return ast.parse(source, *args, **kwargs)
        corps = [ast.ClassDef(name=nom, lineno=debut, end_lineno=fin, bases=[], keywords=[], body=[],
                              decorator_list=[]) for nom, debut, fin in classes_du_texte(source)]
        return ast.Module(body=corps, type_ignores=[])

    def __getattr__(self, nom):
        return getattr(ast, nom)


# --- The web API's loader: the lines of a formula ---------------------------------------------------

# Digest of the lines linecache holds for a file, computed once for that list of lines.
_EMPREINTES_DES_LIGNES = {}


def _empreinte_des_lignes(lignes):
    connue = _EMPREINTES_DES_LIGNES.get(id(lignes))
    if connue is not None and connue[0] is lignes:
        return connue[1]
    valeur = empreinte("".join(lignes))
    _EMPREINTES_DES_LIGNES[id(lignes)] = (lignes, valeur)
    return valeur


def lignes_source(objet):
    """``inspect.getsourcelines(objet)``, with the length of a function's block taken from the cache."""
    objet = inspect.unwrap(objet)
    if not inspect.isfunction(objet):
        return inspect.getsourcelines(objet)
    lignes, debut = inspect.findsource(objet)
    blocs = memoire().fichier(_empreinte_des_lignes(lignes))["blocs"]
    cle = str(debut)  # JSON keys are strings
    longueur = blocs.get(cle)
    if longueur is None:
        longueur = blocs[cle] = len(inspect.getblock(lignes[debut:]))
        memoire().modifiee = True
    return lignes[debut:debut + longueur], debut + 1


class InspectDuChargeur:
    """Stands for the ``inspect`` module in the web API's variable loader, which calls ``getsourcelines`` on each
    formula; any other use goes to the real module."""

    def getsourcelines(self, objet):
        return lignes_source(objet)

    def __getattr__(self, nom):
        return getattr(inspect, nom)


def installer():
    """Puts the cached functions in core's loader, and in the web API's if it is imported; idempotent."""
    from openfisca_core.taxbenefitsystems import tax_benefit_system

    if not isinstance(tax_benefit_system.ast, AstDuChargeur):
        tax_benefit_system.ast = AstDuChargeur()
    variables_api = sys.modules.get("openfisca_web_api.loader.variables")
    if variables_api is not None and not isinstance(variables_api.inspect, InspectDuChargeur):
        variables_api.inspect = InspectDuChargeur()


def completer(systeme):
    """After a build: the formulas of the files parsed anew get their block too (the web API will ask), then the
    cache is written. Nothing to do when every file was in the cache."""
    fichiers = memoire()
    if fichiers.modifiee and fichiers.chemin is not None:
        for variable in systeme.variables.values():
            for formule in variable.formulas.values():
                try:
                    lignes_source(formule)
                except (OSError, TypeError):
                    continue  # no source (a formula built at run time): the web API gets core's own error
    fichiers.ecrire()
