"""The page choosers a page editor opens for links (a StreamField block's page chooser, rich
text's link chooser), sent the edited page as ``linked_from`` (core/static/core/js/
linked-page-chooser.js): they offer exactly what the save-time check accepts in blocks
(``core.relations.relation_error`` with ``own_aliases``), open at the site's home in the page's
language or at the index of the block's page type, and keep the scope through search and the
other link types."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from clinics.teams import ensure_brand_editors
from core.page_choosers import IN_LOCALE_PARAMETER, LINKED_FROM_PARAMETER, RELATED_TO_PARAMETER
from core.relations import relation_error
from core.wagtail_hooks import offer_only_relatable_pages
from procedures.factories import ConditionPageFactory
from tests.builders import a_translation
from tests.procedures.helpers import CONDITION_WORD, a_treatment_shared_with_an_affiliate

pytestmark = pytest.mark.django_db

CONDITION_TYPE = "procedures.conditionpage"


@pytest.fixture
def shared():
    """A network and an affiliate showing its condition through an alias, both in English and
    Spanish; the network's condition translated, the affiliate with a condition of its own."""
    shared = a_treatment_shared_with_an_affiliate()
    shared.network_es = shared.network.in_spanish()
    shared.affiliate_es = shared.affiliate.in_spanish()
    shared.spanish_condition = a_translation(shared.condition, title=f"{CONDITION_WORD} hernia")
    shared.own_condition = ConditionPageFactory(
        parent=shared.affiliate.conditions, title=f"{CONDITION_WORD} neck disc"
    )
    return shared


def offered_for_links_of(page, user):
    """What the page choosers of ``page``'s editor offer ``user`` (the tree root left out)."""
    request = RequestFactory().get("/", {LINKED_FROM_PARAMETER: page.pk})
    request.user = user
    offered = offer_only_relatable_pages(Page.objects.all(), request)
    return set(offered.exclude(depth=1).values_list("pk", flat=True))


def accepted_in_blocks_of(page):
    """What the save-time check accepts in ``page``'s blocks."""
    return {
        target.pk
        for target in Page.objects.exclude(depth=1)
        if relation_error(page, target, own_aliases=True) is None
    }


def scope_differences(user):
    """For the home page of every site in every language: the pages its link choosers offer
    that its blocks may not link, and those they hide that its blocks may link."""
    differences = []
    for site in Site.objects.all():
        for locale in Locale.objects.all():
            home = site.root_page.get_translation_or_none(locale)
            if home is None:
                continue
            offered, accepted = offered_for_links_of(home, user), accepted_in_blocks_of(home)
            if offered != accepted:
                differences.append(
                    f"{site.site_name} [{locale.language_code}]: offers "
                    f"{sorted(offered - accepted)} refused on save, hides "
                    f"{sorted(accepted - offered)} accepted on save"
                )
    return differences


def test_link_choosers_offer_what_blocks_may_link_on_every_site_in_every_language(
    shared, admin_user
):
    assert scope_differences(admin_user) == []


@pytest.mark.demo_content
def test_link_choosers_offer_what_blocks_may_link_in_the_demo(admin_user):
    assert scope_differences(admin_user) == []


def search(client, page, query, page_type=CONDITION_TYPE):
    response = client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": query, "page_type": page_type, LINKED_FROM_PARAMETER: page.pk},
    )
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


def test_searching_from_a_spanish_page_finds_its_sites_spanish_and_english_pages(
    admin_client, shared
):
    found = search(admin_client, shared.network_es.home, CONDITION_WORD)

    # Its site's condition in Spanish, and in English (the default language's allowance);
    # neither the affiliate's own condition nor its alias.
    assert found == {shared.spanish_condition.pk, shared.condition.pk}


def test_searching_from_the_affiliate_finds_its_own_alias_and_the_original_it_shows(
    admin_client, shared
):
    found = search(admin_client, shared.affiliate.home, CONDITION_WORD)

    assert found == {shared.condition_alias.pk, shared.condition.pk, shared.own_condition.pk}


def open_link_chooser(client, page, **params):
    """The address the link chooser of ``page``'s editor opens, and its parameters."""
    response = client.get(reverse("open_link_chooser"), {LINKED_FROM_PARAMETER: page.pk, **params})
    assert response.status_code == 302
    address = urlsplit(response.url)
    return address.path, {name: values[0] for name, values in parse_qs(address.query).items()}


def test_a_blocks_condition_chooser_opens_at_the_conditions_in_the_pages_language(
    admin_client, shared
):
    path, params = open_link_chooser(admin_client, shared.network_es.home, page_type=CONDITION_TYPE)

    assert path == reverse("wagtailadmin_choose_page_child", args=[shared.network_es.conditions.pk])
    assert params == {
        LINKED_FROM_PARAMETER: str(shared.network_es.home.pk),
        "page_type": CONDITION_TYPE,
    }


def test_the_rich_text_link_chooser_opens_at_the_sites_home_in_the_pages_language(
    admin_client, shared
):
    path, params = open_link_chooser(
        admin_client, shared.network_es.procedures, allow_external_link="true", link_text="aquí"
    )

    assert path == reverse("wagtailadmin_choose_page_child", args=[shared.network_es.home.pk])
    assert params["allow_external_link"] == "true" and params["link_text"] == "aquí"
    assert params[LINKED_FROM_PARAMETER] == str(shared.network_es.procedures.pk)


def browse(client, parent, page, page_type=CONDITION_TYPE, **params):
    response = client.get(
        reverse("wagtailadmin_choose_page_child", args=[parent.pk]),
        {"page_type": page_type, LINKED_FROM_PARAMETER: page.pk, **params},
    )
    assert response.status_code == 200
    return response


def test_browsing_from_the_root_reaches_only_the_pages_site(admin_client, shared):
    response = browse(admin_client, Page.get_first_root_node(), shared.network_es.home, locale="es")

    rows = {page.pk for page in response.context["table"].data if not page.is_parent_page}
    assert rows == {shared.network_es.home.pk}


def test_the_search_and_the_other_link_types_keep_the_scope(admin_client, shared):
    page = shared.network_es.home
    scope = f"{LINKED_FROM_PARAMETER}={page.pk}"
    browsing = browse(
        admin_client, shared.network_es.conditions, page, "wagtailcore.page", allow_email_link=1
    ).json()["html"]
    email = admin_client.get(
        reverse("wagtailadmin_choose_page_email_link"),
        {LINKED_FROM_PARAMETER: page.pk, "allow_email_link": 1, "parent_page_id": page.pk},
    ).json()["html"]

    # The search form of the browsing step, and its link to the e-mail link step.
    assert f'action="{reverse("wagtailadmin_choose_page_search")}?' in browsing
    assert browsing.count(scope) >= 2
    # The e-mail link step's way back to internal links.
    assert f"{reverse('wagtailadmin_choose_page_child', args=[page.pk])}?" in email
    assert scope in email


@pytest.fixture
def affiliate_editor(django_user_model, shared):
    editor = django_user_model.objects.create_user("affiliate-editor", "editor@example.com")
    editor.groups.add(ensure_brand_editors(shared.affiliate.site))
    return editor


def test_a_brand_editor_asking_for_another_brands_scope_is_offered_nothing(
    client, shared, affiliate_editor
):
    client.force_login(affiliate_editor)

    assert search(client, shared.network.home, CONDITION_WORD) == set()
    assert search(client, shared.affiliate.home, CONDITION_WORD) == {
        shared.condition_alias.pk,
        shared.condition.pk,
        shared.own_condition.pk,
    }


@pytest.mark.parametrize(
    "parameter", [LINKED_FROM_PARAMETER, RELATED_TO_PARAMETER, IN_LOCALE_PARAMETER]
)
def test_an_id_beyond_what_a_key_holds_offers_no_page_instead_of_an_error_page(
    shared, client, admin_user, parameter
):
    client.force_login(admin_user)
    beyond = "9" * 20
    opened = client.get(reverse("open_link_chooser"), {parameter: beyond}, follow=True)
    searched = client.get(
        reverse("wagtailadmin_choose_page_search"), {parameter: beyond, "q": CONDITION_WORD}
    )
    assert opened.status_code == searched.status_code == 200
    assert list(searched.context["pages"]) == []
