"""The data migration that turns the statistic blocks' free text into claims.

Before claims, a statistic block held ``{figure, label, source}``; now it holds
``{claim}``. Each distinct statistic (its text, in its language) becomes one claim, and
every block that stated it, in the content's own row (a page's live content, or its
draft when not live) and in its latest and live revisions, points at that claim. Older
revisions keep the free text: reverting to one shows no statistic until one is chosen.

A statistic has no period, method or evidence to migrate: its claim gets an empty
period (the page shows the figure and its source), a method that says so, and an
expiry ``GRACE`` after the migration, by when its owner has to substantiate it or the
pages showing it can no longer be published (docs/governance.md, "Substantiated claims").
Statistics in two languages at the same place of a page and of its translation become
one claim and its translation.
"""

import datetime
import json
import uuid

from django.conf import settings
from django.db import migrations

GRACE = datetime.timedelta(days=90)
MIGRATED_METHOD = (
    "Migrated from a statistic's free text: no evidence was on file. Add the method, "
    "population, period and source document."
)


def statistics_to_claims(app_label, fields):
    """A RunPython operation for ``{model name: [stream field names]}`` of ``app_label``."""

    def forwards(apps, schema_editor):
        converter = _Converter(apps)
        for model_name, names in fields.items():
            converter.convert_model(apps.get_model(app_label, model_name), names)

    def backwards(apps, schema_editor):
        converter = _Converter(apps, forwards=False)
        for model_name, names in fields.items():
            converter.convert_model(apps.get_model(app_label, model_name), names)

    return migrations.RunPython(forwards, backwards, elidable=False)


class _Converter:
    def __init__(self, apps, forwards=True):
        self.forwards = forwards
        self.Claim = apps.get_model("cms", "Claim")
        self.Locale = apps.get_model("wagtailcore", "Locale")
        self.Revision = apps.get_model("wagtailcore", "Revision")
        self.ContentType = apps.get_model("contenttypes", "ContentType")
        self.claims = {}  # (locale id, figure, label, source) -> claim id
        self.translation_keys = {}  # (content's translation key, block id) -> claim's
        self.expires_on = datetime.date.today() + GRACE

    def convert_model(self, model, names):
        translatable = any(field.name == "translation_key" for field in model._meta.fields)
        extra = ["locale_id", "translation_key"] if translatable else []
        revisions = {}
        for row in model.objects.order_by("pk").values("pk", *names, *extra):
            owner = (row.get("locale_id") or self.default_locale_id(), row.get("translation_key"))
            changed = {}
            for name in names:
                raw = list(row[name].raw_data) if row[name] is not None else []
                if self.convert_stream(raw, owner):
                    changed[name] = raw
            if changed:
                model.objects.filter(pk=row["pk"]).update(**changed)
            revisions[str(row["pk"])] = owner
        if revisions and any(f.name == "latest_revision" for f in model._meta.fields):
            self.convert_revisions(model, names, revisions)

    def convert_revisions(self, model, names, owners):
        pages = model.objects.values_list("latest_revision_id", "live_revision_id")
        ids = {pk for pair in pages for pk in pair if pk is not None}
        for revision in self.Revision.objects.filter(pk__in=ids):
            content = revision.content
            changed = False
            for name in names:
                stored = content.get(name)
                raw = json.loads(stored) if isinstance(stored, str) else stored
                if raw and self.convert_stream(raw, owners[revision.object_id]):
                    content[name] = json.dumps(raw) if isinstance(stored, str) else raw
                    changed = True
            if changed:
                self.Revision.objects.filter(pk=revision.pk).update(content=content)

    def convert_stream(self, raw, owner):
        """Rewrite the statistic items of a raw stream in place; whether any changed."""
        changed = False
        for item in raw:
            value = item.get("value")
            if item.get("type") != "statistic" or not isinstance(value, dict):
                continue
            if self.forwards and "claim" not in value:
                item["value"] = {"claim": self.claim_for(value, owner, item.get("id"))}
                changed = True
            elif not self.forwards and "claim" in value:
                item["value"] = self.free_text_of(value["claim"])
                changed = True
        return changed

    def claim_for(self, value, owner, block_id):
        locale_id, content_key = owner
        text = (value.get("figure", ""), value.get("label", ""), value.get("source", ""))
        known = self.claims.get((locale_id, *text)) or self.migrated_claim_id(locale_id, text)
        if known is not None:
            return known
        place = (content_key, block_id)
        translation_key = self.translation_keys.get(place)
        taken = self.Claim.objects.filter(translation_key=translation_key, locale_id=locale_id)
        if translation_key is None or content_key is None or taken.exists():
            translation_key = uuid.uuid4()
        figure, label, source = text
        claim = self.Claim.objects.create(
            translation_key=translation_key,
            locale_id=locale_id,
            figure=figure[:20],
            wording=label[:200],
            source=source[:200],
            period="",
            method=MIGRATED_METHOD,
            expires_on=self.expires_on,
        )
        self.claims[(locale_id, *text)] = claim.pk
        if content_key is not None:
            self.translation_keys.setdefault(place, translation_key)
        return claim.pk

    def migrated_claim_id(self, locale_id, text):
        """The claim this migration made of the same text for another app's pages."""
        figure, label, source = text
        same = self.Claim.objects.filter(
            locale_id=locale_id,
            figure=figure[:20],
            wording=label[:200],
            source=source[:200],
            method=MIGRATED_METHOD,
        )
        return same.values_list("pk", flat=True).first()

    def free_text_of(self, claim_id):
        claim = self.Claim.objects.filter(pk=claim_id).first()
        if claim is None:
            return {"figure": "", "label": "", "source": ""}
        return {"figure": claim.figure, "label": claim.wording, "source": claim.source}

    def default_locale_id(self):
        language = settings.LANGUAGE_CODE.split("-")[0]
        locale = (
            self.Locale.objects.filter(language_code__startswith=language).first()
            or self.Locale.objects.order_by("pk").first()
        )
        return locale.pk
