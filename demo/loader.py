"""Runs the demo builders in dependency order, inside one transaction."""

from django.db import transaction

from demo.base import DemoContext
from demo.calls_to_action import ensure_calls_to_action
from demo.claims import ensure_claims
from demo.conditions import ensure_conditions
from demo.forms import ensure_clinic_lead_forms, ensure_lead_forms, ensure_lead_managers
from demo.images import ensure_images
from demo.locations import ensure_locations
from demo.lumbar_foraminotomy import ensure_lumbar_foraminotomy
from demo.medical_reviews import ensure_medical_reviews
from demo.people import ensure_physicians, ensure_testimonials
from demo.procedures import ensure_procedures
from demo.site import (
    ensure_home_and_site,
    ensure_index_pages,
    ensure_site_settings,
    finish_home,
)
from demo.sites import ensure_clinic_teams, ensure_multi_clinic
from demo.translations import ensure_spanish_translations

STEPS = [
    ensure_images,  # everything else shows them
    ensure_home_and_site,  # the home page is published last, once its body can be built
    ensure_index_pages,
    ensure_lead_forms,  # the calls to action lead to them
    ensure_calls_to_action,  # point at the lead forms
    ensure_claims,  # the figures pages state
    ensure_physicians,  # medical reviewers of conditions and procedures
    ensure_conditions,
    ensure_procedures,
    ensure_testimonials,  # name conditions and procedures
    ensure_lumbar_foraminotomy,  # shows Larry L.'s testimonial
    ensure_locations,  # offer the procedures, list physicians and testimonials
    ensure_clinic_lead_forms,  # sit under a location
    ensure_lead_managers,  # per clinic where a form belongs to one
    finish_home,
    ensure_site_settings,
    ensure_multi_clinic,  # the affiliate site and local procedure pages
    ensure_spanish_translations,  # translate what exists, through wagtail-localize
    ensure_medical_reviews,  # of the pages in each language, once translated
    ensure_clinic_teams,  # cover the translated pages too
]


def load_demo_content():
    """Create whatever demo content is missing; return the run's report.

    All or nothing: on any error the transaction rolls back and the image files
    written so far are deleted again.
    """
    ctx = DemoContext()
    try:
        with transaction.atomic():
            for step in STEPS:
                step(ctx)
    except BaseException:
        for storage, name in ctx.written_files:
            storage.delete(name)
        raise
    return ctx.report
