"""Every page type of the demo content, at a desktop and a phone width: axe-core finds no
serious or critical accessibility problems, images load, and nothing is fetched from
another site. Each page is also saved as a screenshot artifact."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    PAGE_TYPES,
    assert_images_load,
    assert_no_serious_axe_violations,
    save_screenshot,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("page_type", "path", "status"), PAGE_TYPES, ids=[name for name, _, _ in PAGE_TYPES]
)
def test_page_type_is_accessible(page, viewport, outside_requests, page_type, path, status):
    response = page.goto(path)

    assert response.status == status
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    assert_images_load(page)
    save_screenshot(page, f"{page_type}-{viewport}")
    assert_no_serious_axe_violations(page, f"{path} at the {viewport} width")
    assert outside_requests == [], f"{path} requested other sites: {outside_requests}"
