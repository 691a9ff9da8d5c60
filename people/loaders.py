"""What the serialization layer needs to know of physicians and testimonials."""

from people.models import Physician, Testimonial
from serialization import registry


def register():
    registry.register(Physician, image_fields="photo")
    registry.register(Testimonial, select_related=("condition", "procedure"))
