"""A call to action names a page in its own language, never an alias: refused on its field by
the model, the admin's form and an API v3 write alike (docs/content-scope.md)."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import APIToken

from core.factories import CallToActionFactory
from core.models import CallToAction
from leads.factories import LeadFormPageFactory
from tests.builders import a_site, a_translation, spanish
from tests.helpers import error_fields

pytestmark = pytest.mark.django_db

LEADING_TO_A_PAGE = {"kind": CallToAction.Kind.PAGE, "link_url": ""}


@pytest.fixture
def network():
    """A site with an English form, its Spanish translation, and its alias on a second site."""
    built = a_site()
    built.form = LeadFormPageFactory(parent=built.home, title="Free MRI Review")
    built.in_spanish()
    built.spanish_form = a_translation(built.form, slug="revision-gratuita")
    built.alias = built.form.create_alias(parent=a_site().home)
    return built


def refused_fields(call_to_action):
    with pytest.raises(ValidationError) as excinfo:
        call_to_action.full_clean()
    return error_fields(excinfo)


def test_a_page_in_its_own_language_is_accepted(network):
    CallToActionFactory.build(link_page=network.form, **LEADING_TO_A_PAGE).full_clean()
    CallToActionFactory.build(
        link_page=network.spanish_form, locale=spanish(), **LEADING_TO_A_PAGE
    ).full_clean()


def test_a_page_in_another_language_is_refused_on_the_page_field(network):
    english = CallToActionFactory.build(link_page=network.spanish_form, **LEADING_TO_A_PAGE)
    spanish_of_its_own = CallToActionFactory.build(
        link_page=network.form, locale=spanish(), **LEADING_TO_A_PAGE
    )

    assert refused_fields(english) == {"link_page"}
    assert refused_fields(spanish_of_its_own) == {"link_page"}


def test_an_alias_is_refused_for_its_original(network):
    call_to_action = CallToActionFactory.build(link_page=network.alias, **LEADING_TO_A_PAGE)

    with pytest.raises(ValidationError) as excinfo:
        call_to_action.full_clean()
    assert "choose the original page" in excinfo.value.message_dict["link_page"][0]


def test_a_translation_keeps_the_page_its_source_names(network):
    source = CallToActionFactory(link_page=network.form, **LEADING_TO_A_PAGE)

    translation = source.copy_for_translation(spanish())
    translation.save()

    assert translation.link_page_id == network.form.pk
    translation.full_clean()
    # A page its source does not name is its own choice, and so in its own language.
    translation.link_page = LeadFormPageFactory(parent=network.home, title="Info kit")
    assert refused_fields(translation) == {"link_page"}


def test_the_admin_form_puts_the_refusal_on_the_page_chooser(admin_client, network):
    call_to_action = CallToActionFactory(link_page=network.form, **LEADING_TO_A_PAGE)
    url = reverse("wagtailsnippets_cms_calltoaction:edit", args=[call_to_action.pk])

    response = admin_client.post(
        url,
        {
            "kind": CallToAction.Kind.PAGE,
            "heading": call_to_action.heading,
            "text": call_to_action.text,
            "button_label": call_to_action.button_label,
            "link_page": network.spanish_form.pk,
            "link_url": "",
            "phone": "",
        },
    )

    assert response.status_code == 200
    assert "link_page" in response.context["form"].errors
    call_to_action.refresh_from_db()
    assert call_to_action.link_page_id == network.form.pk


def test_an_api_v3_write_is_refused_naming_the_page_field(client, admin_user, network):
    token = APIToken.create_token(user=admin_user, name="integration")[1]

    response = client.post(
        "/api/v3/snippets/cms.CallToAction/",
        data=json.dumps(
            {
                "meta": {"type": "cms.CallToAction"},
                "kind": "page",
                "heading": "Your free review",
                "button_label": "Get my free review",
                "link_page_id": network.alias.pk,
            }
        ),
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )

    assert response.status_code == 422, response.content
    assert [error["loc"] for error in response.json()["errors"]] == [["link_page"]]
    assert not CallToAction.objects.filter(heading="Your free review").exists()


def test_the_page_chooser_offers_the_pages_of_the_call_to_actions_language(admin_client, network):
    call_to_action = CallToActionFactory(
        link_page=network.spanish_form, locale=spanish(), **LEADING_TO_A_PAGE
    )
    editor = admin_client.get(
        reverse("wagtailsnippets_cms_calltoaction:edit", args=[call_to_action.pk])
    )
    [options] = [
        json.loads(found)
        for found in re.findall(
            r'new RelatedPageChooser\("[^"]*", (\{.*?\})\);</script>', editor.content.decode()
        )
    ]

    found = admin_client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": "Free MRI", "page_type": "leads.leadformpage", "in_locale": options["inLocale"]},
    ).context["pages"]

    assert options["inLocale"] == spanish().pk
    assert [page.pk for page in found] == [network.spanish_form.pk]
