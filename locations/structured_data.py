"""Locations in the JSON-LD graph (core.structured_data): a ``MedicalClinic`` with its
address, position, telephone (E.164, as stored), opening hours, the procedures it offers
and the physicians who practise there."""

from django.db.models import prefetch_related_objects

from core import structured_data
from core.head import page_description
from locations.models import LocationHours, LocationPage
from people.structured_data import physician_node

#: schema.org's days of the week, by LocationHours.Weekday.
DAYS_OF_WEEK = {
    day.value: f"https://schema.org/{day.name.capitalize()}" for day in LocationHours.Weekday
}


def clinic_entity(page, graph):
    address = structured_data.page_address(page)
    return {
        "@type": "MedicalClinic",
        "@id": f"{address}#clinic",
        "name": page.title,
        "description": page_description(page),
        "url": address,
        "telephone": page.main_phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.street_address,
            "addressLocality": page.city,
            "addressRegion": page.state,
            "postalCode": page.zip_code,
            "addressCountry": "US",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        },
        "parentOrganization": {"@id": graph.site_id("organization")},
    }


def opening_hours(rows):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": DAYS_OF_WEEK[row.weekday],
            "opens": row.opens.isoformat(timespec="minutes"),
            "closes": row.closes.isoformat(timespec="minutes"),
        }
        for row in rows
        if not row.closed
    ]


def clinic_details(page, graph):
    """What the clinic's own page shows of it: hours, services and physicians."""
    clinic = graph.nodes[graph.page_id("clinic")]
    # Prefetched, so that the template reads the same rows (a query in all).
    prefetch_related_objects([page], "hours")
    hours = opening_hours(page.hours.all())
    if hours:
        clinic["openingHoursSpecification"] = hours
    services = [graph.entity(procedure) for procedure in page.listed_procedures()]
    if services:
        clinic["availableService"] = services
    physicians = [
        graph.link(physician_node(graph, physician)) for physician in page.listed_physicians()
    ]
    if physicians:
        clinic["member"] = physicians


def register():
    structured_data.register_entity(LocationPage, clinic_entity)
    structured_data.register(LocationPage, clinic_details)
