"""Whole-file checks of the medical file kinds, with the libraries made to read them.

The first bytes only say what a file claims to be; a "%PDF" header followed by a
web page is not a PDF. Each check reads the whole structure and answers whether
the file is a complete, readable file of its kind. Nothing here logs or keeps
what a file holds: library messages can quote it, so they are dropped.
"""

import io

import pydicom
from PIL import Image
from pydicom import config as pydicom_config
from pypdf import PdfReader

# pydicom warns about odd values by quoting them, and a scan's values are patient
# data (names, dates of birth): it must never write them to the logs.
pydicom_config.settings.reading_validation_mode = pydicom_config.IGNORE

# DICOM elements whose length is not given up front (sequences, compressed pixel data).
UNDEFINED_LENGTH = 0xFFFFFFFF
# The file meta elements every DICOM file must have (PS3.10, type 1).
DICOM_REQUIRED_META = ("MediaStorageSOPClassUID", "MediaStorageSOPInstanceUID", "TransferSyntaxUID")


def _bytes(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def is_readable_pdf(data):
    """A PDF that pypdf reads in strict mode, with at least one page whose content resolves.

    Strict, because the lenient reader repairs a file by searching it for objects:
    it would accept a web page with a PDF tucked inside.
    """
    reader = PdfReader(io.BytesIO(data), strict=True)
    # Many reports are encrypted with an empty password only to stop editing.
    if reader.is_encrypted and not reader.decrypt(""):
        return False
    pages = reader.pages
    if len(pages) == 0:
        return False
    for page in pages:
        page.get_contents()
    return True


def is_readable_image(data, image_format):
    """An image that Pillow verifies and then decodes to the last pixel, within its size limit."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format != image_format:
            return False
        image.verify()
    # verify() leaves the image unusable: the full decode needs a fresh handle.
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        # Decoding a larger image would take far more memory than the file's size.
        if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
            return False
        image.load()
    return True


def is_cut_short(element):
    """Whether a raw (not yet converted) DICOM element holds fewer bytes than it announced."""
    length = getattr(element, "length", None)
    value = getattr(element, "value", None)
    if not isinstance(value, bytes) or length in (None, UNDEFINED_LENGTH):
        return False
    return len(value) != length


def is_readable_dicom(data):
    """A DICOM Part 10 file (preamble and "DICM") whose elements all read, none cut short."""
    dataset = pydicom.dcmread(io.BytesIO(data))
    meta = dataset.file_meta
    if any(name not in meta for name in DICOM_REQUIRED_META) or len(dataset) == 0:
        return False
    # pydicom reads a value that the file ends in the middle of as a shorter value.
    for element in dataset.elements():
        if is_cut_short(element):
            return False
    for element in dataset.iterall():
        element.value  # noqa: B018 - converting each value is what reads it
    return True


CHECKS = {
    "application/pdf": is_readable_pdf,
    "image/jpeg": lambda data: is_readable_image(data, "JPEG"),
    "image/png": lambda data: is_readable_image(data, "PNG"),
    "application/dicom": is_readable_dicom,
}


def is_complete_file(uploaded_file, content_type):
    """Whether the file is a whole, readable file of content_type (one of CHECKS)."""
    try:
        return CHECKS[content_type](_bytes(uploaded_file))
    except Exception:  # noqa: BLE001 - each library has its own errors for a broken file
        return False
