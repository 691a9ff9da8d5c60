"""Every front-cache node hears every purge and ban (FRONTEND_CACHE_URLS).

FRONTEND_CACHE_URL named one Varnish, so with two behind a load balancer the
second kept serving changed and unpublished pages. The nodes here are two real
loopback HTTP servers that record what they receive (tests/frontcache/
test_purge_requests.py); Varnish's own handling of a PURGE and BAN is tested
against the stack in test_varnish.py.
"""

import threading
from http.server import ThreadingHTTPServer

import pytest

from cms.settings.base import front_cache_backends
from core.models import SiteSettings
from procedures.factories import ProcedurePageFactory
from tests.builders import a_site
from tests.cms.test_settings import PRODUCTION_ENV, run_manage
from tests.frontcache.test_purge_requests import PURGE_TOKEN, PurgeRecorder

NODES = 2


def a_node():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.paths, server.urls, server.bans, server.tokens = [], [], [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def nodes(settings):
    servers = [a_node() for _ in range(NODES)]
    urls = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    settings.WAGTAILFRONTENDCACHE = front_cache_backends(urls, PURGE_TOKEN)
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_a_publish_purges_the_page_on_every_node(nodes, django_capture_on_commit_callbacks):
    built = a_site()
    page = ProcedurePageFactory(parent=built.procedures, slug="microdiscectomy")
    page.title = "Microdiscectomy, revised"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for node in nodes:
        assert "/procedures/microdiscectomy/" in node.paths
        assert f"/api/v3/pages/{page.pk}/" in node.paths
        assert set(node.tokens) == {PURGE_TOKEN}
    assert sorted(nodes[0].paths) == sorted(nodes[1].paths)


@pytest.mark.django_db
def test_a_site_wide_change_bans_on_every_node(nodes, django_capture_on_commit_callbacks):
    site = a_site().site
    site_settings = SiteSettings.for_site(site)
    site_settings.phone_24_7 = "+12145550147"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    for node in nodes:
        assert node.bans == [("/", {"X-Ban-Site": str(site.pk)})]


def configured_locations(**env):
    show = (
        "from django.conf import settings;"
        "print(' '.join(b['LOCATION'] for b in settings.WAGTAILFRONTENDCACHE.values()))"
    )
    production = dict(
        PRODUCTION_ENV, FRONTEND_CACHE_PURGE_TOKEN="k" * 32, LEADS_TRUSTED_PROXY_COUNT="1"
    )
    result = run_manage("shell", "--no-imports", "-c", show, env=production | env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_reads_every_node_of_the_list():
    urls = "http://10.0.0.5:8081, http://10.0.0.6:8081"
    assert configured_locations(FRONTEND_CACHE_URLS=urls) == [
        "http://10.0.0.5:8081",
        "http://10.0.0.6:8081",
    ]


def test_the_single_address_of_older_deployments_still_counts():
    assert configured_locations(FRONTEND_CACHE_URL="http://10.0.0.5:8081") == [
        "http://10.0.0.5:8081"
    ]
