from django.core.management.base import BaseCommand

from changes import feed


class Command(BaseCommand):
    help = "Delete change events older than CHANGES_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = feed.prune()
        self.stdout.write(f"Deleted {deleted} change events older than the retention.")
