import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from demo.loader import load_demo_content

# Wagtail logs every page action and django-tasks every background task at INFO;
# while loading dozens of objects that drowns the summary.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quieter_logging(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, old_level in zip(loggers, previous, strict=True):
            logger.setLevel(old_level)


class Command(BaseCommand):
    help = (
        "Fill the site with invented North American Spine demo content: home page, "
        "procedures, conditions, locations, physicians, testimonials, calls to action, "
        "images and site settings. Safe to run again: what exists is left alone. "
        "Runs in one transaction."
    )

    def handle(self, *args, **options):
        if options["verbosity"] > 1:
            report = load_demo_content()
        else:
            with quieter_logging(CHATTY_LOGGERS):
                report = load_demo_content()
        for line in report.lines():
            self.stdout.write(line)
        if report.total_created:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo content was already complete; nothing changed.")
            )
