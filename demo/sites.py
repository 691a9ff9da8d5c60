"""The multi-clinic demo: an affiliate brand's site, local procedure pages and clinic teams.

- A second Wagtail Site, "Lone Star Spine Partners" at affiliate.localhost (same
  port as the default site), with its own home page, brand colours, 24/7 phone,
  calls to action and footer, and two locations of its own (Fort Worth and
  Arlington).
- Its procedures, conditions and network lead forms are Wagtail aliases of the
  network's pages: written once, they follow the original whenever it is
  published. The forms sit on its own host, so its calls to action (which name the
  network's forms) lead there and its submissions are its own; "Call me back" is
  Fort Worth's own form.
- Local procedure pages under two network locations, and the testimonials'
  clinics, so that each clinic team has something of its own to edit.
- The editing groups and the review workflow (clinics.teams), an editors' group per
  brand site, and the affiliate's editor, "lonestar-editor", whose password an
  administrator sets (the demo gives none).

Everything is looked up before it is created, so running the loader again adds nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from clinics.models import LocalProcedurePage, LocalProcedureSurgeon, LocalProcedureTestimonial
from clinics.teams import ensure_brand_editors, ensure_network_teams
from core.models import CallToAction, SiteCallToAction, SiteSettings
from demo.base import (
    add_page,
    block,
    clean_children,
    ensure_page,
    find_child,
    paragraphs,
    publish_page,
    save_snippet,
)
from demo.forms import CLINIC_FORMS, NETWORK_FORMS, ensure_form
from demo.locations import location_facts
from home.models import HomePage
from locations.models import (
    LocationHours,
    LocationIndexPage,
    LocationPage,
)
from procedures.models import ConditionIndexPage, ProcedureIndexPage

AFFILIATE_HOSTNAME = "affiliate.localhost"
AFFILIATE_EDITOR = "lonestar-editor"
AFFILIATE_NAME = "Lone Star Spine Partners"
AFFILIATE_HOME_SLUG = "lone-star-spine"
AFFILIATE_PHONE = "+18175550150"
AFFILIATE_BRAND = {"brand_colour": "#4b2a7b", "accent_colour": "#1f6b3a"}
AFFILIATE_FOOTER = (
    "Demo content: Lone Star Spine Partners is an invented affiliate clinic brand of the "
    "North American Spine network, shown to demonstrate a second site in one CMS. "
    "Nothing here is medical advice."
)

# Which clinic each demo testimonial comes from.
TESTIMONIAL_CLINICS = {
    "Larry L.": "dallas-tx",
    "Maria G.": "dallas-tx",
    "Dennis R.": "atlanta-ga",
    "Angela T.": "atlanta-ga",
}

LOCAL_PROCEDURES = {
    ("dallas-tx", "microdiscectomy"): {
        "title": "Microdiscectomy in Dallas",
        "local_introduction": paragraphs(
            "In Dallas, microdiscectomy is done in our dedicated outpatient suite with "
            "on-site imaging, so your pre-operative scan and your procedure happen under one "
            "roof. Most patients walk out the same afternoon."
        ),
        "schedule_note": "Tuesday and Thursday mornings",
        "surgeons": ["1234567893"],
        "testimonials": ["Maria G."],
    },
    ("atlanta-ga", "cervical-foraminotomy"): {
        "title": "Cervical foraminotomy in Atlanta",
        "local_introduction": paragraphs(
            "Our Atlanta team focuses on decompression of the neck. After a cervical "
            "foraminotomy you recover in our dedicated same-day recovery suite before going "
            "home with a family member."
        ),
        "schedule_note": "Monday, Wednesday and Friday",
        "surgeons": ["1987654328"],
        "testimonials": ["Dennis R."],
    },
}

AFFILIATE_LOCATIONS = {
    "fort-worth-tx": {
        "title": "Fort Worth, Texas",
        "city": "Fort Worth",
        "state": "TX",
        "street_address": "3100 West Seventh Street, Suite 400",
        "zip_code": "76107",
        "latitude": Decimal("32.751000"),
        "longitude": Decimal("-97.360000"),
        "main_phone": "+18175550151",
        "phone_24_7": AFFILIATE_PHONE,
        "summary": "Lone Star Spine Partners in the Cultural District of Fort Worth.",
        "procedures": ["lumbar-foraminotomy", "microdiscectomy", "laminotomy-laminectomy"],
        "physicians": ["1450987627"],
    },
    "arlington-tx": {
        "title": "Arlington, Texas",
        "city": "Arlington",
        "state": "TX",
        "street_address": "1200 East Copeland Road, Suite 210",
        "zip_code": "76011",
        "latitude": Decimal("32.757000"),
        "longitude": Decimal("-97.093000"),
        "main_phone": "+18175550160",
        "phone_24_7": AFFILIATE_PHONE,
        "summary": "Lone Star Spine Partners in Arlington, between Dallas and Fort Worth.",
        "procedures": ["cervical-foraminotomy", "spinal-cord-stimulation"],
        "physicians": ["1987654328"],
    },
}

AFFILIATE_CALL_BACK = {
    **CLINIC_FORMS["call-back-dallas"],
    "location": "fort-worth-tx",
    "intro": paragraphs(
        "Leave your number and our Fort Worth team will call you.",
        "Demo form: please do not send real health information.",
    ),
}

# key: the network form it leads to (an alias on the affiliate host), heading, text, label
AFFILIATE_PAGE_CALLS_TO_ACTION = {
    "mri-review": {
        "heading": "Your free MRI/CT review",
        "text": (
            "Send us your MRI or CT scan and a Lone Star Spine Partners physician will review "
            "it at no cost."
        ),
        "button_label": "Get my free review",
    },
    "info-kit": {
        "heading": "Your free info kit",
        "text": "Receive our free information kit about minimally invasive spine procedures.",
        "button_label": "Request my info kit",
    },
}


# --- The affiliate site -------------------------------------------------------------------


def _affiliate_home(ctx):
    root = Page.get_first_root_node()
    home = find_child(root, AFFILIATE_HOME_SLUG)
    if home is not None:
        ctx.report.add_present("Pages")
        return home
    home = HomePage(
        # Named after the brand so that editors tell the two home pages apart in the admin.
        title=AFFILIATE_NAME,
        seo_title="Home",
        slug=AFFILIATE_HOME_SLUG,
        search_description="Demo: Lone Star Spine Partners, an affiliate clinic brand.",
        hero_heading="Spine care for North Texas, from Lone Star Spine Partners",
        hero_text=(
            "An affiliate of the North American Spine network: the same minimally invasive "
            "procedures and physicians, close to home in Fort Worth."
        ),
        hero_image=ctx.images["home"],
    )
    ctx.report.add_created("Pages")
    return add_page(root, home)


def _affiliate_site(ctx, home):
    site = Site.objects.filter(hostname=AFFILIATE_HOSTNAME).first()
    if site is not None:
        ctx.report.add_present("Sites")
        return site
    site = Site(
        hostname=AFFILIATE_HOSTNAME,
        port=ctx.site.port,
        root_page=home,
        site_name=AFFILIATE_NAME,
        is_default_site=False,
    )
    site.full_clean()
    site.save()
    ctx.report.add_created("Sites")
    return site


def _affiliate_indexes(ctx, home):
    intro = paragraphs(
        "Written by the North American Spine network's medical team and kept up to date "
        "for every clinic of the network."
    )
    return {
        "procedures": ensure_page(
            ctx,
            "Pages",
            home,
            "procedures",
            lambda: ProcedureIndexPage(title="Procedures", show_in_menus=True, intro=intro),
        ),
        "conditions": ensure_page(
            ctx,
            "Pages",
            home,
            "conditions",
            lambda: ConditionIndexPage(title="Conditions", show_in_menus=True, intro=intro),
        ),
        "locations": ensure_page(
            ctx,
            "Pages",
            home,
            "locations",
            lambda: LocationIndexPage(
                title="Locations",
                show_in_menus=True,
                intro=paragraphs("Find a Lone Star Spine Partners clinic near you."),
            ),
        ),
    }


def ensure_aliases(ctx, originals, parent):
    """An alias under ``parent`` of each original page; aliases follow their original."""
    aliases = {}
    for key, original in originals.items():
        alias = Page.objects.child_of(parent).filter(alias_of=original).first()
        if alias is None:
            alias = original.create_alias(parent=parent)
            ctx.report.add_created("Aliases")
        else:
            ctx.report.add_present("Aliases")
        aliases[key] = alias.specific
    return aliases


def _affiliate_location(ctx, parent, slug):
    data = AFFILIATE_LOCATIONS[slug]
    weekdays = [
        LocationHours(weekday=day, opens=datetime.time(8, 0), closes=datetime.time(17, 0))
        for day in LocationHours.Weekday
        if day < LocationHours.Weekday.SATURDAY
    ]
    weekend = [
        LocationHours(weekday=day, closed=True)
        for day in LocationHours.Weekday
        if day >= LocationHours.Weekday.SATURDAY
    ]
    return ensure_page(
        ctx,
        "Pages",
        parent,
        slug,
        lambda: LocationPage(
            **location_facts(ctx, data, clean_children(weekdays + weekend)),
            hero_image=ctx.images[slug],
        ),
    )


def _affiliate_lead_forms(ctx, home, locations):
    """The network's forms as aliases on the affiliate's host, and Fort Worth's own call back."""
    network_forms = {key: ctx.lead_forms[key] for key in NETWORK_FORMS}
    forms = ensure_aliases(ctx, network_forms, home)
    forms["call-back"] = ensure_form(
        ctx, locations[AFFILIATE_CALL_BACK["location"]], AFFILIATE_CALL_BACK
    )
    return forms


def _affiliate_page_ctas(ctx):
    """The affiliate's page calls to action name the network's forms (a call to action names
    no alias, core.relations); shown on the affiliate's site, they lead to its aliases."""
    calls = {}
    for key, data in AFFILIATE_PAGE_CALLS_TO_ACTION.items():
        existing = CallToAction.objects.filter(heading=data["heading"]).first()
        if existing is not None:
            ctx.report.add_present("Calls to action")
            calls[key] = existing
            continue
        ctx.report.add_created("Calls to action")
        calls[key] = save_snippet(
            CallToAction(kind=CallToAction.Kind.PAGE, link_page=ctx.lead_forms[key], **data)
        )
    return calls


def _affiliate_phone_cta(ctx):
    existing = CallToAction.objects.filter(heading=f"Call {AFFILIATE_NAME}").first()
    if existing is not None:
        ctx.report.add_present("Calls to action")
        return existing
    ctx.report.add_created("Calls to action")
    return save_snippet(
        CallToAction(
            kind=CallToAction.Kind.PHONE,
            heading=f"Call {AFFILIATE_NAME}",
            text="Our patient care team answers day and night.",
            button_label="Call us at {phone}",  # the site's 24/7 phone
        )
    )


def _affiliate_settings(ctx, site, calls_to_action):
    settings = SiteSettings.for_site(site)
    if settings.phone_24_7:
        ctx.report.add_present("Site settings")
        return settings
    settings.organization_name = AFFILIATE_NAME
    settings.brand_colour = AFFILIATE_BRAND["brand_colour"]
    settings.accent_colour = AFFILIATE_BRAND["accent_colour"]
    settings.phone_24_7 = AFFILIATE_PHONE
    settings.phone_banner_text = "Lone Star Spine Partners: call us any time, day or night."
    settings.footer_text = AFFILIATE_FOOTER
    settings.full_clean()
    settings.default_calls_to_action = [
        SiteCallToAction(call_to_action=call_to_action, sort_order=position)
        for position, call_to_action in enumerate(calls_to_action)
    ]
    settings.save()
    ctx.report.add_created("Site settings")
    return settings


def ensure_affiliate_site(ctx):
    home = _affiliate_home(ctx)
    site = _affiliate_site(ctx, home)
    indexes = _affiliate_indexes(ctx, home)
    procedures = ensure_aliases(ctx, ctx.procedures, indexes["procedures"])
    ensure_aliases(ctx, ctx.conditions, indexes["conditions"])
    locations = {
        slug: _affiliate_location(ctx, indexes["locations"], slug) for slug in AFFILIATE_LOCATIONS
    }
    _affiliate_lead_forms(ctx, home, locations)  # the aliases its calls to action lead to
    if not home.body:  # filled once its procedures (the aliases) exist
        home.body = [
            block(
                "featured_procedures",
                {
                    "heading": "Featured procedures",
                    "procedures": [p.pk for p in procedures.values()],
                },
            )
        ]
        publish_page(home)
    page_ctas = _affiliate_page_ctas(ctx)
    _affiliate_settings(ctx, site, [*page_ctas.values(), _affiliate_phone_cta(ctx)])
    return site, locations


# --- Clinic content and teams -----------------------------------------------------------------


def ensure_testimonial_clinics(ctx):
    """Give each demo testimonial its clinic, as a new published revision."""
    for name, slug in TESTIMONIAL_CLINICS.items():
        testimonial = ctx.testimonials.get(name)
        if testimonial is None or testimonial.location_id is not None:
            continue
        testimonial.location = ctx.locations[slug]
        testimonial.save_revision().publish()


def ensure_local_procedure_pages(ctx):
    for (location_slug, procedure_slug), data in LOCAL_PROCEDURES.items():
        location = ctx.locations[location_slug]
        ensure_page(
            ctx,
            "Pages",
            location,
            procedure_slug,
            lambda data=data, procedure_slug=procedure_slug: LocalProcedurePage(
                title=data["title"],
                procedure=ctx.procedures[procedure_slug],
                local_introduction=data["local_introduction"],
                schedule_note=data["schedule_note"],
                surgeons=clean_children(
                    [
                        LocalProcedureSurgeon(physician=ctx.physicians[npi])
                        for npi in data["surgeons"]
                    ]
                ),
                local_testimonials=clean_children(
                    [
                        LocalProcedureTestimonial(testimonial=ctx.testimonials[name])
                        for name in data["testimonials"]
                    ]
                ),
            ),
        )


def ensure_multi_clinic(ctx):
    """The loader's one step for all of the above."""
    ensure_affiliate_site(ctx)
    ensure_testimonial_clinics(ctx)
    ensure_local_procedure_pages(ctx)


def ensure_clinic_teams(ctx):
    """Editor groups for the shared content, each clinic and each brand, in every language
    it has; and the affiliate brand's editor."""
    sections = [ctx.indexes["procedures"], ctx.indexes["conditions"]]
    ensure_network_teams(sections, LocationPage.objects.order_by("path"))
    groups = {site.hostname: ensure_brand_editors(site) for site in Site.objects.all()}
    _ensure_affiliate_editor(ctx, groups[AFFILIATE_HOSTNAME])


def _ensure_affiliate_editor(ctx, group):
    """An editor of the affiliate brand alone; without a password until an administrator
    gives one, since the demo's data is public."""
    editor, created = get_user_model().objects.get_or_create(
        username=AFFILIATE_EDITOR,
        defaults={
            "first_name": "Lone Star",
            "last_name": "Editor",
            "email": f"{AFFILIATE_EDITOR}@example.com",
        },
    )
    if created:
        editor.set_unusable_password()
        editor.save()
        ctx.report.add_created("Editors")
    else:
        ctx.report.add_present("Editors")
    editor.groups.add(group)
    return editor
