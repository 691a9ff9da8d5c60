"""What a partner's endpoint may be told: the events its partner's usable keys may read.

The rule is the sync feed's (``changes.scope.Scope.events``): an event is told to
those who may read the place the outbox recorded it in. A page that leaves a site
is recorded in the site it left as well (changes/signals.py), and a withdrawal or an
unpublish where the object was shown, so a partner hears that something left its
scope, as its sync feed gives it a tombstone, and hears nothing of places it may
not read. The partner's scope is read again for each event and each attempt, so a
revoked or narrowed key narrows what is sent from then on.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from partners.scope import partner_scope


@dataclass(frozen=True)
class EventScope:
    """Sites (ids), languages (codes) and content types ("app_label.model") of events."""

    site_ids: frozenset
    locale_codes: frozenset
    content_types: frozenset
    page_types: frozenset

    def takes(self, event):
        """Whether a thin event lies inside: a page's event in one of the sites, any event
        in one of the languages when it has one, always of one of the content types."""
        content_type = event.get("content_type")
        if content_type not in self.content_types:
            return False
        if event.get("locale") is not None and event["locale"] not in self.locale_codes:
            return False
        if event.get("site") is not None:
            return event["site"] in self.site_ids
        # A page outside every site is in no partner's scope; a snippet has no site.
        return content_type not in self.page_types


def event_scope(partner, now=None):
    """The partner's scope (the union of its usable keys') in the terms of events."""
    scope = partner_scope(partner, now)
    content_types = [
        ContentType.objects.get_for_id(content_type_id)
        for content_type_id in sorted(scope.content_type_ids)
    ]
    return EventScope(
        site_ids=scope.site_ids,
        locale_codes=frozenset(
            Locale.objects.filter(pk__in=scope.locale_ids).values_list("language_code", flat=True)
        ),
        content_types=frozenset(label(content_type) for content_type in content_types),
        page_types=frozenset(
            label(content_type)
            for content_type in content_types
            if issubclass(content_type.model_class() or object, Page)
        ),
    )


def label(content_type):
    """How an event names a content type (changes.models.ChangeEvent.payload)."""
    return f"{content_type.app_label}.{content_type.model}"


class Scopes:
    """Each partner's event scope, read once per dispatch or sending run."""

    def __init__(self, now=None):
        self.now = now
        self._by_partner = {}

    def allow(self, endpoint, event):
        """Whether the endpoint's partner (if any) may be told of the event."""
        if endpoint.partner_id is None:
            return True
        if endpoint.partner_id not in self._by_partner:
            self._by_partner[endpoint.partner_id] = event_scope(endpoint.partner, self.now)
        return self._by_partner[endpoint.partner_id].takes(event)
