from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, back_up


class Command(BaseCommand):
    help = "Back up the database, media and lead files into an empty folder (core/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        try:
            manifest = back_up(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{len(files)} {alias}" for alias, files in manifest["files"].items())
        vendor = manifest["database"]["vendor"]
        self.stdout.write(f"Backed up the {vendor} database and files ({counts}).")
