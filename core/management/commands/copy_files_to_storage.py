"""Copy a folder of files into a storage (an object store's bucket) and verify every one.

The move of an existing server's media (MEDIA_ROOT) or lead files (LEADS_PRIVATE_ROOT)
into the object store, run once with OBJECT_STORE_URL set (docs/operations.md):

    manage.py copy_files_to_storage /srv/foramen/media --storage default
    manage.py copy_files_to_storage /srv/foramen/private/leads --storage leads

Lead files are copied as they are on disk, encrypted. A file already in the
storage with the same content is left alone, so a second run copies only what
the first missed. Every copy is read back and compared; any difference fails the
command, which names the files (never their content).
"""

from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from core.backup import digest


def stored_digest(storage, name):
    with storage.open(name, "rb") as stored:
        return digest(stored)


class Command(BaseCommand):
    help = "Copy a folder's files into a storage (an object store bucket), verifying each copy."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--storage", default="default", help="a STORAGES alias")

    def handle(self, folder, storage, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        target = storages[storage]
        copied, present, mismatched = 0, 0, []
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            with path.open("rb") as original:
                wanted = digest(original)
            if target.exists(name) and stored_digest(target, name) == wanted:
                present += 1
                continue
            if target.exists(name):
                target.delete(name)
            with path.open("rb") as original:
                saved = target.save(name, File(original, name=name))
            if saved != name or stored_digest(target, name) != wanted:
                mismatched.append(name)
            else:
                copied += 1
        self.stdout.write(f"{copied} copied, {present} already there, {len(mismatched)} failed.")
        if mismatched:
            raise CommandError("Not copied intact: " + ", ".join(mismatched))
