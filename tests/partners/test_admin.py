"""Partners and keys in the admin: managed by superusers and holders of the permission
only; a new or rotated key is shown once, stored as a digest."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import get_page_models

from partners.models import Partner, PartnerKey, secret_digest
from tests.builders import a_site, english


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Referring Physicians Network")


def key_form(partner, built):
    page_type = ContentType.objects.get_for_model(get_page_models()[0])
    return {
        "partner": partner.pk,
        "label": "production",
        "expires_at": "",
        "sites": [built.site.pk],
        "locales": [english().pk],
        "content_types": [page_type.pk],
    }


def shown_key(response):
    html = response.content.decode()
    start = html.index('value="fpk_') + len('value="')
    return html[start : html.index('"', start)]


def test_a_new_key_is_shown_once_and_stored_as_its_digest(client, superuser, partner):
    built = a_site()
    client.force_login(superuser)
    response = client.post("/admin/partner_keys/new/", key_form(partner, built))
    assert response.status_code == 200
    full_key = shown_key(response)
    key = PartnerKey.objects.get()
    assert full_key.startswith(key.prefix + "_")
    assert key.secret_hash == secret_digest(full_key.split("_", 2)[2])
    edit = client.get(f"/admin/partner_keys/edit/{key.pk}/")
    assert full_key not in edit.content.decode()
    assert client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Bearer {full_key}").status_code == 200


def test_a_key_needs_a_site_a_locale_and_a_content_type(client, superuser, partner):
    built = a_site()
    client.force_login(superuser)
    for scope in ("sites", "locales", "content_types"):
        form = {**key_form(partner, built), scope: []}
        response = client.post("/admin/partner_keys/new/", form)
        assert response.status_code == 200
        assert not PartnerKey.objects.exists(), scope


def test_rotate_and_revoke_from_the_admin(client, superuser, partner):
    built = a_site()
    client.force_login(superuser)
    first = shown_key(client.post("/admin/partner_keys/new/", key_form(partner, built)))
    old = PartnerKey.objects.get()
    second = shown_key(client.post(f"/admin/partner_keys/rotate/{old.pk}/"))
    assert second != first
    old.refresh_from_db()
    assert old.expires_at is not None and old.revoked_at is None
    client.post(f"/admin/partner_keys/revoke/{old.pk}/")
    assert client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
    assert client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_the_partner_page_shows_keys_and_usage(client, superuser, partner):
    built = a_site()
    client.force_login(superuser)
    full_key = shown_key(client.post("/admin/partner_keys/new/", key_form(partner, built)))
    client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Bearer {full_key}")
    page = client.get(f"/admin/partners/edit/{partner.pk}/").content.decode()
    assert PartnerKey.objects.get().prefix in page
    assert "/api/v2/pages/" in page


def test_only_partner_managers_reach_the_partner_admin(client, django_user_model, partner):
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    urls = ["/admin/partners/", "/admin/partner_keys/new/", f"/admin/partners/edit/{partner.pk}/"]
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    editor.user_permissions.add(Permission.objects.get(codename="manage_partners"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_partners_origins_may_call_the_api_from_browsers(client, partner):
    origin = "https://referrals.example.org"
    headers = {"Origin": origin}
    assert "access-control-allow-origin" not in client.get("/api/v2/pages/", headers=headers)
    partner.allowed_origins = f"{origin}\nhttps://www.referrals.example.org"
    partner.save()
    answer = client.get("/api/v2/pages/", headers=headers)
    assert answer["access-control-allow-origin"] == origin
    partner.active = False
    partner.save()
    assert "access-control-allow-origin" not in client.get("/api/v2/pages/", headers=headers)
