"""The site itself: home page, default Site, section index pages, site settings.

Wagtail's first migration leaves a plain "Welcome to your new Wagtail site!"
page (slug "home") as the default site's root. The loader moves the site to
the tree root for a moment, deletes that page, adds the HomePage with the
slug "home" and points the site at it. Deleting the welcome page while the
site still pointed at it would delete the site too (Site.root_page cascades).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from core.models import SiteCallToAction, SiteSettings, SocialLink
from demo.base import add_page, block, ensure_page, paragraphs, publish_page
from demo.claims import statistic_block
from home.models import HomePage
from locations.models import LocationIndexPage
from procedures.models import ConditionIndexPage, ProcedureIndexPage

SITE_NAME = "North American Spine"
HOME_SLUG = "home"
PHONE_BANNER_TEXT = "We’re available 24/7. Call us anytime."
FOOTER_TEXT = (
    "Demo content: this site was filled in by the Foramen load_demo_content command. "
    "The clinics, addresses, phone numbers, physicians, patient testimonials and statistics "
    "shown here are invented for demonstration only and are not medical advice."
)
SOCIAL_LINKS = [
    ("Facebook", "https://www.example.com/demo/north-american-spine/facebook"),
    ("YouTube", "https://www.example.com/demo/north-american-spine/youtube"),
]


# --- Home page and default site ---------------------------------------------------------


def _remove_welcome_page(root):
    """Delete Wagtail's placeholder welcome page, moving any site off it first."""
    welcome = root.get_children().filter(slug=HOME_SLUG).first()
    if welcome is None:
        return
    if welcome.specific_class is not Page or welcome.get_children().exists():
        raise CommandError(
            f"A page with the slug '{HOME_SLUG}' already sits under the tree root and is not "
            "Wagtail's empty welcome page; move or rename it, then run the loader again."
        )
    Site.objects.filter(root_page=welcome).update(root_page=root)
    welcome.delete()


def _new_home_page(ctx):
    return HomePage(
        title="Home",
        slug=HOME_SLUG,
        search_description=(
            "Demo site: outpatient, minimally invasive spine procedures at North American "
            "Spine facilities in Texas, Georgia and Arizona."
        ),
        hero_heading="Minimally invasive spine care, close to home",
        hero_text=(
            "Outpatient procedures for back and neck pain, performed by experienced spine "
            "physicians in facilities built for minimally invasive surgery. Start with a free "
            "review of your MRI or CT scan."
        ),
        hero_image=ctx.images["home"],
        hero_call_to_action=None,  # set with the body, once the calls to action exist
    )


def _base_url_address():
    """Host and port of WAGTAILADMIN_BASE_URL, so that absolute page URLs reach this server."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def _ensure_default_site(ctx, home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    changed = site.pk is None or site.root_page_id != home.pk or site.site_name != SITE_NAME
    if changed:
        site.hostname, site.port = _base_url_address()
        site.root_page = home
        site.site_name = SITE_NAME
        site.full_clean()
        site.save()
        ctx.report.add_created("Default site")
    else:
        ctx.report.add_present("Default site")
    ctx.site = site
    return site


def ensure_home_and_site(ctx):
    """The HomePage at the default site's root, and that site pointing at it."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = HomePage.objects.filter(depth=2, slug=HOME_SLUG).first()
    if home is not None:
        ctx.report.add_present("Pages")
    else:
        _remove_welcome_page(root)
        home = add_page(root, _new_home_page(ctx), publish=False)
        ctx.home_created = True
        ctx.report.add_created("Pages")
    ctx.home = home
    _ensure_default_site(ctx, home)
    return home


# --- Section index pages ------------------------------------------------------------------


def ensure_index_pages(ctx):
    home = ctx.home
    ctx.indexes["procedures"] = ensure_page(
        ctx,
        "Pages",
        home,
        "procedures",
        lambda: ProcedureIndexPage(
            title="Procedures",
            show_in_menus=True,
            search_description="Demo: the minimally invasive spine procedures we offer.",
            intro=paragraphs(
                "Our physicians specialize in minimally invasive, outpatient spine procedures "
                "that relieve pressure on nerves through small incisions. Most patients go home "
                "the same day.",
            ),
        ),
    )
    ctx.indexes["conditions"] = ensure_page(
        ctx,
        "Pages",
        home,
        "conditions",
        lambda: ConditionIndexPage(
            title="Conditions",
            show_in_menus=True,
            search_description="Demo: the back and neck conditions we treat.",
            intro=paragraphs(
                "Back and neck pain has many causes. Learn about the most common conditions we "
                "treat, their symptoms, and the procedures that may help.",
            ),
        ),
    )
    ctx.indexes["locations"] = ensure_page(
        ctx,
        "Pages",
        home,
        "locations",
        lambda: LocationIndexPage(
            title="Locations",
            show_in_menus=True,
            search_description="Demo: North American Spine facilities and how to reach them.",
            intro=paragraphs(
                "Our outpatient facilities focus on minimally invasive spine surgery. Find the "
                "one nearest you, with opening hours, directions and the procedures it offers.",
            ),
        ),
    )
    return ctx.indexes


# --- Home page body -------------------------------------------------------------------------


def _home_body(ctx):
    ctas = ctx.calls_to_action
    return [
        block(
            "featured_procedures",
            {
                "heading": "Featured procedures",
                "procedures": [page.pk for page in ctx.procedures.values()],
            },
        ),
        statistic_block(ctx.claims["recommend"]),
        block(
            "conditions",
            {
                "heading": "Conditions we treat",
                "intro": paragraphs(
                    "Not sure what is causing your pain? Start with the condition your "
                    "physician has named, or the one that sounds most like your symptoms."
                ),
                "conditions": [page.pk for page in ctx.conditions.values()],
            },
        ),
        block(
            "call_to_action_band",
            {
                "heading": "How can we help?",
                "calls_to_action": [
                    {"call_to_action": ctas[key].pk, "heading": ""}
                    for key in ("mri-review", "info-kit", "connect", "phone")
                ],
            },
        ),
        block(
            "testimonials",
            {
                "heading": "What our patients say",
                "testimonials": [item.pk for item in ctx.testimonials.values()][:3],
            },
        ),
        block("locations", {"heading": "Our facilities", "locations": []}),
    ]


def finish_home(ctx):
    """Give a home page created in this run its body, then publish it (one revision)."""
    if not ctx.home_created:
        return ctx.home
    home = ctx.home
    home.hero_call_to_action = ctx.calls_to_action["mri-review"]
    home.body = _home_body(ctx)
    return publish_page(home)


# --- Site settings ---------------------------------------------------------------------------


def _settings_filled(settings):
    return bool(
        settings.phone_24_7
        or settings.footer_text
        or settings.default_calls_to_action.exists()
        or settings.social_links.exists()
    )


def ensure_site_settings(ctx):
    """Fill the default site's settings, unless someone has filled them in already."""
    settings = SiteSettings.objects.filter(site=ctx.site).first()
    if settings is not None and _settings_filled(settings):
        ctx.report.add_present("Site settings")
        return settings
    settings = settings or SiteSettings(site=ctx.site)
    settings.organization_name = SITE_NAME
    settings.phone_24_7 = "877.474.2225"  # full_clean() stores it as E.164
    settings.phone_banner_text = PHONE_BANNER_TEXT
    settings.footer_text = FOOTER_TEXT
    settings.full_clean()
    default_ctas = [
        SiteCallToAction(call_to_action=ctx.calls_to_action[key], sort_order=position)
        for position, key in enumerate(("mri-review", "info-kit", "connect", "phone"))
    ]
    social_links = [
        SocialLink(platform=platform, url=url, sort_order=position)
        for position, (platform, url) in enumerate(SOCIAL_LINKS)
    ]
    for row in default_ctas + social_links:
        row.full_clean(exclude=["settings"])
    settings.default_calls_to_action = default_ctas
    settings.social_links = social_links
    settings.save()
    ctx.report.add_created("Site settings")
    return settings
