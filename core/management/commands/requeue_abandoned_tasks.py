from django.core.management.base import BaseCommand

from core import task_queue


class Command(BaseCommand):
    help = (
        "Make the background tasks whose worker stopped mid-task ready again (or failed, "
        "after their last attempt). Run every minute by the scheduler."
    )

    def handle(self, *args, **options):
        ready, failed = task_queue.requeue_abandoned()
        self.stdout.write(f"{ready} abandoned task(s) ready again, {failed} failed.")
