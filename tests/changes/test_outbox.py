"""The outbox (#17): each change of published content writes one event, in its own transaction."""

import datetime

import pytest
from django.apps import apps
from django.core import serializers
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from changes.models import ChangeEvent
from changes.outbox import change_recorded
from core.factories import CallToActionFactory
from core.models import CallToAction
from leads.factories import LeadFormPageFactory
from leads.models import LeadNote, LeadSubmission
from people.consent import TestimonialAuthorization
from people.factories import PhysicianFactory, TestimonialFactory
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from tests.builders import a_site, a_translation, published

pytestmark = pytest.mark.django_db

Kind = ChangeEvent.Kind
PATIENT_NAME = "Rosalind Patient-Secret"
PATIENT_PHONE = "+1 555 0100"
PATIENT_NOTE = "Follow-up about her L4-L5 MRI"
CONSENT_DATE = datetime.date(2019, 3, 14)


@pytest.fixture
def scene():
    return a_site()


def events_after(sequence):
    return list(ChangeEvent.objects.filter(sequence__gt=sequence))


def last_sequence():
    return ChangeEvent.objects.order_by("sequence").values_list("sequence", flat=True).last() or 0


def test_a_publish_records_what_a_partner_needs_to_fetch_the_page(scene):
    start = last_sequence()
    page = ConditionPageFactory(parent=scene.conditions, title="Sciatica")
    page = published(page)
    [event] = [e for e in events_after(start) if e.object_id == page.pk]
    assert event.kind == Kind.PUBLISHED
    assert event.site_id == scene.site.pk
    assert event.locale_code == "en"
    assert event.translation_key == page.translation_key
    assert event.revision_id == page.live_revision_id
    assert event.url == page.get_full_url()
    assert event.api_url.endswith(f"/api/v2/pages/{page.pk}/")
    assert event.payload()["content_type"] == "procedures.conditionpage"


def test_a_spanish_publish_is_a_translation_published(scene):
    page = published(ConditionPageFactory(parent=scene.conditions))
    start = last_sequence()
    spanish = a_translation(page)
    kinds = {e.kind for e in events_after(start) if e.object_id == spanish.pk}
    assert kinds == {Kind.TRANSLATION_PUBLISHED}
    assert ChangeEvent.objects.get(object_id=spanish.pk).locale_code == "es"


def test_sequence_numbers_follow_the_order_of_the_changes(scene):
    start = last_sequence()
    first = published(ConditionPageFactory(parent=scene.conditions))
    second = published(ConditionPageFactory(parent=scene.conditions))
    first.unpublish()
    order = [(e.object_id, e.kind) for e in events_after(start) if e.kind != Kind.MOVED]
    assert order[-3:] == [
        (first.pk, Kind.PUBLISHED),
        (second.pk, Kind.PUBLISHED),
        (first.pk, Kind.UNPUBLISHED),
    ]


@pytest.fixture
def announced():
    """The events change_recorded announces during the test."""
    told = []

    def listener(event, **kwargs):
        told.append(event)

    change_recorded.connect(listener)
    yield told
    change_recorded.disconnect(listener)


def test_a_change_that_rolls_back_records_no_event(
    scene, announced, django_capture_on_commit_callbacks
):
    page = published(ConditionPageFactory(parent=scene.conditions))
    start = last_sequence()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        page.unpublish()
        PageViewRestriction.objects.create(page=page, restriction_type="login")
        raise RuntimeError("the editor's save failed")
    assert events_after(start) == []
    assert announced == []
    assert Page.objects.get(pk=page.pk).live


def test_a_committed_change_is_announced_with_its_event(
    scene, announced, django_capture_on_commit_callbacks
):
    page = ConditionPageFactory(parent=scene.conditions)
    with django_capture_on_commit_callbacks(execute=True):
        published(page)
    assert [(e.kind, e.object_id) for e in announced] == [(Kind.PUBLISHED, page.pk)]


def test_moving_a_section_tells_each_live_page_below_it(scene):
    section = published(ConditionPageFactory(parent=scene.conditions))
    child = published(ConditionPageFactory(parent=section))
    start = last_sequence()
    section.move(scene.procedures, pos="last-child")
    moved = {e.object_id for e in events_after(start) if e.kind == Kind.MOVED}
    assert moved == {section.pk, child.pk}
    child_event = ChangeEvent.objects.filter(object_id=child.pk, kind=Kind.MOVED).last()
    assert child_event.url == Page.objects.get(pk=child.pk).get_full_url()


def test_making_a_page_private_withdraws_it_and_its_subtree(scene):
    section = published(ConditionPageFactory(parent=scene.conditions))
    child = published(ConditionPageFactory(parent=section))
    start = last_sequence()
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert {(e.object_id, e.kind) for e in events_after(start)} == {
        (section.pk, Kind.WITHDRAWN),
        (child.pk, Kind.WITHDRAWN),
    }
    start = last_sequence()
    restriction.delete()
    assert {e.kind for e in events_after(start)} == {Kind.MADE_PUBLIC}


def test_deleting_a_page_records_its_deletion(scene):
    page = published(ConditionPageFactory(parent=scene.conditions))
    start = last_sequence()
    page_id = page.pk
    page.delete()
    assert (page_id, Kind.DELETED) in {(e.object_id, e.kind) for e in events_after(start)}


class TestTestimonials:
    def test_unpublishing_one_withdraws_it(self):
        testimonial = TestimonialFactory()
        start = last_sequence()
        testimonial.unpublish()
        [event] = events_after(start)
        assert (event.kind, event.object_id) == (Kind.WITHDRAWN, testimonial.pk)
        assert event.api_url.endswith(f"/api/v2/testimonials/{testimonial.pk}/")

    def test_revoking_its_authorization_withdraws_it(self):
        testimonial = TestimonialFactory()
        start = last_sequence()
        revoke(testimonial)
        assert [e.kind for e in events_after(start)] == [Kind.WITHDRAWN]

    def test_deleting_a_shown_one_withdraws_it(self):
        # One with a consent record is kept (people.wagtail_hooks); this one has none.
        testimonial = TestimonialFactory(authorized=False)
        start = last_sequence()
        testimonial.delete()
        assert [e.kind for e in events_after(start)] == [Kind.WITHDRAWN]

    def test_publishing_one_is_a_snippet_published(self):
        testimonial = TestimonialFactory(live=False)
        start = last_sequence()
        revision = testimonial.save_revision()
        revision.publish()
        [event] = events_after(start)
        assert (event.kind, event.revision_id) == (Kind.SNIPPET_PUBLISHED, revision.pk)


def quoting(scene, testimonial):
    """A live procedure page whose body quotes the testimonial."""
    block = {"type": "testimonials", "value": {"heading": "", "testimonials": [testimonial.pk]}}
    return published(ProcedurePageFactory(parent=scene.procedures), body=[block])


def test_pages_that_show_a_testimonial_are_told_they_changed_with_it(scene):
    testimonial = TestimonialFactory()
    page = quoting(scene, testimonial)
    start = last_sequence()
    testimonial.unpublish()
    kinds = [(e.kind, e.object_id) for e in events_after(start)]
    assert kinds == [(Kind.WITHDRAWN, testimonial.pk), (Kind.PAGE_CHANGED, page.pk)]
    page_event = events_after(start)[1]
    assert page_event.api_url.endswith(f"/api/v2/pages/{page.pk}/")


def test_pages_a_snippet_only_points_at_are_not_told_they_changed(scene):
    """A testimonial names its procedure and a call to action links to its form; neither
    page shows the snippet, so neither changed with it."""
    procedure = published(ProcedurePageFactory(parent=scene.procedures))
    testimonial = TestimonialFactory(procedure=procedure)
    call = CallToActionFactory(kind=CallToAction.Kind.PAGE, link_page=procedure, link_url="")
    start = last_sequence()
    testimonial.unpublish()
    call.heading = "Renamed"
    call.save()
    kinds = [e.kind for e in events_after(start)]
    assert kinds == [Kind.WITHDRAWN, Kind.SNIPPET_CHANGED]


def test_snippets_without_drafts_are_changed_and_deleted():
    start = last_sequence()
    physician = PhysicianFactory()
    physician.name = "Dr. Renamed"
    physician.save()
    call = CallToActionFactory()
    call.delete()
    kinds = [(e.content_type.model, e.kind) for e in events_after(start)]
    assert kinds == [
        ("physician", Kind.SNIPPET_CHANGED),
        ("physician", Kind.SNIPPET_CHANGED),
        ("calltoaction", Kind.SNIPPET_CHANGED),
        ("calltoaction", Kind.SNIPPET_DELETED),
    ]


#: What every event says of itself. Some leads models have fields of the same names (an
#: upload's content type, a note's creation time, a form field's language), which hold
#: the event's own metadata here, never a lead's.
EVENT_KEYS = {
    "sequence",
    "type",
    "id",
    "content_type",
    "site",
    "locale",
    "translation_key",
    "revision",
    "url",
    "api_url",
    "created_at",
}


def lead_field_names():
    """Every field the leads app's models declare themselves (not those of Wagtail's Page)."""
    names = set()
    for model in apps.get_app_config("leads").get_models():
        for field in model._meta.get_fields():
            if getattr(field, "model", None) is model and not getattr(field, "primary_key", False):
                names.add(field.name)
    return names


def authorization_field_names():
    """The consent ledger's fields (people.consent)."""
    return {field.name for field in TestimonialAuthorization._meta.get_fields()}


def revoke(testimonial):
    """The patient's written revocation, saved in the ledger."""
    authorization = TestimonialAuthorization.objects.get(testimonial=testimonial)
    authorization.revoked_on = datetime.date.today()
    authorization.revocation_received = "writing"
    authorization.save()


def every_kind_of_event(scene):
    form = published(LeadFormPageFactory(parent=scene.home, title="Book a visit"))
    lead = LeadSubmission.objects.create(
        page=form, form_data={"name": PATIENT_NAME, "phone": PATIENT_PHONE}
    )
    LeadNote.objects.create(submission=lead, author_name="Lead manager", text=PATIENT_NOTE)
    page = published(ConditionPageFactory(parent=scene.conditions))
    a_translation(page)
    page.move(scene.procedures, pos="last-child")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    restriction.delete()
    Page.objects.get(pk=page.pk).unpublish()
    Page.objects.get(pk=page.pk).delete()
    testimonial = TestimonialFactory(live=False, authorized__signed_on=CONSENT_DATE)
    quoting(scene, testimonial)
    testimonial.save_revision().publish()
    revoke(testimonial)
    TestimonialFactory(authorized=False).delete()
    physician = PhysicianFactory()
    physician.delete()


def test_payloads_of_every_kind_carry_no_patient_data_nor_consent(scene):
    start = last_sequence()
    every_kind_of_event(scene)
    events = events_after(start)
    assert {e.kind for e in events} == set(Kind.values)
    forbidden_keys = (lead_field_names() | authorization_field_names()) - EVENT_KEYS
    assert "form_data" in forbidden_keys
    for event in events:
        payload = event.payload()
        assert set(payload) == EVENT_KEYS, event
        assert not forbidden_keys & set(payload), event
        text = repr(payload)
        for secret in (PATIENT_NAME, PATIENT_PHONE, PATIENT_NOTE, CONSENT_DATE.isoformat()):
            assert secret not in text, (event, secret)


def test_rows_put_back_raw_record_no_change():
    """loaddata and a copy's restore save raw rows: nothing was edited, nothing is told."""
    physician = PhysicianFactory()
    rows = serializers.serialize("json", [physician])
    before = ChangeEvent.objects.count()
    for restored in serializers.deserialize("json", rows):
        restored.save()
    assert ChangeEvent.objects.count() == before
