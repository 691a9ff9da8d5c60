"""Wagtail's ``publish_scheduled``, holding back the revisions it may not publish.

A revision scheduled before the outline rule, or by a path that did not check it, or
showing a claim that has expired since (``core.claims``), would make its page refuse in
the middle of Wagtail's loop, and the pages due after it would wait. Such revisions are
unscheduled first (Wagtail logs "Unschedule publication" in the page's history) and named
on stderr; so are the revisions a model's own publish check refuses
(``core.publish_refusals.register_publish_check``: a testimonial without an active
authorization). The others then publish as Wagtail publishes them.
"""

from django.utils import timezone
from wagtail.management.commands import publish_scheduled
from wagtail.models import Revision

from core.blocks.outline import placeholders_in
from core.claims import expired_claims_in
from core.publish_refusals import claims_refusal_text, publish_check_refusal, refusal_text


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        if not options["dryrun"]:
            self.hold_back_refused_revisions()
        super().handle(*args, **options)

    def hold_back_refused_revisions(self):
        for revision in Revision.objects.filter(approved_go_live_at__lt=timezone.now()):
            content = revision.as_object()
            refusal = self.refusal(content)
            if refusal:
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                self.stderr.write(refusal)

    @staticmethod
    def refusal(content):
        """Why the content may not go live (its outline's guidance, an expired claim, its
        model's own check), or ""."""
        places = placeholders_in(content)
        if places:
            return refusal_text(content, places)
        claims = expired_claims_in(content)
        if claims:
            return claims_refusal_text(content, claims)
        return publish_check_refusal(content)
