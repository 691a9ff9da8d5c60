"""What the serialization layer needs to know of core's models (serialization.registry)."""

from core.models import CallToAction, ListingMixin
from serialization import registry
from serialization.prefetch import cached_image
from serialization.representation import image_data


def listing_card(page):
    return {"summary": page.summary, "image": image_data(cached_image(page, "hero_image"))}


def register():
    registry.register(ListingMixin, image_fields="hero_image", card_fields=listing_card)
    registry.register(CallToAction, select_related="link_page")
