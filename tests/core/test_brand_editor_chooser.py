"""An editor of one brand (clinics.teams.ensure_brand_editors) relates pages only of that brand:
the relation chooser neither offers nor shows another brand's own pages, even when asked for
the scope of another brand's page."""

import pytest
from django.urls import reverse

from clinics.teams import ensure_brand_editors
from procedures.factories import ConditionPageFactory, ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def brands():
    """A network sharing one condition with a brand (through an alias) and keeping one."""
    network, brand = a_site("Network Spine"), a_site("Brand Spine")
    network.shared = ConditionPageFactory(parent=network.conditions, title="Herniated Disc")
    network.own = ConditionPageFactory(parent=network.conditions, title="Herniated Neck Disc")
    network.shared.create_alias(parent=brand.conditions)
    network.procedure = ProcedurePageFactory(parent=network.procedures, title="Discectomy")
    brand.procedure = ProcedurePageFactory(parent=brand.procedures, title="Microdiscectomy")
    return network, brand


@pytest.fixture
def brand_editor_client(client, django_user_model, brands):
    _network, brand = brands
    editor = django_user_model.objects.create_user("brand-editor", "editor@example.com")
    editor.groups.add(ensure_brand_editors(brand.site))
    client.force_login(editor)
    return client


def chooser_search(client, related_to):
    response = client.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": "Herniated", "page_type": "procedures.conditionpage", "related_to": related_to},
    )
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


def test_the_brand_editor_finds_only_what_the_brand_shows(brand_editor_client, brands):
    network, brand = brands

    found = chooser_search(brand_editor_client, brand.procedure.pk)

    assert found == {network.shared.pk}  # the original, which the brand shows as its alias


def test_the_brand_editor_browses_no_page_of_the_other_brand(brand_editor_client, brands):
    network, brand = brands

    response = brand_editor_client.get(
        reverse("wagtailadmin_choose_page_child", args=[network.conditions.pk]),
        {"page_type": "procedures.conditionpage", "related_to": brand.procedure.pk},
    )

    offered = {page.pk for page in response.context["table"].data}
    assert network.shared.pk in offered
    assert network.own.pk not in offered


def test_the_scope_of_the_other_brands_page_shows_the_brand_editor_nothing(
    brand_editor_client, brands
):
    network, _brand = brands

    assert chooser_search(brand_editor_client, network.procedure.pk) == set()


def test_the_brand_editor_group_edits_its_own_site_only(django_user_model, brands):
    network, brand = brands
    editor = django_user_model.objects.create_user("brand-editor-2", "editor2@example.com")
    editor.groups.add(ensure_brand_editors(brand.site))

    assert brand.procedure.permissions_for_user(editor).can_edit()
    assert brand.home.permissions_for_user(editor).can_add_subpage()
    assert not network.procedure.permissions_for_user(editor).can_edit()
    assert not network.home.permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("cms.change_calltoaction")
