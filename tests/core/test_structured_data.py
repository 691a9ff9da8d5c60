"""Every public page's JSON-LD (#18 "Structured data"): one schema.org graph in the head.

Generated over every page type (get_page_models()) on the demo content, in each of the
demo's languages; a type the demo does not hold is built by its factory.
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone
from wagtail.models import Locale, Page, get_page_models

from core import structured_data
from leads.models import LeadFormPage
from people.models import MedicalReviewMixin, Physician, Testimonial
from procedures.models import ProcedurePage
from tests.helpers import a_page_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
REVIEWED_TYPES = [model for model in PAGE_TYPES if issubclass(model, MedicalReviewMixin)]
LANGUAGES = ["en", "es"]
PROCEDURE_TYPES = {"MedicalProcedure", "SurgicalProcedure"}
#: What each page type is about, by schema.org type; the others are about nothing in particular.
MAIN_ENTITY_TYPES = {
    "procedures.ProcedurePage": PROCEDURE_TYPES,
    "procedures.ConditionPage": {"MedicalCondition"},
    "locations.LocationPage": {"MedicalClinic"},
    "clinics.LocalProcedurePage": PROCEDURE_TYPES,
}
#: Self-serving ratings and reviews are not eligible for rich results.
FORBIDDEN_TYPES = {"Review", "AggregateRating"}
FORBIDDEN_KEYS = {"aggregateRating", "review", "reviews"}


def served_page(page_type, language):
    return a_page_of_type(page_type, Locale.objects.get(language_code=language)).specific


def site_headers(page):
    """Headers that route a request to the page's own site."""
    _site_id, root_url, _path = page.get_url_parts()
    return {"host": root_url.split("://", 1)[1]}


def get_page(client, page):
    response = client.get(page.get_url_parts()[2], headers=site_headers(page))
    assert response.status_code == 200
    return response


def json_ld_of(response):
    scripts = BeautifulSoup(response.content, "html.parser").find_all(
        "script", type="application/ld+json"
    )
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def nodes_by_id(data):
    assert set(data) == {"@context", "@graph"}
    ids = [node["@id"] for node in data["@graph"]]
    assert len(ids) == len(set(ids)), "each @id once"
    return {node["@id"]: node for node in data["@graph"]}


def walk(value):
    """Every dict inside value, value's own included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def references(data):
    return [item["@id"] for item in walk(data["@graph"]) if set(item) == {"@id"}]


def types_of(node):
    kind = node["@type"]
    return set(kind) if isinstance(kind, list) else {kind}


def sensitive_keys():
    """Field names of lead submissions, their files and notes, of testimonials and of their
    consent ledger."""
    lead_models = apps.get_app_config("leads").get_models()
    names = {
        field.name
        for model in lead_models
        if not issubclass(model, Page)
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    }
    ledger = apps.get_model("people", "TestimonialAuthorization")._meta.concrete_fields
    names |= {field.name for field in ledger if not field.primary_key and not field.is_relation}
    return names | {"disclosure", "display_name", "headline_quote", "quotes"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_has_one_sound_graph(client, page_type, language):
    page = served_page(page_type, language)
    response = get_page(client, page)
    data = json_ld_of(response)
    nodes = nodes_by_id(data)
    assert data["@context"] == "https://schema.org"

    canonical = BeautifulSoup(response.content, "html.parser").find("link", rel="canonical")
    webpage = nodes[f"{canonical['href']}#webpage"]
    assert types_of(webpage) == {"MedicalWebPage"}
    assert webpage["inLanguage"] == language
    assert webpage["url"] == canonical["href"]
    assert webpage["name"] == (page.seo_title or page.title)
    assert types_of(nodes[webpage["publisher"]["@id"]]) == {"MedicalOrganization"}
    assert types_of(nodes[webpage["isPartOf"]["@id"]]) == {"WebSite"}

    missing = [target for target in references(data) if target not in nodes]
    assert not missing, f"references without a node: {missing}"

    expected = MAIN_ENTITY_TYPES.get(page_type._meta.label)
    if expected is None:
        assert "mainEntity" not in webpage
    else:
        main_entity = nodes[webpage["mainEntity"]["@id"]]
        assert types_of(main_entity) <= expected
    if isinstance(page, ProcedurePage):
        surgical = page.procedure_type == ProcedurePage.ProcedureType.SURGICAL
        assert types_of(main_entity) == {"SurgicalProcedure" if surgical else "MedicalProcedure"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_no_graph_holds_ratings_reviews_or_patient_data(client, page_type, language):
    page = served_page(page_type, language)
    data = json_ld_of(get_page(client, page))
    items = list(walk(data))
    assert not {kind for item in items if "@type" in item for kind in types_of(item)} & (
        FORBIDDEN_TYPES
    )
    keys = {key for item in items for key in item}
    assert not keys & (FORBIDDEN_KEYS | sensitive_keys())
    text = json.dumps(data, ensure_ascii=False)
    for testimonial in Testimonial.objects.all():
        assert testimonial.headline_quote not in text
        assert testimonial.display_name not in text


def test_a_clinic_gives_its_address_phone_hours_services_and_physicians(client):
    location = served_page(apps.get_model("locations", "LocationPage"), "en")
    data = json_ld_of(get_page(client, location))
    nodes = nodes_by_id(data)
    clinic = nodes[f"{location.get_full_url()}#clinic"]
    assert clinic["address"]["postalCode"] == location.zip_code
    assert clinic["geo"]["latitude"] == float(location.latitude)
    assert clinic["telephone"].startswith("+1") and clinic["telephone"][1:].isdigit()
    open_days = [row for row in location.hours.all() if not row.closed]
    assert len(clinic["openingHoursSpecification"]) == len(open_days)
    assert {nodes[ref["@id"]]["url"] for ref in clinic["availableService"]} == {
        procedure.get_full_url() for procedure in location.listed_procedures()
    }
    physicians = [nodes[ref["@id"]] for ref in clinic["member"]]
    assert [physician["identifier"]["value"] for physician in physicians] == [
        physician.npi for physician in location.listed_physicians()
    ]
    assert {physician["identifier"]["propertyID"] for physician in physicians} == {"NPI"}


def reviewed_page(page_type, language, next_review):
    """A page of page_type reviewed by a physician, due again on next_review."""
    page = served_page(page_type, language)
    today = timezone.localdate()
    page_type.objects.filter(pk=page.pk).update(
        medical_reviewer=Physician.objects.order_by("pk").first(),
        last_reviewed=today - datetime.timedelta(days=200),
        next_review=next_review,
    )
    return page_type.objects.get(pk=page.pk)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", REVIEWED_TYPES, ids=lambda model: model._meta.label)
def test_a_current_review_names_its_reviewer_and_date(client, page_type, language):
    page = reviewed_page(page_type, language, timezone.localdate() + datetime.timedelta(days=1))
    nodes = nodes_by_id(json_ld_of(get_page(client, page)))
    webpage = nodes[f"{page.get_full_url()}#webpage"]
    assert webpage["lastReviewed"] == page.last_reviewed.isoformat()
    reviewer = nodes[webpage["reviewedBy"]["@id"]]
    assert types_of(reviewer) == {"Physician"}
    assert reviewer["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "NPI",
        "value": page.medical_reviewer.npi,
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", REVIEWED_TYPES, ids=lambda model: model._meta.label)
def test_an_overdue_review_is_not_claimed(client, page_type, language):
    page = reviewed_page(page_type, language, timezone.localdate() - datetime.timedelta(days=1))
    data = json_ld_of(get_page(client, page))
    webpage = nodes_by_id(data)[f"{page.get_full_url()}#webpage"]
    assert "lastReviewed" not in webpage and "reviewedBy" not in webpage
    assert not [node for node in data["@graph"] if types_of(node) == {"Physician"}]


def test_text_that_could_end_the_script_is_escaped(client):
    page = served_page(apps.get_model("procedures", "ConditionPage"), "en")
    title = 'Sciatica </script><script>alert("x")</script> & more\u2028\u2029'
    type(page).objects.filter(pk=page.pk).update(seo_title=title)
    response = get_page(client, page)
    raw = BeautifulSoup(response.content, "html.parser").find("script", type="application/ld+json")
    assert raw is not None
    body = response.content.decode()
    start = body.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    text = body[start : body.index("</script>", start)]
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        assert character not in text
    assert nodes_by_id(json.loads(text))[f"{page.get_full_url()}#webpage"]["name"] == title


def test_script_safe_json_escapes_what_ends_a_script_element():
    encoded = structured_data.script_safe_json({"name": "</script>&\u2028\u2029"})
    assert encoded == '{"name": "\\u003C/script\\u003E\\u0026\\u2028\\u2029"}'
    assert json.loads(encoded) == {"name": "</script>&\u2028\u2029"}


def test_the_policy_needs_no_unsafe_inline_for_it(client):
    page = served_page(LeadFormPage, "en")
    response = get_page(client, page)
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    assert "'unsafe-inline'" not in policy["script-src"]
    json_ld_of(response)
