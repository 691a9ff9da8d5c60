"""The location list block (cards of clinic locations) and the location body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Site

from core import blocks as shared
from core.blocks.choosers import PageCardChooserBlock
from core.blocks.outline import OutlinedStreamBlock
from locations.queries import public_locations
from people.blocks import PhysicianListBlock, TestimonialsBlock
from serialization import prefetch, registry
from serialization.content_scope import ContentScope
from serialization.representation import page_cards

#: "Every location" shows this many cards and links to the full list, so that a
#: network of hundreds of clinics does not make one page of them.
LISTED_LOCATIONS_LIMIT = 12


def first_locations(locations):
    """The first of these locations by title, and whether there are more.

    Sorting ids alone and then loading the chosen few keeps the cost of a page
    nearly the same for five clinics or five hundred.
    """
    ordered = locations.order_by("title", "pk")
    ids = list(ordered.values_list("pk", flat=True)[: LISTED_LOCATIONS_LIMIT + 1])
    return ordered.filter(pk__in=ids[:LISTED_LOCATIONS_LIMIT]), len(ids) > LISTED_LOCATIONS_LIMIT


def location_index_url(location, request):
    """The address of the section that lists every location, with no query.

    Locations live directly under the location index (their parent_page_types),
    so its address is theirs without the last segment.
    """
    url = location.get_url(request=request)
    return url[: url.rstrip("/").rfind("/") + 1]


def site_locations(page, request):
    """The first live locations of the page's site in its language, and whether there are more.

    Other sites have their own locations, and translated locations sit under the
    site root's translation, so neither the whole tree nor the root alone will do.
    Within an API request the answer is kept per site and language.
    """
    site = page.get_site() if page is not None and page.pk else Site.find_for_request(request)
    if site is None:
        return [], False
    locale_id = getattr(page, "locale_id", None)
    return prefetch.remember(
        ("site-locations", site.pk, locale_id), lambda: first_site_locations(site, locale_id)
    )


def first_site_locations(site, locale_id):
    root = site.root_page
    if locale_id and locale_id != root.locale_id:
        root = root.get_translation_or_none(locale_id)
        if root is None:
            return [], False
    first, more = first_locations(public_locations(root))
    return list(first.select_related("hero_image").prefetch_related("hero_image__renditions")), more


class LocationListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, label=_("Heading"), help_text=_("e.g. Explore Our Facilities")
    )
    locations = blocks.ListBlock(
        PageCardChooserBlock(
            page_type="locations.LocationPage",
            label=_("Location"),
            help_text=_("A location page of this site."),
        ),
        min_num=0,
        label=_("Locations"),
        help_text=_(
            "Leave empty to list the locations that offer this procedure, "
            "or every location on other pages."
        ),
    )

    class Meta:
        icon = "site"
        template = "blocks/location_list.html"
        label = _("Location list")
        description = _("Cards for clinic locations with address and phone.")
        preview_value = {"heading": "Explore Our Facilities", "locations": []}

    def resolve(self, value, page, request):
        """The locations to show, whether they are the page's own, and whether there are more.

        Those chosen; else, when none were, the page's own (a procedure's offering
        locations); else the first locations of the page's site in its language.
        The site and the API both ask this, so that they list the same locations.
        """
        chosen = ContentScope.of_context({"page": page, "request": request}).pages(
            value["locations"]
        )
        if chosen:
            return chosen, False, False
        own = registry.related(page, "locations")
        if own is not None:
            return list(own), True, False
        first, more = site_locations(page, request)
        return first, False, more

    def get_api_representation(self, value, context=None):
        context = context or {}
        locations, from_page, more = self.resolve(
            value, context.get("page"), context.get("request")
        )
        return {
            "heading": value["heading"],
            "locations": page_cards(locations, ContentScope.of_context(context)),
            "from_page": from_page,
            "more_locations": more,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        request = (parent_context or {}).get("request")
        context["locations"], _from_page, more = self.resolve(value, page, request)
        if more:
            context["all_locations_url"] = location_index_url(context["locations"][0], request)
        return context


class LocationBodyBlock(OutlinedStreamBlock):
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = TestimonialsBlock(group=_("Promotion"))
    physicians = PhysicianListBlock(group=_("Directory"))
