"""A page of every page type of the demo content, and the finder, search results and a 404,
at a desktop and a phone width: axe-core finds no serious or critical accessibility problems,
images load, and nothing is fetched from another site. Each page is also saved as a
screenshot artifact."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    OTHER_PAGES,
    assert_images_load,
    assert_no_serious_axe_violations,
    save_screenshot,
    site_page_types,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("model", site_page_types(), ids=lambda model: model._meta.label)
def test_page_type_is_accessible(page, viewport, outside_requests, model):
    path = path_of_a_page_of(page, model)
    check_page(page, viewport, outside_requests, model._meta.model_name, path, 200)


@pytest.mark.parametrize(
    ("name", "path", "status"), OTHER_PAGES, ids=[n for n, _, _ in OTHER_PAGES]
)
def test_page_is_accessible(page, viewport, outside_requests, name, path, status):
    check_page(page, viewport, outside_requests, name, path, status)


def path_of_a_page_of(page, model):
    """The path of the demo's first page of ``model``, asked of the site's own API."""
    label = model._meta.label
    answer = page.request.get(f"/api/v2/pages/?type={label}&limit=1").json()
    assert answer["items"], f"the demo content has no page of type {label}"
    return urlsplit(answer["items"][0]["meta"]["html_url"]).path


def check_page(page, viewport, outside_requests, name, path, status):
    response = page.goto(path)

    assert response.status == status
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    assert_images_load(page)
    save_screenshot(page, f"{name}-{viewport}")
    assert_no_serious_axe_violations(page, f"{path} at the {viewport} width")
    assert outside_requests == [], f"{path} requested other sites: {outside_requests}"
