"""What every page shows (site settings, the menu, view restrictions) is read once per
content generation; a change to any of it shows on the very next request."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from core.models import SiteSettings
from frontcache.content_changes import note_content_changed
from procedures.factories import ProcedurePageFactory
from serialization import prefetch
from tests.builders import a_site, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return a_site()


@pytest.fixture
def visitor(built, settings):
    # Past the render cache: each request renders, as after a change anyway.
    settings.RENDER_CACHE_BYPASS_TOKEN = "kept-per-generation"
    return Client(headers={**built.headers, "X-Render-Cache": "kept-per-generation"})


def test_a_new_organization_name_shows_on_the_next_page(built, visitor):
    settings = SiteSettings.for_site(built.site)
    settings.organization_name = "Old Spine Name"
    settings.save()
    assert "Old Spine Name" in visitor.get("/").text

    settings.organization_name = "New Spine Name"
    settings.save()

    page = visitor.get("/").text
    assert "New Spine Name" in page
    assert "Old Spine Name" not in page


def test_a_page_put_in_the_menu_shows_in_the_next_menu(built, visitor):
    assert "Laser Menu Entry" not in visitor.get("/").text

    ProcedurePageFactory(parent=built.home, title="Laser Menu Entry", show_in_menus=True)

    assert "Laser Menu Entry" in visitor.get("/").text


def test_a_page_restricted_after_a_read_is_no_longer_served_by_the_api(built, visitor):
    page = published(ProcedurePageFactory(parent=built.procedures))
    url = f"/api/v2/pages/{page.pk}/"
    assert visitor.get(url).status_code == 200

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    assert visitor.get(url).status_code == 404


def test_read_only_scopes_share_a_value_until_content_changes():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    for _ in range(2):
        with prefetch.object_scope(shared=True):
            assert prefetch.remember_per_generation("test-value", read) == 1
    note_content_changed()
    with prefetch.object_scope(shared=True):
        assert prefetch.remember_per_generation("test-value", read) == 2


def test_a_scope_that_writes_keeps_nothing_for_others():
    # Its reads may hold rows that are not committed yet, or will be rolled back.
    with prefetch.object_scope(shared=False):
        assert prefetch.remember_per_generation("written-value", lambda: "uncommitted") == (
            "uncommitted"
        )
    with prefetch.object_scope(shared=True):
        assert prefetch.remember_per_generation("written-value", lambda: "committed") == (
            "committed"
        )
