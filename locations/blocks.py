"""The location list block (cards of clinic locations) and the location body."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Site

from core import blocks as shared
from core.blocks.choosers import PageCardChooserBlock
from people.blocks import PhysicianListBlock, TestimonialsBlock
from serialization import prefetch, visibility
from serialization.representation import page_cards, page_cards_from_queryset

#: A context key: on this page an empty location list means every location of the site.
ALL_LOCATIONS_WHEN_EMPTY = "all_locations_when_empty"
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


def site_location_cards(request):
    """Cards of the first live locations of the request's site, and whether there are more."""
    site = visibility.requested_site(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return [], False
    location_model = apps.get_model("locations", "LocationPage")
    locations = location_model.objects.live().descendant_of(site.root_page)

    def cards():
        first, more = first_locations(locations)
        return page_cards_from_queryset(first), more

    return prefetch.remember(("site-location-cards", site.pk), cards)


def page_site_locations(page, request):
    """Live locations of the page's own site in the page's language, by title.

    Other sites have their own locations, and translated locations sit under the
    site root's translation, so neither the whole tree nor the root alone will do.
    """
    location_model = apps.get_model("locations", "LocationPage")
    site = page.get_site() if getattr(page, "pk", None) else Site.find_for_request(request)
    if site is None:
        return location_model.objects.none()
    root = site.root_page
    locale_id = getattr(page, "locale_id", None)
    if locale_id and locale_id != root.locale_id:
        root = root.get_translation_or_none(locale_id)
        if root is None:
            return location_model.objects.none()
    return location_model.objects.live().descendant_of(root).order_by("title", "pk")


class LocationListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    locations = blocks.ListBlock(
        PageCardChooserBlock(page_type="locations.LocationPage"),
        min_num=0,
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

    def get_api_representation(self, value, context=None):
        cards = page_cards(value["locations"])
        if not cards and (context or {}).get(ALL_LOCATIONS_WHEN_EMPTY):
            cards, more = site_location_cards((context or {}).get("request"))
            return {
                "heading": value["heading"],
                "locations": cards,
                "from_page": False,
                "more_locations": more,
            }
        # Elsewhere an empty choice means "the page's own locations", in its `locations` field.
        return {"heading": value["heading"], "locations": cards, "from_page": not cards}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locations = [page.specific for page in value["locations"] if page and page.live]
        if not locations:
            page = (parent_context or {}).get("page")
            if getattr(page, "pk", None) and hasattr(page, "offering_locations"):
                locations = list(page.offering_locations())
            else:
                request = (parent_context or {}).get("request")
                first, more = first_locations(page_site_locations(page, request))
                locations = list(first)
                if more:
                    context["all_locations_url"] = location_index_url(locations[0], request)
        context["locations"] = locations
        return context


class LocationBodyBlock(blocks.StreamBlock):
    heading = shared.HeadingBlock(group=_("Content"))
    text = shared.RichTextBlock(group=_("Content"))
    image = shared.ImageBlock(group=_("Content"))
    faq = shared.FAQBlock(group=_("Content"))
    video = shared.VideoBlock(group=_("Content"))
    statistic = shared.StatisticBlock(group=_("Promotion"))
    call_to_action = shared.CallToActionBlock(group=_("Promotion"))
    testimonials = TestimonialsBlock(group=_("Promotion"))
    physicians = PhysicianListBlock(group=_("Directory"))
