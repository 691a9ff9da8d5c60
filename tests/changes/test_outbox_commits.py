"""A move and its events, with real commits (#17): the move's own transaction is the outermost.

The other outbox tests run inside a test transaction, where Wagtail's atomic
blocks are savepoints. Here nothing wraps the change, as in a management command
or a v3 request, so what these tests see is what was committed.
"""

import pytest
from django.db import DatabaseError, connection
from wagtail.models import Page

from changes.models import ChangeEvent
from procedures.factories import ConditionPageFactory
from tests.builders import a_site, published

pytestmark = pytest.mark.django_db(transaction=True)

Kind = ChangeEvent.Kind


def outbox_down(*args, **kwargs):
    raise DatabaseError("the outbox cannot be written")


def test_a_move_commits_with_its_events_or_not_at_all(content_restored_afterwards, monkeypatch):
    scene = a_site()
    moving = published(ConditionPageFactory(parent=scene.conditions))
    staying = published(ConditionPageFactory(parent=scene.conditions))

    moving.move(scene.procedures, pos="last-child")
    assert connection.get_autocommit()  # committed, not held in a transaction
    assert ChangeEvent.objects.filter(object_id=moving.pk, kind=Kind.MOVED).exists()

    monkeypatch.setattr(ChangeEvent.objects, "bulk_create", outbox_down)
    with pytest.raises(DatabaseError):
        staying.move(scene.procedures, pos="last-child")
    monkeypatch.undo()
    assert Page.objects.get(pk=staying.pk).get_parent().pk == scene.conditions.pk
    assert not ChangeEvent.objects.filter(object_id=staying.pk, kind=Kind.MOVED).exists()
