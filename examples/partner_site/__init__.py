"""A partner site built from the Foramen content API alone.

It uses nothing but the Python standard library: ``client`` fetches JSON over
HTTP (with a partner key when given one), ``render`` turns a page's JSON into a
standalone HTML document, ``sync`` keeps a local copy current through the sync
feed, ``output`` writes the pages that changed, ``signatures`` verifies the CMS's
webhooks and ``server`` takes them and serves draft previews. Run it with
``python -m examples.partner_site --help`` (see README.md).
"""

from .client import CMSClient, PartnerSiteError
from .render import render_location, render_page, render_procedure

__all__ = ["CMSClient", "PartnerSiteError", "render_location", "render_page", "render_procedure"]
