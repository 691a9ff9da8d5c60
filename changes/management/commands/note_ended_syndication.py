"""Tell partners of the testimonials they may no longer syndicate since today, when no save
said so: a partner-only revocation dated ahead, or the one authorization covering partners
expiring while another still covers the site. (A save that ends syndication writes its
``withdrawn`` event itself, changes.signals.on_authorization_saved; one that ends every
channel unpublishes the testimonial, whose unpublish writes it.)

Registered as a periodic job running every minute (``ChangesConfig.ready``): a partner hears
of it within a minute of midnight, once, whether or not a save already told them today; after
days without a scheduler, the first run tells them of every ending since its last success.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from changes.models import ChangeEvent
from changes.signals import record_with_pages
from people.consent import Channel, TestimonialAuthorization
from people.models import Testimonial
from scheduling.models import JobState

JOB_NAME = "note_ended_syndication"


def syndicated_keys(on):
    covering = TestimonialAuthorization.objects.covering(Channel.PARTNERS, on=on)
    return set(covering.values_list("testimonial__translation_key", flat=True))


def syndication_ended_since_last_run():
    """Live testimonials partners could syndicate on the day of this job's last success
    (yesterday when it has none, or when that was today) and cannot today, not yet told."""
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    since = min(JobState.last_success_day(JOB_NAME) or yesterday, yesterday)
    ended = syndicated_keys(since) - syndicated_keys(today)
    day_after = since + datetime.timedelta(days=1)
    ended_from = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
    told = ChangeEvent.objects.filter(
        kind=ChangeEvent.Kind.WITHDRAWN,
        content_type=ContentType.objects.get_for_model(Testimonial),
        created_at__gte=ended_from,
    ).values_list("object_id", flat=True)
    return (
        Testimonial.objects.filter(live=True, translation_key__in=ended)
        .exclude(pk__in=told)
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Write a withdrawal event for each testimonial whose syndication ended today by date."

    def handle(self, *args, **options):
        told = 0
        for testimonial in syndication_ended_since_last_run():
            with transaction.atomic():
                record_with_pages(ChangeEvent.Kind.WITHDRAWN, testimonial)
            told += 1
        if told:
            self.stdout.write(f"Told partners of {told} testimonial(s) no longer syndicated.")
