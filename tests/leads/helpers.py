"""Lead forms built as the demo builds them, and the files and data a visitor sends them."""

import io

import pydicom
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid
from pypdf import PdfWriter

from leads.factories import LeadFormPageFactory
from leads.models import LeadAccess, LeadFormField
from leads.permissions import LEAD_MANAGERS_GROUP

# --- Files -------------------------------------------------------------------------
# Real files, written by the libraries that read them back: uploads are read whole.


def a_pdf():
    """A one-page PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def an_image(image_format):
    """A small grey scan-like image as PNG or JPEG bytes."""
    output = io.BytesIO()
    Image.new("L", (64, 48), color=128).save(output, format=image_format)
    return output.getvalue()


def a_dicom():
    """A minimal DICOM Part 10 file: preamble, "DICM", file meta and a 4×4 image."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset = pydicom.Dataset()
    dataset.file_meta = meta
    dataset.SOPClassUID = meta.MediaStorageSOPClassUID
    dataset.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    dataset.Modality = "MR"
    dataset.Rows = dataset.Columns = 4
    dataset.SamplesPerPixel = 1
    dataset.PhotometricInterpretation = "MONOCHROME2"
    dataset.BitsAllocated = dataset.BitsStored = 8
    dataset.HighBit = 7
    dataset.PixelRepresentation = 0
    dataset.PixelData = bytes(16)
    output = io.BytesIO()
    dataset.save_as(output, enforce_file_format=True)
    return output.getvalue()


def eicar():
    """The EICAR anti-virus test file, assembled here so that no scanner flags this module."""
    return b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR" + b"-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


PDF_BYTES = a_pdf()
PNG_BYTES = an_image("PNG")
JPEG_BYTES = an_image("JPEG")
DICOM_BYTES = a_dicom()
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


# --- Built lead forms ------------------------------------------------------------
# The demo's forms (demo/forms.py), field for field: each field is
# (label, field type, required, help text, choices, what it asks for).

NOTIFY_ADDRESS = "patient-care@example.com"
CONSENT = (
    "<p>By sending this form you agree that our patient care team may contact you by phone or "
    "email about your request and keep what you send for that purpose.</p>"
)
CONTACT_FIELDS = [
    ("Full name", "singleline", True, "", "", "name"),
    ("Email", "email", True, "", "", "email"),
    ("Phone", "singleline", False, "A US number, such as 214-555-0100.", "", "tel"),
]
MRI_REVIEW_FIELDS = CONTACT_FIELDS + [
    (
        "Symptoms",
        "multiline",
        True,
        "Where is the pain, how long have you had it, what makes it worse?",
        "",
        "",
    ),
    (
        "MRI or CT report or images",
        "upload",
        True,
        "A PDF, JPEG, PNG or DICOM file of at most 25 MB.",
        "",
        "",
    ),
]
INFO_KIT_FIELDS = [
    ("Full name", "singleline", True, "", "", "name"),
    ("Email", "email", False, "", "", "email"),
    ("Street address", "singleline", True, "", "", "street-address"),
    ("City", "singleline", True, "", "", "address-level2"),
    ("State", "singleline", True, "", "", "address-level1"),
    ("ZIP code", "singleline", True, "", "", "postal-code"),
]
CONNECT_FIELDS = CONTACT_FIELDS + [
    ("Condition", "singleline", True, "For example: herniated disc, spinal stenosis.", "", ""),
    ("Procedure of interest", "singleline", False, "", "", ""),
    ("How should we contact you?", "radio", True, "", "Phone\nEmail", ""),
]
CALL_BACK_FIELDS = [
    ("Full name", "singleline", True, "", "", "name"),
    ("Phone", "singleline", True, "", "", "tel"),
    ("Best time to call", "radio", True, "", "Morning\nAfternoon\nEvening", ""),
]


def a_lead_form(parent, *, fields, slug, title, thank_you_text, intro=""):
    """A live lead form page under parent (a home page or a clinic) with fields in order."""
    return LeadFormPageFactory(
        parent=parent,
        slug=slug,
        title=title,
        intro=intro,
        consent_text=CONSENT,
        thank_you_text=thank_you_text,
        to_address=NOTIFY_ADDRESS,
        subject=f"New submission: {title}",
        form_fields=[
            LeadFormField(
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
                choices=choices,
                autocomplete=asks,
                sort_order=position,
            )
            for position, (label, field_type, required, help_text, choices, asks) in enumerate(
                fields
            )
        ],
    )


def a_mri_review_form(site):
    return a_lead_form(
        site.home,
        fields=MRI_REVIEW_FIELDS,
        slug="free-mri-ct-review",
        title="Free MRI/CT Review",
        thank_you_text=(
            "<p>Thank you. One of our spine physicians will look at your scan at no cost.</p>"
        ),
    )


def an_info_kit_form(site):
    return a_lead_form(
        site.home,
        fields=INFO_KIT_FIELDS,
        slug="free-info-kit",
        title="Request a Free Info Kit",
        thank_you_text="<p>Thank you. Your info kit is on its way by post.</p>",
    )


def a_connect_form(site):
    return a_lead_form(
        site.home,
        fields=CONNECT_FIELDS,
        slug="connect-with-a-patient",
        title="Connect with a Patient",
        thank_you_text=(
            "<p>Thank you. We will be in touch to arrange a conversation with a former patient.</p>"
        ),
    )


def a_call_back_form(clinic):
    """The clinic's "Call me back" form: its submissions belong to that clinic."""
    return a_lead_form(
        clinic,
        fields=CALL_BACK_FIELDS,
        slug="call-me-back",
        title="Call me back",
        thank_you_text="<p>Thank you. We will call you at the time you chose.</p>",
    )


def lead_managers(location=None):
    """The group that reads every form's submissions, or only location's: as the demo names it."""
    name = LEAD_MANAGERS_GROUP if location is None else f"{LEAD_MANAGERS_GROUP} – {location.title}"
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    LeadAccess.objects.get_or_create(group=group, location=location)
    return group
