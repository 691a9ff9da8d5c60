import pytest
from django.core.cache import caches

from leads.models import LeadFormPage
from tests.helpers import default_site


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The default (local memory) cache holds the rate-limit counters: each test starts at zero."""
    caches["default"].clear()
    yield
    caches["default"].clear()


def form_page(slug):
    """The network's English form: the affiliate site has forms of the same slugs."""
    network = LeadFormPage.objects.descendant_of(default_site().root_page)
    return network.get(slug=slug, locale__language_code="en")


@pytest.fixture
def mri_form(db):
    return form_page("free-mri-ct-review")


@pytest.fixture
def info_kit_form(db):
    return form_page("free-info-kit")


@pytest.fixture
def connect_form(db):
    return form_page("connect-with-a-patient")


@pytest.fixture
def call_back_form(db):
    return form_page("call-me-back")
