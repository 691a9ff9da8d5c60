"""Keyed reads share the render cache between keys of the same scope (frontcache/render_cache.py),
in a real Redis: a second key of that scope is answered from it, a key of another scope never
is, anonymous visitors and keys never share an answer, a publish retires keyed answers as it
does anonymous ones, and every request of a key is counted and rate-limited, hits included."""

import pytest
from django.contrib.contenttypes.models import ContentType

from partners.keys import KeyScope
from partners.models import KeyUsage
from procedures.factories import ProcedurePageFactory
from procedures.models import ConditionPage
from tests.builders import a_site, english, spanish
from tests.partners.conftest import bearer, every_content_type

STATUS = "X-Render-Cache"


@pytest.fixture(autouse=True)
def caches_in_redis(production_caches):
    """The render cache, rate limits and content generation in the test's own Redis."""
    return production_caches


@pytest.fixture
def scene(make_key):
    """Two sites, a procedure on each; two keys naming only the first site (of two
    partners), and one naming both."""
    inside = a_site()
    outside = a_site()
    procedure = ProcedurePageFactory(parent=inside.procedures, title="Foraminotomy")
    elsewhere = ProcedurePageFactory(parent=outside.procedures, title="Elsewhere")
    _first, first = make_key(sites=[inside.site], locales=[english()])
    _second, second = make_key(sites=[inside.site], locales=[english()])
    _wide, wide = make_key(sites=[inside.site, outside.site], locales=[english()])
    return inside, outside, procedure, elsewhere, first, second, wide


def keyed(client, url, built, value):
    return client.get(url, headers=built.headers, **bearer(value))


@pytest.mark.parametrize("channel", ["/api/v2/pages/{id}/", "/api/v3/pages/{id}/"])
def test_a_second_key_of_the_same_scope_is_answered_from_the_cache(client, scene, channel):
    inside, _outside, procedure, _elsewhere, first, second, _wide = scene
    url = channel.format(id=procedure.pk)
    made = keyed(client, url, inside, first)
    shared = keyed(client, url, inside, second)
    assert (made.status_code, shared.status_code) == (200, 200)
    assert (made[STATUS], shared[STATUS]) == ("miss", "hit")
    assert shared.content == made.content
    # Kept or not, a keyed answer stays its reader's: Varnish and browsers' shared caches
    # never store it, and it says what is left of the key's minute.
    for response in (made, shared):
        assert response["Cache-Control"] == "private, no-store"
        assert "RateLimit-Remaining" in response


def test_listings_are_shared_per_query_too(client, scene):
    inside, _outside, _procedure, _elsewhere, first, second, _wide = scene
    listing = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title"
    assert keyed(client, listing, inside, first)[STATUS] == "miss"
    assert keyed(client, listing, inside, second)[STATUS] == "hit"
    assert keyed(client, listing + "&limit=1", inside, second)[STATUS] == "miss"


def test_anonymous_visitors_and_keys_never_share_an_answer(client, scene):
    inside, _outside, procedure, _elsewhere, first, _second, _wide = scene
    detail = f"/api/v2/pages/{procedure.pk}/"
    assert client.get(detail, headers=inside.headers)[STATUS] == "miss"
    assert keyed(client, detail, inside, first)[STATUS] == "miss"
    assert keyed(client, detail, inside, first)[STATUS] == "hit"
    anonymous = client.get(detail, headers=inside.headers)
    assert anonymous[STATUS] == "hit"
    assert anonymous["Cache-Control"].startswith("public")
    assert "RateLimit-Limit" not in anonymous


def test_what_a_wider_scope_kept_stays_out_of_a_narrower_ones_reach(client, scene):
    inside, outside, _procedure, elsewhere, first, _second, wide = scene
    detail = f"/api/v2/pages/{elsewhere.pk}/"
    listing = "/api/v2/pages/?type=procedures.ProcedurePage&fields=title&limit=50"
    for url in (detail, listing):
        keyed(client, url, outside, wide)
        assert keyed(client, url, outside, wide)[STATUS] == "hit"
    refused = keyed(client, detail, outside, first)
    assert refused.status_code == 404
    assert STATUS not in refused
    narrow = keyed(client, listing, outside, first)
    assert narrow[STATUS] == "miss"
    assert "Elsewhere" not in {item["title"] for item in narrow.json()["items"]}
    # And the other way round: what the narrow key kept is not the wide key's answer.
    assert keyed(client, listing, outside, first)[STATUS] == "hit"
    widest = keyed(client, listing, outside, wide)
    assert widest[STATUS] == "hit"
    assert "Elsewhere" in {item["title"] for item in widest.json()["items"]}


def test_a_publish_retires_the_keyed_answers(client, scene):
    inside, _outside, procedure, _elsewhere, first, second, _wide = scene
    detail = f"/api/v2/pages/{procedure.pk}/"
    keyed(client, detail, inside, first)
    assert keyed(client, detail, inside, second)[STATUS] == "hit"
    procedure.title = "Foraminotomy, revised"
    procedure.save_revision().publish()
    fresh = keyed(client, detail, inside, second)
    assert fresh[STATUS] == "miss"
    assert fresh.json()["title"] == "Foraminotomy, revised"


def test_every_request_is_counted_and_limited_hits_included(client, make_key):
    built = a_site()
    procedure = ProcedurePageFactory(parent=built.procedures, title="Foraminotomy")
    key, value = make_key(sites=[built.site], locales=[english()])
    key.partner.rate_limit_per_minute = 4
    key.partner.save()
    detail = f"/api/v2/pages/{procedure.pk}/"
    answers = [keyed(client, detail, built, value) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert [answer.get(STATUS) for answer in answers[:4]] == ["miss", "hit", "hit", "hit"]
    assert [answer["RateLimit-Remaining"] for answer in answers] == ["3", "2", "1", "0", "0"]
    assert sum(KeyUsage.objects.filter(key=key).values_list("requests", flat=True)) == 5


def scope(**changes):
    fields = {
        "key_id": 1,
        "partner_id": 1,
        "rate_limit_per_minute": 120,
        "site_ids": frozenset({1, 2}),
        "locale_ids": frozenset({1}),
        "content_type_ids": frozenset({3, 4}),
        "preview": False,
    }
    return KeyScope(**{**fields, **changes})


def test_the_fingerprint_is_the_scope_and_nothing_else():
    same = scope(key_id=2, partner_id=2, rate_limit_per_minute=5, site_ids=frozenset({2, 1}))
    assert same.fingerprint == scope().fingerprint
    others = [
        scope(site_ids=frozenset({1})),
        scope(locale_ids=frozenset({1, 2})),
        scope(content_type_ids=frozenset({3})),
        scope(preview=True),
    ]
    assert len({scope().fingerprint, *(other.fingerprint for other in others)}) == 5


def test_keys_of_other_languages_or_types_are_other_scopes(client, make_key):
    built = a_site()
    procedure = ProcedurePageFactory(parent=built.procedures, title="Foraminotomy")
    detail = f"/api/v2/pages/{procedure.pk}/"
    condition_type = ContentType.objects.get_for_model(ConditionPage)
    _all, every_type = make_key(sites=[built.site], locales=[english()])
    _fewer, fewer_types = make_key(
        sites=[built.site],
        locales=[english()],
        content_types=[ct for ct in every_content_type() if ct != condition_type],
    )
    _both, both_languages = make_key(sites=[built.site], locales=[english(), spanish()])
    assert keyed(client, detail, built, every_type)[STATUS] == "miss"
    assert keyed(client, detail, built, fewer_types)[STATUS] == "miss"
    assert keyed(client, detail, built, both_languages)[STATUS] == "miss"
