"""v3 writes that content governance refuses before Wagtail sees them (docs/governance.md).

Wagtail's v3 would drop a field that is not writable without a word (``api.compat``
turns that into a 400 naming the field); the fields of a medical review deserve the
reason: only a credentialed physician's approval of the "Medical review" workflow task
sets them.
"""

from api.compat import field_errors_response, write_schema
from people.models import MedicalReviewMixin

#: What a caller may send for the review fields (a foreign key is written as ``…_id``).
REVIEW_WRITE_KEYS = ("medical_reviewer", "medical_reviewer_id", "last_reviewed", "next_review")

REVIEW_FIELD_MESSAGE = (
    "{key}: read-only; set only when a credentialed physician approves the page's "
    "Medical review workflow task"
)


def review_field_problem(request):
    """A 400 naming each medical review field a page create or update tries to set."""
    written = write_schema(request)
    if written is None:
        return None
    model, body, _schema = written
    if not issubclass(model, MedicalReviewMixin):
        return None
    keys = [key for key in REVIEW_WRITE_KEYS if key in body]
    if not keys:
        return None
    return field_errors_response([(key, REVIEW_FIELD_MESSAGE.format(key=key)) for key in keys])
