"""Cache correctness of the production stack: Varnish in front of gunicorn.

Every test reads through Varnish the way a patient or a partner site would,
changes content the way editors do (API v3 with a token, or saving a snippet),
and checks what the next reader gets. X-Cache (HIT, MISS or PASS) is set by
deploy/varnish/foramen.vcl.
"""

import json
import re
import socket
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.frontcache.stack import running_stack

pytestmark = [pytest.mark.varnish, pytest.mark.live_server]

PROCEDURE_PATH = "/procedures/microdiscectomy/"
PROCEDURE_LISTING = "/procedures/"
LOCATION_PATH = "/locations/dallas-tx/"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("stack")) as stack:
        yield stack


@pytest.fixture(scope="module")
def token(stack):
    return stack.python(
        "from django.contrib.auth import get_user_model\n"
        "from wagtail.models.api import APIToken\n"
        "user = get_user_model().objects.create_superuser('cache-editor', 'e@example.com', None)\n"
        "print(APIToken.create_token(user=user, name='cache tests')[1])"
    ).strip()


def page_id(stack, path):
    answer = stack.get(f"/api/v2/pages/find/?html_path={path}", base=stack.gunicorn_url)
    assert answer.status == 302, answer.body[:300]
    return int(re.search(r"/pages/(\d+)/", answer.headers["location"]).group(1))


def cached(stack, path):
    """GET ``path`` through Varnish until it comes from the cache."""
    stack.get(path)
    answer = stack.get(path)
    assert answer.cache == "HIT", f"{path} was not cached: {answer.status} {answer.cache}"
    return answer


def publish_title(stack, token, page_type, page_pk, title):
    answer = stack.api(
        "PATCH",
        f"/api/v3/pages/{page_pk}/",
        token,
        {"meta": {"type": page_type, "action": "publish"}, "title": title},
    )
    assert answer.status == 200, answer.body[:500]


def test_publishing_a_page_purges_its_url_its_api_details_and_the_listings(stack, token):
    pk = page_id(stack, PROCEDURE_PATH)
    listing_v2 = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title&limit=20"
    views = [
        PROCEDURE_PATH,
        PROCEDURE_LISTING,
        f"/api/v2/pages/{pk}/",
        f"/api/v3/pages/{pk}/",
        listing_v2,
        "/api/v3/pages/?type=procedures.ProcedurePage",
    ]
    for path in views:
        cached(stack, path)

    new_title = f"Microdiscectomy {uuid.uuid4().hex[:8]}"
    publish_title(stack, token, "procedures.ProcedurePage", pk, new_title)

    for path in views:
        answer = stack.get(path)
        assert answer.status == 200
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert new_title in answer.body, f"{path} does not show the new title"
    assert stack.get(PROCEDURE_PATH).cache == "HIT", "the fresh page is cached again"


def test_changing_a_snippet_purges_every_page_that_uses_it(stack):
    cached(stack, LOCATION_PATH)
    cached(stack, PROCEDURE_PATH)
    new_name = f"Daniel Okafor-{uuid.uuid4().hex[:6]}"
    stack.python(
        "from locations.models import Physician\n"
        "physician = Physician.objects.get(name='Daniel Okafor', locale__language_code='en')\n"
        f"physician.name = {new_name!r}\n"
        "physician.save()"
    )
    for path in (LOCATION_PATH, PROCEDURE_PATH):
        answer = stack.get(path)
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert new_name in answer.body, f"{path} does not show the renamed physician"


def test_changing_a_call_to_action_purges_the_pages_showing_it(stack):
    cached(stack, "/")
    heading = f"Free imaging review {uuid.uuid4().hex[:6]}"
    stack.python(
        "from core.models import CallToAction\n"
        "cta = CallToAction.objects.get(heading='Free MRI/CT Review')\n"
        f"cta.heading = {heading!r}\n"
        "cta.save()"
    )
    answer = stack.get("/")
    assert answer.cache == "MISS"
    assert heading in answer.body


def test_unpublishing_removes_the_page_from_the_cache(stack, token):
    path = "/procedures/spinal-cord-stimulation/"
    pk = page_id(stack, path)
    cached(stack, path)
    cached(stack, f"/api/v2/pages/{pk}/")

    answer = stack.api("POST", f"/api/v3/pages/{pk}/actions/unpublish/", token, {})
    assert answer.status == 200, answer.body[:500]

    assert stack.get(path).status == 404
    assert stack.get(f"/api/v2/pages/{pk}/").status == 404
    listing = json.loads(stack.get("/api/v2/pages/?type=procedures.ProcedurePage&limit=50").body)
    assert pk not in [item["id"] for item in listing["items"]]


def test_admin_and_preview_are_never_cached(stack):
    pk = page_id(stack, PROCEDURE_PATH)
    for path in ("/admin/login/", f"/admin/pages/{pk}/edit/preview/", f"/admin/pages/{pk}/"):
        answers = [stack.get(path) for _ in range(2)]
        assert [answer.cache for answer in answers] == ["PASS", "PASS"], path


def test_form_posts_are_never_cached(stack):
    answers = [
        stack.request(
            "POST",
            "/admin/login/",
            body="username=nobody&password=wrong",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        for _ in range(2)
    ]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]


def test_a_body_larger_than_any_form_takes_is_refused_at_the_edge(stack):
    """Varnish answers from the announced length alone: not a byte of the body is sent."""
    netloc = urlsplit(stack.varnish_url).netloc
    host, port = netloc.rsplit(":", 1)
    head = (
        f"POST /free-mri-ct-review/ HTTP/1.1\r\nHost: {netloc}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {settings.LEADS_REQUEST_MAX_BYTES + 1}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(head.encode())
        status_line = connection.makefile("rb").readline()
    assert status_line.startswith(b"HTTP/1.1 413"), status_line


def test_token_api_calls_are_never_cached_nor_answered_from_the_cache(stack, token):
    pk = page_id(stack, LOCATION_PATH)
    cached(stack, f"/api/v3/pages/{pk}/")
    answers = [stack.api("GET", f"/api/v3/pages/{pk}/", token) for _ in range(2)]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    assert all("no-store" in answer.headers["cache-control"] for answer in answers)


@pytest.fixture(scope="module")
def partner_key(stack):
    """A partner key of the whole network, made in the stack's database."""
    return stack.python(
        "from django.contrib.contenttypes.models import ContentType\n"
        "from wagtail.models import Locale, Site\n"
        "from partners.models import Partner, PartnerKey, scopable_content_types\n"
        "key = PartnerKey(partner=Partner.objects.create(name='Cache tests'), label='cache')\n"
        "full_key = key.set_new_secret()\n"
        "key.save()\n"
        "key.sites.set(Site.objects.all())\n"
        "key.locales.set(Locale.objects.all())\n"
        "key.content_types.set(ContentType.objects.filter(scopable_content_types()))\n"
        "print(full_key)"
    ).strip()


def test_keyed_reads_pass_varnish_and_share_the_render_cache_behind_it(stack, partner_key):
    path = f"/api/v2/pages/{page_id(stack, LOCATION_PATH)}/"
    cached(stack, path)
    answers = [stack.api("GET", path, partner_key) for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    # Behind Varnish the app keeps the keyed answer for its scope, apart from the public one.
    assert [answer.headers.get("x-render-cache") for answer in answers] == ["miss", "hit"]
    for answer in answers:
        assert answer.headers["cache-control"] == "private, no-store"
        assert "ratelimit-remaining" in answer.headers


def test_a_signed_in_editor_is_never_answered_from_the_cache(stack):
    cached(stack, LOCATION_PATH)
    answer = stack.get(LOCATION_PATH, headers={"Cookie": "sessionid=abc123"})
    assert answer.cache == "PASS"


def test_other_cookies_do_not_bypass_the_cache(stack):
    cached(stack, LOCATION_PATH)
    answer = stack.get(LOCATION_PATH, headers={"Cookie": "csrftoken=abc; theme=dark"})
    assert answer.cache == "HIT"


AFFILIATE = {"Host": "affiliate.localhost"}


def test_changing_site_settings_purges_every_page_of_that_site_only(stack):
    other_site_page = "/locations/fort-worth-tx/"
    for path in ("/", LOCATION_PATH, "/api/v2/site-settings/"):
        cached(stack, path)
    stack.get(other_site_page, headers=AFFILIATE)
    assert stack.get(other_site_page, headers=AFFILIATE).cache == "HIT"

    shown = stack.python(
        "from wagtail.models import Site\n"
        "from core.models import SiteSettings\n"
        "settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))\n"
        "settings.phone_24_7 = '+12145550147'\n"
        "settings.save()\n"
        "print(settings.phone_24_7_display)"
    ).strip()

    for path in ("/", LOCATION_PATH):
        answer = stack.get(path)
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert shown in answer.body, f"{path} does not show the new phone"
    assert "+12145550147" in stack.get("/api/v2/site-settings/").body
    assert stack.get(other_site_page, headers=AFFILIATE).cache == "HIT"


def current_urls(stack, slug):
    """(Host, path) of the page with ``slug`` and of its first child, wherever they are now."""
    printed = stack.python(
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(slug={slug!r}, locale__language_code='en')\n"
        "for each in (page, page.get_children().first()):\n"
        "    site_id, root, path = each.get_url_parts()\n"
        "    print(root.split('://')[1], path)"
    )
    return [tuple(line.split()) for line in printed.strip().splitlines()]


def through_varnish(stack, host_and_path):
    host, path = host_and_path
    return stack.get(path, headers={"Host": host})


def test_moving_a_section_purges_the_old_and_new_urls_of_every_page_under_it(stack):
    section, child = current_urls(stack, "atlanta-ga")
    child_pk = page_id(stack, child[1])
    for url in (section, child):
        through_varnish(stack, url)
        assert through_varnish(stack, url).cache == "HIT"
    cached(stack, f"/api/v2/pages/{child_pk}/")
    new_child = ("affiliate.localhost", child[1])
    through_varnish(stack, new_child)  # a 404 that Varnish may keep

    stack.python(
        "from wagtail.models import Page, Site\n"
        "home = Site.objects.get(hostname='affiliate.localhost').root_page\n"
        "clinic = Page.objects.get(slug='atlanta-ga', locale__language_code='en')\n"
        "clinic.move(home.get_children().get(slug='locations'), pos='last-child')"
    )

    for url in (section, child):
        answer = through_varnish(stack, url)
        assert answer.cache != "HIT", f"{url} still came from the cache"
        assert answer.status in (301, 302, 404), f"{url} still answers {answer.status}"
    assert through_varnish(stack, new_child).status == 200
    # The API answers for the site it is asked on: the child has left the default site.
    assert stack.get(f"/api/v2/pages/{child_pk}/").status == 404
    assert stack.get(f"/api/v2/pages/{child_pk}/", headers=AFFILIATE).status == 200


def test_deleting_a_section_removes_every_page_under_it_from_the_cache(stack):
    section, child = current_urls(stack, "atlanta-ga")
    for url in (section, child):
        through_varnish(stack, url)
        assert through_varnish(stack, url).cache == "HIT"

    stack.python(
        "from wagtail.models import Page\n"
        "Page.objects.get(slug='atlanta-ga', locale__language_code='en').delete()"
    )

    for url in (section, child):
        assert through_varnish(stack, url).status == 404, f"{url} is still served"


def with_purge_token(stack, headers=None):
    return {**(headers or {}), "X-Purge-Token": stack.env["FRONTEND_CACHE_PURGE_TOKEN"]}


def test_a_malformed_ban_is_refused_and_clears_nothing(stack):
    cached(stack, LOCATION_PATH)
    for header in ({"X-Ban-Site": "1 || obj.status == 200"}, {"X-Ban-Pages": "1|.*"}):
        assert stack.request("BAN", "/", headers=with_purge_token(stack, header)).status == 400
    assert stack.get(LOCATION_PATH).cache == "HIT"


@pytest.mark.parametrize(
    "method, headers",
    [
        ("PURGE", {}),
        ("PURGE", {"X-Purge-Token": "not-the-token-but-long-enough-to-pass-a-length-check"}),
        ("PURGE", {"X-Purge-Token": ""}),
        ("BAN", {}),
        ("BAN", {"X-Ban-Site": "1"}),
        ("BAN", {"X-Ban-Pages": "1|2|3", "X-Purge-Token": "guess"}),
    ],
)
def test_a_purge_or_ban_without_the_token_is_refused_although_it_comes_from_loopback(
    stack, method, headers
):
    """A TLS terminator on the same host forwards the public's requests from loopback."""
    cached(stack, LOCATION_PATH)
    path = "/" if method == "BAN" else LOCATION_PATH
    assert stack.request(method, path, headers=headers).status == 403
    assert stack.get(LOCATION_PATH).cache == "HIT"


def test_a_purge_with_the_token_clears_the_page(stack):
    cached(stack, LOCATION_PATH)
    assert stack.request("PURGE", LOCATION_PATH, headers=with_purge_token(stack)).status == 200
    assert stack.get(LOCATION_PATH).cache == "MISS"


def set_privacy(stack, slug, private):
    change = (
        "PageViewRestriction.objects.create(page=page, restriction_type='login')"
        if private
        else "page.view_restrictions.all().delete()"
    )
    stack.python(
        "from wagtail.models import Page, PageViewRestriction\n"
        f"page = Page.objects.get(slug={slug!r}, locale__language_code='en')\n"
        f"{change}"
    )


def local_procedure_path(stack, clinic_slug):
    """A page below the clinic that Varnish keeps (its lead forms set a CSRF cookie)."""
    return stack.python(
        "from wagtail.models import Page\n"
        "from clinics.models import LocalProcedurePage\n"
        f"clinic = Page.objects.get(slug={clinic_slug!r}, locale__language_code='en')\n"
        "print(LocalProcedurePage.objects.child_of(clinic).live().first().get_url_parts()[2])"
    ).strip()


def test_a_page_made_private_stops_being_served_from_the_cache_with_its_subtree(stack):
    paths = [LOCATION_PATH, local_procedure_path(stack, "dallas-tx")]
    child_pk = page_id(stack, paths[1])
    for path in (*paths, f"/api/v2/pages/{child_pk}/"):
        cached(stack, path)

    set_privacy(stack, "dallas-tx", private=True)

    for path in paths:
        answer = stack.get(path)
        assert answer.status == 302, f"{path} is still served: {answer.status} {answer.cache}"
        assert "login" in answer.headers["location"]
    assert stack.get(f"/api/v2/pages/{child_pk}/").status == 404

    set_privacy(stack, "dallas-tx", private=False)

    for path in paths:
        assert stack.get(path).status == 200, f"{path} is still refused"


def test_the_stack_scans_uploads_with_a_clamd_of_its_own(stack):
    """The app's CLAMAV_URL (required by production settings) reaches the stack's clamd."""
    found = stack.python(
        "import io\n"
        "from tests.leads.helpers import eicar, PDF_BYTES\n"
        "from leads.scanning import scan\n"
        "print(scan(io.BytesIO(eicar())), scan(io.BytesIO(PDF_BYTES)))\n"
    )
    assert found.split() == ["Foramen.Test.EICAR.UNOFFICIAL", "None"]


QUOTING_PAGE = "/procedures/lumbar-foraminotomy/"
QUOTED_PATIENT = "Larry L."

LAPSE_AUTHORIZATION = f"""
import datetime
from django.core.management import call_command
from django.utils import timezone
from people.consent import TestimonialAuthorization
from people.models import Testimonial
testimonial = Testimonial.objects.get(display_name={QUOTED_PATIENT!r}, locale__language_code="en")
# A day passing, as the ledger sees it: a queryset update sends no save signal, so the
# testimonial is still live until the periodic job runs.
TestimonialAuthorization.objects.filter(testimonial=testimonial).update(
    expires_on=timezone.localdate() - datetime.timedelta(days=1)
)
print(testimonial.pk, testimonial.live)
call_command("withdraw_lapsed_testimonials")
"""


def test_a_testimonial_whose_authorization_lapsed_leaves_the_cached_page_when_the_job_runs(
    stack,
):
    page = cached(stack, QUOTING_PAGE)
    assert QUOTED_PATIENT in page.body

    pk, live_before_the_job = stack.python(LAPSE_AUTHORIZATION).split()[:2]
    assert live_before_the_job == "True"

    answer = stack.get(QUOTING_PAGE)
    assert answer.cache == "MISS", "the page quoting it still came from the cache"
    assert QUOTED_PATIENT not in answer.body
    assert stack.get(f"/api/v2/testimonials/{pk}/").status == 404
    assert stack.get(f"/api/v3/snippets/people.Testimonial/{pk}/").status in (401, 404)
    search = stack.get("/search/?q=Larry")
    assert search.status == 200 and QUOTED_PATIENT not in search.body


SCHEDULE_TITLE = """
import datetime
from django.utils import timezone
from procedures.models import ProcedurePage
page = ProcedurePage.objects.get(pk={pk})
page.title = {title!r}
page.go_live_at = timezone.now() + datetime.timedelta(seconds=3)
revision = page.save_revision()
revision.publish()  # with a go-live date ahead, publishing schedules the revision
revision.refresh_from_db()
print(revision.approved_go_live_at.isoformat())
"""

RUN_PUBLISH_SCHEDULED_AT = """
import datetime
import time
from django.core.management import call_command
from django.utils import timezone
due = datetime.datetime.fromisoformat({due!r})
time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
call_command("publish_scheduled")
"""


def test_a_scheduled_revision_replaces_the_cached_page_when_publish_scheduled_runs(stack):
    pk = page_id(stack, PROCEDURE_PATH)
    paths = (PROCEDURE_PATH, f"/api/v2/pages/{pk}/")
    for path in paths:
        cached(stack, path)
    title = f"Microdiscectomy {uuid.uuid4().hex[:8]}"

    due = stack.python(SCHEDULE_TITLE.format(pk=pk, title=title)).strip()
    assert title not in stack.get(PROCEDURE_PATH).body, "published before its time"
    stack.python(RUN_PUBLISH_SCHEDULED_AT.format(due=due))

    for path in paths:
        answer = stack.get(path)
        assert answer.cache == "MISS", f"{path} still came from the cache"
        assert title in answer.body, f"{path} does not show the scheduled title"
