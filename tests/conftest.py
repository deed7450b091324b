"""Shared fixtures: the tax-benefit systems are built once per test session."""
import pytest
from openfisca_france import FranceTaxBenefitSystem

from openfisca_ass import CountryTaxBenefitSystem


@pytest.fixture(scope="session")
def systeme():
    return CountryTaxBenefitSystem()


@pytest.fixture(scope="session")
def systeme_france():
    return FranceTaxBenefitSystem()
