"""Unpublish every testimonial whose authorizations no longer cover this site.

Registered as a periodic job running every minute (``PeopleConfig.ready``): an
authorization that expired at midnight, or a revocation with a date, takes the
testimonial down within a minute; a revocation saved in the admin does so at once.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from people.models import Testimonial


class Command(BaseCommand):
    help = "Unpublish testimonials whose authorization expired or was revoked."

    def handle(self, *args, **options):
        withdrawn = 0
        for testimonial in Testimonial.objects.withdrawn_by_consent():
            with transaction.atomic():
                testimonial.withdraw()
            withdrawn += 1
        if withdrawn:
            self.stdout.write(f"Withdrew {withdrawn} testimonial(s).")
