"""openfisca-ass: l'allocation de solidarité spécifique (ASS) complète, sur OpenFisca-France.

``CountryTaxBenefitSystem`` is openfisca-france's system in which the simplified ASS model is
replaced, variable by variable and parameter node by parameter node, by the one of this package.
"""
import os

_RACINE_DEPOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# In a checkout or a "compat" editable install, `reforms/` and `variables/` sit beside this package
# rather than inside it: let `openfisca_ass.reforms` resolve there too.
if os.path.isdir(os.path.join(_RACINE_DEPOT, "reforms")) and _RACINE_DEPOT not in __path__:
    __path__.append(_RACINE_DEPOT)

from openfisca_ass.taxbenefitsystem import CountryTaxBenefitSystem  # noqa: E402

__all__ = ["CountryTaxBenefitSystem"]
