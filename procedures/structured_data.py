"""Procedures and conditions in the JSON-LD graph (core.structured_data)."""

from django.utils import translation

from core import structured_data
from core.head import page_description
from procedures.models import ConditionPage, ProcedurePage


def procedure_entity(page, graph):
    """A ``SurgicalProcedure`` when the procedure type says surgical, else a
    ``MedicalProcedure``; the same node wherever the procedure is linked from."""
    surgical = page.procedure_type == ProcedurePage.ProcedureType.SURGICAL
    address = structured_data.page_address(page)
    return {
        "@type": "SurgicalProcedure" if surgical else "MedicalProcedure",
        "@id": f"{address}#procedure",
        "name": page.title,
        "description": page_description(page),
        "url": address,
        "bodyLocation": body_region_label(page, graph),
    }


def body_region_label(page, graph):
    """In the language of the graph's page, which lists the procedure in its own language:
    no need to load the procedure's locale."""
    with translation.override(graph.language):
        return str(page.get_body_region_display())


def condition_entity(page, graph):
    address = structured_data.page_address(page)
    return {
        "@type": "MedicalCondition",
        "@id": f"{address}#condition",
        "name": page.title,
        "description": page_description(page),
        "url": address,
    }


def register():
    structured_data.register_entity(ProcedurePage, procedure_entity)
    structured_data.register_entity(ConditionPage, condition_entity)
