"""openfisca-france's parameter tree, read from its YAML files once per installation, then from a cache.

Building the system reads openfisca-france's 4,100 parameter files with PyYAML: 1.8 s of the 3 s a
process spends before its first calculation (every web-API server, every ``openfisca test`` and
``openfisca-ass`` command, every worker of a dask cluster). The tree those files give is the same as long
as the files are: it is kept here as a pickle after its first reading, and read back in about 0.3 s.

The cache is keyed by everything the tree depends on: the versions of Python, openfisca-core,
openfisca-france and this package, and the path, size and modification time of every file of France's
parameter folder. A change to any of them is a new key, hence a fresh reading from the YAML files. A
cache that cannot be read (truncated, another format) is read from the YAML files too and rewritten;
one that cannot be written (read-only home) is simply not kept. Writes go through a temporary file and
an atomic rename, so that processes starting together never read a half-written cache.

Where: ``$OPENFISCA_ASS_CACHE`` if set, else ``$XDG_CACHE_HOME/openfisca-ass``, else
``~/.cache/openfisca-ass``. ``OPENFISCA_ASS_CACHE=0`` reads the YAML files every time. The cache is a
pickle, which runs code when read: it is only ever read from a folder of the user running the model,
as the installed packages are.

Only openfisca-france's tree is cached: this package's own parameters (a few dozen files) are read from
their YAML files every time, so that an edited parameter of a checkout is seen at once.
"""
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata

from openfisca_core.parameters import ParameterNode

log = logging.getLogger(__name__)

VARIABLE = "OPENFISCA_ASS_CACHE"
# Trees kept, most recent first: one per installation (virtual environment, version) that shares the folder.
GARDES = 8
PAQUETS = ("openfisca-core", "openfisca-france", "openfisca-ass")


def dossier_du_cache():
    """The cache folder, or None when the cache is switched off (``OPENFISCA_ASS_CACHE=0``)."""
    choisi = os.environ.get(VARIABLE)
    if choisi == "0":
        return None
    if choisi:
        return choisi
    racine = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(racine, "openfisca-ass")


def _version(paquet):
    try:
        return metadata.version(paquet)
    except metadata.PackageNotFoundError:
        return "absent"


def empreinte(dossier_yaml):
    """Digest of what the tree read from ``dossier_yaml`` depends on (versions, every file's stat)."""
    dossier_yaml = os.path.abspath(dossier_yaml)
    somme = hashlib.sha256()
    somme.update(repr((sys.version, [_version(p) for p in PAQUETS], dossier_yaml)).encode())
    debut = len(dossier_yaml) + 1  # os.walk yields paths under the folder as given: what follows is relative
    for racine, dossiers, fichiers in os.walk(dossier_yaml):
        dossiers.sort()
        for nom in sorted(fichiers):
            chemin = os.path.join(racine, nom)
            etat = os.stat(chemin)
            somme.update(f"{chemin[debut:]}\0{etat.st_size}\0{etat.st_mtime_ns}\n".encode())
    return somme.hexdigest()[:32]


def lire_yaml(dossier_yaml, pretraitement=None):
    """The tree as openfisca-core's ``load_parameters`` builds it: the YAML files, then the preprocessing."""
    arbre = ParameterNode("", directory_path=dossier_yaml)
    return pretraitement(arbre) if pretraitement is not None else arbre


def charger(dossier_yaml, pretraitement=None):
    """The preprocessed tree of ``dossier_yaml``: from the cache when it holds this exact tree, else from
    the YAML files (then kept in the cache)."""
    cache = dossier_du_cache()
    if cache is None:
        return lire_yaml(dossier_yaml, pretraitement)
    chemin = os.path.join(cache, f"parametres-{empreinte(dossier_yaml)}.pickle")
    try:
        with open(chemin, "rb") as fichier:
            arbre = pickle.load(fichier)
        if isinstance(arbre, ParameterNode):
            return arbre
    except FileNotFoundError:
        pass
    except Exception as erreur:  # noqa: BLE001 (any unreadable cache is read again from the YAML files)
        log.warning("openfisca-ass: unreadable parameter cache %s (%s), reading the YAML files", chemin, erreur)
    arbre = lire_yaml(dossier_yaml, pretraitement)
    _ecrire(cache, chemin, arbre)
    return arbre


def ecrire_atomiquement(chemin, contenu):
    """Writes ``contenu`` (bytes) to ``chemin`` through a temporary file and a rename, creating the folder:
    a process starting meanwhile reads the old file or the new one, never half of one. Raises ``OSError``."""
    dossier = os.path.dirname(chemin)
    os.makedirs(dossier, exist_ok=True)
    descripteur, provisoire = tempfile.mkstemp(dir=dossier, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            fichier.write(contenu)
        os.replace(provisoire, chemin)
    except BaseException:
        os.unlink(provisoire)
        raise


def _ecrire(cache, chemin, arbre):
    try:
        ecrire_atomiquement(chemin, pickle.dumps(arbre, protocol=pickle.HIGHEST_PROTOCOL))
        anciens = sorted((os.path.join(cache, n) for n in os.listdir(cache)
                          if n.startswith("parametres-") and n.endswith(".pickle")),
                         key=os.path.getmtime, reverse=True)[GARDES:]
        for ancien in anciens:
            os.unlink(ancien)
    except OSError as erreur:
        log.info("openfisca-ass: parameter cache not written in %s (%s)", cache, erreur)
