"""The admin asks nothing of other sites: no avatars from Gravatar, no fonts or scripts from CDNs.

Links an editor may follow (the Wagtail guide) are not requests; whatever a page
loads by itself is, including the URLs the sidebar's JSON hands to its script.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from procedures.factories import ProcedurePageFactory
from tests.builders import a_site

pytestmark = pytest.mark.django_db

#: An address on another host: absolute or protocol-relative.
OUTSIDE_URL = re.compile(r"(?:https?:)?//(?!testserver\b)[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*", re.I)


def loaded_urls(html):
    """URLs the page loads without a click: resources, and URLs in its data and scripts."""
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.find_all("a"):
        anchor.attrs.pop("href", None)
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute in {"src", "srcset", "href", "style", "poster"} or (
                attribute.startswith("data-")
            ):
                yield from OUTSIDE_URL.findall(
                    " ".join(value) if isinstance(value, list) else value
                )
    for script in soup.find_all(["script", "style"]):
        if script.get("type") == "application/json":
            yield from outside_urls_in_data(json.loads(script.string or "null"))
        else:
            yield from OUTSIDE_URL.findall(script.string or "")


def outside_urls_in_data(data, key=None):
    """Outside URLs in the sidebar's JSON, except menu items' links (under "url")."""
    if isinstance(data, dict):
        for child_key, value in data.items():
            yield from outside_urls_in_data(value, child_key)
    elif isinstance(data, list):
        for value in data:
            yield from outside_urls_in_data(value, key)
    elif isinstance(data, str) and key != "url":
        yield from OUTSIDE_URL.findall(data)


def admin_pages():
    site = a_site()
    page = ProcedurePageFactory(parent=site.procedures)
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_explore", args=[site.procedures.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    ]


def test_admin_pages_load_nothing_from_other_sites(admin_client):
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        outside = sorted(set(loaded_urls(response.content.decode())))
        assert outside == [], url
