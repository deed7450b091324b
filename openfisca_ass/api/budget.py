"""Cost budget of a request, decided from the request alone, before anything is computed.

Three figures bound what one request may cost (measured in the README, "Cost budget"):

- ``personnes × points``: persons of the situation × points of the axes grid (core repeats the whole
  situation at every point), which sets the size of every array, hence memory and time per formula;
- ``variables × périodes``: distinct (variable, period) pairs asked for (``null``), each a separate
  walk through the dependency graph (an RSA month reads three months of resources, and so on);
- their product, ``calculs``: the two caps alone would allow the largest grid *and* the longest list.

Over a cap, the request is refused with a 422 whose body names the limit, its setting and the request's
value. What the caps cannot foresee (a variable far costlier than the measured ones) is stopped by the
deadline (``delai``): a 503 with ``Retry-After``.
"""
import dataclasses
import os

from openfisca_ass.api.erreurs import ErreurRequete


@dataclasses.dataclass(frozen=True)
class Budget:
    """The caps of one request; ``depuis_environnement`` reads them from ``OPENFISCA_ASS_MAX_*``."""

    personnes_points: int = 2000
    variables_periodes: int = 12
    calculs: int = 6000
    # /compare: each reform computes the situation once more.
    reformes: int = 5
    # Seconds of computation before a 503 (see ``delai``). Within budget, a request computes in under
    # a few seconds once a worker has met its periods; the first request for a new period on a fresh
    # worker (cold parameter caches), or a /compare of five reforms, takes several times longer.
    delai_s: float = 30.0

    VARIABLES = {
        "personnes_points": "OPENFISCA_ASS_MAX_PERSONNES_POINTS",
        "variables_periodes": "OPENFISCA_ASS_MAX_VARIABLES_PERIODES",
        "calculs": "OPENFISCA_ASS_MAX_CALCULS",
        "reformes": "OPENFISCA_ASS_MAX_REFORMES",
        "delai_s": "OPENFISCA_ASS_DELAI",
    }

    @classmethod
    def depuis_environnement(cls, environ=None):
        environ = os.environ if environ is None else environ
        valeurs = {}
        for champ in dataclasses.fields(cls):
            texte = environ.get(cls.VARIABLES[champ.name], "").strip()
            if not texte:
                continue
            try:
                valeur = type(champ.default)(texte)
            except ValueError:
                raise ValueError(f"{cls.VARIABLES[champ.name]}={texte!r} : un nombre est attendu") from None
            if valeur <= 0:
                raise ValueError(f"{cls.VARIABLES[champ.name]}={texte!r} : un nombre positif est attendu")
            valeurs[champ.name] = valeur
        return cls(**valeurs)

    def verifier(self, systeme, situation):
        """Refuse (422) a situation over budget; return its (cells, pairs) otherwise."""
        cellules = compter_personnes(systeme, situation) * compter_points(situation)
        paires = len(paires_demandees(situation))
        self._plafond("personnes_points", cellules, "personnes × points des axes",
                      "individus × produit des « count » des axes")
        self._plafond("variables_periodes", paires, "variables × périodes",
                      "couples (variable, période) distincts demandés (valeurs null)")
        self._plafond("calculs", cellules * paires, "(personnes × points) × (variables × périodes)",
                      "individus × points des axes × couples (variable, période) demandés")
        return cellules, paires

    def verifier_reformes(self, nombre):
        self._plafond("reformes", nombre, "reformes", "réformes comparées en un appel")

    def _plafond(self, nom, valeur, champ, unite):
        limite = getattr(self, nom)
        if valeur <= limite:
            return
        raise ErreurRequete(
            f"Requête trop coûteuse : {champ} = {valeur}, au-delà de la limite de {limite} "
            f"(réglage {self.VARIABLES[nom]}). Découpez la requête.",
            champ=champ, attendu=f"au plus {limite} ({unite})", recu=valeur, statut=422,
            limite={"nom": nom, "reglage": self.VARIABLES[nom], "valeur": limite})


def compter_personnes(systeme, situation):
    individus = situation.get(systeme.person_entity.plural)
    return max(len(individus), 1) if isinstance(individus, dict) else 1


def compter_points(situation):
    """Points of the axes grid: the product of each dimension's first ``count`` (core's reading).

    Malformed axes count for one point here: ``calcul.verifier_axes`` refuses them with a 400 naming
    the field.
    """
    points = 1
    axes = situation.get("axes")
    for dimension in axes if isinstance(axes, list) else ():
        if isinstance(dimension, list) and dimension and isinstance(dimension[0], dict):
            count = dimension[0].get("count")
            if isinstance(count, int) and not isinstance(count, bool) and count > 0:
                points *= count
    return points


def paires_demandees(situation):
    """Distinct (variable, period) pairs with a ``null`` value, over every entity of the situation."""
    paires = set()
    for pluriel, instances in situation.items():
        if pluriel == "axes" or not isinstance(instances, dict):
            continue
        for instance in instances.values():
            for nom, valeurs in (instance.items() if isinstance(instance, dict) else ()):
                if isinstance(valeurs, dict):
                    paires.update((nom, periode) for periode, valeur in valeurs.items() if valeur is None)
    return paires
