"""manage.py measure_api_calls: what a partner downloads to render a procedure and a location
page in both languages, the way stock Wagtail's API serves them and the way Foramen's does.

Stock Wagtail (before): one detail call per language, each answer indented by four spaces
and sent uncompressed. Foramen (after): one call for the page in every language
(``?id=<id>&locale=*``), compact, and gzip for a client that accepts it. Both read the same
resolved page JSON (cards, calls to action, testimonials and renditions included).
Requests run in-process against the database the settings name, through the whole
middleware stack, as the public (no key, no token).
"""

from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.models import Page, Site

from clinics.models import LocalProcedurePage
from locations.models import LocationPage
from procedures.models import ProcedurePage

STOCK_INDENTATION = "application/json; indent=4"
PAGE_TYPES = {"procedure": ProcedurePage, "location": LocationPage}


class Command(BaseCommand):
    help = "Calls and bytes to render a procedure and a location page in every language."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: load the demo content first.")
        client = Client(HTTP_HOST=site.hostname, SERVER_PORT=str(site.port))
        self.stdout.write(
            "| page | languages | stock Wagtail: calls | bytes | Foramen: calls | bytes | gzip |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|")
        for name, model in PAGE_TYPES.items():
            page = first_original(model, site)
            if page is None:
                raise CommandError(f"No live {name} page on {site}.")
            self.stdout.write(row(client, name, page))


def first_original(model, site):
    """The first live page of the type in the site's default language, not an alias,
    that is published in every language where one is."""
    pages = model.objects.live().descendant_of(site.root_page).filter(alias_of__isnull=True)
    if model is ProcedurePage:
        pages = pages.not_type(LocalProcedurePage)
    pages = list(pages.order_by("path"))
    languages = Page.objects.live().values("locale").distinct().count()
    translated = [page for page in pages if len(live_translations(page)) == languages]
    return (translated or pages or [None])[0]


def live_translations(page):
    return list(Page.objects.filter(translation_key=page.translation_key).live())


def row(client, name, page):
    translations = live_translations(page)
    stock = [
        client.get(f"/api/v2/pages/{translation.pk}/", HTTP_ACCEPT=STOCK_INDENTATION)
        for translation in translations
    ]
    batch = f"/api/v2/pages/?id={page.pk}&locale=*"
    compact = client.get(batch)
    compressed = client.get(batch, HTTP_ACCEPT_ENCODING="gzip")
    for answer in [*stock, compact, compressed]:
        if answer.status_code != 200:
            raise CommandError(f"{answer.status_code} for {name} page {page.pk}")
    if compressed.get("Content-Encoding") != "gzip":
        raise CommandError("The batch answer was not compressed.")
    languages = ", ".join(sorted(t.locale.language_code for t in translations))
    stock_bytes = sum(len(answer.content) for answer in stock)
    return (
        f"| {name} ({page.slug}) | {languages} | {len(stock)} | {stock_bytes:,} "
        f"| 1 | {len(compact.content):,} | {len(compressed.content):,} |"
    )
