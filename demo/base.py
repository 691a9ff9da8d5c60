"""What every demo builder shares: the run report, the context and validated saves."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin


class Report:
    """Counts what the loader created and what it found already present, per kind."""

    def __init__(self):
        self.created = Counter()
        self.present = Counter()
        self.kinds = []

    def _note(self, kind):
        if kind not in self.kinds:
            self.kinds.append(kind)

    def add_created(self, kind):
        self._note(kind)
        self.created[kind] += 1

    def add_present(self, kind):
        self._note(kind)
        self.present[kind] += 1

    def lines(self):
        width = max((len(kind) for kind in self.kinds), default=0)
        for kind in self.kinds:
            yield (
                f"{kind.ljust(width)}  created {self.created[kind]} / "
                f"already present {self.present[kind]}"
            )
        yield (
            f"{'Total'.ljust(width)}  created {sum(self.created.values())} / "
            f"already present {sum(self.present.values())}"
        )

    @property
    def total_created(self):
        return sum(self.created.values())


@dataclass
class DemoContext:
    """Everything the builders hand on to each other, keyed by short demo names."""

    report: Report = field(default_factory=Report)
    today: datetime.date = field(default_factory=timezone.localdate)
    site: object = None
    home: object = None
    home_created: bool = False
    collection: object = None
    images: dict = field(default_factory=dict)
    indexes: dict = field(default_factory=dict)
    calls_to_action: dict = field(default_factory=dict)
    claims: dict = field(default_factory=dict)
    physicians: dict = field(default_factory=dict)
    conditions: dict = field(default_factory=dict)
    procedures: dict = field(default_factory=dict)
    testimonials: dict = field(default_factory=dict)
    locations: dict = field(default_factory=dict)
    lead_forms: dict = field(default_factory=dict)
    # (storage, name) of every file written, to remove them if the transaction rolls back
    written_files: list = field(default_factory=list)

    def days(self, offset):
        return self.today + datetime.timedelta(days=offset)


# --- Values for StreamFields and rich text ---------------------------------------


def paragraphs(*texts):
    """Rich text HTML: one <p> per text. Texts are trusted demo HTML, not escaped."""
    return "".join(f"<p>{text}</p>" for text in texts)


def bullets(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def block(block_type, value):
    """One StreamField child in the raw JSON form that StreamField.to_python accepts."""
    return {"type": block_type, "value": value}


def cta_block(call_to_action, heading=""):
    return block("call_to_action", {"call_to_action": call_to_action.pk, "heading": heading})


def validate_streams(instance):
    """Run each StreamField's block validation, which Model.full_clean() does not do."""
    errors = {}
    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, StreamField):
            value = getattr(instance, model_field.attname)
            try:
                model_field.stream_block.clean(value)
            except ValidationError as error:
                errors[model_field.name] = error
    if errors:
        raise ValidationError(errors)


def clean_children(children, parent_field="page"):
    """Validate inline (ParentalKey) rows before their page is saved, numbering them."""
    for position, child in enumerate(children):
        child.sort_order = position
        child.full_clean(exclude=[parent_field])
    return children


# --- Saving ---------------------------------------------------------------------


def save_snippet(instance, before_publish=None):
    """Validate and save a new snippet as the admin would: revision, and publish if drafts exist
    (after ``before_publish(instance)``, which records what publishing needs)."""
    if isinstance(instance, TranslatableMixin) and instance.locale_id is None:
        instance.locale = Locale.get_default()
    if isinstance(instance, DraftStateMixin):
        instance.live = False
    instance.full_clean()
    validate_streams(instance)
    instance.save()
    log(instance, "wagtail.create")
    if isinstance(instance, RevisionMixin):
        revision = instance.save_revision()
        if isinstance(instance, DraftStateMixin):
            if before_publish is not None:
                before_publish(instance)
            revision.publish()
            instance.refresh_from_db()
    return instance


def find_child(parent, slug):
    """The existing child page with this slug, as its specific type, or None."""
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def add_page(parent, page, publish=True):
    """Validate, add under parent, then save a revision and publish it, as the admin does."""
    validate_streams(page)
    page.live = False
    parent.add_child(instance=page)
    log(page, "wagtail.create")
    if publish:
        publish_page(page)
    return page


def publish_page(page):
    validate_streams(page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_page(ctx, kind, parent, slug, build):
    """The child page of parent with this slug; built by build() and published if missing."""
    existing = find_child(parent, slug)
    if existing is not None:
        ctx.report.add_present(kind)
        return existing
    page = build()
    page.slug = slug
    add_page(parent, page)
    ctx.report.add_created(kind)
    return page
