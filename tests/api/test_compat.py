"""The workarounds for Wagtail 8.0 (api/compat.py) fail loudly when Wagtail changes under them."""

import re
from pathlib import Path

import pytest
import wagtail
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.api.v3 import querysets
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.registry import ContentTypeRegistration
from wagtail.api.v3.routers import pages

from api.compat import SUPPORTED_WAGTAIL, apply_patches

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


def api_errors():
    """What the project's system checks report about the API, as (id, message) pairs."""
    return [
        (message.id, message.msg)
        for message in checks.run_checks(tags=[checks.Tags.compatibility])
        if message.id.startswith("api.") and message.level >= checks.ERROR
    ]


def test_the_installed_wagtail_passes():
    assert api_errors() == []


def test_supported_wagtail_is_the_one_requirements_pin():
    pin = re.search(r"^wagtail==(\d+)\.(\d+)\.", REQUIREMENTS.read_text(), re.MULTILINE)
    assert pin, "requirements.txt pins no wagtail==X.Y.Z"
    assert (int(pin[1]), int(pin[2])) == SUPPORTED_WAGTAIL


def test_another_wagtail_release_is_an_error(monkeypatch):
    monkeypatch.setattr(wagtail, "VERSION", (8, 1, 0, "final", 0))
    [(code, message)] = api_errors()
    assert code == "api.E001"
    assert "8.1" in message and "8.0" in message


def test_a_patch_release_of_the_same_wagtail_passes(monkeypatch):
    monkeypatch.setattr(wagtail, "VERSION", (*SUPPORTED_WAGTAIL, 99, "final", 0))
    assert api_errors() == []


@pytest.mark.parametrize(
    ("owner", "name", "target"),
    [
        (pages, "get_pages_queryset", "wagtail.api.v3.routers.pages.get_pages_queryset"),
        (
            WagtailLimitOffsetPagination,
            "paginate_queryset",
            "wagtail.api.v3.pagination.WagtailLimitOffsetPagination.paginate_queryset",
        ),
    ],
)
def test_a_missing_patch_target_is_an_error(monkeypatch, owner, name, target):
    monkeypatch.delattr(owner, name)
    [(code, message)] = api_errors()
    assert code == "api.E002"
    assert f"{target} no longer exists" in message


def test_a_patch_target_taking_other_parameters_is_an_error(monkeypatch):
    def paginate_queryset(self, items, pagination, request, **params):
        return items

    monkeypatch.setattr(WagtailLimitOffsetPagination, "paginate_queryset", paginate_queryset)
    [(code, message)] = api_errors()
    assert code == "api.E002"
    assert "paginate_queryset takes (self, items, pagination, request, params)" in message


def test_a_patch_replaced_after_start_up_is_an_error(monkeypatch):
    monkeypatch.setattr(pages, "get_pages_queryset", querysets.get_pages_queryset)
    [(code, message)] = api_errors()
    assert code == "api.E003"
    assert "get_pages_queryset" in message


def test_a_missing_name_the_guards_read_is_an_error(monkeypatch):
    monkeypatch.delattr(ContentTypeRegistration, "create_schema")
    [(code, message)] = api_errors()
    assert code == "api.E004"
    assert "ContentTypeRegistration.create_schema" in message


def test_patches_refuse_to_apply_when_a_target_is_missing(monkeypatch):
    monkeypatch.delattr(pages, "get_pages_queryset")
    with pytest.raises(ImproperlyConfigured, match="get_pages_queryset no longer exists"):
        apply_patches()


def test_applying_the_patches_again_changes_nothing():
    queryset_function = pages.get_pages_queryset
    paginate = WagtailLimitOffsetPagination.paginate_queryset
    apply_patches()
    assert pages.get_pages_queryset is queryset_function
    assert WagtailLimitOffsetPagination.paginate_queryset is paginate
