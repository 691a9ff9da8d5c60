"""Two app servers of one stack keep no state of their own (issue #19, "Several app servers").

The stack (tests/deploy/conftest.py) runs with STACK_APP_SERVERS=2: two gunicorn
instances with the same environment behind nginx and Varnish, on PostgreSQL through
PgBouncer, media and lead files in the stack's object store. Each test talks to the
two gunicorn instances directly, so that one request is certain to reach one server
and the next the other, as a load balancer may route them: what one server took in (an
upload through the admin, a login, a saved draft, a patient's form with a file, a
publish) must be there on the other.
Requests are an editor's, a lead manager's and a patient's: the admin's login and
CSRF tokens, its forms, the public lead form with its file, and API v3 with a token.
"""

import io
import json
import re
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from bs4 import BeautifulSoup
from django_otp.oath import totp
from PIL import Image

from tests.leads.helpers import PDF_BYTES

pytestmark = [pytest.mark.varnish, pytest.mark.live_server]

EDITOR_PASSWORD = "an editor's long password 19"  # noqa: S105 - a test account of the stack
MANAGER_PASSWORD = "a lead manager's long password 19"  # noqa: S105
MRI_FORM = "/free-mri-ct-review/"
PROCEDURE_PATH = "/procedures/microdiscectomy/"
RENDER_CACHE = "x-render-cache"

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Site
from wagtail.models.api import APIToken
from leads.models import LeadAccess, LeadFormPage
from people.models import Testimonial
from procedures.models import ProcedurePage

User = get_user_model()
editor = User.objects.create_user("two-servers-editor", "e@example.com", EDITOR_PASSWORD)
editor.groups.add(Group.objects.get(name="Editors"))
editor.user_permissions.add(*Permission.objects.filter(codename="change_testimonial"))
managers = Group.objects.create(name="Two servers lead managers")
managers.permissions.add(Permission.objects.get(codename="access_admin"))
LeadAccess.objects.create(group=managers)
manager = User.objects.create_user("two-servers-manager", "m@example.com", MANAGER_PASSWORD)
manager.groups.add(managers)
device = TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
publisher = User.objects.create_superuser("two-servers-publisher", "p@example.com", None)
testimonial = Testimonial.objects.filter(live=True).order_by("pk").first()
root = Site.objects.get(is_default_site=True).root_page
form = LeadFormPage.objects.live().descendant_of(root).get(slug="free-mri-ct-review")
procedure = ProcedurePage.objects.live().descendant_of(root).get(slug="microdiscectomy")
print(json.dumps({
    "totp_key": device.key,
    "token": APIToken.create_token(user=publisher, name="two servers")[1],
    "testimonial": testimonial.pk,
    "testimonial_quote": testimonial.headline_quote,
    "form": form.pk,
    "procedure": procedure.pk,
    "procedure_type": procedure._meta.label,
}))
"""


def stream_fields(name, arguments):
    """What the admin's StreamField script posts for a stream of plain text blocks.

    The page carries the stream's value for the script to draw; a browser posts it back
    as one group of fields per block.
    """
    blocks = json.loads(arguments)[0] or []
    fields = {f"{name}-count": str(len(blocks))}
    for index, block in enumerate(blocks):
        assert isinstance(block["value"], str), f"{name} holds more than text blocks"
        prefix = f"{name}-{index}"
        fields |= {
            f"{prefix}-type": block["type"],
            f"{prefix}-value": block["value"],
            f"{prefix}-id": block["id"],
            f"{prefix}-order": str(index),
            f"{prefix}-deleted": "",
        }
    return fields


class Browser:
    """One person's browser: its cookies, sent to whichever app server a request names.

    The stack's cookies are marked Secure (production settings) while the app servers
    are reached over plain HTTP on loopback, so the cookies are kept and sent here
    rather than by a cookie jar that would hold them back.
    """

    def __init__(self, stack):
        self.stack = stack
        self.cookies = {}

    def request(self, method, server, path, **kwargs):
        answer = requests.request(
            method,
            server + path,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        for cookie in answer.cookies:
            self.cookies[cookie.name] = cookie.value
        if method == "POST":
            # What the request queued (renditions, purges, indexing) done, as a moment later.
            self.stack.wait_for_tasks()
        return answer

    def get(self, server, path):
        return self.request("GET", server, path)

    def form(self, server, path):
        """The fields of the page's form posting to ``path``, as the page fills them in."""
        answer = self.get(server, path)
        assert answer.status_code == 200, f"{path} on {server}: {answer.status_code}"
        forms = BeautifulSoup(answer.text, "html.parser").find_all("form")
        # The form that names this address, else one that posts back to its own page.
        form = next((form for form in forms if form.get("action") == path), None) or next(
            (form for form in forms if not form.get("action") and form.get("method") == "post"),
            None,
        )
        assert form is not None, f"no form posting to {path} on {server}"
        fields = {}
        for field in form.find_all(["input", "textarea", "select"]):
            name, kind = field.get("name"), field.get("type")
            if not name or kind in {"file", "submit", "button"} or "__prefix__" in name:
                continue
            if kind == "checkbox" and not field.has_attr("checked"):
                continue
            if field.name == "textarea":
                fields[name] = field.text.removeprefix("\n")
            elif field.name == "select":
                chosen = field.find("option", selected=True) or field.find("option", value=True)
                fields[name] = chosen["value"] if chosen else ""
            else:
                fields[name] = field.get("value", "")
        for stream in form.find_all(attrs={"data-w-block-arguments-value": True}):
            fields |= stream_fields(stream["id"], stream["data-w-block-arguments-value"])
        return fields

    def submit(self, server, path, changes=None, files=None):
        """Fill in the form at ``path`` on ``server`` as the page gives it, change some
        fields and send it back to the same server."""
        fields = self.form(server, path) | (changes or {})
        return self.request("POST", server, path, data=fields, files=files)

    def log_in(self, server, username, password, totp_key=None):
        answer = self.submit(server, "/admin/login/", {"username": username, "password": password})
        assert answer.status_code == 302, f"login refused: {answer.status_code}"
        if totp_key:
            key = bytes.fromhex(totp_key)
            code = f"{totp(key, 30, 0, 6, 0):06d}"
            answer = self.submit(server, "/admin/two-factor/verify/", {"code": code})
            assert answer.status_code == 302, f"second factor refused: {answer.status_code}"
        assert self.get(server, "/admin/").status_code == 200


@pytest.fixture(scope="module")
def servers(stack):
    """The two gunicorn instances' addresses, as the load balancer reaches them."""
    return stack.env["STACK_GUNICORN_URL"], stack.env["STACK_GUNICORN_2_URL"]


@pytest.fixture(scope="module")
def facts(stack):
    code = SETUP.replace("EDITOR_PASSWORD", repr(EDITOR_PASSWORD)).replace(
        "MANAGER_PASSWORD", repr(MANAGER_PASSWORD)
    )
    return json.loads(stack.python(code).strip().splitlines()[-1])


def bucket_keys(stack, bucket_variable):
    client = boto3.client(
        "s3",
        endpoint_url=stack.env["OBJECT_STORE_URL"],
        aws_access_key_id=stack.env["OBJECT_STORE_ACCESS_KEY"],
        aws_secret_access_key=stack.env["OBJECT_STORE_SECRET_KEY"],
        region_name="us-east-1",
    )
    bucket = stack.env[bucket_variable]
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"]: item for page in pages for item in page.get("Contents", [])}


def files_under(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def a_photo():
    """A JPEG of its own, large enough to be scaled down for the admin's preview."""
    output = io.BytesIO()
    Image.new("RGB", (1200, 900), color=(30, 90, 160)).save(output, format="JPEG")
    return output.getvalue()


def test_an_image_uploaded_to_one_server_renders_and_is_served_by_the_other(stack, servers, facts):
    first, second = servers
    editor = Browser(stack)
    editor.log_in(first, "two-servers-editor", EDITOR_PASSWORD)
    title = f"Waiting room {uuid.uuid4().hex[:8]}"
    photo = a_photo()
    answer = editor.submit(
        first,
        "/admin/images/add/",
        {"title": title},
        files={"file": ("waiting-room.jpg", photo, "image/jpeg")},
    )
    assert answer.status_code == 302, answer.text[:500]

    listing = editor.get(second, f"/api/v2/images/?title={title.replace(' ', '+')}")
    [image] = listing.json()["items"]
    details = editor.get(second, f"/api/v2/images/{image['id']}/").json()
    original = details["meta"]["download_url"]
    served = editor.get(second, original.removeprefix(stack.env["WAGTAILAPI_BASE_URL"]))
    assert served.status_code == 200
    assert served.content == photo

    # The admin's preview is a rendition the other server makes from the stored original.
    edit_page = editor.get(second, f"/admin/images/{image['id']}/")
    assert edit_page.status_code == 200
    preview = BeautifulSoup(edit_page.text, "html.parser").find(
        "img", src=re.compile(r"^/media/images/")
    )
    assert preview is not None, "the image's edit page shows no rendition"
    rendition = editor.get(first, preview["src"])
    assert rendition.status_code == 200
    assert rendition.headers["Content-Type"].startswith("image/")
    shown = Image.open(io.BytesIO(rendition.content))
    assert shown.width < 1200
    assert shown.width * 900 == shown.height * 1200

    stored = bucket_keys(stack, "OBJECT_STORE_MEDIA_BUCKET")
    assert any(key.startswith("original_images/waiting-room") for key in stored)
    assert any(key == preview["src"].removeprefix("/media/") for key in stored)
    assert files_under(stack.env["MEDIA_ROOT"]) == []


def test_an_editors_session_and_saved_draft_carry_over_to_the_other_server(stack, servers, facts):
    first, second = servers
    editor = Browser(stack)
    editor.log_in(first, "two-servers-editor", EDITOR_PASSWORD)
    edit_path = f"/admin/snippets/people/testimonial/edit/{facts['testimonial']}/"
    draft_quote = "Back on my bike within a month (a draft, not yet reviewed)."
    saved = editor.submit(first, edit_path, {"headline_quote": draft_quote})
    assert saved.status_code == 302, saved.text[:500]

    # The other server knows the session (no login page) and shows the draft to go on with.
    assert editor.form(second, edit_path)["headline_quote"] == draft_quote
    public = editor.get(second, f"/api/v2/testimonials/{facts['testimonial']}/").json()
    assert public["headline_quote"] == facts["testimonial_quote"]

    # Its CSRF token and session carry the next save, made on the other server.
    finished_quote = "Back on my bike within a month."
    saved = editor.submit(second, edit_path, {"headline_quote": finished_quote})
    assert saved.status_code == 302, saved.text[:500]
    assert editor.form(first, edit_path)["headline_quote"] == finished_quote


def test_a_lead_file_sent_to_one_server_is_read_by_a_lead_manager_on_the_other(
    stack, servers, facts
):
    first, second = servers
    patient = Browser(stack)
    answer = patient.submit(
        first,
        MRI_FORM,
        {
            "full_name": "Two Servers Patient",
            "email": "patient@example.com",
            "symptoms": "Pain down the left leg.",
        },
        files={"mri_or_ct_report_or_images": ("mri-report.pdf", PDF_BYTES, "application/pdf")},
    )
    assert answer.status_code == 200, answer.text[:500]

    manager = Browser(stack)
    manager.log_in(second, "two-servers-manager", MANAGER_PASSWORD, facts["totp_key"])
    listing = manager.get(second, f"/admin/leads/forms/{facts['form']}/")
    assert listing.status_code == 200
    lead = BeautifulSoup(listing.text, "html.parser").find("a", string="Two Servers Patient")
    assert lead is not None, "the lead is not in the form's list"
    detail = manager.get(first, lead["href"])
    assert detail.status_code == 200
    download = BeautifulSoup(detail.text, "html.parser").find(
        "a", href=re.compile(r"^/admin/leads/files/\d+/$")
    )
    assert download is not None, "the lead's page links no file"
    file = manager.get(second, download["href"])
    assert file.status_code == 200
    assert file.content == PDF_BYTES

    stored = bucket_keys(stack, "OBJECT_STORE_LEADS_BUCKET")
    assert stored, "the lead file is not in the leads bucket"
    assert files_under(stack.env["LEADS_PRIVATE_ROOT"]) == []


def test_a_publish_on_one_server_is_fresh_on_the_other(stack, servers, facts):
    first, second = servers
    visitor = Browser(stack)
    visitor.get(second, PROCEDURE_PATH)
    kept = visitor.get(second, PROCEDURE_PATH)
    assert kept.headers.get(RENDER_CACHE) == "hit"

    title = f"Microdiscectomy {uuid.uuid4().hex[:6]}"
    published = requests.patch(
        f"{first}/api/v3/pages/{facts['procedure']}/",
        json={"meta": {"type": facts["procedure_type"], "action": "publish"}, "title": title},
        headers={"Authorization": f"Bearer {facts['token']}"},
        timeout=60,
    )
    assert published.status_code == 200, published.text[:500]
    stack.wait_for_tasks()

    fresh = visitor.get(second, PROCEDURE_PATH)
    assert fresh.status_code == 200
    assert fresh.headers.get(RENDER_CACHE) == "miss"
    assert title in fresh.text


NEW_PARTNER_KEY = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Site
from partners.models import Partner, PartnerKey, scopable_content_types
key = PartnerKey(partner=Partner.objects.create(name="Two servers partner"), label="both")
value = key.set_new_secret()
key.save()
key.sites.set(Site.objects.all())
key.locales.set(Locale.objects.all())
key.content_types.set(ContentType.objects.filter(scopable_content_types()))
print(json.dumps({"id": key.pk, "value": value}))
"""

REVOKE_PARTNER_KEY = """
from django.utils import timezone
from partners.models import PartnerKey
key = PartnerKey.objects.get(pk={id})
key.revoked_at = timezone.now()
key.save()
"""


def test_a_revoked_partner_key_is_refused_by_every_server_at_once(stack, servers):
    key = json.loads(stack.python(NEW_PARTNER_KEY).strip().splitlines()[-1])
    keyed = {"Authorization": f"Bearer {key['value']}"}
    for server in servers:  # each server has read the key and keeps its lookup
        assert requests.get(f"{server}/api/v2/pages/", headers=keyed, timeout=60).ok

    # Revoked by another process, as an admin on a third server would.
    stack.python(REVOKE_PARTNER_KEY.format(id=key["id"]))

    for server in servers:
        refused = requests.get(f"{server}/api/v2/pages/", headers=keyed, timeout=60)
        assert refused.status_code == 401, server
        assert refused.json()["message"]
