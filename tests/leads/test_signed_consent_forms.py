"""The patient's signed authorization form (issue #18): attached in the consent ledger's admin
form, checked like a visitor's file, stored encrypted in the private storage outside
MEDIA_ROOT, downloaded only by the ledger's keepers of that clinic, each download logged,
re-encrypted by key rotation, and kept six years (its authorization cannot be deleted,
the lead retention purge leaves it)."""

import datetime
import io
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from cms.settings.base import object_store
from leads import crypto
from leads.models import SignedConsentForm, SubmissionAccessLog
from leads.storage import private_storage
from locations.factories import LocationPageFactory
from people.consent import TestimonialAuthorization
from people.factories import TestimonialFactory
from tests.helpers import running_clamav_url
from tests.leads.helpers import EXECUTABLE_BYTES, JPEG_BYTES, PDF_BYTES, eicar, lead_managers
from tests.leads.test_consent_ledger_scope import admin_as, an_admin_group, keeping_the_ledger

pytestmark = pytest.mark.django_db

Action = SubmissionAccessLog.Action
FIELD = "signed_form_file"
LEDGER = "wagtailsnippets_people_testimonialauthorization"
# The scan's name says whose form it is: it must stay out of every log and listing.
SCAN_NAME = "Consent Pat Quibblesworth.pdf"
NEW_EXPIRY = timezone.localdate() + datetime.timedelta(days=500)


@pytest.fixture(autouse=True)
def own_private_root(settings, tmp_path):
    """A private storage folder of each test's own, so that "nothing stored" means this test."""
    settings.LEADS_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def ledger(lead_site, django_user_model):
    """A Dallas and an Atlanta testimonial with their authorizations, and who keeps them."""
    dallas = LocationPageFactory(parent=lead_site.locations, title="Dallas, Texas")
    atlanta = LocationPageFactory(parent=lead_site.locations, title="Atlanta, Georgia")
    authorization = TestimonialAuthorization.objects.get(
        testimonial=TestimonialFactory(location=dallas)
    )
    TestimonialFactory(location=atlanta)
    users = {}
    for name, group in (
        ("dallas", lead_managers(dallas)),
        ("atlanta", lead_managers(atlanta)),
        ("no leads", an_admin_group("Ledger without leads")),
    ):
        keeping_the_ledger(group)
        users[name] = django_user_model.objects.create_user(username=name.replace(" ", "-"))
        users[name].groups.add(group)
    return authorization, users


def stored_files(settings):
    return [path for path in Path(settings.LEADS_PRIVATE_ROOT).rglob("*") if path.is_file()]


def scan(content=PDF_BYTES, name=SCAN_NAME):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_data(authorization, **changes):
    """The ledger's form as the admin posts it, with the authorization's values."""
    data = {
        "testimonial": authorization.testimonial_id,
        "signed_on": authorization.signed_on.isoformat(),
        "expires_on": authorization.expires_on.isoformat(),
        "revoked_on": "",
        "revocation_received": "",
        "revocation_scope": authorization.revocation_scope,
    }
    for field in TestimonialAuthorization._meta.get_fields():
        if field.get_internal_type() == "BooleanField" and getattr(authorization, field.name):
            data[field.name] = "on"
    data.update(changes)
    return data


def attach(client, authorization, content=PDF_BYTES, **changes):
    url = reverse(f"{LEDGER}:edit", args=[authorization.pk])
    return client.post(url, form_data(authorization, **{FIELD: scan(content)}, **changes))


def field_errors(response, name):
    """The errors the admin shows on a field, as text."""
    match = re.search(
        rf'id="panel-child-{name}-errors">(.*?)</div>', response.content.decode(), re.S
    )
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


def download(client, authorization):
    return client.get(reverse("leads:signed_form", args=[authorization.pk]))


def entries(action):
    return list(SubmissionAccessLog.objects.filter(action=action))


@pytest.fixture
def attached(ledger):
    """The Dallas authorization with its signed form, attached by a Dallas lead manager."""
    authorization, users = ledger
    response = attach(admin_as(users["dallas"]), authorization)
    assert response.status_code == 302, response.text[:500]
    return authorization, users


class TestAttaching:
    def test_recording_an_authorization_stores_the_form_encrypted_outside_media(
        self, ledger, settings
    ):
        authorization, users = ledger
        testimonial = TestimonialFactory(
            location=authorization.testimonial.location, live=False, authorized=False
        )
        client = admin_as(users["dallas"])

        response = client.post(
            reverse(f"{LEDGER}:add"),
            form_data(authorization, testimonial=testimonial.pk, **{FIELD: scan()}),
        )

        assert response.status_code == 302, response.text[:500]
        recorded = TestimonialAuthorization.objects.get(testimonial=testimonial)
        signed_form = SignedConsentForm.objects.get(authorization=recorded)
        [written] = stored_files(settings)
        assert written == Path(settings.LEADS_PRIVATE_ROOT) / signed_form.stored_name
        raw = written.read_bytes()
        assert PDF_BYTES not in raw and not raw.startswith(b"%PDF")
        assert crypto.decrypt(raw) == PDF_BYTES
        assert Path(settings.MEDIA_ROOT).resolve() not in written.resolve().parents
        with pytest.raises(NotImplementedError):
            private_storage().url(signed_form.stored_name)
        [logged] = entries(Action.CONSENT_ATTACH)
        assert (logged.user, logged.detail) == (
            users["dallas"],
            f"Testimonial authorization {recorded.pk}",
        )

    def test_recording_while_the_object_store_is_down_says_so_and_keeps_nothing(
        self, ledger, settings
    ):
        # The private bucket on the discard port, where nothing listens: connection refused.
        settings.STORAGES = {
            **settings.STORAGES,
            "leads": object_store(
                "leads.storage.PrivateObjectStorage", "leads", "http://127.0.0.1:9", "k", "s"
            ),
        }
        authorization, users = ledger
        testimonial = TestimonialFactory(
            location=authorization.testimonial.location, live=False, authorized=False
        )

        response = admin_as(users["dallas"]).post(
            reverse(f"{LEDGER}:add"),
            form_data(authorization, testimonial=testimonial.pk, **{FIELD: scan()}),
        )

        assert response.status_code == 503
        assert b"Nothing was saved" in response.content
        assert not TestimonialAuthorization.objects.filter(testimonial=testimonial).exists()
        assert not SignedConsentForm.objects.exists()
        assert not entries(Action.CONSENT_ATTACH)

    def test_the_edit_form_then_offers_the_download_instead_of_another_upload(self, attached):
        authorization, users = attached

        page = admin_as(users["dallas"]).get(reverse(f"{LEDGER}:edit", args=[authorization.pk]))

        assert reverse("leads:signed_form", args=[authorization.pk]) in page.text
        assert "A signed form is on file: PDF" in page.text
        assert f'name="{FIELD}"' not in page.text
        assert SCAN_NAME not in page.text

    @pytest.mark.parametrize(
        ("content", "error"),
        [
            (b"%PDF-1.7\n<html><body>not a form</body></html>\n", "could not be read as a whole"),
            (EXECUTABLE_BYTES, "is not a PDF, JPEG or PNG file"),
        ],
        ids=["damaged", "executable"],
    )
    def test_a_bad_file_gets_a_field_error_and_the_rest_is_kept(
        self, ledger, settings, content, error
    ):
        authorization, users = ledger
        client = admin_as(users["dallas"])

        response = attach(client, authorization, content, expires_on=NEW_EXPIRY.isoformat())

        assert response.status_code == 200
        assert error in field_errors(response, FIELD)
        assert f'value="{NEW_EXPIRY.isoformat()}"' in response.text
        assert TestimonialAuthorization.objects.get(pk=authorization.pk).expires_on != NEW_EXPIRY
        assert not SignedConsentForm.objects.exists()
        assert stored_files(settings) == []

    def test_an_infected_file_is_refused_by_the_virus_scanner(self, ledger, settings):
        settings.CLAMAV_URL = running_clamav_url()
        authorization, users = ledger

        response = attach(admin_as(users["dallas"]), authorization, eicar())

        assert "the virus check found a threat in it" in field_errors(response, FIELD)
        assert not SignedConsentForm.objects.exists()
        assert stored_files(settings) == []

    def test_a_scan_never_waits_in_the_temporary_folder(self, ledger, settings, tmp_path):
        # Django writes uploads past this size to a temporary file, unencrypted; with no
        # temporary folder at all that would fail.
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-folder")
        authorization, users = ledger

        response = attach(admin_as(users["dallas"]), authorization, JPEG_BYTES)

        assert response.status_code == 302, response.text[:500]
        assert SignedConsentForm.objects.get(authorization=authorization).read() == JPEG_BYTES


class TestDownloading:
    def test_the_clinic_s_lead_manager_downloads_the_same_bytes_each_time_logged(self, attached):
        authorization, users = attached
        client = admin_as(users["dallas"])

        first, second = download(client, authorization), download(client, authorization)

        assert first.status_code == second.status_code == 200
        assert first.content == second.content == PDF_BYTES
        assert first["Content-Type"] == "application/pdf"
        assert first["Content-Disposition"].startswith("attachment; ")
        assert "no-store" in first["Cache-Control"]
        logged = entries(Action.CONSENT_READ)
        assert len(logged) == 2
        for entry in logged:
            assert (entry.user, entry.detail) == (
                users["dallas"],
                f"Testimonial authorization {authorization.pk}",
            )
            assert "Quibblesworth" not in entry.detail and entry.submission_ids == []

    @pytest.mark.parametrize("who", ["atlanta", "no leads", "editor"])
    def test_others_are_refused_and_never_get_the_file(self, attached, who, django_user_model):
        authorization, users = attached
        if who == "editor":
            # Edits testimonials, but keeps no ledger and manages no leads.
            users[who] = django_user_model.objects.create_user(username="editor")
            group = an_admin_group("Testimonial editors")
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="people", codename__endswith="_testimonial"
                )
            )
            users[who].groups.add(group)

        response = download(admin_as(users[who]), authorization)

        # Refused as the ledger's own views refuse (Wagtail's admin: back to the dashboard,
        # with its "no permission" message).
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert PDF_BYTES not in response.content
        assert entries(Action.CONSENT_READ) == []

    def test_a_superuser_may_download_it(self, attached, admin_client):
        authorization, _users = attached
        assert download(admin_client, authorization).content == PDF_BYTES

    def test_an_authorization_without_a_form_is_a_404(self, ledger):
        authorization, users = ledger
        assert download(admin_as(users["dallas"]), authorization).status_code == 404

    def test_a_file_that_cannot_be_read_is_logged_as_a_failed_download(self, attached):
        authorization, users = attached
        private_storage().delete(authorization.signed_form.stored_name)

        response = download(admin_as(users["dallas"]), authorization)

        assert response.status_code == 302
        assert response["Location"] == reverse(f"{LEDGER}:edit", args=[authorization.pk])
        assert len(entries(Action.CONSENT_READ_FAILED)) == 1
        assert entries(Action.CONSENT_READ) == []


class TestKeptSixYears:
    def test_key_rotation_re_encrypts_the_form(self, attached, settings):
        authorization, _users = attached
        signed_form = authorization.signed_form
        path = Path(settings.LEADS_PRIVATE_ROOT) / signed_form.stored_name
        before = path.read_bytes()
        old_key, new_key = settings.FIELD_ENCRYPTION_KEY, Fernet.generate_key().decode()
        settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_OLD_KEYS = new_key, [old_key]

        call_command("rotate_lead_encryption", stdout=sys.stderr)

        after = path.read_bytes()
        assert after != before
        assert Fernet(new_key.encode()).decrypt(after) == PDF_BYTES
        settings.FIELD_ENCRYPTION_OLD_KEYS = []
        kept = SignedConsentForm.objects.get(pk=signed_form.pk)
        assert kept.read() == PDF_BYTES and kept.original_name == SCAN_NAME
        [logged] = entries(Action.ROTATE)
        assert logged.detail.endswith("1 signed consent form(s)")

    def test_an_authorization_with_a_form_cannot_be_deleted(self, attached):
        authorization, users = attached
        client = admin_as(users["dallas"])
        users["dallas"].groups.first().permissions.add(
            Permission.objects.get(codename="delete_testimonialauthorization")
        )

        response = client.post(reverse(f"{LEDGER}:delete", args=[authorization.pk]), follow=True)

        assert "signed form is kept with it for six years" in response.text
        assert TestimonialAuthorization.objects.filter(pk=authorization.pk).exists()
        assert SignedConsentForm.objects.get(authorization=authorization).read() == PDF_BYTES
        with pytest.raises(ProtectedError):
            TestimonialAuthorization.objects.filter(pk=authorization.pk).delete()

    def test_an_operator_deleting_the_row_takes_the_file_along(
        self, attached, settings, django_capture_on_commit_callbacks
    ):
        authorization, _users = attached
        assert len(stored_files(settings)) == 1

        with django_capture_on_commit_callbacks(execute=True):
            SignedConsentForm.objects.filter(authorization=authorization).delete()

        assert stored_files(settings) == []

    def test_the_lead_retention_purge_leaves_it(self, attached):
        authorization, _users = attached
        long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
        SignedConsentForm.objects.update(uploaded_at=long_ago)
        TestimonialAuthorization.objects.filter(pk=authorization.pk).update(created_at=long_ago)

        call_command("purge_submissions", days=1, stdout=io.StringIO())

        assert SignedConsentForm.objects.get(authorization=authorization).read() == PDF_BYTES


def test_the_ledger_lists_which_authorizations_have_their_signed_form(attached, superuser):
    with_form, _users = attached
    without_form = TestimonialAuthorization.objects.get(
        testimonial=TestimonialFactory(location=with_form.testimonial.location)
    )
    client = admin_as(superuser)

    listing = client.get(reverse(f"{LEDGER}:list"))

    on_file = signed_form_column(listing.content.decode())
    assert on_file[str(with_form.pk)] is True
    assert on_file[str(without_form.pk)] is False


def signed_form_column(html):
    """{authorization id: whether the listing's "Signed form" column ticks it}."""
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    headings = [cell.get_text(" ", strip=True) for cell in table.select("thead th")]
    column = headings.index("Signed form")
    ticks = {}
    for row in table.select("tbody tr"):
        link = row.select_one("a[href*='/edit/']")
        authorization_id = link["href"].rstrip("/").rsplit("/", 1)[1]
        ticks[authorization_id] = bool(row.select("td")[column].select(".icon-check"))
    return ticks
