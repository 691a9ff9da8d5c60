"""The image sizes that the site and the API show, made when an image is saved.

A rendition made on first view costs that visitor the image processing and
leaves the app server's memory grown by it, so a task queued when an image is
saved makes every size at once. Keep SITE_RENDITION_SPECS in step with the
``{% image %}`` and ``{% srcset_image %}`` tags in templates/ (a test reads the
templates and names any size missing here) and with core.head's sizes.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.head import ICON_SPECS, SHARE_IMAGE_SPEC
from serialization.representation import API_RENDITION_SPECS

#: Every <picture> of the site is WebP with a JPEG fallback. Not AVIF: this machine's Pillow
#: takes one to three seconds to encode each size, for every image saved. Every size is made
#: for every image saved, so pictures share sizes where their layouts allow.
PICTURE_FORMATS = "format-{webp,jpeg}"
#: The home page's hero at three widths, which a StreamField image also takes.
WIDE_PICTURE_SPECS = Filter.expand_spec([PICTURE_FORMATS, "width-{640,1200,1800}"])
#: A card and a gallery photo at one and two times their shown size; the hero of a procedure,
#: condition or location is the same 16:9 crop, and also wide enough for a tablet's full width
#: or a phone's three pixels a point.
CARD_PICTURE_SPECS = Filter.expand_spec([PICTURE_FORMATS, "fill-{480x270,960x540}"])
PAGE_HERO_PICTURE_SPECS = Filter.expand_spec([PICTURE_FORMATS, "fill-{480x270,960x540,1600x900}"])
#: A physician's portrait, shown 8rem wide.
PORTRAIT_PICTURE_SPECS = Filter.expand_spec([PICTURE_FORMATS, "fill-{160x200,320x400}"])

SITE_RENDITION_SPECS = tuple(
    dict.fromkeys(  # the cards' sizes are also the page hero's: each is made once
        [
            *WIDE_PICTURE_SPECS,
            *CARD_PICTURE_SPECS,
            *PAGE_HERO_PICTURE_SPECS,
            *PORTRAIT_PICTURE_SPECS,
            "height-48",
            # Link previews and the site's icons (core.head), read from the head of every page.
            SHARE_IMAGE_SPEC,
            *ICON_SPECS.values(),
        ]
    )
)


@task()
def generate_renditions(image_id):
    """Create the renditions the API and the site show, so that no request waits for them."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*API_RENDITION_SPECS, *SITE_RENDITION_SPECS)


def _queue_renditions(sender, instance, created, **kwargs):
    transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))


def connect():
    post_save.connect(_queue_renditions, sender=get_image_model(), dispatch_uid="image-renditions")
