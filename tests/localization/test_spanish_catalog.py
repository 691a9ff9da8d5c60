"""Spanish for the whole visitor journey: every string of ours is translated, and a Spanish
visitor's pages show none of the English words of the templates that render them."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults
from wagtail.models import Locale

from cms import views as error_views
from leads.models import LeadFormPage
from locations.models import LocationIndexPage, LocationPage
from procedures.models import ProcedurePage
from tests.helpers import default_site
from tests.localization.helpers import catalog, english_left_in, template_msgids, visible_words

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Strings that visitors never see: editors' and lead managers' screens, notification emails.
STAFF_TEMPLATES = ("leads/admin/", "leads/email/", "procedures/admin/")


def visitor_templates():
    return sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if not str(path.relative_to(TEMPLATES)).startswith(STAFF_TEMPLATES)
    )


def test_every_string_of_ours_has_a_spanish_translation():
    po = catalog()
    assert len(po) > 0
    missing = [entry.msgid for entry in po if not entry.translated() or entry.fuzzy]
    assert missing == []


@pytest.mark.parametrize("template_name", visitor_templates())
def test_every_string_of_a_visitor_template_is_in_the_catalog(template_name):
    translated = {entry.msgid for entry in catalog() if entry.translated()}
    assert template_msgids(template_name) - translated == set()


def spanish():
    return Locale.objects.get(language_code="es")


def spanish_lead_forms():
    network = LeadFormPage.objects.descendant_of(default_site().root_page)
    english = network.filter(locale__language_code="en").order_by("path")
    return [form.get_translation(spanish()) for form in english]


def path_of(page):
    return urlsplit(page.full_url).path


def spanish_finder_path():
    english = LocationIndexPage.objects.descendant_of(default_site().root_page).get(
        locale__language_code="en"
    )
    return path_of(english.get_translation(spanish()))


VISITS = {
    "search with results": lambda client: client.get("/es/search/", {"q": "estenosis"}),
    "search without results": lambda client: client.get("/es/search/", {"q": "qqzzxxvv"}),
    "empty search": lambda client: client.get("/es/search/"),
    "location finder": lambda client: client.get(spanish_finder_path(), {"near": "75201"}),
    "finder with a bad query": lambda client: client.get(spanish_finder_path(), {"near": "1234"}),
    "page not found": lambda client: client.get("/es/no-existe/"),
}


@pytest.mark.parametrize("visit", VISITS, ids=list(VISITS))
def test_a_spanish_visitor_s_pages_show_no_english_template_words(client, visit):
    response = VISITS[visit](client)
    assert response.status_code in (200, 404)
    assert response.templates
    assert english_left_in(response, catalog()) == []


def test_the_spanish_lead_forms_their_errors_and_thanks_show_no_english_template_words(client):
    po = catalog()
    forms = list(spanish_lead_forms())
    assert len(forms) == 4
    for form in forms:
        page = client.get(path_of(form))
        with_errors = client.post(path_of(form), {})
        assert with_errors.context["form"].errors
        for response in (page, with_errors):
            assert english_left_in(response, po) == [], form.slug
    info_kit = (
        LeadFormPage.objects.descendant_of(default_site().root_page)
        .get(slug="free-info-kit", locale__language_code="en")
        .get_translation(spanish())
    )
    sent = {
        "full_name": "Ana Pérez",
        "street_address": "Calle Mayor 1",
        "city": "Dallas",
        "state": "TX",
        "zip_code": "75201",
    }
    thanks = client.post(path_of(info_kit), sent)
    assert thanks.context["page"].pk == info_kit.pk and "form" not in thanks.context
    assert english_left_in(thanks, po) == []


@pytest.mark.parametrize(
    ("render", "template_names"),
    [
        (
            lambda request: error_views.bad_request(request, Exception()),
            ["400.html", "error_page_base.html"],
        ),
        (
            lambda request: defaults.permission_denied(request, PermissionDenied()),
            ["403.html", "base.html"],
        ),
        (
            lambda request: error_views.server_error(request),
            ["500.html", "error_page_base.html"],
        ),
        (
            lambda request: error_views.file_store_unavailable(request),
            ["503_file_store.html", "error_page_base.html"],
        ),
    ],
    ids=["400", "403", "500", "503"],
)
def test_error_pages_are_spanish_for_a_spanish_visitor(render, template_names):
    """Django renders these without the test client's record of templates."""
    with translation.override("es"):
        response = render(RequestFactory().get("/es/algo/"))
    assert response.status_code >= 400
    assert english_left_in(response, catalog(), template_names) == []


def test_spanish_pages_show_choice_labels_in_spanish(client):
    procedure = ProcedurePage.objects.in_site(default_site()).get(
        slug="lumbar-foraminotomy", locale__language_code="en"
    )
    location = LocationPage.objects.in_site(default_site()).get(
        slug="dallas-tx", locale__language_code="en"
    )
    weekday = location.hours.first()
    for page, label in (
        (procedure, procedure.get_body_region_display),
        (location, weekday.get_weekday_display),
    ):
        with translation.override("en"):
            english = str(label())
        with translation.override("es"):
            spanish_label = str(label())
        assert spanish_label != english
        # What the visitor reads: the structured data names weekdays as schema.org does.
        text = visible_words(client.get(path_of(page.get_translation(spanish()))))
        assert spanish_label in text
        assert english not in text
