"""people/0001 moved Physician (from locations) and Testimonial (from procedures).

The rows, their ids and their content types must survive: the content types are
relabelled rather than replaced (revisions, translations, permissions and the
reference index point at them by id) and the tables are renamed rather than
copied, and every foreign key to them must reach the renamed tables.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.migration_helpers import leaf_nodes, migrate

pytestmark = pytest.mark.demo_content

# The state just before the move: people/0001 and the migrations that depend on it unapplied.
BEFORE_THE_MOVE = [
    ("people", None),
    ("locations", "0004_translatable_gallery_images"),
    ("procedures", "0004_procedure_risk_statements"),
    ("clinics", "0001_local_procedure_pages_and_clinic_teams"),
    ("home", "0003_alter_homepage_body"),
]

# Each foreign key to a moved model, as (table, column, table it must reference).
FOREIGN_KEYS_TO_MOVED_MODELS = [
    ("clinics_localproceduresurgeon", "physician_id", "people_physician"),
    ("clinics_localproceduretestimonial", "testimonial_id", "people_testimonial"),
    ("locations_locationphysician", "physician_id", "people_physician"),
    ("procedures_procedurepage", "medical_reviewer_id", "people_physician"),
    ("procedures_conditionpage", "medical_reviewer_id", "people_physician"),
]


def roll_back_a_failed_migration():
    """Django's SQLite schema editor leaves its transaction open when the foreign
    key check that ends a migration fails: roll the half-done migration back."""
    if connection.in_atomic_block:
        connection.in_atomic_block = False
        connection.savepoint_ids = []
        connection.needs_rollback = False
        connection.rollback()
        connection.set_autocommit(True)
        connection.enable_constraint_checking()


def referenced_table(table, column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    targets = {
        c["foreign_key"][0]
        for c in constraints.values()
        if c["columns"] == [column] and c["foreign_key"]
    }
    assert len(targets) == 1, f"{table}.{column} has foreign keys to {targets}"
    return targets.pop()


@pytest.mark.django_db(transaction=True)
def test_physicians_and_testimonials_keep_rows_ids_content_types_and_links(
    content_restored_afterwards,
):
    try:
        old_apps = migrate(BEFORE_THE_MOVE)
        old = {
            name: old_apps.get_model(app, name)
            for app, name in [
                ("contenttypes", "ContentType"),
                ("wagtailcore", "Locale"),
                ("wagtailcore", "Revision"),
                ("locations", "Physician"),
                ("locations", "LocationPage"),
                ("locations", "LocationPhysician"),
                ("procedures", "Testimonial"),
                ("procedures", "ProcedurePage"),
                ("clinics", "LocalProcedurePage"),
                ("clinics", "LocalProcedureSurgeon"),
                ("clinics", "LocalProcedureTestimonial"),
            ]
        }
        assert "locations_physician" in connection.introspection.table_names()
        assert "people_physician" not in connection.introspection.table_names()

        physician_type, _ = old["ContentType"].objects.get_or_create(
            app_label="locations", model="physician"
        )
        testimonial_type, _ = old["ContentType"].objects.get_or_create(
            app_label="procedures", model="testimonial"
        )
        counts_before = {
            "physicians": old["Physician"].objects.count(),
            "testimonials": old["Testimonial"].objects.count(),
            "location links": old["LocationPhysician"].objects.count(),
            "surgeon links": old["LocalProcedureSurgeon"].objects.count(),
            "testimonial links": old["LocalProcedureTestimonial"].objects.count(),
        }
        permission_ids = set(
            Permission.objects.filter(
                content_type__in=[physician_type.pk, testimonial_type.pk]
            ).values_list("pk", flat=True)
        )

        locale = old["Locale"].objects.order_by("pk").first() or old["Locale"].objects.create(
            language_code="en"
        )
        physician = old["Physician"].objects.create(
            name="Dr. Moved Along", credentials="MD", npi="1992753880", locale=locale
        )
        testimonial = old["Testimonial"].objects.create(
            display_name="Mo V.", headline_quote="Still here.", locale=locale
        )
        revision = old["Revision"].objects.create(
            content_type=physician_type,
            base_content_type=physician_type,
            object_id=str(physician.pk),
            created_at=timezone.now(),
            content={"name": physician.name},
        )
        location_page = old["LocationPage"].objects.order_by("pk").first()
        local_page = old["LocalProcedurePage"].objects.order_by("pk").first()
        procedure_page = old["ProcedurePage"].objects.order_by("pk").first()
        assert location_page and local_page and procedure_page, "the demo content is missing"
        location_link = old["LocationPhysician"].objects.create(
            page_id=location_page.pk, physician=physician, sort_order=99
        )
        surgeon_link = old["LocalProcedureSurgeon"].objects.create(
            page_id=local_page.pk, physician=physician, sort_order=99
        )
        testimonial_link = old["LocalProcedureTestimonial"].objects.create(
            page_id=local_page.pk, testimonial=testimonial, sort_order=99
        )
        old["ProcedurePage"].objects.filter(pk=procedure_page.pk).update(medical_reviewer=physician)
    finally:
        # Whatever happened above, later tests get a fully migrated database.
        roll_back_a_failed_migration()
        migrate(leaf_nodes())

    from wagtail.models import Revision

    from clinics.models import LocalProcedureSurgeon, LocalProcedureTestimonial
    from locations.models import LocationPhysician
    from people.models import Physician, Testimonial
    from procedures.models import ProcedurePage

    ContentType.objects.clear_cache()
    tables = connection.introspection.table_names()
    assert {"people_physician", "people_testimonial"} <= set(tables)
    assert not {"locations_physician", "procedures_testimonial"} & set(tables)
    for table, column, target in FOREIGN_KEYS_TO_MOVED_MODELS:
        assert referenced_table(table, column) == target, (table, column)

    # The same rows under the same ids, and nothing lost on the way.
    assert Physician.objects.get(pk=physician.pk).npi == "1992753880"
    assert Testimonial.objects.get(pk=testimonial.pk).headline_quote == "Still here."
    assert {
        "physicians": Physician.objects.count(),
        "testimonials": Testimonial.objects.count(),
        "location links": LocationPhysician.objects.count(),
        "surgeon links": LocalProcedureSurgeon.objects.count(),
        "testimonial links": LocalProcedureTestimonial.objects.count(),
    } == {key: count + 1 for key, count in counts_before.items()}
    assert LocationPhysician.objects.get(pk=location_link.pk).physician_id == physician.pk
    assert LocalProcedureSurgeon.objects.get(pk=surgeon_link.pk).physician_id == physician.pk
    assert LocalProcedureTestimonial.objects.get(pk=testimonial_link.pk).testimonial_id == (
        testimonial.pk
    )
    assert ProcedurePage.objects.get(pk=procedure_page.pk).medical_reviewer_id == physician.pk

    # The content types were relabelled, not replaced: what points at them by id still does.
    assert ContentType.objects.get_for_model(Physician).pk == physician_type.pk
    assert ContentType.objects.get_for_model(Testimonial).pk == testimonial_type.pk
    assert not ContentType.objects.filter(app_label="locations", model="physician").exists()
    assert not ContentType.objects.filter(app_label="procedures", model="testimonial").exists()
    assert Revision.objects.get(pk=revision.pk).content_object == Physician.objects.get(
        pk=physician.pk
    )
    assert permission_ids == set(
        Permission.objects.filter(
            content_type__in=[physician_type.pk, testimonial_type.pk]
        ).values_list("pk", flat=True)
    )

    # New rows and links can be written against the renamed tables.
    newcomer = Physician.objects.create(
        name="Dr. New Here", npi="1245319599", locale_id=physician.locale_id
    )
    assert newcomer.pk > physician.pk
    LocationPhysician.objects.create(page_id=location_page.pk, physician=newcomer, sort_order=100)
    LocalProcedureSurgeon.objects.create(page_id=local_page.pk, physician=newcomer, sort_order=100)
    LocalProcedureTestimonial.objects.create(
        page_id=local_page.pk,
        testimonial=Testimonial.objects.create(
            display_name="New T.", headline_quote="Hello.", locale_id=physician.locale_id
        ),
        sort_order=100,
    )
    connection.check_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationPhysician.objects.create(page_id=location_page.pk, physician_id=newcomer.pk + 1000)
        connection.check_constraints()
