"""Record content changes in the outbox, in the transaction that makes them.

``record`` writes one ChangeEvent through the caller's database connection: if
the change's transaction rolls back, so does its event. Once the transaction
commits, ``change_recorded`` is sent with each event, for delivery (webhooks
connect to it); a rolled-back change sends nothing. Coalescing several events
of one object is the deliverer's business: the outbox keeps every one.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.dispatch import Signal
from django.urls import NoReverseMatch, reverse
from wagtail.api.utils import get_base_url
from wagtail.models import Page, Site, TranslatableMixin

from changes.models import ChangeEvent

#: Sent once the event's transaction has committed; provides ``event``.
change_recorded = Signal()

# Any fixed number: the advisory lock that puts events' sequence in commit order.
SEQUENCE_LOCK = 0x466F72616D656E
# Model -> name of its API v2 endpoint, registered by the api app (register_api_endpoint).
_api_endpoints = {}


def register_api_endpoint(model, endpoint):
    """Events of ``model`` name the v2 detail of ``endpoint`` as their ``api_url``."""
    _api_endpoints[model] = endpoint


def record(kind, instance, *, revision=None, **fields):
    """Write one event of ``kind`` about ``instance`` (a page or a snippet).

    Site, language, translation key, URL and API URL are read from the instance;
    ``fields`` overrides them (a page that has left a site is also told to it).
    """
    return record_many(kind, [instance], revision=revision, **fields)[0]


def record_many(kind, instances, *, revision=None, **fields):
    """One event of ``kind`` per instance (a moved subtree), in one insert."""
    events = [
        ChangeEvent(kind=kind, revision_id=revision.pk if revision else None, **described)
        for described in (_described(instance) | fields for instance in instances)
    ]
    if not events:
        return []
    with transaction.atomic():
        _take_sequence_lock()
        created = ChangeEvent.objects.bulk_create(events)
    transaction.on_commit(lambda: _announce(created), robust=True)
    return created


def _take_sequence_lock():
    """On PostgreSQL, hold the sequence lock until the transaction ends (see ChangeEvent)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEQUENCE_LOCK])


def _announce(events):
    for event in events:
        change_recorded.send(sender=ChangeEvent, event=event)


def _described(instance):
    if isinstance(instance, Page):
        return page_fields(instance)
    fields = {
        "content_type_id": ContentType.objects.get_for_model(instance).pk,
        "object_id": instance.pk,
        "api_url": _v2_detail_url(_api_endpoints.get(type(instance)), instance.pk),
    }
    if isinstance(instance, TranslatableMixin):
        fields["locale_code"] = instance.locale.language_code
        fields["translation_key"] = instance.translation_key
    return fields


def page_fields(page):
    """What an event tells of a page: where it is and in what language."""
    site_id, url = _site_and_url(page)
    return {
        "content_type_id": page.content_type_id,
        "object_id": page.pk,
        "site_id": site_id,
        "locale_code": page.locale.language_code,
        "translation_key": page.translation_key,
        "url": url,
        "api_url": _v2_detail_url("pages", page.pk),
    }


def _site_and_url(page):
    parts = page.get_url_parts()
    if not parts:
        return None, ""
    site_id, root_url, path = parts
    return site_id, (root_url or "") + path


def site_at(url_path):
    """The site whose tree holds ``url_path`` (any of its languages), or None."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return root.site_id
    return None


def _v2_detail_url(endpoint, pk):
    if endpoint is None:
        return ""
    try:
        return (get_base_url() or "") + reverse(f"wagtailapi_v2:{endpoint}:detail", args=[pk])
    except NoReverseMatch:
        return ""
