import pytest
from django.core.cache import caches

from tests.leads.helpers import form_page


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The default (local memory) cache holds the rate-limit counters: each test starts at zero."""
    caches["default"].clear()
    yield
    caches["default"].clear()


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
