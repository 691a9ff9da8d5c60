import pytest
from django.core.cache import caches
from django.test import Client

from locations.factories import LocationPageFactory
from tests.builders import a_site
from tests.leads.helpers import (
    a_call_back_form,
    a_connect_form,
    a_mri_review_form,
    an_info_kit_form,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The default (local memory) cache holds the rate-limit counters: each test starts at zero."""
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def lead_site(db):
    """A site of its own for the lead forms, so that tests see only the forms they built."""
    return a_site("Lead forms")


@pytest.fixture
def site_client(lead_site):
    """A test client whose requests go to lead_site (by its host)."""
    return Client(headers=lead_site.headers)


@pytest.fixture
def dallas(lead_site):
    """A clinic of lead_site: forms under it belong to it."""
    return LocationPageFactory(parent=lead_site.locations, title="Dallas, Texas", slug="dallas-tx")


@pytest.fixture
def mri_form(lead_site):
    return a_mri_review_form(lead_site)


@pytest.fixture
def info_kit_form(lead_site):
    return an_info_kit_form(lead_site)


@pytest.fixture
def connect_form(lead_site):
    return a_connect_form(lead_site)


@pytest.fixture
def call_back_form(dallas):
    return a_call_back_form(dallas)
