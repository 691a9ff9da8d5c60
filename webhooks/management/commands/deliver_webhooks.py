import time

from django.core.management.base import BaseCommand

from webhooks.delivery import purge_expired, send_due


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are due (first tries and retries) and delete "
        "those older than 30 days. The scheduler runs it every minute (run_periodic_jobs); "
        "--loop keeps it running on its own."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="Keep running, looking for due deliveries every SECONDS.",
        )

    def handle(self, *args, loop=None, **options):
        while True:
            attempts = send_due()
            purged = purge_expired()
            # Silent when there was nothing to do, so that cron mails nobody every minute.
            if options["verbosity"] and (attempts or purged):
                self.stdout.write(f"{attempts} attempts made, {purged} old deliveries deleted.")
            if loop is None:
                return
            time.sleep(loop)
