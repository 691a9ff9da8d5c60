"""`manage.py generate_load_content`: the bench's pages and testimonials in both languages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from demo.load_content import BODY_BLOCKS_MAX, BODY_BLOCKS_MIN, generate
from locations.models import LocationPage
from people.models import Testimonial
from procedures.models import ProcedureIndexPage, ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]

SMALL = {"procedures": 3, "locations": 2, "testimonials": 4}


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def generated():
    return generate(**SMALL)


def generated_pages(model, language):
    return model.objects.filter(locale__language_code=language).filter(
        slug__startswith="load-" if language == "en" else "carga-"
    )


def test_each_kind_is_created_in_both_languages(generated):
    assert generated == {
        ("procedures", "en"): 3,
        ("procedures", "es"): 3,
        ("locations", "en"): 2,
        ("locations", "es"): 2,
        ("testimonials", "en"): 4,
        ("testimonials", "es"): 4,
    }


@pytest.mark.parametrize(
    ("english_path", "spanish_path"),
    [
        ("/procedures/load-procedure-1/", "/es/procedimientos/carga-procedimiento-1/"),
        ("/locations/load-location-2/", "/es/centros/carga-centro-2/"),
    ],
)
def test_english_and_spanish_pages_are_served_with_their_titles(
    client, generated, spanish, english_path, spanish_path
):
    english = Page.objects.get(url_path=f"/home{english_path}")
    translation = english.get_translation(spanish)
    for path, page in ((english_path, english), (spanish_path, translation)):
        response = client.get(path)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_spanish_pages_take_the_spanish_demo_words(generated, spanish):
    demo = ProcedurePage.objects.get(slug="foraminotomia-lumbar")
    demo_blocks = [(block["type"], block["value"]) for block in demo.body.raw_data]
    english = generated_pages(ProcedurePage, "en").order_by("path").first()
    translation = english.get_translation(spanish)
    assert translation.title.startswith(f"{demo.title} variante ")
    assert translation.slug.startswith("carga-procedimiento-")
    assert translation.introduction == demo.introduction
    for block in translation.body.raw_data:
        assert (block["type"], block["value"]) in demo_blocks


def test_the_api_links_the_translations(client, generated, spanish):
    english = generated_pages(ProcedurePage, "en").order_by("path").first()
    translation = english.get_translation(spanish)
    detail = client.get(f"/api/v2/pages/{english.pk}/").json()
    assert detail["translations"]["es"]["id"] == translation.pk
    listing = client.get(
        "/api/v2/pages/", {"locale": "es", "type": "procedures.ProcedurePage", "limit": 50}
    ).json()
    spanish_titles = {item["title"] for item in listing["items"]}
    assert translation.title in spanish_titles
    assert english.title not in spanish_titles


def test_bodies_have_8_to_15_blocks(generated):
    pages = list(generated_pages(ProcedurePage, "en")) + list(generated_pages(LocationPage, "es"))
    assert pages
    for page in pages:
        assert BODY_BLOCKS_MIN <= len(page.body.raw_data) <= BODY_BLOCKS_MAX


def test_the_tree_stays_valid_for_editors(generated, spanish):
    assert Page.find_problems() == ([], [], [], [], [])
    for section in (
        ProcedureIndexPage.objects.get(url_path="/home/procedures/"),
        ProcedureIndexPage.objects.get(url_path="/home/procedures/").get_translation(spanish),
    ):
        last = section.get_last_child()
        added = section.add_child(
            instance=ProcedurePage(
                title="Added by an editor",
                summary="A page added after the load content.",
                slug="added-by-an-editor",
                introduction="<p>Added after the load content.</p>",
                procedure_type="surgical",
                body_region="lumbar",
                locale=section.locale,
            )
        )
        assert added.path > last.path
        assert added.get_parent().pk == section.pk
    assert Page.find_problems() == ([], [], [], [], [])


def test_generated_pages_are_searchable_and_their_references_indexed(generated, spanish):
    english = generated_pages(ProcedurePage, "en").order_by("path").first()
    found = get_search_backend().search(english.title, ProcedurePage)
    assert english.pk in {page.pk for page in found}
    # Testimonials name procedures: cache purging finds them through the reference index.
    testimonial = Testimonial.objects.filter(
        display_name__startswith="Load patient ", locale=spanish
    ).first()
    references = ReferenceIndex.get_references_to(testimonial.procedure).filter(
        base_content_type=ContentType.objects.get_for_model(Testimonial)
    )
    assert str(testimonial.pk) in set(references.values_list("object_id", flat=True))


def test_testimonials_get_spanish_versions(generated, spanish):
    english = Testimonial.objects.filter(
        display_name__startswith="Load patient ", locale=Locale.get_default()
    )
    assert english.count() == SMALL["testimonials"]
    demo = Testimonial.objects.exclude(display_name__startswith="Load patient ")
    spanish_quotes = {
        demo_english.headline_quote: demo_english.get_translation(spanish).headline_quote
        for demo_english in demo.filter(locale=Locale.get_default())
        if demo_english.has_translation(spanish)
    }
    translations = [testimonial.get_translation(spanish) for testimonial in english]
    for testimonial, translation in zip(english, translations, strict=True):
        expected = spanish_quotes.get(testimonial.headline_quote, testimonial.headline_quote)
        assert translation.headline_quote == expected
        assert translation.procedure_id == testimonial.procedure_id
        assert translation.live
    assert set(spanish_quotes.values()) & {t.headline_quote for t in translations}


def test_a_second_run_creates_nothing(generated):
    pages_before = Page.objects.count()
    testimonials_before = Testimonial.objects.count()
    assert sum(generate(**SMALL).values()) == 0
    assert Page.objects.count() == pages_before
    assert Testimonial.objects.count() == testimonials_before


def test_a_larger_run_adds_only_the_missing_ones(generated, spanish):
    created = generate(procedures=5, locations=2, testimonials=6)
    assert created[("procedures", "en")] == created[("procedures", "es")] == 2
    assert created[("locations", "en")] == created[("locations", "es")] == 0
    assert created[("testimonials", "en")] == created[("testimonials", "es")] == 2
    slugs = sorted(generated_pages(ProcedurePage, "en").values_list("slug", flat=True))
    assert slugs == [f"load-procedure-{n}" for n in range(1, 6)]
    spanish_slugs = sorted(generated_pages(ProcedurePage, "es").values_list("slug", flat=True))
    assert spanish_slugs == [f"carga-procedimiento-{n}" for n in range(1, 6)]
    assert Page.find_problems() == ([], [], [], [], [])


def test_english_only_first_then_the_missing_translations(spanish):
    call_command(
        "generate_load_content",
        "--procedures=2",
        "--locations=1",
        "--testimonials=2",
        "--locales",
        "en",
    )
    assert not generated_pages(ProcedurePage, "es").exists()
    created = generate(procedures=2, locations=1, testimonials=2)
    assert created[("procedures", "en")] == 0
    assert created[("procedures", "es")] == 2
    assert created[("testimonials", "es")] == 2
    for page in generated_pages(ProcedurePage, "en"):
        assert page.get_translation(spanish).live


def test_leaving_out_the_source_language_is_refused():
    with pytest.raises(CommandError, match="default language"):
        call_command("generate_load_content", "--procedures=1", "--locales", "es")
    assert not generated_pages(ProcedurePage, "en").exists()


def test_pages_rendered_before_the_command_show_the_new_content(client):
    listing = "/api/v2/pages/?type=locations.LocationPage&limit=1"
    before = client.get(listing).json()["meta"]["total_count"]
    assert client.get(listing).json()["meta"]["total_count"] == before  # kept and reused

    call_command("generate_load_content", procedures=0, locations=1, testimonials=0, locales=["en"])

    assert client.get(listing).json()["meta"]["total_count"] == before + 1
