"""The medical file upload: PDF, JPEG, PNG or DICOM, recognised by content, within a size limit,
read whole by a library made for its kind and scanned for viruses before anything is stored."""

import io
import logging

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from leads.filechecks import is_complete_file
from leads.scanning import ScannerUnavailable, scan, scanning_enabled

logger = logging.getLogger(__name__)

# DICOM Part 10 files open with a 128-byte preamble followed by "DICM".
DICOM_PREAMBLE = 128

# kind: (content type, test on the file's first bytes)
MEDICAL_FILE_KINDS = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "dicom": (
        "application/dicom",
        lambda head: head[DICOM_PREAMBLE : DICOM_PREAMBLE + 4] == b"DICM",
    ),
}
HEAD_BYTES = DICOM_PREAMBLE + 4


def sniff_content_type(uploaded_file):
    """The content type of a PDF, JPEG, PNG or DICOM file, read from its bytes; None otherwise."""
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    for content_type, matches in MEDICAL_FILE_KINDS.values():
        if matches(head):
            return content_type
    return None


class MedicalFileField(forms.FileField):
    """A file field that accepts only the medical file kinds, whatever the file is called."""

    default_error_messages = {
        "file_type": _(
            "This file is not a PDF, JPEG, PNG or DICOM file. Please choose your MRI or CT "
            "report or images in one of those formats."
        ),
        "file_size": _("This file is %(size)s; files may be at most %(limit)s."),
        "file_damaged": _(
            "“%(name)s” could not be read as a whole: it may be damaged, incomplete or "
            "password-protected. Please choose another copy of your report or images."
        ),
        "infected": _(
            "“%(name)s” was not accepted because our virus check found a threat in it. "
            "Please choose another copy of your report or images."
        ),
        "scan_unavailable": _(
            "We could not check “%(name)s” for viruses just now, so your form was not sent. "
            "Please try again in a few minutes, or call us."
        ),
    }

    is_medical_upload = True

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.FileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,.dcm,application/pdf,image/jpeg,image/png"}
            ),
        )
        super().__init__(**kwargs)

    @property
    def max_bytes(self):
        return settings.LEADS_UPLOAD_MAX_BYTES

    def clean(self, data, initial=None):
        uploaded_file = super().clean(data, initial)
        if not uploaded_file:
            return uploaded_file
        if uploaded_file.size > self.max_bytes:
            raise forms.ValidationError(
                self.error_messages["file_size"],
                code="file_size",
                params={
                    "size": filesizeformat(uploaded_file.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        # Scanned first: an infected file is named as such, whatever it claims to be.
        self.check_for_viruses(uploaded_file)
        content_type = sniff_content_type(uploaded_file)
        if content_type is None:
            raise forms.ValidationError(self.error_messages["file_type"], code="file_type")
        if not is_complete_file(uploaded_file, content_type):
            raise self.file_error("file_damaged", uploaded_file)
        uploaded_file.sniffed_content_type = content_type
        return uploaded_file

    def check_for_viruses(self, uploaded_file):
        """Refuse a file ClamAV finds a threat in, or that it could not check (fail closed).

        The error carries the signature name, never the file's bytes, so that the
        form (LeadForm) can log which form and field refused what.
        """
        if not scanning_enabled():
            return
        try:
            signature = scan(uploaded_file)
        except ScannerUnavailable as error:
            raise self.file_error("scan_unavailable", uploaded_file, reason=str(error)) from error
        if signature is not None:
            raise self.file_error("infected", uploaded_file, signature=signature)

    def file_error(self, code, uploaded_file, **details):
        return forms.ValidationError(
            self.error_messages[code], code=code, params={"name": uploaded_file.name, **details}
        )


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keeps each uploaded file in memory up to one byte past the limit and drops the rest.

    The file reports its real size, so MedicalFileField refuses it with a clear
    message, while memory stays bounded whatever a client sends. Only the form's
    own upload fields are kept, one file each: any other file part is skipped
    unread, so a request holds at most one bounded buffer per upload field.
    """

    def __init__(self, request, max_bytes, field_names):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.field_names = frozenset(field_names)
        self.received_fields = set()

    def new_file(self, field_name, *args, **kwargs):
        if field_name not in self.field_names or field_name in self.received_fields:
            logger.warning("A file the form does not ask for was dropped unread.")
            raise SkipFile
        self.received_fields.add(field_name)
        super().new_file(field_name, *args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = self.max_bytes + 1 - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])
        self.received += len(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
