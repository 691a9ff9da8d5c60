"""Mail the clinic team the consent expiry warnings due today (people.expiry_warnings).

Registered as a daily periodic job (``PeopleConfig.ready``): each warning is sent once, so a
second run the same day, or the next day, sends nothing already sent.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from people.expiry_warnings import send_due_warnings


class Command(BaseCommand):
    help = (
        "E-mail the clinic team 30 and 7 days before a testimonial's authorization expires "
        "(the testimonial's number and admin links only, never the patient's words)."
    )

    def handle(self, *args, **options):
        sent = send_due_warnings(timezone.localdate())
        self.stdout.write(f"Consent expiry warnings sent: {sent}.")
