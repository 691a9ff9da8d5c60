import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from leads.models import LeadSubmission, LeadUpload, SubmissionAccessLog

logger = logging.getLogger("leads.retention")


class Command(BaseCommand):
    help = "Delete lead submissions and their files older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep submissions of the last DAYS days (default: LEADS_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.LEADS_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        with transaction.atomic():
            old = LeadSubmission.objects.filter(submit_time__lt=cutoff)
            by_page = {}
            for pk, page_id in old.values_list("pk", "page_id"):
                by_page.setdefault(page_id, []).append(pk)
            file_count = LeadUpload.objects.filter(submission__in=old).count()
            submission_count = sum(len(ids) for ids in by_page.values())
            for page_id, ids in by_page.items():
                SubmissionAccessLog.objects.create(
                    action=SubmissionAccessLog.Action.PURGE, page_id=page_id, submission_ids=ids
                )
            old.delete()
        message = (
            f"Purged {submission_count} submission(s) and {file_count} file(s) "
            f"older than {days} days."
        )
        logger.info(message)
        self.stdout.write(message)
