"""Publishing a page refuses the outline's placeholders on every path.

The admin's and API v3's create and edit forms refuse them in the body block's
``clean`` (``core.blocks.outline``); API v3's publish of a saved draft runs the
publish action registered for ``Page`` (``action_registry``) without a form, so the
rule lives in that action too.
"""

from django.core.exceptions import ValidationError
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from core.blocks.outline import placeholder_message, placeholders_in


class PlaceholderCheckedPublishPageRevisionAction(PublishPageRevisionAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        places = placeholders_in(self.object)
        if places:
            raise ValidationError([placeholder_message(place) for place in places])
