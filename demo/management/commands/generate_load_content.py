import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from demo.load_content import LoadContentError, configured_languages, generate
from frontcache.content_changes import note_content_changed


class Command(BaseCommand):
    help = (
        "Add generated procedures, locations and testimonials for load tests, in English and "
        "translated into the other languages (on top of the demo content; running again adds "
        "only what is missing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--procedures", type=int, default=2000)
        parser.add_argument("--locations", type=int, default=500)
        parser.add_argument("--testimonials", type=int, default=5000)
        parser.add_argument(
            "--locales",
            nargs="+",
            choices=configured_languages(),
            default=configured_languages(),
            metavar="LANGUAGE",
            help="Languages to generate (default: all configured; the default language is "
            "the source of the others and must be included).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            # New pages were never cached: no purges for them.
            with override_settings(WAGTAILFRONTENDCACHE={}):
                created = generate(
                    options["procedures"],
                    options["locations"],
                    options["testimonials"],
                    languages=options["locales"],
                )
        except LoadContentError as error:
            raise CommandError(str(error)) from error
        # Bulk inserts send no save signals: say that content changed, so that no
        # answer rendered before is served again.
        note_content_changed()
        if connection.vendor == "postgresql":
            # Statistics for the new rows now, rather than whenever autovacuum runs
            # (which would also compete with whatever is measured next).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        for (kind, language), count in created.items():
            self.stdout.write(f"{kind:<14} {language:<3} created {count}")
        self.stdout.write(f"took {time.monotonic() - started:.1f} s")
