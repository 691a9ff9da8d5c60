"""Background work for the API, run through Wagtail's task machinery (django-tasks)."""

from django_tasks import task
from wagtail.images import get_image_model

from cms.api.representation import RENDITION_SPECS
from cms.renditions import SITE_RENDITION_SPECS


@task()
def generate_renditions(image_id):
    """Create the renditions the API and the site show, so that no request waits for them."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*RENDITION_SPECS, *SITE_RENDITION_SPECS)
