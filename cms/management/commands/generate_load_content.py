from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from cms.load_content import generate


class Command(BaseCommand):
    help = (
        "Add generated procedures, locations and testimonials for load tests (on top of the "
        "demo content; running again adds only what is missing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--procedures", type=int, default=2000)
        parser.add_argument("--locations", type=int, default=500)
        parser.add_argument("--testimonials", type=int, default=5000)

    def handle(self, *args, **options):
        # New pages were never cached: no purges for them.
        with override_settings(WAGTAILFRONTENDCACHE={}):
            created = generate(options["procedures"], options["locations"], options["testimonials"])
        for kind, count in created.items():
            self.stdout.write(f"{kind:<14} created {count}")
