"""A partner site built from the Foramen content API alone.

It uses nothing but the Python standard library: ``client`` fetches a page's
JSON over HTTP, ``render`` turns that JSON into a standalone HTML document.
Run it with ``python -m examples.partner_site --help`` (see README.md).
"""

from .client import CMSClient, PartnerSiteError
from .render import render_location, render_procedure

__all__ = ["CMSClient", "PartnerSiteError", "render_location", "render_procedure"]
