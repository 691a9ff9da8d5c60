import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from leads import crypto
from leads.models import (
    LeadNote,
    LeadSubmission,
    LeadUpload,
    SignedConsentForm,
    SubmissionAccessLog,
)
from leads.storage import private_storage

logger = logging.getLogger("leads.encryption")


class Command(BaseCommand):
    help = (
        "Re-encrypt every lead submission, file and note, and every signed consent form, "
        "with FIELD_ENCRYPTION_KEY, so that the keys in FIELD_ENCRYPTION_OLD_KEYS can then "
        "be retired."
    )

    def handle(self, *args, **options):
        storage = private_storage()
        with transaction.atomic():
            by_page = {}
            for submission in LeadSubmission.objects.select_for_update().iterator():
                # Saving writes the value again, encrypted with the current key.
                submission.save(update_fields=["form_data"])
                by_page.setdefault(submission.page_id, []).append(submission.pk)
            submissions = sum(len(ids) for ids in by_page.values())
            uploads = 0
            for upload in LeadUpload.objects.select_for_update().iterator():
                upload.save(update_fields=["original_name"])
                with storage.open(upload.stored_name, "rb") as stored:
                    token = stored.read()
                with storage.open(upload.stored_name, "wb") as stored:
                    stored.write(crypto.rotate(token))
                uploads += 1
            notes = 0
            for note in LeadNote.objects.select_for_update().iterator():
                note.save(update_fields=["text"])
                notes += 1
            signed_forms = 0
            for signed_form in SignedConsentForm.objects.select_for_update().iterator():
                signed_form.reencrypt()
                signed_forms += 1
            # Every submission was decrypted: the log says so, form by form.
            for page_id, ids in by_page.items():
                SubmissionAccessLog.objects.create(
                    action=SubmissionAccessLog.Action.ROTATE,
                    page_id=page_id,
                    submission_ids=sorted(ids),
                    detail="manage.py rotate_lead_encryption",
                )
            if signed_forms:
                SubmissionAccessLog.objects.create(
                    action=SubmissionAccessLog.Action.ROTATE,
                    detail=(
                        f"manage.py rotate_lead_encryption: {signed_forms} signed consent form(s)"
                    ),
                )
        message = (
            f"Re-encrypted {submissions} submission(s), {uploads} file(s), {notes} note(s) "
            f"and {signed_forms} signed consent form(s)."
        )
        logger.info(message)
        self.stdout.write(message)
