"""Property (#17): whatever editors do, replaying the sync feed gives what the v2 listing gives.

Random sequences of publishing, unpublishing, moving (a page, or a section to
another site), deleting, translating and making pages private or public again
run on a small tree of two sites, with reads of the feed in between. Three
readers follow the feed side by side: the public of site one, a partner key
narrowed to the English condition pages of site one (a section moved to site
two leaves its scope, and comes back), and a partner key for Spanish pages on
both sites (translations come into it). For each, a reader that started with
``initial=true`` and applied every answer, and a reader that starts afresh at
the end, must both hold exactly the pages (ids, titles and addresses) that
``/api/v2/pages/`` lists for it on the sites it may read.
"""

from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page, PageViewRestriction, Site

from frontcache.content_changes import note_content_changed
from partners.models import Partner
from procedures.factories import ConditionIndexPageFactory, ConditionPageFactory
from procedures.models import ConditionPage
from tests.builders import a_site, a_translation, english, published, spanish
from tests.helpers import fuzz_settings
from tests.partners.conftest import make_key  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

SYNC = "/api/v2/sync/"
# Small pages of the feed, so that examples cross cursor boundaries.
FEED_LIMIT = 3
ACTIONS = (
    "create",
    "republish",
    "unpublish",
    "move",
    "move_section",
    "delete",
    "translate",
    "make_private",
    "make_public",
    "read_feed",
)
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 7), st.integers(0, 1)),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def tree():
    """Site one, in English and Spanish, with a second conditions section; site two."""
    one, two = a_site(), a_site()
    one.in_spanish()
    section = ConditionIndexPageFactory(parent=one.home, title="More conditions", slug="more")
    return {"one": one, "two": two, "section": section}


@dataclass
class Reader:
    """Who syncs: the client that reads the feed, and those whose listings, together,
    are what it may read (one per site of its scope)."""

    feed: Client
    listings: list

    @classmethod
    def of(cls, key, sites):
        auth = {"authorization": f"Bearer {key}"} if key else {}
        clients = [Client(headers={**built.headers, **auth}) for built in sites]
        return cls(feed=clients[0], listings=clients)

    def listed(self):
        pages = {}
        for client in self.listings:
            pages.update(listed(client))
        return pages


@pytest.fixture
def readers(tree, make_key):  # noqa: F811
    one, two = tree["one"], tree["two"]
    # Every request of a key counts against its partner's limit: this test makes many.
    partner = Partner.objects.create(name="Replaying partner", rate_limit_per_minute=10**6)
    conditions = [ContentType.objects.get_for_model(ConditionPage)]
    _key, english_conditions = make_key(
        partner=partner, sites=[one.site], locales=[english()], content_types=conditions
    )
    _key, spanish_anywhere = make_key(
        partner=partner, sites=[one.site, two.site], locales=[spanish()]
    )
    return {
        "public of site one": Reader.of(None, [one]),
        "English conditions of site one": Reader.of(english_conditions, [one]),
        "Spanish of both sites": Reader.of(spanish_anywhere, [one, two]),
    }


class Replica:
    """What a partner holds: pages by id, from the feed's upserts and tombstones."""

    def __init__(self, client):
        self.client = client
        self.pages = {}
        self.cursor = None

    def read(self):
        query = {"cursor": self.cursor} if self.cursor else {"initial": "true"}
        while True:
            response = self.client.get(SYNC, {**query, "limit": FEED_LIMIT})
            assert response.status_code == 200, response.content
            answer = response.json()
            for item in answer["items"]:
                if item["deleted"]:
                    self.pages.pop(item["id"], None)
                else:
                    self.pages[item["id"]] = shown(item["page"])
            self.cursor = answer["next_cursor"]
            if not answer["has_more"]:
                return self.pages
            query = {"cursor": self.cursor}


def shown(page):
    return (page["title"], page["meta"]["html_url"])


def listed(client):
    pages, offset = {}, 0
    while True:
        response = client.get("/api/v2/pages/", {"limit": 50, "offset": offset})
        assert response.status_code == 200, response.content
        answer = response.json()
        pages.update({item["id"]: shown(item) for item in answer["items"]})
        offset += 50
        if offset >= answer["meta"]["total_count"]:
            return pages


class Editor:
    """Carries out the steps on the tree, on the pages it created."""

    def __init__(self, tree, replicas):
        self.tree = tree
        self.replicas = replicas
        self.created = []
        self.edits = 0
        # A page in the first section and two in the second, so that early steps act on pages.
        for choice in (0, 1, 1):
            self.do("create", 0, choice)

    def page(self, index):
        ids = [pk for pk in self.created if Page.objects.filter(pk=pk).exists()]
        return Page.objects.get(pk=ids[index % len(ids)]).specific if ids else None

    def sections(self):
        # Loaded afresh: an earlier step (or example) may have moved them.
        ids = [self.tree["one"].conditions.pk, self.tree["section"].pk]
        return [Page.objects.get(pk=pk) for pk in ids]

    def do(self, action, index, choice):
        if action == "create":
            parent = self.sections()[choice]
            page = published(ConditionPageFactory(parent=parent))
            self.created.append(page.pk)
        elif action == "read_feed":
            for replica in self.replicas:
                replica.read()
        elif (page := self.page(index)) is not None:
            getattr(self, action)(page, choice)
        # A new Spanish root or a section moved between sites changes the sites'
        # root paths; Wagtail clears them itself only for a site's own root page.
        Site.clear_site_root_paths_cache()

    def republish(self, page, choice):
        self.edits += 1
        published(page, title=f"{page.title.split(' #')[0]} #{self.edits}")

    def unpublish(self, page, choice):
        if page.live:
            page.unpublish()

    def move(self, page, choice):
        if page.locale.language_code == "en":
            page.move(self.sections()[choice], pos="last-child")

    def move_section(self, page, choice):
        site = self.tree[("one", "two")[choice]]
        Page.objects.get(pk=self.tree["section"].pk).move(site.home, pos="last-child")

    def delete(self, page, choice):
        page.delete()

    def translate(self, page, choice):
        if page.locale.language_code == "en" and page.live:
            self.created.append(a_translation(page).pk)

    def make_private(self, page, choice):
        PageViewRestriction.objects.get_or_create(page=page, restriction_type="login")

    def make_public(self, page, choice):
        for restriction in PageViewRestriction.objects.filter(page=page):
            restriction.delete()


@fuzz_settings(max_examples=8)
@given(steps=steps)
def test_replaying_the_feed_gives_the_listing(tree, readers, steps):
    with transaction.atomic():
        replicas = {name: Replica(reader.feed) for name, reader in readers.items()}
        editor = Editor(tree, list(replicas.values()))
        for replica in replicas.values():
            replica.read()
        for action, index, choice in steps:
            editor.do(action, index, choice)
        for name, reader in readers.items():
            expected = reader.listed()
            assert replicas[name].read() == expected, name
            assert Replica(reader.feed).read() == expected, name
        transaction.set_rollback(True)
    # The rows go without the signals that would retire what was kept of them.
    Site.clear_site_root_paths_cache()
    note_content_changed()
