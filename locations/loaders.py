"""What the serialization layer needs to know of location pages."""

from django.db.models import prefetch_related_objects

from locations.models import LocationPage, offered_page_model
from serialization import registry
from serialization.representation import phone_data


def offered_procedure_ids(pages):
    prefetch_related_objects(pages, "hours", "services", "physician_links", "gallery_images")
    services = [service for page in pages for service in page.services.all()]
    return {offered_page_model(): [service.procedure_id for service in services]}


def location_card(page):
    return {
        "city": page.city,
        "state": page.state,
        "street_address": page.street_address,
        "zip_code": page.zip_code,
        "phone": phone_data(page.main_phone),
    }


def register():
    registry.register(LocationPage, related_pages=offered_procedure_ids, card_fields=location_card)
