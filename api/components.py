"""Named JSON Schemas of the data ``serialization.representation`` builds, for the OpenAPI document.

A page card, an image with its renditions, a phone, a call to action, a physician
and a testimonial look the same wherever the API shows them (in blocks, in page
fields, in snippets), so each is one component that the rest refers to. Choices
are enums read from the models' own choices, so a new choice reaches the schema.
"""

from django.apps import apps

from api.field_schemas import TIME_OF_DAY_PATTERN
from core.structured_data import SCHEMA_CONTEXT
from serialization.representation import API_RENDITION_FORMATS

COMPONENTS_REF = "#/components/schemas/"


def ref(name):
    return {"$ref": COMPONENTS_REF + name}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def array_of(schema):
    return {"type": "array", "items": schema}


def obj(properties, *, optional=(), description=None):
    """An object with these properties, all required except those named ``optional``."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }
    if description:
        schema["description"] = description
    return schema


def choices_of(model_label, field_name):
    """The enum of a model field's choices, and "" where a text field may be blank."""
    field = apps.get_model(model_label)._meta.get_field(field_name)
    values = [value for value, _label in field.flatchoices]
    if isinstance(values[0], int):
        return {"type": "integer", "enum": values}
    if field.blank and "" not in values:
        values.append("")
    return {"type": "string", "enum": values}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
TIME_OF_DAY = {
    "type": "string",
    "pattern": TIME_OF_DAY_PATTERN,
    "description": "Local time, HH:MM.",
}
LANGUAGE_CODE = {"type": "string", "description": "The language code of a locale, e.g. en, es."}


def page_field_components():
    """{name: JSON Schema} of what page fields carry besides cards, images and people."""
    return {
        "Seo": obj({"title": STRING, "description": STRING}),
        "Breadcrumb": obj({"id": INTEGER, "title": STRING, "url": nullable(URL)}),
        "Translations": {
            "type": "object",
            "description": "The page's published translations, by language code.",
            "additionalProperties": ref("Translation"),
        },
        "Translation": obj({"id": INTEGER, "url": nullable(URL)}),
        "Geo": obj({"latitude": {"type": "number"}, "longitude": {"type": "number"}}),
        "Phones": obj(
            {"main": nullable(ref("Phone")), "24_7": nullable(ref("Phone"))},
            description="The location's main and around-the-clock numbers.",
        ),
        "OpeningHours": obj(
            {
                "weekday": {"type": "integer", "minimum": 0, "maximum": 6},
                "day": {
                    "type": "string",
                    "description": "The weekday's name in the page's language.",
                },
                "opens": nullable(TIME_OF_DAY),
                "closes": nullable(TIME_OF_DAY),
                "closed": {"type": "boolean"},
            }
        ),
        **schema_org_components(),
        "GalleryImage": obj({"image": nullable(ref("Image")), "caption": STRING}),
        "MedicalReview": obj(
            {
                "status": nullable({"type": "string", "enum": ["current", "changed", "overdue"]}),
                "reviewer": nullable(ref("Physician")),
                "last_reviewed": nullable({"type": "string", "format": "date"}),
                "next_review": nullable({"type": "string", "format": "date"}),
            },
            description=(
                "The page's credentialed medical review (docs/governance.md): `current`, "
                "`changed` (the reviewed content was edited since the approval) or `overdue` "
                "(the next review has passed); `null` if never reviewed. Show "
                '"Medically reviewed by … on …" only while `current`.'
            ),
        ),
        "Clinic": {
            "allOf": [
                ref("PageCard"),
                obj({"phones": ref("Phones"), "opening_hours": array_of(ref("OpeningHours"))}),
            ],
            "description": "The location a local procedure page belongs to.",
        },
    }


def schema_org_components():
    """The page's JSON-LD (core.structured_data), in both API versions' documents."""
    node = obj(
        {"@id": URL, "@type": STRING},
        description=(
            "A schema.org node (MedicalWebPage, MedicalOrganization, MedicalProcedure, "
            "MedicalClinic, Physician, …) with its properties; a property that names another "
            'node is a reference, `{"@id": …}`, to a node of the same graph.'
        ),
    )
    return {
        "SchemaOrg": obj(
            {
                "@context": {"type": "string", "const": SCHEMA_CONTEXT},
                "@graph": array_of(ref("SchemaOrgNode")),
            },
            description=(
                "The page's schema.org JSON-LD, the graph its HTML head gives search engines: "
                "public content only (docs/governance.md, Structured data)."
            ),
        ),
        "SchemaOrgNode": {**node, "additionalProperties": True},
    }


def page_field_properties(procedure_body):
    """{property name: schema} of the read fields that Wagtail's generator leaves untyped."""
    cards = array_of(ref("PageCard"))
    return {
        "page_url": nullable(URL),
        "seo": ref("Seo"),
        "breadcrumbs": array_of(ref("Breadcrumb")),
        "translations": ref("Translations"),
        # None only for a page outside every site, which only a token reads.
        "schema_org": nullable(ref("SchemaOrg")),
        "hero": nullable(ref("Image")),
        "portrait": nullable(ref("Image")),
        "reviewer": nullable(ref("Physician")),
        "medical_review": ref("MedicalReview"),
        "geo": ref("Geo"),
        "phones": ref("Phones"),
        "opening_hours": array_of(ref("OpeningHours")),
        "gallery": array_of(ref("GalleryImage")),
        "conditions": cards,
        "locations": cards,
        "procedures": cards,
        "procedures_offered": cards,
        "physicians": array_of(ref("Physician")),
        "testimonials": array_of(ref("Testimonial")),
        "primary_call_to_action": nullable(ref("CallToAction")),
        "action": nullable(ref("CallToAction")),
        "procedure_type_label": STRING,
        "body_region_label": STRING,
        "condition_name": STRING,
        "procedure_name": STRING,
        "specialty_list": array_of(STRING),
        "clinic": ref("Clinic"),
        "shared_procedure": nullable(shared_procedure(procedure_body)),
    }


def shared_procedure(procedure_body):
    card = components()["PageCard"]
    return obj(
        {
            **card["properties"],
            "introduction": STRING,
            "procedure_type": {"type": "string", "description": "The procedure type's label."},
            "typical_recovery_time": nullable(STRING),
            "body": procedure_body,
        },
        optional=[name for name in card["properties"] if name not in card["required"]],
        description="The shared procedure's card, introduction and body, as this page shows them.",
    )


def components():
    """{name: JSON Schema} of the shared shapes."""
    return {
        **page_field_components(),
        "Phone": obj(
            {
                "e164": {"type": "string", "pattern": r"^\+[1-9][0-9]{1,14}$"},
                "display": STRING,
                "url": {"type": "string", "pattern": r"^tel:\+[0-9]+$"},
            },
            description="A phone number in E.164, as shown, and as a tel: link.",
        ),
        "OtherSite": obj(
            {"name": STRING, "hostname": STRING},
            description="The other brand's site a link leads to (a deliberate cross-brand link).",
        ),
        "Rendition": obj(
            {
                "width": INTEGER,
                "height": INTEGER,
                "format": {"type": "string", "enum": list(API_RENDITION_FORMATS)},
                "url": URL,
            }
        ),
        "FocalPoint": obj({"x": INTEGER, "y": INTEGER, "width": INTEGER, "height": INTEGER}),
        "Image": obj(
            {
                "id": INTEGER,
                "title": STRING,
                "alt": STRING,
                "width": INTEGER,
                "height": INTEGER,
                "focal_point": nullable(ref("FocalPoint")),
                "renditions": array_of(ref("Rendition")),
            },
            description="An image with its alternative text and renditions in JPEG and WebP.",
        ),
        "PageCard": obj(
            {
                "id": INTEGER,
                "type": {"type": "string", "description": "The page type, app_label.Model."},
                "title": STRING,
                "url": URL,
                "locale": LANGUAGE_CODE,
                "site": ref("OtherSite"),
                "summary": STRING,
                "image": nullable(ref("Image")),
                "procedure_type": choices_of("procedures.ProcedurePage", "procedure_type"),
                "body_region": choices_of("procedures.ProcedurePage", "body_region"),
                "city": STRING,
                "state": STRING,
                "street_address": STRING,
                "zip_code": STRING,
                "phone": nullable(ref("Phone")),
            },
            optional=(
                "site",
                "summary",
                "image",
                "procedure_type",
                "body_region",
                "city",
                "state",
                "street_address",
                "zip_code",
                "phone",
            ),
            description=(
                "A card of a public page. Listed pages add their summary and image, "
                "procedures their type and body region, locations their address and phone."
            ),
        ),
        "CallToAction": obj(
            {
                "id": INTEGER,
                "kind": choices_of("cms.CallToAction", "kind"),
                "heading": STRING,
                "text": STRING,
                "label": STRING,
                "url": nullable(STRING),
                "phone": nullable(ref("Phone")),
                "locale": LANGUAGE_CODE,
                "site": ref("OtherSite"),
            },
            optional=("site",),
            description="A call to action from the library, resolved for the page's site.",
        ),
        "Claim": obj(
            {
                "id": INTEGER,
                "figure": STRING,
                "wording": STRING,
                "source": STRING,
                "period": STRING,
                "population": STRING,
                "numerator": nullable(INTEGER),
                "denominator": nullable(INTEGER),
                "locale": LANGUAGE_CODE,
            },
            description=(
                "A substantiated figure from the library of claims: what it measures, its "
                "source and the period measured (empty for a claim migrated from free text)."
            ),
        ),
        "Physician": obj(
            {
                "id": INTEGER,
                "name": STRING,
                "credentials": STRING,
                "specialties": array_of(STRING),
                "npi": STRING,
                "photo": nullable(ref("Image")),
                "locale": LANGUAGE_CODE,
            }
        ),
        "Testimonial": obj(
            {
                "id": INTEGER,
                "display_name": STRING,
                "condition": STRING,
                "procedure": STRING,
                "headline_quote": STRING,
                "quotes": array_of(STRING),
                "disclosure": STRING,
                "connection_disclosure": STRING,
                "locale": LANGUAGE_CODE,
            }
        ),
    }
