"""Scenario builders: the data a unit test needs, built with the apps' factories.

Every builder makes what it returns and nothing else that a test could count,
so a test passes with or without the demo content in the database: it looks
up only what it built (a site of its own under a hostname of its own).
"""

import itertools
from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory
from home.models import HomePage
from locations.factories import LocationIndexPageFactory
from locations.models import LocationIndexPage
from procedures.factories import ConditionIndexPageFactory, ProcedureIndexPageFactory
from procedures.models import ConditionIndexPage, ProcedureIndexPage
from tests.helpers import page_factory

_site_numbers = itertools.count(1)

#: The slugs of the Spanish section index pages, as the demo names them.
SPANISH_SECTION_SLUGS = {
    "procedures": "procedimientos",
    "conditions": "condiciones",
    "locations": "centros",
}


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def spanish():
    """The Spanish locale, created when the database has none (no demo content)."""
    return Locale.objects.get_or_create(language_code="es")[0]


@dataclass
class BuiltSite:
    """A Wagtail Site with its home page and its three section index pages."""

    site: Site
    home: HomePage
    procedures: ProcedureIndexPage
    conditions: ConditionIndexPage
    locations: LocationIndexPage

    @property
    def host(self):
        return self.site.hostname

    @property
    def headers(self):
        """Headers that route a test client's request to this site."""
        return {"host": self.host}

    def in_spanish(self):
        """The same site in Spanish: translations of the home page and of the indexes."""
        home = a_translation(self.home, title=f"{self.home.title} (es)")
        return BuiltSite(
            site=self.site,
            home=home,
            procedures=a_translation(self.procedures, slug=SPANISH_SECTION_SLUGS["procedures"]),
            conditions=a_translation(self.conditions, slug=SPANISH_SECTION_SLUGS["conditions"]),
            locations=a_translation(self.locations, slug=SPANISH_SECTION_SLUGS["locations"]),
        )


def a_site(name=None, *, default=False):
    """A home page under the tree root, its section indexes, and a Site with a unique host.

    default=True makes it the default site (the one commands such as
    setup_clinic_teams work on), in place of the database's own.
    """
    number = next(_site_numbers)
    name = name or f"Test Spine {number}"
    home = HomePageFactory(parent=Page.get_first_root_node(), title=name, locale=english())
    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=f"site-{number}.test",
        port=80,
        root_page=home,
        site_name=name,
        is_default_site=default,
    )
    return BuiltSite(
        site=site,
        home=home,
        procedures=ProcedureIndexPageFactory(parent=home),
        conditions=ConditionIndexPageFactory(parent=home),
        locations=LocationIndexPageFactory(parent=home),
    )


def a_translation(page, locale=None, **fields):
    """The live translation of page into locale (Spanish by default), its parent's first.

    What an editor gets from "Translate this page" and then publishes; fields
    (a title, a slug) are changed before publishing.
    """
    locale = locale or spanish()
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if not parent.is_root():
        a_translation(parent.specific, locale)
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


def published(page, **fields):
    """page with fields changed, saved as a revision and published as an editor would."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def stream(block_type, value):
    """A StreamField value of one block, as raw data."""
    return [{"type": block_type, "value": value}]


def a_page_of_type_in(built_site, page_type):
    """A live page of page_type in the built site: its own, or one its factory builds.

    The parent the type names first is found or built the same way, so any page
    type that names its parents (tests/core/test_page_rules.py) can be built.
    """
    existing = page_type.objects.live().descendant_of(built_site.home, inclusive=True).first()
    if existing is not None:
        return existing
    [parent_type, *_others] = [
        model for model in page_type.allowed_parent_page_models() if model is not Page
    ]
    return page_factory(page_type)(parent=a_page_of_type_in(built_site, parent_type))


def an_affiliate_of(network):
    """Another brand's site that shows the network's procedures and conditions through aliases.

    As the demo's affiliate does: shared content is written once, on the network's
    site (a BuiltSite), and each alias on the affiliate's site follows its original.
    """
    affiliate = a_site()
    for index, alias_index in [
        (network.procedures, affiliate.procedures),
        (network.conditions, affiliate.conditions),
    ]:
        for original in index.get_children():
            original.specific.create_alias(parent=alias_index)
    return affiliate
