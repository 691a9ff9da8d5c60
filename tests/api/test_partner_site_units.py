"""The example partner site's own logic, without a server: its webhook verifier against
the Standard Webhooks reference library, and how a sync's items land in its copy and
its folder of pages. tests/api/test_partner_site_live.py runs it all against the CMS."""

import datetime
import json

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from examples.partner_site import output
from examples.partner_site.client import PartnerSiteError
from examples.partner_site.signatures import InvalidWebhook, verified_event
from examples.partner_site.sync import Store, sync
from webhooks import signing

BODY = json.dumps({"type": "published", "data": {"id": 42, "sequence": 7}})


def signed_message(secret, body=BODY, minutes_ago=0, webhook_id="msg_1"):
    """A message as Foramen sends it (webhooks.signing), sent ``minutes_ago``."""
    sent_at = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=minutes_ago)
    return body.encode(), signing.signed_headers([secret], webhook_id, sent_at, body.encode())


def reference_accepts(secret, body, headers):
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


def example_accepts(secret, body, headers):
    try:
        verified_event(secret, body, headers)
    except InvalidWebhook:
        return False
    return True


def messages(secret):
    """(name, body, headers): genuine messages and altered ones."""
    body, headers = signed_message(secret)
    other_secret = signing.new_secret()
    rotating = signing.signed_headers(
        [other_secret, secret],
        "msg_2",
        datetime.datetime.now(tz=datetime.UTC),
        body,
    )
    return [
        ("genuine", body, headers),
        ("signed with the old and the new secret", body, rotating),
        ("body altered", body.replace(b"42", b"43"), headers),
        ("id altered", body, headers | {"webhook-id": "msg_other"}),
        ("another secret", *signed_message(other_secret)),
        ("ten minutes old", *signed_message(secret, minutes_ago=10)),
        ("ten minutes ahead", *signed_message(secret, minutes_ago=-10)),
        ("four minutes old", *signed_message(secret, minutes_ago=4)),
        ("signature not base64", body, headers | {"webhook-signature": "v1,***"}),
        (
            "another version",
            body,
            headers | {"webhook-signature": "v2" + headers["webhook-signature"][2:]},
        ),
        ("no signature", body, {k: v for k, v in headers.items() if k != "webhook-signature"}),
    ]


@pytest.mark.parametrize("secret", [signing.new_secret() for _ in range(3)])
def test_the_example_verifies_webhooks_as_the_reference_library_does(secret):
    for name, body, headers in messages(secret):
        assert example_accepts(secret, body, headers) == reference_accepts(secret, body, headers), (
            name
        )


def test_a_verified_webhook_gives_its_event():
    secret = signing.new_secret()
    assert verified_event(secret, *signed_message(secret)) == json.loads(BODY)


class Feed:
    """The sync feed's answers, in order; an answer that is an exception is raised."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked = []

    def sync(self, cursor=None, limit=100):
        self.asked.append(cursor)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def a_page(page_id, title, path, page_type="procedures.ProcedurePage"):
    return {
        "id": page_id,
        "title": title,
        "meta": {"type": page_type, "html_url": f"https://cms.example{path}", "slug": "x"},
    }


def upsert(page):
    return {"sequence": 1, "id": page["id"], "deleted": False, "page": page}


def answer(*items, cursor, has_more=False):
    return {"items": list(items), "next_cursor": cursor, "has_more": has_more}


def test_sync_starts_from_the_beginning_then_follows_the_cursor(tmp_path):
    first = a_page(1, "Foraminotomy", "/procedures/foraminotomy/")
    second = a_page(2, "Dallas", "/locations/dallas-tx/", "locations.LocationPage")
    feed = Feed(
        answer(upsert(first), cursor="c1", has_more=True),
        answer(upsert(second), cursor="c2"),
        answer({"sequence": 9, "id": 1, "deleted": True, "reason": "unpublished"}, cursor="c3"),
    )
    store = Store.open(tmp_path)

    assert sync(feed, store).upserted == [1, 2]
    assert Store.open(tmp_path).cursor == "c2"
    changes = sync(feed, Store.open(tmp_path))

    assert feed.asked == [None, "c1", "c2"]
    assert changes.removed == [1]
    assert Store.open(tmp_path).pages == {2: second}
    assert Store.open(tmp_path).cursor == "c3"


def test_an_expired_cursor_rebuilds_the_copy_from_the_beginning(tmp_path):
    kept = a_page(1, "Foraminotomy", "/procedures/foraminotomy/")
    store = Store(tmp_path, {1: kept, 5: a_page(5, "Gone", "/procedures/gone/")}, "old")
    feed = Feed(PartnerSiteError("expired", status=410), answer(upsert(kept), cursor="new"))

    changes = sync(feed, store)

    assert feed.asked == ["old", None]
    assert changes.restarted
    assert changes.removed == [5]
    assert changes.upserted == []
    assert Store.open(tmp_path).pages == {1: kept}


def test_other_errors_keep_the_copy_as_it_was(tmp_path):
    store = Store(tmp_path, {}, "c1")
    with pytest.raises(PartnerSiteError):
        sync(Feed(PartnerSiteError("down", status=503)), store)
    assert not (tmp_path / "pages.json").exists()


def test_pages_are_written_at_their_addresses_and_removed_when_gone_or_moved(tmp_path):
    out = tmp_path / "out"
    page = a_page(1, "Foraminotomy", "/procedures/foraminotomy/")
    condition = a_page(3, "Sciatica", "/conditions/sciatica/", "procedures.ConditionPage")
    feed = Feed(
        answer(upsert(page), upsert(condition), cursor="c1"),
        answer(upsert(a_page(1, "Foraminotomy", "/procedures/lumbar/")), cursor="c2"),
        answer({"sequence": 3, "id": 1, "deleted": True, "reason": "deleted"}, cursor="c3"),
    )
    store = Store.open(tmp_path / "store")

    written, _removed = output.apply(out, sync(feed, store), "Partner")
    assert written == [out / "procedures" / "foraminotomy" / "index.html"]  # no condition pages
    output.apply(out, sync(feed, store), "Partner")
    assert not (out / "procedures" / "foraminotomy").exists()
    assert (out / "procedures" / "lumbar" / "index.html").exists()
    _written, removed = output.apply(out, sync(feed, store), "Partner")
    assert removed == [out / "procedures" / "lumbar" / "index.html"]
    assert list(out.iterdir()) == []


def test_an_address_cannot_climb_out_of_the_folder(tmp_path):
    page = a_page(1, "Odd", "/../../etc/passwd/")
    assert output.page_file(tmp_path, page) == tmp_path / "etc" / "passwd" / "index.html"
