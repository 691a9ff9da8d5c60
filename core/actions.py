"""Publishing a page refuses the outline's placeholders on every path.

The admin's and API v3's create and edit forms refuse them in the body block's
``clean`` (``core.blocks.outline``), field by field. Every other way of publishing
ends in the page's ``publish`` (bulk publish, workflow approval, scheduled publishing
and Wagtail's own ``revision.publish()`` callers), which ``OutlinedPageMixin`` guards;
API v3's publish action runs the action registered for ``Page`` (``action_registry``),
which checks before Wagtail's own permission checks answer.
"""

from django.core.exceptions import ValidationError
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from core.blocks.outline import placeholder_message, placeholders_in
from core.claims import refuse_expired_claims


class PlaceholdersRefused(ValidationError):
    """Publishing refused: the page still holds the outline's guidance."""

    def __init__(self, page, places):
        super().__init__([placeholder_message(place) for place in places])
        self.page = page


def refuse_placeholders(page):
    """Raise ``PlaceholdersRefused`` when ``page`` (the content to publish) holds any."""
    places = placeholders_in(page)
    if places:
        raise PlaceholdersRefused(page, places)


class OutlinedPageMixin:
    """For a page type whose body starts from an outline: no path publishes its guidance."""

    def publish(self, revision, *args, **kwargs):
        refuse_placeholders(revision.as_object())
        return super().publish(revision, *args, **kwargs)


class PlaceholderCheckedPublishPageRevisionAction(PublishPageRevisionAction):
    """API v3's publish action: besides the outline's guidance, an expired claim
    (``core.claims``) is refused here, since this action does not go through the page's
    ``publish``."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        refuse_placeholders(self.object)
        refuse_expired_claims(self.object)
