"""Files and form data a visitor sends, shared by the lead-form tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from leads.models import LeadFormPage
from tests.helpers import default_site

# The first bytes are what counts; the rest only makes the files look real.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
DICOM_BYTES = bytes(128) + b"DICM" + b"\x02\x00\x00\x00UL\x04\x00" + bytes(32)
# A Windows executable ("MZ" header) wearing a .pdf name.
EXECUTABLE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64)

# Values a visitor types; none of them may appear outside the encrypted store.
SECRET_SYMPTOMS = "Numbness-in-left-foot-since-march-zx81"
SECRET_NAME = "Pat Quibblesworth"
SECRET_EMAIL = "pat.quibblesworth@example.net"


def upload(content=PDF_BYTES, name="report.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def mri_data(**overrides):
    data = {
        "full_name": SECRET_NAME,
        "email": SECRET_EMAIL,
        "phone": "214-555-0100",
        "symptoms": SECRET_SYMPTOMS,
        "mri_or_ct_report_or_images": upload(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def form_page(slug):
    """The network's English form: the affiliate site has forms of the same slugs."""
    network = LeadFormPage.objects.descendant_of(default_site().root_page)
    return network.get(slug=slug, locale__language_code="en")
