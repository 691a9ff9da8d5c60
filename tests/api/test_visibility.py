"""What the public may not see stays out of the API, even as a card in another page."""

import pytest
from wagtail.models import PageViewRestriction

from procedures.models import ConditionPage, ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

VERSIONS = ["v2", "v3"]


@pytest.fixture
def seed():
    return ProcedurePage.objects.get(
        locale__language_code="en", alias_of=None, slug="lumbar-foraminotomy"
    )


@pytest.fixture
def stenosis():
    return ConditionPage.objects.get(
        locale__language_code="en", alias_of=None, slug="spinal-stenosis"
    )


def card_titles(data):
    """Titles of every page card in the page's fields and blocks."""
    titles = {card["title"] for card in data["conditions"] + data["locations"]}
    for block in data["body"]:
        for key in ("conditions", "procedures", "locations"):
            if isinstance(block["value"], dict):
                titles |= {card["title"] for card in block["value"].get(key) or []}
    return titles


def detail(client, version, page):
    response = client.get(f"/api/{version}/pages/{page.pk}/")
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
def test_a_restricted_page_never_appears_as_a_card(client, seed, stenosis, version, restriction):
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
    assert client.get(f"/api/{version}/pages/{stenosis.pk}/").status_code == 404


@pytest.mark.parametrize("version", VERSIONS)
def test_hand_written_chooser_values_that_are_not_ids_are_left_out(client, seed, version):
    stenosis = ConditionPage.objects.get(
        locale__language_code="en", alias_of=None, slug="spinal-stenosis"
    )
    extra = {
        "type": "conditions_treated",
        "value": {"heading": "Treats", "intro": "", "conditions": ["abc", "", -3, stenosis.pk]},
    }
    # Written straight to the database, as a migration or a script might.
    ProcedurePage.objects.filter(pk=seed.pk).update(body=list(seed.body.raw_data) + [extra])

    data = detail(client, version, seed)

    block = [b["value"] for b in data["body"] if b["value"].get("heading") == "Treats"][-1]
    assert [card["title"] for card in block["conditions"]] == ["Spinal Stenosis"]
