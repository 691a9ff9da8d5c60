"""Reports → Medical review records: the evidence behind "Medically reviewed by … on …"
(issue #18), listed, filtered and exported for an audit, by those given the records' view
permission only; nothing in it can change a record."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from people.models import MedicalReviewRecord
from people.review import record_review
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site
from tests.governance.helpers import a_physician_account

pytestmark = pytest.mark.django_db

REPORT = "medical_review_records"


@pytest.fixture
def records(django_user_model):
    site = a_site()
    _user, lee = a_physician_account(django_user_model, "dr.lee", name="Dr. Ana Lee")
    _user, ortiz = a_physician_account(django_user_model, "dr.ortiz", name="Dr. Raúl Ortiz")
    return [
        record_review(a_reviewed_page(site, "Lumbar Foraminotomy"), lee),
        record_review(a_reviewed_page(site, "Cervical Laminoplasty"), ortiz),
    ]


def a_reviewed_page(site, title):
    page = ProcedurePageFactory(parent=site.procedures, title=title)
    page.save_revision()
    return page


def an_account(django_user_model, *codenames):
    user = django_user_model.objects.create_user("auditor", "auditor@example.com", "x")
    group = Group.objects.create(name="Compliance")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def test_an_auditor_lists_every_record_with_who_approved_what_and_when(records, django_user_model):
    auditor = an_account(django_user_model, "view_medicalreviewrecord")

    response = auditor.get(reverse(REPORT))

    assert response.status_code == 200
    assert reverse(REPORT) in auditor.get(reverse("wagtailadmin_home")).text
    for record in records:
        assert record.page_title in response.text
        assert record.physician_name in response.text
        assert record.physician_npi in response.text


def test_the_report_filters_by_physician(records, django_user_model):
    auditor = an_account(django_user_model, "view_medicalreviewrecord")
    lee = records[0].physician

    response = auditor.get(reverse(REPORT), {"physician": lee.pk})

    assert records[0].page_title in response.text
    assert records[1].page_title not in response.text


def test_the_export_carries_the_attestation_and_the_fingerprint(records, django_user_model):
    auditor = an_account(django_user_model, "view_medicalreviewrecord")

    response = auditor.get(reverse(REPORT), {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == MedicalReviewRecord.objects.count()
    exported = {row["Page id"]: row for row in rows}
    for record in records:
        row = exported[str(record.page_id)]
        assert row["Page"] == record.page_title
        assert row["Physician"] == record.physician_name
        assert row["Attestation"] == record.attestation
        assert row["Fingerprint of the reviewed content"] == record.content_digest


def test_an_editor_without_the_permission_gets_no_report_and_no_menu_item(
    records, django_user_model
):
    editor = an_account(django_user_model, "change_testimonial")

    response = editor.get(reverse(REPORT))
    home = editor.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert reverse(REPORT) not in home.text


@pytest.mark.parametrize(
    "query",
    [{"physician": "abc"}, {"reviewed_on_after": "notadate"}, {"ordering": "nosuch"}],
    ids=["physician", "date", "ordering"],
)
def test_a_malformed_filter_is_no_error(records, django_user_model, query):
    auditor = an_account(django_user_model, "view_medicalreviewrecord")

    response = auditor.get(reverse(REPORT), query)

    assert response.status_code == 200
    assert records[0].page_title in response.text
