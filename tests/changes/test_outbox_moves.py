"""Moves and new slugs reach the outbox in the transaction that makes them (#17).

Wagtail sends post_page_move after the move's own atomic block and
page_slug_changed once the change has committed: events written from those
signals could be missing for a committed move, or written for one that did not
happen. These tests hold the outbox to "the change and its events commit or
roll back together" for both, on the database of the pass (SQLite, or
PostgreSQL with DATABASE_URL).
"""

import pytest
from django.db import DatabaseError, transaction
from wagtail.models import Page

from changes.models import ChangeEvent
from procedures.factories import ConditionPageFactory
from tests.builders import a_site, published

pytestmark = pytest.mark.django_db

Kind = ChangeEvent.Kind


@pytest.fixture
def scene():
    return a_site()


@pytest.fixture
def section(scene):
    """A live condition page with a live page below it."""
    top = published(ConditionPageFactory(parent=scene.conditions, slug="back-pain"))
    published(ConditionPageFactory(parent=top, slug="sciatica"))
    return top


def child_of(page):
    return page.get_children().get().specific


def last_sequence():
    return ChangeEvent.objects.order_by("sequence").values_list("sequence", flat=True).last() or 0


def events_after(sequence):
    return list(ChangeEvent.objects.filter(sequence__gt=sequence))


def parent_id(page):
    return Page.objects.get(pk=page.pk).get_parent().pk


def test_a_move_records_each_live_page_of_the_subtree_at_its_new_address(scene, section):
    child = child_of(section)
    start = last_sequence()
    section.move(scene.procedures, pos="last-child")
    events = {e.object_id: e for e in events_after(start) if e.kind == Kind.MOVED}
    assert set(events) == {section.pk, child.pk}
    for page in (section, child):
        assert events[page.pk].url == Page.objects.get(pk=page.pk).get_full_url()
    assert "/procedures/back-pain/sciatica/" in events[child.pk].url


def test_a_move_is_numbered_between_the_changes_before_and_after_it(scene, section):
    other = published(ConditionPageFactory(parent=scene.conditions))
    start = last_sequence()
    published(other, title="Stenosis, revised")
    section.move(scene.procedures, pos="last-child")
    other.unpublish()
    order = [(e.object_id, e.kind) for e in events_after(start)]
    assert order == [
        (other.pk, Kind.PUBLISHED),
        (section.pk, Kind.MOVED),
        (child_of(section).pk, Kind.MOVED),
        (other.pk, Kind.UNPUBLISHED),
    ]
    sequences = [e.sequence for e in events_after(start)]
    assert sequences == sorted(sequences)


def test_a_move_whose_event_cannot_be_written_is_not_made(scene, section, monkeypatch):
    """No move without its events: the outbox failing fails the move."""
    before = parent_id(section)

    def outbox_down(*args, **kwargs):
        raise DatabaseError("the outbox cannot be written")

    monkeypatch.setattr(ChangeEvent.objects, "bulk_create", outbox_down)
    with pytest.raises(DatabaseError):
        section.move(scene.procedures, pos="last-child")
    assert parent_id(section) == before


def test_a_move_that_fails_in_its_transaction_records_nothing(scene, section, monkeypatch):
    """Wagtail rewrites the descendants' addresses last, after the events are written."""
    start = last_sequence()
    before = parent_id(section)

    def rewrite_fails(self, old_url_path, new_url_path):
        raise DatabaseError("the descendants' addresses could not be rewritten")

    monkeypatch.setattr(Page, "_update_descendant_url_paths", rewrite_fails)
    with pytest.raises(DatabaseError):
        section.move(scene.procedures, pos="last-child")
    assert events_after(start) == []
    assert parent_id(section) == before


def test_a_move_rolled_back_by_the_callers_transaction_records_nothing(scene, section):
    start = last_sequence()
    with pytest.raises(RuntimeError), transaction.atomic():
        section.move(scene.procedures, pos="last-child")
        raise RuntimeError("the rest of the editor's change failed")
    assert events_after(start) == []


def test_reordering_siblings_moves_no_address_and_records_nothing(scene, section):
    sibling = published(ConditionPageFactory(parent=scene.conditions))
    start = last_sequence()
    sibling.move(section, pos="left")
    assert events_after(start) == []


def test_a_new_slug_records_the_subtree_before_the_change_commits(
    section, django_capture_on_commit_callbacks
):
    child = child_of(section)
    start = last_sequence()
    # Nothing runs at commit: the events must already be there, in the change's transaction.
    with django_capture_on_commit_callbacks(execute=False):
        published(section, slug="lower-back-pain")
    moved = {e.object_id: e for e in events_after(start) if e.kind == Kind.MOVED}
    assert set(moved) == {section.pk, child.pk}
    assert moved[child.pk].url == Page.objects.get(pk=child.pk).get_full_url()
    assert moved[child.pk].url.endswith("/lower-back-pain/sciatica/")


def test_a_new_slug_that_rolls_back_records_nothing(section):
    start = last_sequence()
    with pytest.raises(RuntimeError), transaction.atomic():
        published(section, slug="lower-back-pain")
        raise RuntimeError("the publish's workflow step failed")
    assert events_after(start) == []
    assert Page.objects.get(pk=section.pk).slug == "back-pain"


def test_a_draft_save_that_keeps_the_slug_records_no_move(section):
    start = last_sequence()
    section.title = "Back pain, a draft"
    section.save_revision()
    assert events_after(start) == []


def test_a_new_slug_of_a_sites_home_keeps_every_address_and_the_site(scene, section):
    """A site's root slug is in no address, though every url_path below it changes."""
    start = last_sequence()
    published(scene.home, slug="renamed-home")
    moved = [e for e in events_after(start) if e.kind == Kind.MOVED]
    assert {e.object_id for e in moved} >= {scene.home.pk, section.pk, child_of(section).pk}
    for event in moved:
        assert event.site_id == scene.site.pk
        assert event.url == Page.objects.get(pk=event.object_id).get_full_url()
