"""The scan of a patient's signed testimonial authorization, kept encrypted like lead files.

The consent ledger (people.consent) records what the patient signed; the signed form
itself is protected health information, so it lives where lead files live: encrypted
(leads.crypto) in the private storage (``STORAGES["leads"]``), outside MEDIA_ROOT,
with no URL. Only the admin's download view (leads.signed_forms) reads it, for the
ledger's keepers, and writes each reading to the access log.
"""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from leads import crypto
from leads.fields import EncryptedTextField
from leads.storage import private_storage

#: The folder of the private storage that holds signed forms, apart from the forms' files.
FOLDER = "consent"


class SignedConsentForm(models.Model):
    """The signed form of one authorization, kept six years (45 CFR 164.530(j)).

    It protects its authorization from deletion; the lead retention purge
    (purge_submissions) deletes submissions and their files only, never these.
    """

    authorization = models.OneToOneField(
        "people.TestimonialAuthorization",
        on_delete=models.PROTECT,
        related_name="signed_form",
        verbose_name=_("authorization"),
    )
    original_name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    stored_name = models.CharField(max_length=255, unique=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signed consent form")

    def __str__(self):
        # Never the file's name: it may name the patient.
        return f"Signed form {self.pk}"

    @classmethod
    @sensitive_variables()
    def store(cls, authorization, uploaded, user):
        """Encrypt and save the file, then its row; the file goes again if the row fails."""
        plaintext = b"".join(uploaded.chunks())
        storage = private_storage()
        stored_name = storage.save(
            f"{FOLDER}/{uuid.uuid4().hex}.bin", ContentFile(crypto.encrypt(plaintext))
        )
        try:
            return cls.objects.create(
                authorization=authorization,
                original_name=uploaded.name,
                content_type=uploaded.sniffed_content_type,
                size=len(plaintext),
                stored_name=stored_name,
                uploaded_by=user if user and user.is_authenticated else None,
            )
        except Exception:
            storage.delete(stored_name)
            raise

    def read(self):
        with private_storage().open(self.stored_name, "rb") as stored:
            return crypto.decrypt(stored.read())

    def reencrypt(self):
        """Encrypt the file and its name again with the current key (rotate_lead_encryption)."""
        self.save(update_fields=["original_name"])
        storage = private_storage()
        with storage.open(self.stored_name, "rb") as stored:
            token = stored.read()
        with storage.open(self.stored_name, "wb") as stored:
            stored.write(crypto.rotate(token))
