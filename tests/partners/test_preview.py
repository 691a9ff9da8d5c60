"""Draft preview for partner front ends: an editor's "Partner: <name>" preview mode mints
a token that, with the partner's own preview key, reads one revision of one page or
snippet as the live v2 detail would give it; nothing else reads with it, and no shared
cache keeps it."""

import html
import json
import re
import time
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from core.factories import CallToActionFactory
from partners import preview
from partners.models import Partner
from people.factories import TestimonialFactory
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site, english, published
from tests.partners.conftest import bearer

PREVIEW = "/api/v2/partner/preview/"
ORIGIN = "https://partner.example"


@pytest.fixture
def scene(make_key):
    """A published procedure with a newer draft, and a partner whose key may preview it."""
    built = a_site()
    page = published(
        ProcedurePageFactory(parent=built.procedures, title="Foraminotomy"),
        summary="Published summary.",
    )
    published_revision = page.latest_revision
    page.summary = "Draft summary."
    draft_revision = page.save_revision()
    partner = Partner.objects.create(
        name="Physicians Network",
        preview_url=f"{ORIGIN}/preview/?token={{token}}",
        allowed_origins=ORIGIN,
    )
    _key, value = make_key(sites=[built.site], locales=[english()], partner=partner, preview=True)
    return SimpleNamespace(
        built=built,
        page=page,
        published_revision=published_revision,
        draft_revision=draft_revision,
        partner=partner,
        value=value,
        make_key=make_key,
    )


def token_for(scene, revision=None, page=None):
    revision = revision or scene.draft_revision
    page_id = (page or scene.page).pk
    return preview.mint(page_id, revision.pk, scene.partner.pk, ORIGIN)


def read(client, scene, token, value=None, **headers):
    return client.get(
        PREVIEW,
        {"token": token},
        headers={**scene.built.headers, **headers},
        **bearer(value or scene.value),
    )


def without_microseconds(detail):
    """A revision keeps times to the millisecond (Django's JSON encoder), the page to the
    microsecond: the draft's publication times equal the live page's to the millisecond."""
    times = {"last_published_at": detail, "first_published_at": detail["meta"]}
    for name, holder in times.items():
        holder[name] = holder[name][:23]
    return detail


def test_a_draft_reads_as_the_live_detail_would_give_it(client, scene):
    answer = read(client, scene, token_for(scene), origin=ORIGIN)
    assert answer.status_code == 200, answer.content
    live = client.get(
        f"/api/v2/pages/{scene.page.pk}/", headers=scene.built.headers, **bearer(scene.value)
    )
    draft, current = without_microseconds(answer.json()), without_microseconds(live.json())
    assert current["summary"] == "Published summary."
    assert draft["summary"] == "Draft summary."
    assert draft.keys() == current.keys() and draft["meta"].keys() == current["meta"].keys()
    # The summary is also the page's description for search engines, in its head and graph.
    assert {name for name in draft if draft[name] != current[name]} == {
        "summary",
        "seo",
        "schema_org",
    }
    assert "Draft summary." in json.dumps(draft["schema_org"])
    assert answer["Content-Language"] == "en"
    assert answer["Cache-Control"] == "private, no-store"
    assert answer["X-Robots-Tag"] == "noindex"
    assert answer["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Render-Cache" not in answer


def test_a_token_reads_its_own_page_and_revision_only(client, scene):
    older = read(client, scene, token_for(scene, revision=scene.published_revision))
    assert older.json()["summary"] == "Published summary."
    other_page = ProcedurePageFactory(parent=scene.built.procedures)
    assert read(client, scene, token_for(scene, page=other_page)).status_code == 404
    token = token_for(scene)
    tampered = token.replace(token[5], "A" if token[5] != "A" else "B", 1)
    claims = signing.loads(token, salt=preview.SALT)
    signed_for_something_else = signing.dumps(claims, salt="changes.cursor")
    for refused in (tampered, signed_for_something_else, "", "not-a-token"):
        answer = read(client, scene, refused)
        assert answer.status_code == 400, refused
        assert answer.json()["message"]


class SignedEarlier(signing.TimestampSigner):
    """A signer whose clock is one second past the tokens' lifetime behind."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - preview.settings.PARTNER_PREVIEW_SECONDS - 1)


def test_an_expired_token_is_gone(client, scene):
    claims = signing.loads(token_for(scene), salt=preview.SALT)
    expired = SignedEarlier(salt=preview.SALT).sign_object(claims, compress=True)
    answer = read(client, scene, expired)
    assert answer.status_code == 410
    assert "expired" in answer.json()["message"]


def test_only_the_partners_own_preview_key_reads_public_pages_of_its_scope(client, scene):
    token = token_for(scene)
    anonymous = client.get(PREVIEW, {"token": token}, headers=scene.built.headers)
    assert anonymous.status_code == 401
    sites, locales = [scene.built.site], [english()]
    _key, other_partners = scene.make_key(sites=sites, locales=locales, preview=True)
    _key, without_preview = scene.make_key(sites=sites, locales=locales, partner=scene.partner)
    _key, other_site = scene.make_key(
        sites=[a_site().site], locales=locales, partner=scene.partner, preview=True
    )
    assert read(client, scene, token, other_partners).status_code == 403
    assert read(client, scene, token, without_preview).status_code == 403
    assert read(client, scene, token, other_site).status_code == 404
    assert read(client, scene, token, origin="https://elsewhere.example").status_code == 403
    PageViewRestriction.objects.create(page=scene.page, restriction_type="login")
    assert read(client, scene, token).status_code == 404


def test_the_editor_previews_on_the_partner_front_end(admin_client, scene):
    not_previewing = Partner.objects.create(name="Directory", preview_url=f"{ORIGIN}/p/")
    scene.make_key(sites=[scene.built.site], locales=[english()], partner=not_previewing)
    editor = admin_client.get(f"/admin/pages/{scene.page.pk}/edit/")
    assert "Partner: Physicians Network" in editor.content.decode()
    assert "Partner: Directory" not in editor.content.decode()

    frame = admin_client.get(
        f"/admin/pages/{scene.page.pk}/revisions/{scene.draft_revision.pk}/view/",
        {"mode": f"partner-{scene.partner.pk}"},
    )
    assert frame.status_code == 200
    assert "no-store" in frame["Cache-Control"]
    assert f"frame-src {ORIGIN}" in frame["Content-Security-Policy"]
    link = html.unescape(re.search(r'href="([^"]+)"[^>]*data-partner-preview-link', frame.text)[1])
    assert link.startswith(f"{ORIGIN}/preview/?token=")
    token = link.removeprefix(f"{ORIGIN}/preview/?token=")
    admin_client.logout()
    answer = read(admin_client, scene, token)
    assert answer.status_code == 200
    assert answer.json()["summary"] == "Draft summary."


def test_a_preview_url_is_https_and_its_origin_is_allowed(db, settings):
    settings.PARTNER_PREVIEW_LOOPBACK_HTTP = False
    partner = Partner(name="Clinic", preview_url="https://clinic.example/preview/")
    partner.clean()
    assert partner.origins == ["https://clinic.example"]
    for insecure in ("http://clinic.example/preview/", "http://127.0.0.1:3000/preview/"):
        with pytest.raises(ValidationError):
            Partner(name="Clinic", preview_url=insecure).clean()
    settings.PARTNER_PREVIEW_LOOPBACK_HTTP = True
    Partner(name="Clinic", preview_url="http://127.0.0.1:3000/preview/").clean()
    with pytest.raises(ValidationError):
        Partner(name="Clinic", preview_url="http://clinic.example/preview/").clean()


def a_testimonial_draft(**changes):
    """A published testimonial, then a newer draft of it with ``changes``."""
    testimonial = TestimonialFactory(headline_quote="I walk again.")
    testimonial.save_revision().publish()
    for name, value in changes.items():
        setattr(testimonial, name, value)
    return testimonial, testimonial.save_revision()


def snippet_token(scene, snippet, revision):
    return preview.mint(
        snippet.pk, revision.pk, scene.partner.pk, ORIGIN, preview.model_label_of(snippet)
    )


def test_a_testimonial_draft_reads_as_its_live_detail_would_give_it(client, scene):
    testimonial, draft = a_testimonial_draft(headline_quote="I walk my dog again.")
    answer = read(client, scene, snippet_token(scene, testimonial, draft), origin=ORIGIN)
    assert answer.status_code == 200, answer.content
    live = client.get(
        f"/api/v2/testimonials/{testimonial.pk}/",
        headers=scene.built.headers,
        **bearer(scene.value),
    )
    assert live.status_code == 200
    previewed, current = answer.json(), live.json()
    assert current["headline_quote"] == "I walk again."
    assert previewed["headline_quote"] == "I walk my dog again."
    # The same fields as the endpoint's: what it keeps private stays out of the preview too.
    assert previewed.keys() == current.keys() and previewed["meta"] == current["meta"]
    assert {name for name in previewed if previewed[name] != current[name]} == {"headline_quote"}
    assert answer["Cache-Control"] == "private, no-store"
    assert answer["X-Robots-Tag"] == "noindex"


def test_a_snippet_outside_the_keys_types_is_not_found(client, scene):
    action = CallToActionFactory()
    revision = action.save_revision()
    pages_only = [ContentType.objects.get_for_model(type(scene.page))]
    _key, narrow = scene.make_key(
        sites=[scene.built.site],
        locales=[english()],
        content_types=pages_only,
        partner=scene.partner,
        preview=True,
    )
    token = snippet_token(scene, action, revision)
    assert read(client, scene, token).status_code == 200
    assert read(client, scene, token, narrow).status_code == 404
    unserved = preview.mint(action.pk, revision.pk, scene.partner.pk, ORIGIN, "auth.user")
    assert read(client, scene, unserved).status_code == 404


def test_the_editor_previews_a_snippet_on_the_partner_front_end(admin_client, scene):
    testimonial, draft = a_testimonial_draft(headline_quote="Back at work in a week.")
    snippet_admin = "/admin/snippets/people/testimonial"
    editor = admin_client.get(f"{snippet_admin}/edit/{testimonial.pk}/")
    assert "Partner: Physicians Network" in editor.content.decode()

    frame = admin_client.get(
        f"{snippet_admin}/history/{testimonial.pk}/revisions/{draft.pk}/view/",
        {"mode": f"partner-{scene.partner.pk}"},
    )
    assert frame.status_code == 200, frame.content
    assert "no-store" in frame["Cache-Control"]
    link = html.unescape(re.search(r'href="([^"]+)"[^>]*data-partner-preview-link', frame.text)[1])
    token = link.removeprefix(f"{ORIGIN}/preview/?token=")
    admin_client.logout()
    answer = read(admin_client, scene, token)
    assert answer.status_code == 200
    assert answer.json()["headline_quote"] == "Back at work in a week."
