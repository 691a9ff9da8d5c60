"""The JSON partners get: complete, plain, absolute, and the same in v2 and v3."""

import json

import pytest
from django.test import Client

from core.models import CallToAction
from locations.models import LocationPage
from people.models import Testimonial
from tests.api.helpers import a_home_listing, a_lumbar_foraminotomy, a_testimonial
from tests.builders import a_site, a_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return a_lumbar_foraminotomy(a_site())


@pytest.fixture
def built(scene):
    return scene.site


@pytest.fixture
def seed(scene):
    return scene.procedure


@pytest.fixture
def client(built):
    """A test client whose requests go to the built site."""
    return Client(headers=built.headers)


def detail(client, version, page):
    response = client.get(f"/api/{version}/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def blocks_of(data, block_type):
    return [block["value"] for block in data["body"] if block["type"] == block_type]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_procedure_json_has_every_structured_field(client, built, seed, version):
    data = detail(client, version, seed)
    assert data["title"] == "Lumbar Foraminotomy"
    assert data["procedure_type"] == "minimally_invasive"
    assert data["body_region"] == "lumbar"
    assert data["outpatient"] is True
    assert data["typical_recovery_time"]
    assert data["page_url"] == f"http://{built.host}/procedures/lumbar-foraminotomy/"
    assert data["seo"]["title"] == "Lumbar Foraminotomy"
    assert data["seo"]["description"]
    assert [crumb["title"] for crumb in data["breadcrumbs"]] == [built.home.title, "Procedures"]
    assert data["breadcrumbs"][1]["url"] == f"http://{built.host}/procedures/"
    assert data["last_published_at"]
    assert data["reviewer"]["name"] and data["last_reviewed"]
    assert {card["title"] for card in data["conditions"]} >= {"Spinal Stenosis", "Bulging Disc"}
    assert all(
        card["url"].startswith(f"http://{built.host}/conditions/") for card in data["conditions"]
    )
    assert data["locations"] and all(card["phone"]["e164"] for card in data["locations"])


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_rich_text_is_html_with_absolute_links_and_no_internal_markup(
    client, scene, built, seed, version
):
    target = scene.conditions["spinal-stenosis"]
    seed.introduction = f'<p>See <a linktype="page" id="{target.pk}">stenosis</a>.</p>'
    seed.save_revision().publish()
    raw = client.get(f"/api/{version}/pages/{seed.pk}/").content.decode()
    assert "linktype" not in raw
    data = json.loads(raw)
    assert f'href="http://{built.host}/conditions/spinal-stenosis/"' in data["introduction"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_blocks_serialize_to_plain_data(client, built, seed, version):
    data = detail(client, version, seed)

    benefits = blocks_of(data, "benefits")[0]
    assert [item["title"] for item in benefits["items"]][:2] == ["Relief", "Outpatient"]

    calls = blocks_of(data, "call_to_action")
    assert {"kind", "heading", "text", "label", "url"} <= set(calls[0])
    assert calls[0]["url"].startswith(f"http://{built.host}/")
    phone_call = next(call for call in calls if call["kind"] == "phone")
    assert phone_call["phone"] == {
        "e164": "+18774742225",
        "display": "(877) 474-2225",
        "url": "tel:+18774742225",
    }

    testimonial = blocks_of(data, "testimonials")[0]["testimonials"][0]
    assert testimonial["display_name"] == "Larry L."
    assert "Individual results vary" in testimonial["disclosure"]
    assert len(testimonial["quotes"]) == 2

    recovery = blocks_of(data, "recovery")[0]
    assert recovery["intro"].startswith("<p>") and recovery["timeline"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_images_carry_alt_size_focal_point_and_renditions(client, seed, version):
    hero = detail(client, version, seed)["hero"]
    assert {"alt", "width", "height", "focal_point"} <= set(hero)
    widths_and_formats = {(r["width"], r["format"]) for r in hero["renditions"]}
    assert widths_and_formats == {(w, f) for w in (400, 800, 1600) for f in ("jpeg", "webp")}
    assert all(r["url"].startswith("http://testserver/media/") for r in hero["renditions"])


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_location_json_has_address_geo_hours_services_and_physicians(client, scene, version):
    location = scene.clinics[0]
    data = detail(client, version, location)
    assert data["street_address"] == location.street_address
    assert data["geo"] == {
        "latitude": float(location.latitude),
        "longitude": float(location.longitude),
    }
    assert data["phones"]["main"]["e164"] == location.main_phone
    assert [row["day"] for row in data["opening_hours"]][:1] == ["Monday"]
    assert {card["title"] for card in data["procedures_offered"]} == {
        page.title for page in location.listed_procedures()
    }
    assert {p["name"] for p in data["physicians"]} == {p.name for p in location.listed_physicians()}
    assert data["gallery"] and data["gallery"][0]["image"]["alt"]


def test_translations_list_other_locales(client, built, seed):
    built.in_spanish()
    copy = a_translation(seed)
    data = detail(client, "v2", seed)
    assert data["translations"]["es"]["id"] == copy.pk
    assert "en" not in data["translations"]


def test_chooser_blocks_give_cards_not_bare_ids(client, built, seed):
    home = a_home_listing(built, [seed.pk])
    data = detail(client, "v2", home)
    featured = next(b["value"] for b in data["body"] if b["type"] == "featured_procedures")
    card = featured["procedures"][0]
    assert {"id", "title", "url", "summary", "image"} <= set(card)


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_partner_fetches_a_page_by_its_path_in_one_call(client, built, seed, settings, version):
    # find redirects to the detail under the API's base URL: here, the built site's host.
    settings.WAGTAILAPI_BASE_URL = f"http://{built.host}"
    response = client.get(
        f"/api/{version}/pages/find/",
        {"html_path": "/procedures/lumbar-foraminotomy/"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.json()["id"] == seed.pk


class TestSnippetEndpoints:
    def test_testimonials_are_published_only(self, client, scene):
        hidden = Testimonial.objects.create(display_name="Draft D.", headline_quote="…", live=False)
        response = client.get("/api/v2/testimonials/", {"limit": 50})
        names = {item["display_name"] for item in response.json()["items"]}
        assert "Larry L." in names
        assert hidden.display_name not in names
        assert client.get(f"/api/v2/testimonials/{hidden.pk}/").status_code == 404

    def test_testimonials_never_expose_the_consent_record(self, client, scene):
        data = client.get(f"/api/v2/testimonials/{scene.testimonial.pk}/").json()
        assert not {"authorizations", "signed_on", "expires_on", "revoked_on"} & set(data)
        assert "Individual results vary" in data["disclosure"]

    def test_physicians_and_calls_to_action_are_listed(self, client, scene):
        physicians = client.get("/api/v2/physicians/", {"fields": "*"}).json()["items"]
        assert physicians and all(p["npi"] for p in physicians)
        calls = client.get("/api/v2/calls-to-action/", {"limit": 50}).json()["items"]
        assert {call["heading"] for call in calls} >= {"Free MRI/CT Review"}
        assert all(call["action"]["label"] for call in calls)

    def test_snippets_are_read_only_in_v2(self, client):
        assert client.post("/api/v2/physicians/", {}).status_code == 405


def test_testimonials_can_be_searched(client):
    # A name of its own: the demo content, when present, has a Larry L. too.
    a_testimonial(display_name="Quentin Q.")
    response = client.get("/api/v2/testimonials/", {"search": "Quentin", "locale": "en"})
    assert response.status_code == 200
    assert [item["display_name"] for item in response.json()["items"]] == ["Quentin Q."]


def test_a_call_to_action_to_an_unpublished_page_has_no_url(client, scene):
    call = scene.page_call_to_action
    assert call.kind == CallToAction.Kind.PAGE
    call.link_page.unpublish()
    data = client.get(f"/api/v2/calls-to-action/{call.pk}/").json()
    assert data["action"]["url"] is None


def test_choice_fields_carry_their_labels(client, seed):
    data = detail(client, "v2", seed)
    assert data["procedure_type_label"] == "Minimally invasive"
    assert data["body_region_label"] == "Lumbar (lower back)"


def test_rich_text_in_blocks_follows_the_requested_format(client, seed):
    response = client.get(f"/api/v2/pages/{seed.pk}/", {"rich_text_format": "markdown"})
    details = blocks_of(response.json(), "procedure_details")[0]
    assert not details["text"].startswith("<p>")
    assert "Lumbar foraminotomy aims" in details["text"]


def test_original_image_links_are_absolute(client, seed):
    query = {"fields": "*", "title": seed.hero_image.title}
    item = client.get("/api/v2/images/", query).json()["items"][0]
    assert item["meta"]["download_url"].startswith("http://testserver/media/")


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_condition_json_lists_the_procedures_that_treat_it(client, scene, version):
    condition = scene.conditions["spinal-stenosis"]
    data = detail(client, version, condition)
    assert [card["title"] for card in data["procedures"]] == sorted(
        page.title for page in condition.listed_procedures()
    )
    assert data["procedures"] and data["symptoms"].startswith("<")


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_home_empty_location_list_gives_every_live_location_of_the_site(
    client, built, seed, version
):
    home = a_home_listing(built, [seed.pk])
    data = detail(client, version, home)
    [block] = blocks_of(data, "locations")
    site_locations = LocationPage.objects.live().in_site(built.site).filter(locale=home.locale)
    expected = sorted(site_locations.values_list("title", flat=True))
    assert expected and [card["title"] for card in block["locations"]] == expected
    assert block["from_page"] is False
    assert all(card["phone"]["e164"] and card["url"] for card in block["locations"])
