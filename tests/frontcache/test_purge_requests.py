"""What frontcache/purge.py asks the front cache to forget, received by a real HTTP server.

These run in both database passes (the reference index queries differ); the
behaviour of Varnish itself is tested against the real stack in test_varnish.py.
"""

import datetime
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import wagtail_factories
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.factories import CallToActionFactory, ImageFactory
from core.models import SiteCallToAction, SiteSettings, SocialLink
from leads.factories import LeadFormPageFactory
from locations.factories import LocationPageFactory
from locations.models import LocationPage, LocationPhysician
from people.consent import TestimonialAuthorization
from people.factories import PhysicianFactory, TestimonialFactory
from people.review import record_review
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ProcedurePage
from scheduling.models import JobState
from tests.builders import a_site, a_translation

pytestmark = pytest.mark.django_db

BAN_HEADERS = ("X-Ban-Site", "X-Ban-Pages")
PURGE_TOKEN = "purge-token-of-the-tests-" + "x" * 16


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.paths.append(self.path)
        self.server.urls.append(self.headers["Host"] + self.path)
        self._answer()

    def do_BAN(self):  # noqa: N802
        named = {name: self.headers[name] for name in BAN_HEADERS if self.headers[name]}
        self.server.bans.append((self.path, named))
        self._answer()

    def _answer(self):
        self.server.tokens.append(self.headers["X-Purge-Token"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    """A real HTTP server standing in for Varnish: it records each PURGE and BAN."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.paths, server.urls, server.bans, server.tokens = [], [], [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "frontcache.backends.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
            "PURGE_TOKEN": PURGE_TOKEN,
        }
    }
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def built():
    return a_site()


@pytest.fixture
def affiliate():
    """A second site, with sections of the same types."""
    return a_site()


@pytest.fixture
def purged_paths(front_cache):
    return front_cache.paths


def banned_prefixes(front_cache):
    return {path for path, headers in front_cache.bans if not headers}


def banned_page_ids(front_cache):
    return {
        int(page_id)
        for _, headers in front_cache.bans
        for page_id in headers.get("X-Ban-Pages", "").split("|")
        if page_id
    }


def test_publishing_purges_the_page_its_section_and_its_api_views(
    built, purged_paths, django_capture_on_commit_callbacks
):
    page = ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy")
    page.title = "Microdiscectomy, revised"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for path in (
        "/procedures/microdiscectomy/",
        "/procedures/",
        f"/api/v2/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v2/pages/",
        "/api/v3/pages/",
    ):
        assert path in purged_paths


def test_every_purge_and_ban_carries_the_purge_token(
    built, front_cache, django_capture_on_commit_callbacks
):
    clinic = LocationPageFactory(parent=built.locations, slug="atlanta-ga")
    clinic = LocationPage.objects.get(pk=clinic.pk)
    clinic.slug = "atlanta-midtown-ga"
    with django_capture_on_commit_callbacks(execute=True):
        clinic.save_revision().publish()
    assert front_cache.paths and front_cache.bans
    assert set(front_cache.tokens) == {PURGE_TOKEN}


def test_saving_a_physician_purges_every_page_that_shows_them(
    built, purged_paths, django_capture_on_commit_callbacks
):
    physician = PhysicianFactory(name="Daniel Okafor")
    for _ in range(2):
        clinic = LocationPageFactory(parent=built.locations)
        LocationPhysician.objects.create(page=clinic, physician=physician)
    physician.credentials = "MD, PhD"
    with django_capture_on_commit_callbacks(execute=True):
        physician.save()
    showing = LocationPage.objects.filter(physician_links__physician=physician).distinct()
    assert showing.exists()
    for location in showing:
        assert location.relative_url(built.site) in purged_paths
    assert f"/api/v2/physicians/{physician.pk}/" in purged_paths


def test_an_authorization_purges_the_pages_quoting_its_testimonial(
    built, purged_paths, django_capture_on_commit_callbacks
):
    """Its FTC flags add a disclosure to the testimonial wherever it is shown."""
    testimonial = TestimonialFactory()
    page = ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy")
    page.body = [{"type": "testimonials", "value": {"testimonials": [testimonial.pk]}}]
    page.save_revision().publish()
    authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
    authorization.material_connection = True
    purged_paths.clear()
    with django_capture_on_commit_callbacks(execute=True):
        authorization.save()
    assert "/procedures/microdiscectomy/" in purged_paths
    assert f"/api/v2/testimonials/{testimonial.pk}/" in purged_paths


def test_nothing_is_purged_before_the_change_is_committed(built, purged_paths):
    page = ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy")
    page.save_revision().publish()
    assert f"/api/v3/pages/{page.pk}/" not in purged_paths


def test_deleting_a_page_purges_it_and_its_section(
    built, purged_paths, django_capture_on_commit_callbacks
):
    page = ProcedurePageFactory(parent=built.procedures, slug="spinal-cord-stimulation")
    page_pk = page.pk
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    for path in (
        "/procedures/spinal-cord-stimulation/",
        "/procedures/",
        f"/api/v2/pages/{page_pk}/",
    ):
        assert path in purged_paths


def test_deleting_a_section_purges_every_page_under_it(
    built, front_cache, django_capture_on_commit_callbacks
):
    section = built.conditions
    ConditionPageFactory.create_batch(2, parent=section)
    children = list(section.get_children())
    assert children
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()
    assert "/conditions/" in banned_prefixes(front_cache)
    assert {section.pk, *(child.pk for child in children)} <= banned_page_ids(front_cache)
    for child in children:
        assert child.relative_url(built.site) in front_cache.paths


def test_moving_a_section_bans_its_old_and_new_subtree_and_its_translations(
    built, affiliate, front_cache, django_capture_on_commit_callbacks
):
    clinic = LocationPageFactory(parent=built.locations, slug="dallas-tx")
    LeadFormPageFactory(parent=clinic, slug="call-me-back")
    built.in_spanish()
    a_translation(clinic)
    subtree_ids = {clinic.pk, *(child.pk for child in clinic.get_children())}
    assert len(subtree_ids) > 1
    destination = affiliate.locations
    with django_capture_on_commit_callbacks(execute=True):
        clinic.move(destination, pos="last-child")

    # The path is the same on both sites; the Spanish translation's switcher
    # points to the clinic, so its subtree goes too.
    assert {"/locations/dallas-tx/", "/es/centros/dallas-tx/"} <= banned_prefixes(front_cache)
    assert subtree_ids <= banned_page_ids(front_cache)
    # The section listings it left and joined, and the page listings of the API.
    assert f"{built.host}/locations/" in front_cache.urls
    assert f"{affiliate.host}/locations/" in front_cache.urls
    assert "/api/v2/pages/" in front_cache.paths


def test_changing_a_slug_bans_the_old_and_new_subtree(
    built, front_cache, django_capture_on_commit_callbacks
):
    clinic = LocationPageFactory(parent=built.locations, slug="atlanta-ga")
    clinic = LocationPage.objects.get(pk=clinic.pk)
    clinic.slug = "atlanta-midtown-ga"
    with django_capture_on_commit_callbacks(execute=True):
        clinic.save_revision().publish()
    assert {"/locations/atlanta-ga/", "/locations/atlanta-midtown-ga/"} <= banned_prefixes(
        front_cache
    )


def test_changing_site_settings_bans_that_site_alone_in_one_request(
    built, front_cache, django_capture_on_commit_callbacks
):
    site = built.site
    site_settings = SiteSettings.for_site(site)
    site_settings.phone_24_7 = "+12145550147"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    assert front_cache.bans == [("/", {"X-Ban-Site": str(site.pk)})]
    assert front_cache.paths == []


def test_adding_a_social_link_bans_the_site_that_shows_it(
    affiliate, front_cache, django_capture_on_commit_callbacks
):
    site = affiliate.site
    with django_capture_on_commit_callbacks(execute=True):
        SocialLink.objects.create(
            settings=SiteSettings.for_site(site), platform="Mastodon", url="https://example.org/"
        )
    assert ("/", {"X-Ban-Site": str(site.pk)}) in front_cache.bans


def test_changing_a_default_call_to_action_bans_the_sites_showing_it(
    built, front_cache, django_capture_on_commit_callbacks
):
    site = built.site
    call_to_action = CallToActionFactory()
    SiteCallToAction.objects.create(
        settings=SiteSettings.for_site(site), call_to_action=call_to_action
    )
    call_to_action.heading = "Book a review"
    with django_capture_on_commit_callbacks(execute=True):
        call_to_action.save()
    assert ("/", {"X-Ban-Site": str(site.pk)}) in front_cache.bans


@pytest.mark.parametrize(
    "path, asked_on, named",
    [
        ("/", "built", "built"),
        ("/", "affiliate", "affiliate"),
        ("/api/v2/site-settings/?site={affiliate}", "built", "affiliate"),
    ],
)
def test_answers_name_the_site_they_were_rendered_for(built, affiliate, path, asked_on, named):
    sites = {"built": built, "affiliate": affiliate}
    client = Client(headers=sites[asked_on].headers)
    path = path.format(affiliate=affiliate.host)
    site_id = str(sites[named].site.pk)
    rendered, kept = client.get(path), client.get(path)
    assert rendered.status_code == kept.status_code == 200
    # The second answer may come from the render cache: it must name its site too.
    assert rendered["X-Site-Id"] == kept["X-Site-Id"] == site_id


def a_clinic_with_a_form(built):
    clinic = LocationPageFactory(parent=built.locations, slug="dallas-tx")
    LeadFormPageFactory(parent=clinic, slug="call-me-back")
    return clinic


def test_making_a_page_private_purges_its_subtree_and_api_details(
    built, front_cache, django_capture_on_commit_callbacks
):
    clinic = a_clinic_with_a_form(built)
    subtree_ids = {clinic.pk, *(child.pk for child in clinic.get_children())}
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=clinic, restriction_type=PageViewRestriction.LOGIN)
    assert "/locations/dallas-tx/" in banned_prefixes(front_cache)
    assert subtree_ids <= banned_page_ids(front_cache)
    assert {"/locations/", "/api/v2/pages/", "/api/v3/pages/"} <= set(front_cache.paths)


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_changing_or_removing_a_view_restriction_purges_the_subtree(
    built, front_cache, django_capture_on_commit_callbacks, change
):
    clinic = a_clinic_with_a_form(built)
    restriction = PageViewRestriction.objects.create(
        page=clinic, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    with django_capture_on_commit_callbacks(execute=True):
        if change == "edit":
            restriction.restriction_type = PageViewRestriction.LOGIN
            restriction.save()
        else:
            restriction.delete()
    assert "/locations/dallas-tx/" in banned_prefixes(front_cache)
    assert clinic.pk in banned_page_ids(front_cache)


def test_making_a_collection_private_purges_its_documents_and_those_below(
    front_cache, django_capture_on_commit_callbacks
):
    collection = Collection.get_first_root_node().add_child(name="Consent forms")
    below = collection.add_child(name="Archived consent forms")
    documents = [
        wagtail_factories.DocumentFactory(collection=collection),
        wagtail_factories.DocumentFactory(collection=below),
    ]
    elsewhere = wagtail_factories.DocumentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    for document in documents:
        assert f"/documents/{document.pk}/{document.filename}" in front_cache.paths
        assert f"/api/v2/documents/{document.pk}/" in front_cache.paths
        assert f"/api/v3/documents/{document.pk}/" in front_cache.paths
    assert not any(f"/documents/{elsewhere.pk}/" in path for path in front_cache.paths)


def test_deleting_an_image_purges_the_pages_that_show_it(
    built, front_cache, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy", hero_image=image)
    image_pk = image.pk
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert "/procedures/microdiscectomy/" in front_cache.paths
    assert f"/api/v2/images/{image_pk}/" in front_cache.paths


def a_reviewed_page(built, slug, next_review):
    """A live procedure page whose review falls due on ``next_review``, as time has it:
    the date moved without a save, as midnight moves it."""
    page = ProcedurePageFactory(parent=built.procedures, slug=slug)
    record_review(page, PhysicianFactory(licensed=True))
    ProcedurePage.objects.filter(pk=page.pk).update(next_review=next_review)
    return page


def last_ran(job, when):
    JobState.objects.update_or_create(
        name=job, defaults={"next_due": when, "last_success_at": when}
    )


def purge_lapsed_reviews(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_lapsed_reviews", stdout=io.StringIO())


def test_a_review_that_fell_overdue_at_midnight_purges_its_page_once(
    built, purged_paths, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    a_reviewed_page(built, "lapsed-last-night", today - datetime.timedelta(days=1))
    a_reviewed_page(built, "lapsed-last-week", today - datetime.timedelta(days=7))
    a_reviewed_page(built, "due-today", today)

    purge_lapsed_reviews(django_capture_on_commit_callbacks)
    first = list(purged_paths)
    last_ran("purge_lapsed_reviews", timezone.now())
    purged_paths.clear()
    purge_lapsed_reviews(django_capture_on_commit_callbacks)

    assert "/procedures/lapsed-last-night/" in first
    assert "/procedures/lapsed-last-week/" not in first
    assert "/procedures/due-today/" not in first
    assert purged_paths == []


def test_after_a_day_without_runs_every_review_that_fell_overdue_since_is_purged(
    built, purged_paths, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    a_reviewed_page(built, "lapsed-last-night", today - datetime.timedelta(days=1))
    a_reviewed_page(built, "lapsed-the-night-before", today - datetime.timedelta(days=2))
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    last_ran("purge_lapsed_reviews", two_days_ago)

    purge_lapsed_reviews(django_capture_on_commit_callbacks)

    assert "/procedures/lapsed-last-night/" in purged_paths
    assert "/procedures/lapsed-the-night-before/" in purged_paths
