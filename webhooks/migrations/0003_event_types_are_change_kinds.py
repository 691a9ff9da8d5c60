"""Event types become the outbox's kinds, and names that are not one are refused.

The form used to accept any name and suggested ``page.published``; an endpoint
filtered that way was never told anything. Existing filters are normalised:
``page.<kind>`` becomes ``<kind>`` and ``<a>.<b>`` becomes ``<a>_<b>`` when that is a
kind (``snippet.deleted`` → ``snippet_deleted``); other names are dropped. An
endpoint left with no known name would now be told every event, which its owner
never asked for, so it is disabled instead, with the reason shown in the admin.
"""

from django.db import migrations, models

import webhooks.models

# The kinds of this migration's time (changes.models.ChangeEvent.Kind; page_changed
# came on the integration branch alongside).
KINDS = {
    "published",
    "unpublished",
    "deleted",
    "moved",
    "translation_published",
    "snippet_published",
    "snippet_changed",
    "snippet_deleted",
    "withdrawn",
    "made_public",
    "page_changed",
}
NOTHING_KNOWN = (
    "Its event types named no existing type (e.g. page.published instead of published):"
    " choose them again, then enable it."
)


def as_kind(name):
    name = str(name).strip().lower()
    for candidate in (name, name.removeprefix("page."), name.replace(".", "_")):
        if candidate in KINDS:
            return candidate
    return None


def normalise_event_types(apps, schema_editor):
    WebhookEndpoint = apps.get_model("webhooks", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.all():
        names = endpoint.event_types if isinstance(endpoint.event_types, list) else []
        kinds = list(dict.fromkeys(kind for kind in map(as_kind, names) if kind))
        if kinds == names:
            continue
        endpoint.event_types = kinds
        if not kinds:
            endpoint.enabled = False
            endpoint.disabled_reason = NOTHING_KNOWN
        endpoint.save(update_fields=["event_types", "enabled", "disabled_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_endpoint_partner_and_coalescing"),
    ]

    operations = [
        migrations.RunPython(normalise_event_types, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="event_types",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Only events of these types; none: every type.",
                validators=[webhooks.models.validate_event_types],
                verbose_name="event types",
            ),
        ),
    ]
