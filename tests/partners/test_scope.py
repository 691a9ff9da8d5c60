"""A key reads its scope only, on every page read of both APIs: listings count what is in
scope, and what is outside (another site, another language, a type the key does not name)
is a 404. Anonymous reads are answered as they were."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from api.v2 import SNIPPET_ENDPOINTS
from core.factories import ImageFactory
from partners.models import PartnerKey
from people.factories import PhysicianFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from procedures.models import ConditionPage, ProcedurePage
from tests.builders import a_site, a_translation, english
from tests.partners.conftest import bearer, every_content_type

#: The page reads of each channel: (listing, detail of id, find of an html_path).
CHANNELS = {
    "v2": ("/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/pages/find/?html_path={path}"),
    "v3": ("/api/v3/pages/", "/api/v3/pages/{id}/", "/api/v3/pages/find/?html_path={path}"),
}


@pytest.fixture
def scene(make_key):
    """Two sites; the key names the first, English, and every type but conditions."""
    inside = a_site()
    outside = a_site()
    procedure = ProcedurePageFactory(parent=inside.procedures, title="Foraminotomy")
    ConditionPageFactory(parent=inside.conditions, title="Stenosis")
    a_translation(procedure, title="Foraminotomía")
    ProcedurePageFactory(parent=outside.procedures, title="Elsewhere")
    condition_type = ContentType.objects.get_for_model(ConditionPage)
    content_types = [ct for ct in every_content_type() if ct != condition_type]
    _key, value = make_key(sites=[inside.site], locales=[english()], content_types=content_types)
    return inside, outside, value


def in_scope(page, inside):
    page = page.specific
    return (
        page.path.startswith(inside.home.path)
        and page.locale_id == english().pk
        and not isinstance(page, ConditionPage)
    )


def listed_ids(client, url, headers, query=(), **extra):
    response = client.get(url, {"limit": 50, **dict(query)}, headers=headers, **extra)
    assert response.status_code == 200, response.content
    data = response.json()
    # v2 counts in meta.total_count, v3 in count (django-ninja's envelope).
    total = data["meta"]["total_count"] if "meta" in data else data["count"]
    return {item["id"] for item in data["items"]}, total


def html_path(page, built):
    return page.url_path.removeprefix(built.home.url_path).strip("/") + "/"


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_listing_holds_and_counts_the_scope_only(client, scene, channel):
    inside, _outside, value = scene
    listing = CHANNELS[channel][0]
    anonymous, _total = listed_ids(client, listing, inside.headers)
    expected = {pk for pk in anonymous if in_scope(Page.objects.get(pk=pk), inside)}
    assert expected and expected != anonymous
    keyed, total = listed_ids(client, listing, inside.headers, **bearer(value))
    assert keyed == expected
    assert total == len(expected)


@pytest.mark.parametrize("channel", CHANNELS)
def test_details_and_finds_outside_the_scope_are_404(client, scene, channel):
    inside, outside, value = scene
    _listing, detail, find = CHANNELS[channel]
    for built in (inside, outside):
        for page in Page.objects.live().descendant_of(built.home, inclusive=True).specific():
            status = 200 if in_scope(page, inside) else 404
            response = client.get(detail.format(id=page.pk), headers=built.headers, **bearer(value))
            assert response.status_code == status, (page, built.host)
            assert "json" in response["Content-Type"]
            if page.locale_id != english().pk:
                continue  # a translation is found under its own language's path
            response = client.get(
                find.format(path=html_path(page, built)), headers=built.headers, **bearer(value)
            )
            assert (response.status_code == 404) == (status == 404), (page, built.host)


@pytest.mark.parametrize("channel", CHANNELS)
def test_search_finds_the_scope_only(client, scene, channel):
    inside, _outside, value = scene
    listing = CHANNELS[channel][0]
    search = {"search": "Stenosis"}
    assert listed_ids(client, listing, inside.headers, search, **bearer(value)) == (set(), 0)
    search = {"search": "Foraminotomy"}
    keyed, _total = listed_ids(client, listing, inside.headers, search, **bearer(value))
    assert {Page.objects.get(pk=pk).title for pk in keyed} == {"Foraminotomy"}


@pytest.mark.parametrize("name", SNIPPET_ENDPOINTS)
def test_snippet_endpoints_answer_the_types_the_key_names(client, make_key, name):
    built = a_site()
    PhysicianFactory()
    model = SNIPPET_ENDPOINTS[name].model
    others = [ct for ct in every_content_type() if ct.model_class() is not model]
    _key, without = make_key(sites=[built.site], locales=[english()], content_types=others)
    _key, with_all = make_key(sites=[built.site], locales=[english()])
    url = f"/api/v2/{name}/"
    assert listed_ids(client, url, built.headers, **bearer(without)) == (set(), 0)
    anonymous, _total = listed_ids(client, url, built.headers)
    english_ids = set(
        model.objects.filter(pk__in=anonymous)
        .filter(**({"locale": english()} if hasattr(model, "locale") else {}))
        .values_list("pk", flat=True)
    )
    keyed, total = listed_ids(client, url, built.headers, **bearer(with_all))
    assert keyed <= english_ids and total == len(keyed)
    for pk in anonymous - keyed:
        response = client.get(f"{url}{pk}/", headers=built.headers, **bearer(with_all))
        assert response.status_code == 404


def test_keyed_answers_are_private_and_anonymous_ones_public(client, scene, settings):
    inside, _outside, value = scene
    anonymous = client.get("/api/v2/pages/", headers=inside.headers)
    assert anonymous["Cache-Control"] == settings.API_PUBLIC_CACHE_CONTROL
    assert "RateLimit-Limit" not in anonymous
    keyed = client.get("/api/v2/pages/", headers=inside.headers, **bearer(value))
    assert keyed["Cache-Control"] == "private, no-store"
    # A keyed answer is never kept as an anonymous one: the next anonymous read sees it all.
    again = client.get("/api/v2/pages/", headers=inside.headers)
    assert again.json() == anonymous.json()


def test_a_key_scope_change_is_seen_at_the_next_request(client, scene):
    inside, _outside, value = scene
    key = PartnerKey.objects.get()
    key.sites.clear()
    assert listed_ids(client, "/api/v2/pages/", inside.headers, **bearer(value)) == (set(), 0)


def test_a_key_reads_the_images_its_scopes_content_shows(client, scene):
    inside, outside, value = scene
    shown_inside, shown_outside, unused = ImageFactory(), ImageFactory(), ImageFactory()
    inside_page = ProcedurePage.objects.get(title="Foraminotomy")
    inside_page.hero_image = shown_inside
    inside_page.save_revision().publish()
    outside_page = ProcedurePage.objects.get(title="Elsewhere")
    outside_page.hero_image = shown_outside
    outside_page.save_revision().publish()

    keyed, total = listed_ids(
        client, "/api/v2/images/", inside.headers, HTTP_AUTHORIZATION=f"Bearer {value}"
    )
    # Besides the demo's, when loaded: its physicians' portraits are in the key's scope too.
    assert shown_inside.pk in keyed and total == len(keyed)
    assert not {shown_outside.pk, unused.pk} & keyed
    searched, _total = listed_ids(
        client, "/api/v2/images/", inside.headers, {"search": "Test image"}, **bearer(value)
    )
    assert shown_inside.pk in searched and not {shown_outside.pk, unused.pk} & searched
    public, _total = listed_ids(client, "/api/v2/images/", inside.headers)
    assert {shown_inside.pk, shown_outside.pk, unused.pk} <= public
    for image, status in ((shown_inside, 200), (shown_outside, 404), (unused, 404)):
        detail = client.get(f"/api/v2/images/{image.pk}/", headers=inside.headers, **bearer(value))
        assert detail.status_code == status, image
        assert client.get(f"/api/v2/images/{image.pk}/", headers=inside.headers).status_code == 200
