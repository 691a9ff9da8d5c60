"""Benchmark: the patient query set's top-3 hit rate and query times per backend.

Runs on the database backend (SQLite or PostgreSQL, from DATABASE_URL) and, when
SEARCH_URLS is set, on the engine named by SEARCH_BACKEND (default opensearch),
whose indexes it rebuilds first under their own prefix. A benchmark, not a test:
it prints numbers and asserts nothing.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import override_settings

from search.relevance import evaluate

DATABASE_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}


class Command(BaseCommand):
    help = "Print each search backend's top-3 hit rate and p50/p95 query time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=5, help="Runs of the query set per backend (default 5)."
        )
        parser.add_argument(
            "--misses", action="store_true", help="List the queries that missed their pages."
        )

    def handle(self, *args, repeat, misses, **options):
        self.stdout.write(
            f"{'backend':<28} {'hit rate':>9} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}"
        )
        for label, backends, rebuild in self.backends():
            with override_settings(WAGTAILSEARCH_BACKENDS=backends):
                if rebuild:
                    call_command("update_index", verbosity=0)
                reports = [evaluate() for _ in range(max(1, repeat))]
            self.print_row(label, reports)
            if misses:
                for outcome in reports[0].misses:
                    self.stdout.write(
                        f"    miss {outcome.query!r}: wanted {outcome.expected}, got {outcome.top}"
                    )
        skipped = reports[0].skipped if reports else []
        if skipped:
            self.stdout.write(f"Skipped (no content in their locale): {', '.join(skipped)}")

    def backends(self):
        yield f"database ({connection.vendor})", DATABASE_BACKENDS, False
        if settings.SEARCH_REPORT_BACKENDS:
            yield settings.SEARCH_REPORT_ENGINE, settings.SEARCH_REPORT_BACKENDS, True

    def print_row(self, label, reports):
        first = reports[0]
        times = sorted(o.seconds for report in reports for o in report.outcomes)

        def percentile(fraction):
            return 1000 * times[min(len(times) - 1, int(fraction * len(times)))] if times else 0.0

        self.stdout.write(
            f"{label:<28} {first.hit_rate:>8.0%} {len(first.outcomes):>8} "
            f"{percentile(0.5):>8.1f} {percentile(0.95):>8.1f}"
        )
