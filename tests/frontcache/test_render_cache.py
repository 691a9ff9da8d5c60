"""Rendered answers kept for anonymous visitors (frontcache/render_cache.py), in a real Redis.

What a visitor must notice: the second visit is answered from the cache, and
after any change (a page published, a snippet or the site settings edited) the
next visit shows the change. What nobody may notice: one visitor's private
answer (an editor's page, a form's CSRF token, a token holder's API answer)
given to someone else.
"""

import datetime
import re
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import PageViewRestriction

from core.factories import CallToActionFactory
from core.models import SiteCallToAction, SiteSettings
from frontcache.content_changes import CONTENT_GENERATION_CACHE_KEY
from leads.factories import LeadFormFieldFactory, LeadFormPageFactory
from locations.factories import LocationPageFactory
from people.factories import PhysicianFactory
from people.review import record_review
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, published
from tests.helpers import running_redis_url

pytestmark = pytest.mark.django_db
STATUS = "X-Render-Cache"
REVIEW_LINE = b"Medically reviewed by"
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def redis_cache(settings):
    url = running_redis_url()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"foramen-test-{uuid.uuid4().hex}",
        }
    }
    return settings.CACHES["default"]


@pytest.fixture
def built():
    """A site with its settings, in English and Spanish; its home page's hero call to action
    is also one of the site's default calls to action, whose headings every page shows."""
    built = a_site()
    call_to_action = CallToActionFactory(heading="Free MRI/CT Review")
    published(built.home, hero_call_to_action=call_to_action)
    SiteCallToAction.objects.create(
        settings=SiteSettings.for_site(built.site), call_to_action=call_to_action
    )
    built.in_spanish()
    return built


@pytest.fixture
def client(built):
    """A test client whose requests go to the built site."""
    return Client(headers=built.headers)


def a_visitor(built):
    return Client(headers=built.headers)


@pytest.fixture
def procedure(built):
    return ProcedurePageFactory(
        parent=built.procedures, title="Lumbar Foraminotomy", slug="lumbar-foraminotomy"
    )


def publish_change(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_the_second_visit_is_answered_from_the_cache_with_the_same_page(client, procedure):
    first = client.get(procedure.url)
    second = client.get(procedure.url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first[STATUS], second[STATUS]) == ("miss", "hit")
    assert second.content == first.content


def test_a_published_change_shows_on_the_next_visit(client, procedure):
    client.get(procedure.url)
    publish_change(procedure, title="Lumbar Foraminotomy, revised")
    response = client.get(procedure.url)
    assert response[STATUS] == "miss"
    assert b"Lumbar Foraminotomy, revised" in response.content


def test_a_medical_review_falling_due_overnight_shows_the_next_day(client, procedure, monkeypatch):
    """Nothing is saved when a review falls due: only the date moves."""
    record_review(procedure, PhysicianFactory(name="Dr. Ada Reyes", licensed=True))
    today = timezone.now()
    type(procedure).objects.filter(pk=procedure.pk).update(next_review=timezone.localdate())
    client.get(procedure.url)
    assert REVIEW_LINE in client.get(procedure.url).content

    monkeypatch.setattr(timezone, "now", lambda: today + datetime.timedelta(days=1))
    response = client.get(procedure.url)
    assert response[STATUS] == "miss"
    assert REVIEW_LINE not in response.content


def test_a_changed_call_to_action_shows_on_the_pages_that_use_it(client, built):
    call_to_action = built.home.hero_call_to_action
    assert call_to_action.heading.encode() in client.get("/").content
    call_to_action.heading = "Send us your MRI today"
    call_to_action.save()
    assert b"Send us your MRI today" in client.get("/").content


def test_changed_site_settings_show_on_every_page(client, built, procedure):
    client.get("/")
    client.get(procedure.url)
    site_settings = SiteSettings.for_site(built.site)
    site_settings.organization_name = "Foramen Spine Network"
    site_settings.save()
    for url in ("/", procedure.url):
        assert b"Foramen Spine Network" in client.get(url).content


def test_an_editors_page_is_neither_served_from_nor_kept_for_visitors(
    admin_client, built, procedure
):
    visitor = a_visitor(built)
    visitor_page = visitor.get(procedure.url)
    editor_page = admin_client.get(procedure.url)
    assert STATUS not in editor_page
    assert b"userbar" in editor_page.content and b"userbar" not in visitor_page.content
    assert visitor.get(procedure.url).content == visitor_page.content


def test_every_visitor_of_a_form_gets_a_csrf_token_of_their_own(built):
    clinic = LocationPageFactory(parent=built.locations)
    form = LeadFormPageFactory(parent=clinic, slug="call-me-back")
    LeadFormFieldFactory(page=form, label="Phone")
    form_url = form.url
    first, second = a_visitor(built).get(form_url), a_visitor(built).get(form_url)
    assert first.status_code == second.status_code == 200
    assert STATUS not in first and STATUS not in second
    assert CSRF_TOKEN.search(first.content).group(1) != CSRF_TOKEN.search(second.content).group(1)


def test_api_answers_are_kept_per_query_and_never_for_token_holders(client, procedure):
    listing = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title"
    assert client.get(listing)[STATUS] == "miss"
    assert client.get(listing)[STATUS] == "hit"
    assert client.get(listing + "&limit=1")[STATUS] == "miss"
    token_answer = client.get(
        f"/api/v3/pages/{procedure.pk}/", HTTP_AUTHORIZATION="Bearer not-a-real-token"
    )
    assert STATUS not in token_answer


def test_english_and_spanish_addresses_are_kept_apart(client):
    english, spanish = client.get("/"), client.get("/es/")
    assert english[STATUS] == spanish[STATUS] == "miss"
    assert client.get("/es/").content == spanish.content
    assert b'<html lang="es">' in spanish.content
    assert b'<html lang="en">' in english.content


@pytest.fixture
def renders():
    """The addresses of the pages Wagtail serves (renders) while the test runs, in order."""
    served = []

    def note(page, request, serve_args, serve_kwargs):
        served.append(request.get_full_path())

    with hooks.register_temporarily("before_serve_page", note):
        yield served


def test_marketing_and_unknown_parameters_get_the_plain_addresses_answer(
    client, procedure, renders
):
    plain = client.get(procedure.url)
    tagged = client.get(procedure.url + "?utm_source=x&foo=1")
    assert len(renders) == 1
    assert tagged[STATUS] == "hit" and tagged.content == plain.content


def test_the_locations_index_keeps_an_answer_per_place_asked_for(built, renders):
    LocationPageFactory(parent=built.locations, city="Dallas", state="TX", zip_code="75201")
    dallas, elsewhere = "/locations/?near=75201", "/locations/?near=99501"
    answers = {url: [a_visitor(built).get(url) for _ in range(2)] for url in (dallas, elsewhere)}
    assert [[answer[STATUS] for answer in pair] for pair in answers.values()] == [
        ["miss", "hit"],
        ["miss", "hit"],
    ]
    assert answers[dallas][1].content == answers[dallas][0].content
    assert answers[dallas][0].content != answers[elsewhere][0].content
    assert renders == [dallas, elsewhere]
    tagged = a_visitor(built).get(dallas + "&utm_campaign=spring")
    assert tagged[STATUS] == "hit" and tagged.content == answers[dallas][0].content


def test_a_made_up_session_cookie_gets_the_kept_answer(client, procedure, renders, settings):
    kept = client.get(procedure.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "madeup" + uuid.uuid4().hex
    answer = client.get(procedure.url)
    assert answer[STATUS] == "hit" and answer.content == kept.content
    assert len(renders) == 1


def test_a_visitor_with_a_session_is_never_served_a_kept_answer(
    built, procedure, renders, settings
):
    a_visitor(built).get(procedure.url)
    with_session = a_visitor(built)
    session = with_session.session
    session["seen"] = True
    session.save()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert STATUS not in with_session.get(procedure.url)
    assert len(renders) == 2


def test_a_fresh_render_needs_the_runs_bypass_token(client, procedure, settings):
    settings.RENDER_CACHE_BYPASS_TOKEN = "the-runs-secret"
    client.get(procedure.url)
    for guess in ("bypass", "", "the-runs-secre", "the-runs-secret "):
        assert client.get(procedure.url, HTTP_X_RENDER_CACHE=guess)[STATUS] == "hit"
    assert STATUS not in client.get(procedure.url, HTTP_X_RENDER_CACHE="the-runs-secret")


def test_visitors_cannot_ask_for_a_fresh_render_without_a_token_set(client, procedure, settings):
    settings.RENDER_CACHE_BYPASS_TOKEN = ""
    client.get(procedure.url)
    for guess in ("bypass", ""):
        assert client.get(procedure.url, HTTP_X_RENDER_CACHE=guess)[STATUS] == "hit"


def test_answers_kept_before_the_generation_was_lost_are_not_served_again(client, procedure):
    client.get(procedure.url)
    cache.delete(CONTENT_GENERATION_CACHE_KEY)  # evicted, or Redis restarted without it
    assert client.get(procedure.url)[STATUS] == "miss"
    assert client.get(procedure.url)[STATUS] == "hit"


def test_a_page_behind_a_password_is_never_kept_for_those_without_it(built, procedure):
    restriction = PageViewRestriction.objects.create(
        page=procedure, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    # The page's heading (its h1 has a class of the page hero).
    content = f">{procedure.title}</h1>".encode()
    insider, outsider = a_visitor(built), a_visitor(built)
    form = insider.get(procedure.url)
    assert b'name="password"' in form.content and content not in form.content
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, procedure.pk])
    insider.post(unlock, {"password": "staff-only", "return_url": procedure.url})
    assert content in insider.get(procedure.url).content

    answer = outsider.get(procedure.url)
    assert STATUS not in answer
    assert b'name="password"' in answer.content and content not in answer.content


def test_an_unreachable_render_cache_costs_speed_not_the_page(client, procedure, settings):
    settings.CACHES = {
        **settings.CACHES,
        "renders": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.RENDER_CACHE_ALIAS = "renders"
    for _ in range(2):
        response = client.get(procedure.url)
        assert response.status_code == 200 and STATUS not in response
        assert f">{procedure.title}</h1>".encode() in response.content


def test_a_saved_draft_keeps_the_published_page_in_use(client, procedure):
    published = client.get(procedure.url)
    procedure.title = "Lumbar Foraminotomy, draft"
    procedure.save_revision()
    kept = client.get(procedure.url)
    assert kept[STATUS] == "hit" and kept.content == published.content


def test_api_answers_are_kept_per_renderer_not_per_spelling_of_accept(client, procedure):
    listing = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title"
    spellings = [
        "application/json",
        "application/json, */*;q=0.1",
        f"application/x-{uuid.uuid4().hex}, application/json",
        f"*/*;q=0.{uuid.uuid4().int % 9 + 1}",
    ]
    statuses = [client.get(listing, HTTP_ACCEPT=accept)[STATUS] for accept in spellings]
    assert statuses == ["miss", "hit", "hit", "hit"]


def test_an_indented_api_answer_is_kept_apart_from_the_compact_one(client, procedure):
    detail = f"/api/v2/pages/{procedure.pk}/"
    compact = client.get(detail, HTTP_ACCEPT="application/json")
    indented = client.get(detail, HTTP_ACCEPT="application/json; indent=2")
    assert (compact[STATUS], indented[STATUS]) == ("miss", "miss")
    assert b"\n  " in indented.content and b"\n  " not in compact.content
    assert client.get(detail, HTTP_ACCEPT="application/json; indent=2").content == indented.content


def test_the_order_of_query_parameters_makes_no_new_answer(client, procedure):
    assert client.get("/api/v2/pages/?type=procedures.ProcedurePage&limit=5")[STATUS] == "miss"
    assert client.get("/api/v2/pages/?limit=5&type=procedures.ProcedurePage")[STATUS] == "hit"


def test_made_up_queries_keep_a_bounded_number_of_answers_per_address(client, procedure, settings):
    settings.RENDER_CACHE_MAX_VARIANTS = 3
    urls = [f"/api/v2/pages/?limit={limit}" for limit in range(1, 7)]
    first = [client.get(url) for url in urls]
    assert all(response.status_code == 200 for response in first)
    assert [response.get(STATUS) for response in first] == ["miss"] * 3 + [None] * 3
    assert [client.get(url).get(STATUS) for url in urls[:3]] == ["hit"] * 3


def test_only_bytes_and_headers_are_kept(client, procedure, redis_cache):
    detail = f"/api/v2/pages/{procedure.pk}/"
    answer = client.get(detail)
    raw = redis.Redis.from_url(redis_cache["LOCATION"])
    kept = [raw.get(key) for key in raw.keys(f"{redis_cache['KEY_PREFIX']}:*:render:*")]
    assert len(kept) == 1
    assert b"rest_framework" not in kept[0] and b"HttpResponse" not in kept[0]
    again = client.get(detail)
    assert again[STATUS] == "hit" and again.content == answer.content
    assert again["Content-Type"] == answer["Content-Type"] and again["ETag"] == answer["ETag"]
