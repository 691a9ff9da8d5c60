"""Purge the pages whose medical review fell overdue since this job last ran.

A review turns overdue at midnight, with no save (``MedicalReviewMixin``), so nothing
purges the page: Varnish would go on showing "Medically reviewed by … on …", and the APIs
a current status, until its copy expired. Registered every minute
(``FrontCacheConfig.ready``): each run purges the pages whose ``next_review`` passed
since the day of the job's last success, so each page once, within a minute of midnight.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import get_page_models

from frontcache.purge import purge_page_and_context
from people.models import MedicalReviewMixin
from scheduling.models import JobState

JOB_NAME = "purge_lapsed_reviews"


class Command(BaseCommand):
    help = "Purge the cached copies of pages whose medical review fell overdue."

    def handle(self, *args, **options):
        today = timezone.localdate()
        since = JobState.last_success_day(JOB_NAME) or today - datetime.timedelta(days=1)
        purged = 0
        for page in lapsed_between(since, today):
            purge_page_and_context(page)
            purged += 1
        if purged:
            self.stdout.write(f"Purged {purged} page(s) whose medical review fell overdue.")


def lapsed_between(since, today):
    """Live pages whose review turned overdue on a day from ``since`` to ``today``."""
    for model in get_page_models():
        if issubclass(model, MedicalReviewMixin):
            yield from model.objects.live().filter(next_review__gte=since, next_review__lt=today)
