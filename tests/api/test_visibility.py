"""What the public may not see stays out of the API, even as a card in another page."""

import pytest
from wagtail.models import PageViewRestriction

from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db

VERSIONS = ["v2", "v3"]


@pytest.fixture
def site():
    return a_site()


@pytest.fixture
def seed(site):
    return ProcedurePageFactory(parent=site.procedures, title="Lumbar Foraminotomy")


@pytest.fixture
def stenosis(site):
    return ConditionPageFactory(parent=site.conditions, title="Spinal Stenosis")


def card_titles(data):
    """Titles of every page card in the page's fields and blocks."""
    titles = {card["title"] for card in data["conditions"] + data["locations"]}
    for block in data["body"]:
        for key in ("conditions", "procedures", "locations"):
            if isinstance(block["value"], dict):
                titles |= {card["title"] for card in block["value"].get(key) or []}
    return titles


def detail(client, version, page):
    response = client.get(
        f"/api/{version}/pages/{page.pk}/", headers={"host": page.get_site().hostname}
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "only-staff"},
        {"restriction_type": PageViewRestriction.LOGIN},
    ],
)
def test_a_restricted_page_never_appears_as_a_card(
    client, site, seed, stenosis, version, restriction
):
    seed.body = list(seed.body.raw_data) + [
        {
            "type": "conditions_treated",
            "value": {"heading": "Treats", "intro": "", "conditions": [stenosis.pk]},
        }
    ]
    seed.save_revision().publish()
    assert "Spinal Stenosis" in card_titles(detail(client, version, seed))

    PageViewRestriction.objects.create(page=stenosis, **restriction)

    assert "Spinal Stenosis" not in card_titles(detail(client, version, seed))
    other_page = client.get(f"/api/{version}/pages/{stenosis.pk}/", headers=site.headers)
    assert other_page.status_code == 404


@pytest.mark.parametrize("version", VERSIONS)
def test_hand_written_chooser_values_that_are_not_ids_are_left_out(client, seed, stenosis, version):
    extra = {
        "type": "conditions_treated",
        "value": {"heading": "Treats", "intro": "", "conditions": ["abc", "", -3, stenosis.pk]},
    }
    # Written straight to the database, as a migration or a script might.
    ProcedurePage.objects.filter(pk=seed.pk).update(body=list(seed.body.raw_data) + [extra])

    data = detail(client, version, seed)

    block = [b["value"] for b in data["body"] if b["value"].get("heading") == "Treats"][-1]
    assert [card["title"] for card in block["conditions"]] == ["Spinal Stenosis"]
