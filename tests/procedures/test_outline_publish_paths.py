"""The outline's guidance never publishes, whichever way a page is published (issue #20):
besides the edit form (tests/procedures/test_outline_placeholders.py), bulk publish, copy
and publish, workflow approval, scheduled publishing and any ``revision.publish()`` refuse a page
whose content still holds it, with a message in the admin and nothing half-made.

Generated over every page type whose body starts from an outline."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Revision,
    Workflow,
    WorkflowTask,
    get_page_models,
)

from core.actions import PlaceholdersRefused
from core.blocks.outline import OutlinedStreamBlock
from outlines.models import PageOutlines
from tests.builders import a_page_of_type_in, a_site

pytestmark = pytest.mark.django_db


def outlined(model):
    return any(
        isinstance(field, StreamField) and isinstance(field.stream_block, OutlinedStreamBlock)
        for field in model._meta.concrete_fields
    )


OUTLINED_TYPES = [model for model in get_page_models() if outlined(model)]


@pytest.fixture(params=OUTLINED_TYPES, ids=lambda model: model.__name__)
def page_type(request):
    return request.param


@pytest.fixture
def site():
    return a_site()


def with_guidance(site, page_type):
    """A live page whose latest revision (a saved draft) holds its outline's guidance."""
    page = a_page_of_type_in(site, page_type)
    page.body = PageOutlines.of_site(site.site).outline_for(page_type)
    page.save_revision()
    return page


def live_body(page):
    """The body visitors see: a page's own row holds its live content."""
    return list(Page.objects.get(pk=page.pk).specific.body.raw_data)


def assert_still_live_without_guidance(page):
    assert "[Replace:" not in str(live_body(page))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_page_types_with_outlines_are_found():
    assert set(PageOutlines.outlined_page_types) <= set(OUTLINED_TYPES)


def test_publishing_a_revision_refuses_guidance(site, page_type):
    page = with_guidance(site, page_type)

    with pytest.raises(PlaceholdersRefused):
        page.get_latest_revision().publish()

    assert_still_live_without_guidance(page)


def test_bulk_publish_refuses_and_publishes_nothing(admin_client, site, page_type):
    sibling = a_clean_sibling(site, page_type)
    guided = with_guidance(site, page_type)
    listing = reverse("wagtailadmin_explore", args=[guided.get_parent().pk])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = admin_client.post(
        f"{url}?id={guided.pk}&id={sibling.pk}&next={listing}", {}, follow=True
    )

    assert response.redirect_chain[-1][0] == listing
    [refusal] = [message for message in messages_of(response) if "not published" in message]
    assert guided.title in refusal, messages_of(response)
    assert_still_live_without_guidance(guided)
    sibling.refresh_from_db()
    assert not sibling.live  # nothing half-made: the clean page waits too


@pytest.fixture
def in_review(site, page_type, admin_user):
    """A page in a group approval workflow whose draft still holds guidance."""
    page = with_guidance(site, page_type)
    workflow = Workflow.objects.create(name="Outline review")
    task = GroupApprovalTask.objects.create(name="Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(page, admin_user)
    return page, state


@pytest.mark.parametrize("from_modal", [False, True], ids=["button", "modal"])
def test_workflow_approval_refuses_with_a_message(admin_client, in_review, from_modal):
    page, state = in_review
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    headers = {"x-requested-with": "XMLHttpRequest"} if from_modal else {}

    response = admin_client.post(url, {}, headers=headers)

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if from_modal:
        assert response.json() == {"step": "success", "redirect": edit_url}
    else:
        assert response.status_code == 302 and response.url == edit_url
    shown = messages_of(admin_client.get(edit_url))
    assert any("was not published" in message for message in shown)
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS  # the approval was rolled back
    assert_still_live_without_guidance(page)


def a_clean_sibling(site, page_type):
    """A draft copy of the site's page of this type, made before any guidance is added."""
    return a_page_of_type_in(site, page_type).copy(
        update_attrs={"slug": "a-clean-sibling", "title": "A clean sibling"}, keep_live=False
    )


def test_scheduled_publishing_holds_back_guidance_and_publishes_the_rest(site, page_type):
    clean = a_clean_sibling(site, page_type)
    guided = with_guidance(site, page_type)
    due = timezone.now() - timedelta(minutes=1)
    # Scheduled before the rule, or by a path that did not check it.
    Revision.objects.filter(pk=guided.get_latest_revision().pk).update(approved_go_live_at=due)
    clean.title = "Published on schedule"
    clean.save_revision(approved_go_live_at=due)

    call_command("publish_scheduled")

    assert_still_live_without_guidance(guided)
    assert guided.get_latest_revision().approved_go_live_at is None
    clean.refresh_from_db()
    assert clean.live and clean.title == "Published on schedule"


def test_copy_and_publish_refuses_a_live_page_holding_guidance(admin_client, site, page_type):
    page = a_page_of_type_in(site, page_type)
    # Published with its guidance before the rule: its own row, the live content, holds it.
    page.body = PageOutlines.of_site(site.site).outline_for(page_type)
    page.save()
    pages_before = Page.objects.count()
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])

    response = admin_client.post(
        url,
        {
            "new_title": "A copy",
            "new_slug": "a-copy",
            "new_parent_page": page.get_parent().pk,
            "publish_copies": "on",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url
    [refusal] = [message for message in messages_of(response) if "not published" in message]
    assert page.title in refusal
    assert Page.objects.count() == pages_before
