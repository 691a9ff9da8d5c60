import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from leads import crypto
from leads.models import LeadSubmission, LeadUpload
from leads.storage import private_storage

logger = logging.getLogger("leads.encryption")


class Command(BaseCommand):
    help = (
        "Re-encrypt every lead submission and file with FIELD_ENCRYPTION_KEY, so that the keys "
        "in FIELD_ENCRYPTION_OLD_KEYS can then be retired."
    )

    def handle(self, *args, **options):
        storage = private_storage()
        with transaction.atomic():
            submissions = 0
            for submission in LeadSubmission.objects.select_for_update().iterator():
                # Saving writes the value again, encrypted with the current key.
                submission.save(update_fields=["form_data"])
                submissions += 1
            uploads = 0
            for upload in LeadUpload.objects.select_for_update().iterator():
                upload.save(update_fields=["original_name"])
                with storage.open(upload.stored_name, "rb") as stored:
                    token = stored.read()
                with storage.open(upload.stored_name, "wb") as stored:
                    stored.write(crypto.rotate(token))
                uploads += 1
        message = f"Re-encrypted {submissions} submission(s) and {uploads} file(s)."
        logger.info(message)
        self.stdout.write(message)
