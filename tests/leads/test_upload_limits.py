"""No lead-form request can make a worker buffer more than the form takes.

Real multipart bodies through Django's test client and the whole middleware
stack: an oversize body is refused from its Content-Length before it is parsed
(then read to its end and dropped, so that the 413 page reaches the visitor
through Varnish rather than a reset connection), files the form does not ask
for are dropped unread, a body larger than the edge lets through is never read, and editors cannot
build a form whose requests would exceed the limit. The edge (Varnish) refuses
larger bodies with the same number (tests/frontcache/test_varnish.py).
"""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, FakePayload, encode_multipart
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from leads.models import LeadFormPage, LeadSubmission
from tests.builders import a_translation
from tests.leads.helpers import PDF_BYTES, mri_data, upload

pytestmark = pytest.mark.django_db

# Wagtail's own limit when WAGTAILIMAGES_MAX_UPLOAD_SIZE is not set.
WAGTAIL_IMAGE_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_FIELD = "mri_or_ct_report_or_images"
VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "foramen.vcl"
# Small limits, so that oversize bodies stay small in the tests.
SMALL_LIMITS = {"LEADS_UPLOAD_MAX_BYTES": 64 * 1024, "LEADS_FORM_TEXT_MAX_BYTES": 16 * 1024}


class CountingPayload(FakePayload):
    """The request body, counting what the app reads of it."""

    def __init__(self, body):
        super().__init__(body)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


class EmptyBody(io.BytesIO):
    """A body announced and never sent: there is nothing to drop after the refusal."""


class UnreadableBody:
    """A body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_body(client, url, body, **extra):
    return client.generic("POST", url, data=body, content_type=MULTIPART_CONTENT, **extra)


def pdf_of(size):
    return PDF_BYTES + b"0" * (size - len(PDF_BYTES))


class TestRequestSize:
    @pytest.fixture(autouse=True)
    def small_limits(self, settings):
        for name, value in SMALL_LIMITS.items():
            setattr(settings, name, value)

    def test_a_body_larger_than_the_form_takes_is_refused_unparsed_and_dropped(
        self, site_client, mri_form
    ):
        body = encode_multipart(BOUNDARY, mri_data(**{UPLOAD_FIELD: upload(pdf_of(100 * 1024))}))
        payload = CountingPayload(body)
        response = post_body(site_client, mri_form.url, body, **{"wsgi.input": payload})
        assert response.status_code == 413  # a parsed body would get the field's own error
        assert payload.bytes_read == len(body)  # then dropped to its end
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_a_body_of_gigabytes_is_refused_from_its_announced_length_and_never_read(
        self, site_client, mri_form
    ):
        response = site_client.generic(
            "POST",
            mri_form.url,
            CONTENT_TYPE=MULTIPART_CONTENT,
            CONTENT_LENGTH=str(3 * 1024**3),
            **{"wsgi.input": UnreadableBody()},
        )
        assert response.status_code == 413

    def test_the_refusal_tells_the_visitor_the_limit_and_that_their_answers_are_kept(
        self, site_client, mri_form
    ):
        response = site_client.generic(
            "POST",
            mri_form.url,
            CONTENT_TYPE=MULTIPART_CONTENT,
            CONTENT_LENGTH=str(10 * 1024**2),
            **{"wsgi.input": EmptyBody()},
        )
        text = re.sub(r"\s+", " ", response.content.decode())
        assert response["Content-Type"].startswith("text/html")
        assert "no-store" in response["Cache-Control"]
        assert "Files may be at most 64.0 KB each" in text.replace("\xa0", " ")
        assert "Your answers are still in the form" in text
        assert "Nothing was sent and nothing was stored" in text

    def test_the_refusal_is_in_spanish_on_a_spanish_form(self, site_client, mri_form):
        a_translation(mri_form.get_parent().specific)
        spanish = a_translation(mri_form, consent_text="<p>Al enviar este formulario acepta…</p>")
        response = site_client.generic(
            "POST",
            urlsplit(spanish.full_url).path,
            CONTENT_TYPE=MULTIPART_CONTENT,
            CONTENT_LENGTH=str(10 * 1024**2),
            **{"wsgi.input": EmptyBody()},
        )
        text = response.content.decode()
        assert response.status_code == 413
        assert "Su solicitud no se envió" in text

    def test_a_form_without_uploads_takes_text_only(self, site_client, info_kit_form):
        text_limit = settings.LEADS_FORM_TEXT_MAX_BYTES
        body = encode_multipart(BOUNDARY, {"full_name": "x" * (text_limit + 1)})
        response = post_body(site_client, info_kit_form.url, body)
        assert response.status_code == 413
        assert "This form takes typed answers only" in response.content.decode()

    def test_a_file_within_the_limit_is_stored(self, site_client, mri_form):
        data = mri_data(**{UPLOAD_FIELD: upload(pdf_of(settings.LEADS_UPLOAD_MAX_BYTES))})
        response = site_client.post(mri_form.url, data)
        assert response.status_code == 200
        [stored] = LeadSubmission.objects.get(page=mri_form).uploads.all()
        assert stored.size == settings.LEADS_UPLOAD_MAX_BYTES

    def test_posts_to_other_public_pages_take_text_only(self, site_client, lead_site):
        body = encode_multipart(BOUNDARY, {"q": "x" * (settings.LEADS_FORM_TEXT_MAX_BYTES + 1)})
        response = post_body(site_client, lead_site.home.url, body)
        assert response.status_code == 413


class TestFilesTheFormDoesNotAskFor:
    def test_more_files_than_the_form_has_upload_fields_are_refused(self, site_client, mri_form):
        data = mri_data(extra_one=upload(), extra_two=upload(), extra_three=upload())
        response = site_client.post(mri_form.url, data)
        assert response.status_code == 400
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_a_file_under_an_unknown_name_is_dropped_unread(self, site_client, mri_form):
        data = mri_data(**{UPLOAD_FIELD: None, "not_a_field": upload()})
        response = site_client.post(mri_form.url, data)
        assert "not_a_field" not in response.wsgi_request.FILES
        assert not LeadSubmission.objects.filter(page=mri_form).exists()

    def test_a_second_file_for_the_same_field_is_dropped_unread(
        self, site_client, mri_form, settings
    ):
        settings.LEADS_UPLOAD_FIELDS_MAX = settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
        data = mri_data(**{UPLOAD_FIELD: [upload(), upload(name="again.pdf")]})
        response = site_client.post(mri_form.url, data)
        assert response.status_code == 200
        assert [f.name for f in response.wsgi_request.FILES.getlist(UPLOAD_FIELD)] == ["report.pdf"]
        assert LeadSubmission.objects.get(page=mri_form).uploads.count() == 1


class TestSettings:
    def test_django_takes_as_many_files_per_request_as_a_form_may_have_upload_fields(self):
        assert max(settings.LEADS_UPLOAD_FIELDS_MAX, 1) == settings.DATA_UPLOAD_MAX_NUMBER_FILES
        assert settings.LEADS_REQUEST_MAX_BYTES == (
            settings.LEADS_UPLOAD_FIELDS_MAX * settings.LEADS_UPLOAD_MAX_BYTES
            + settings.LEADS_FORM_TEXT_MAX_BYTES
        )

    def test_varnish_refuses_bodies_above_the_apps_own_limit(self):
        [limit] = re.findall(
            r"std\.integer\(req\.http\.Content-Length, 0\) > (\d+)", VCL.read_text()
        )
        assert int(limit) == settings.LEADS_REQUEST_MAX_BYTES

    def test_editors_uploads_fit_under_the_edge_limit(self):
        images = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", WAGTAIL_IMAGE_MAX_BYTES)
        assert images < settings.LEADS_REQUEST_MAX_BYTES
        assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE < settings.LEADS_REQUEST_MAX_BYTES


def lead_form_data(field_types):
    return nested_form_data(
        {
            "title": "Second opinion",
            "slug": "second-opinion",
            "intro": rich_text("<p>Send us your scans.</p>"),
            "consent_text": rich_text(""),
            "thank_you_text": rich_text("<p>Thanks.</p>"),
            "to_address": "care@example.com",
            "from_address": "",
            "subject": "",
            "form_fields": inline_formset(
                [
                    {"label": f"Field {number}", "field_type": field_type, "required": "on"}
                    for number, field_type in enumerate(field_types)
                ]
            ),
        }
    )


class TestEditorsBuildForms:
    def add_url(self, parent):
        return reverse("wagtailadmin_pages:add", args=("leads", "leadformpage", parent.pk))

    def test_a_form_with_more_upload_fields_than_allowed_cannot_be_saved(
        self, admin_client, lead_site
    ):
        data = lead_form_data(["singleline", "upload", "upload"])
        response = admin_client.post(self.add_url(lead_site.home), data)
        assert response.status_code == 200
        assert "A lead form may have at most 1 upload field" in response.content.decode()
        assert not LeadFormPage.objects.filter(slug="second-opinion").exists()

    def test_a_form_with_one_upload_field_is_saved(self, admin_client, lead_site):
        data = lead_form_data(["singleline", "upload"])
        response = admin_client.post(self.add_url(lead_site.home), data)
        assert response.status_code == 302
        assert LeadFormPage.objects.filter(slug="second-opinion").exists()
