"""Publishing a testimonial checks its authorization (people.consent) on every path.

The admin publishes through ``Testimonial.publish``; Wagtail's API v3 runs the
publish action registered for the model directly (``action_registry``), so the
rule lives in that action too.
"""

from wagtail.actions.publish_revision import PublishRevisionAction


class ConsentCheckedPublishAction(PublishRevisionAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        self.object.check_publishable()
