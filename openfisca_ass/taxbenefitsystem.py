"""The tax-benefit system: openfisca-france with its ASS replaced by this package's."""
import copy
import json
import os

from openfisca_core import commons
from openfisca_core.parameters import ParameterNode
from openfisca_france import FranceTaxBenefitSystem

from openfisca_ass import controles, parametres_en_cache, periodes_memorisees, sources_en_cache
from openfisca_ass.parametres_memorises import memoriser

ICI = os.path.dirname(os.path.abspath(__file__))

# openfisca-france's ASS variables: the only ones this package may replace. Any other name clash is
# an error, so that a new variable can never shadow a French one by accident.
VARIABLES_FRANCE_REMPLACEES = frozenset({
    "ass",
    "ass_base_ressources",
    "ass_base_ressources_individu",
    "ass_base_ressources_conjoint",
    "ass_eligibilite_cumul_individu",
    "ass_eligibilite_individu",
    "ass_precondition_remplie",
    # Prime de Noël: France gives 152.45 to ASS recipients in Mayotte too; the decrees give them 76.22.
    "aefa",
    # R262-13 CASF: the ASS (and the ARE it followed) interrupted for good no longer counts in the RSA.
    "rsa_base_ressources_minima_sociaux",
    "rsa_base_ressources_individu",
    # CGI art. 79 and 158, 5, b: ASS is taxed as wages, with the other France Travail allowances.
    "revenu_assimile_salaire",
})


def dossier(nom):
    """Folder ``nom`` of the package: inside the installed package first, else beside it (checkout)."""
    for candidat in (os.path.join(ICI, nom), os.path.join(os.path.dirname(ICI), nom)):
        if os.path.isdir(candidat):
            return candidat
    raise FileNotFoundError(f"openfisca-ass: dossier « {nom} » introuvable près de {ICI}")


def greffer(noeud_france, noeud_ass):
    """Graft this package's parameter tree onto France's.

    A folder without ``index.yaml`` only spells a path and is walked through; a node with its own
    ``index.yaml`` (hence a description) is a complete node and replaces France's node at that path,
    so that no stale French leaf stays visible beside ours.
    """
    for nom, enfant in noeud_ass.children.items():
        existant = noeud_france.children.get(nom)
        simple_chemin = isinstance(enfant, ParameterNode) and enfant.description is None
        if existant is not None and simple_chemin and isinstance(existant, ParameterNode):
            greffer(existant, enfant)
            continue
        noeud_france.children[nom] = enfant
        setattr(noeud_france, nom, enfant)


class CountryTaxBenefitSystem(FranceTaxBenefitSystem):
    """openfisca-france, with the allocation de solidarité spécifique of openfisca-ass."""

    def __init__(self):
        # Core's period arithmetic, pure, computed once per value (process-wide: periodes_memorisees).
        periodes_memorisees.installer()
        # Where each class and formula lies in its file, found once per text (process-wide: sources_en_cache).
        sources_en_cache.installer()
        super().__init__()
        greffer(self.parameters, ParameterNode("", directory_path=dossier("parameters")))
        # One tree at each instant for this system and its reforms (core's shared 128-entry memo evicts).
        memoriser(self.parameters)
        self._remplacer_variables(dossier("variables"))
        # Inputs that cannot be true are refused in every route (YAML, Python, web API): docs/controles.md.
        controles.installer(self)
        with open(os.path.join(ICI, "situation_examples", "personne_seule_sans_ressources.json")) as f:
            exemple = json.load(f)
        self.open_api_config = {
            "variable_example": "ass",
            "parameter_example": "chomage.allocations_assurance_chomage.ass.montant_plein",
            "simulation_example": exemple,
        }
        sources_en_cache.completer(self)

    def load_parameters(self, path_to_yaml_dir):
        # openfisca-france's tree, read from its YAML files once per installation (parametres_en_cache).
        self.parameters = parametres_en_cache.charger(path_to_yaml_dir, self.preprocess_parameters)

    def get_package_metadata(self):
        # Core reads the package's metadata again for each of the 170 variable files it loads (0.3 s). Reforms
        # are core's Reform, which asks its baseline: this system is always the root.
        if getattr(self, "_metadonnees", None) is None:
            self._metadonnees = super().get_package_metadata()
        return dict(self._metadonnees)

    def _remplacer_variables(self, racine):
        self._remplacement_en_cours = True
        try:
            self.add_variables_from_directory(racine)
        finally:
            self._remplacement_en_cours = False

    def add_variable(self, variable):
        # While this package loads its own folder, France's ASS variables are replaced in place;
        # everything else keeps openfisca-core's no-clash rule.
        if getattr(self, "_remplacement_en_cours", False) and variable.__name__ in VARIABLES_FRANCE_REMPLACEES:
            self.variables.pop(variable.__name__, None)
        ajoutee = super().add_variable(variable)
        if getattr(self, "_controles_installes", False):
            controles.installer_sur(ajoutee)
        return ajoutee

    def clone(self):
        """A system independent of this one, as core's ``clone``, with the parameters deep-copied in one pass.

        openfisca-core's YAML runner clones the baseline before applying a case's reforms, once per list of
        reforms and process, and core's ``ParameterNode.clone`` copies leaf by leaf (1.8 s for this tree,
        against 0.6 s for ``copy.deepcopy``, which gives the same independent tree). This system is only
        read: a thread computing with it meanwhile sees nothing change.
        """
        nouveau = commons.empty_clone(self)
        propres = ("parameters", "_parameters_at_instant_cache", "variables", "open_api_config")
        nouveau.__dict__.update({cle: valeur for cle, valeur in self.__dict__.items() if cle not in propres})
        for entite in nouveau.entities:
            entite.set_tax_benefit_system(nouveau)
        nouveau.parameters = copy.deepcopy(self.parameters)
        nouveau._parameters_at_instant_cache = {}
        nouveau.variables = copy.deepcopy(self.variables)
        nouveau.open_api_config = dict(self.open_api_config)
        return nouveau
