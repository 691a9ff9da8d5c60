"""Plain helpers shared by the test folders: services the tests need and the demo's site."""

import importlib
import os
import socket

import pytest
import redis
import requests
from bs4 import BeautifulSoup
from django.apps import apps
from hypothesis import HealthCheck, settings
from wagtail.models import Page, Site
from wagtail_factories import PageFactory

from leads.scanning import parse_clamav_url

SERVICE_SKIP_PREFIX = "service unavailable:"


def skip_for_missing_service(reason):
    """Skip locally when a real service is absent; under CI that is a failure."""
    message = f"{SERVICE_SKIP_PREFIX} {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true requires it)")
    pytest.skip(message)


def running_redis_url():
    """REDIS_URL when its server answers (scripts/services/redis.sh starts one under CI)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        skip_for_missing_service("REDIS_URL is not set (scripts/services/redis.sh starts one)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        skip_for_missing_service(f"Redis at {url} does not answer")
    return url


def running_clamav_url():
    """CLAMAV_URL when its clamd answers PING (scripts/services/clamav.sh starts one under CI)."""
    url = os.environ.get("CLAMAV_URL")
    if not url:
        skip_for_missing_service("CLAMAV_URL is not set (scripts/services/clamav.sh starts one)")
    family, address = parse_clamav_url(url)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(5)
            connection.connect(address)
            connection.sendall(b"zPING\0")
            answered = connection.recv(16).startswith(b"PONG")
    except OSError:
        answered = False
    if not answered:
        skip_for_missing_service(f"clamd at {url} does not answer")
    return url


def running_object_store_url():
    """OBJECT_STORE_URL when its S3 gateway answers (scripts/services/object-store.sh starts one).

    A gateway that is up refuses an anonymous request with 403.
    """
    url = os.environ.get("OBJECT_STORE_URL")
    if not url:
        skip_for_missing_service(
            "OBJECT_STORE_URL is not set (scripts/services/object-store.sh starts one)"
        )
    try:
        status = requests.get(url, timeout=5).status_code
    except requests.RequestException:
        status = None
    if status != 403:
        skip_for_missing_service(f"the object store at {url} does not answer")
    return url


def default_site():
    """The network's own site; the affiliate site has sections of the same types."""
    return Site.objects.get(is_default_site=True)


def suite_only_page_models():
    """The page types that only the test suite installs (tests/pagetypes), never in production."""
    return list(apps.get_app_config("pagetypes").get_models())


def page_factory(page_type):
    """The factory that builds pages of page_type, from its app's factories module."""
    module = importlib.import_module(f"{page_type._meta.app_config.name}.factories")
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, PageFactory)
            and value._meta.model is page_type
        ):
            return value
    raise LookupError(f"{module.__name__} has no factory for {page_type._meta.label}")


def a_page_of_type(page_type, locale):
    """A live page of page_type in locale: the demo's, or else one its factory builds.

    A new page type needs no demo content; its factory builds it under the
    first page of the locale that may hold it.
    """
    page = page_type.objects.live().filter(locale=locale).first()
    if page is None:
        parent = Page.objects.type(*page_type.allowed_parent_page_models()).filter(locale=locale)
        page = page_factory(page_type)(parent=parent.first().specific)
    return page


def error_fields(excinfo):
    """The fields a ValidationError names, from pytest.raises' excinfo."""
    return set(excinfo.value.message_dict)


def fuzz_settings(max_examples):
    """Hypothesis settings of the fuzz tests: the same examples on every run (derandomized,
    no example database), no deadline on a loaded machine, Django's fixtures allowed."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


def visible_text(html):
    """The text of ``html`` as a visitor reads it, white space collapsed.

    No scripts, styles or template text; a <wbr> (a place a heading may wrap) joins the
    words around it rather than separating them.
    """
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "wbr"]):
        tag.decompose()
    soup.smooth()
    return " ".join(soup.get_text(" ").split())
