"""The people of a page's JSON-LD graph (core.structured_data): physicians with their NPI,
and who reviewed the page's medical content while that review is current.

Testimonials are left out on purpose: a patient's words are not structured data, and
schema.org's ``Review`` of one's own services is not eligible for rich results.
"""

from core import structured_data
from people.models import MedicalReviewMixin


def physician_node(graph, physician):
    """A physician of the page's site, with the same ``@id`` on every page and language."""
    return {
        "@type": "Physician",
        "@id": graph.site_id(f"physician-{physician.npi}"),
        "name": physician.name,
        "identifier": {"@type": "PropertyValue", "propertyID": "NPI", "value": physician.npi},
        "usNPI": physician.npi,
    }


def medical_review(page, graph):
    """``lastReviewed`` and ``reviewedBy``, only while the review is current."""
    reviewer = page.current_reviewer()
    if reviewer is not None:
        graph.webpage["lastReviewed"] = page.last_reviewed.isoformat()
        graph.webpage["reviewedBy"] = graph.link(physician_node(graph, reviewer))


def register():
    structured_data.register(MedicalReviewMixin, medical_review)
