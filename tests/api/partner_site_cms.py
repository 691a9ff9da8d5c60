"""The CMS's side of tests/api/test_partner_site_live.py.

The test runs these functions with ``manage.py shell -c`` on the live server's
database (the server is another process on the same SQLite file), so what they
do goes through the CMS's own code paths: a publish here records its change
event and sends its webhooks as an editor's publish would. Each prints one JSON
line, the last of the command's output.
"""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from changes import feed
from partners import preview
from partners.models import Partner, PartnerKey, scopable_content_types
from webhooks.models import WebhookEndpoint

PARTNER_NAME = "Example partner site"


def webhook_endpoint(partner, url):
    """The partner's webhook endpoint: the one place this test makes one."""
    return WebhookEndpoint.objects.create(name=f"{partner.name} webhooks", url=url, partner=partner)


def a_key(partner, **fields):
    """A key reading the default site, in every language, every content type; its value."""
    key = PartnerKey(partner=partner, label=fields.pop("label", "site"), **fields)
    value = key.set_new_secret()
    key.save()
    key.sites.set([Site.objects.get(is_default_site=True)])
    key.locales.set(Locale.objects.all())
    key.content_types.set(ContentType.objects.filter(scopable_content_types()))
    return value


def set_up_partner(webhook_url, preview_url):
    partner = Partner(name=PARTNER_NAME, preview_url=preview_url, rate_limit_per_minute=100_000)
    partner.full_clean()
    partner.save()
    endpoint = webhook_endpoint(partner, webhook_url)
    print_json(
        key=a_key(partner),
        preview_key=a_key(partner, label="preview", preview=True),
        webhook_secret=endpoint.secret,
    )


def default_site_page(path):
    """The page at ``path`` (e.g. "procedures/microdiscectomy/") of the default site."""
    root = Site.objects.get(is_default_site=True).root_page
    return Page.objects.get(url_path=f"{root.url_path}{path}").specific


def publish_title(path, title):
    page = default_site_page(path)
    page.title = title
    page.save_revision().publish()
    print_json(id=page.pk)


def unpublish(path):
    page = default_site_page(path)
    page.unpublish()
    print_json(id=page.pk)


def draft_preview_link(path, title):
    """Save a draft with ``title``; the link the editor's "Partner: …" preview frames."""
    page = default_site_page(path)
    page.title = title
    page.save_revision()
    [partner] = [p for p in preview.partners_for(page) if p.name == PARTNER_NAME]
    token = preview.mint(page.pk, page.latest_revision_id, partner.partner_id, partner.origin)
    print_json(link=partner.link(token))


def expired_cursor():
    """A genuine cursor issued a day before the retention of change events began."""
    issued_at = timezone.now() - feed.retention() - datetime.timedelta(days=1)
    print_json(cursor=feed.encode(feed.Position(sequence=0), issued_at=issued_at))


def print_json(**data):
    print(json.dumps(data))
