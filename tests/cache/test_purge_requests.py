"""What cms/cache_purge.py asks the front cache to forget, received by a real HTTP server.

These run in both database passes (the reference index queries differ); the
behaviour of Varnish itself is tested against the real stack in test_varnish.py.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from locations.models import LocationPage, Physician
from procedures.models import ProcedurePage
from tests.conftest import default_site


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.paths.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purged_paths(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.paths
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_purges_the_page_its_section_and_its_api_views(
    purged_paths, django_capture_on_commit_callbacks
):
    page = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    page.title = "Microdiscectomy, revised"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for path in (
        "/procedures/microdiscectomy/",
        "/procedures/",
        f"/api/v2/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v2/pages/",
        "/api/v3/pages/",
    ):
        assert path in purged_paths


@pytest.mark.django_db
def test_saving_a_physician_purges_every_page_that_shows_them(
    purged_paths, django_capture_on_commit_callbacks
):
    physician = Physician.objects.get(name="Daniel Okafor")
    physician.credentials = "MD, PhD"
    with django_capture_on_commit_callbacks(execute=True):
        physician.save()
    showing = LocationPage.objects.filter(physician_links__physician=physician).distinct()
    assert showing.exists()
    for location in showing:
        assert location.relative_url(default_site()) in purged_paths
    assert f"/api/v2/physicians/{physician.pk}/" in purged_paths


@pytest.mark.django_db
def test_nothing_is_purged_before_the_change_is_committed(purged_paths):
    page = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    page.save_revision().publish()
    assert f"/api/v3/pages/{page.pk}/" not in purged_paths


@pytest.mark.django_db
def test_deleting_a_page_purges_it_and_its_section(
    purged_paths, django_capture_on_commit_callbacks
):
    page = ProcedurePage.objects.get(slug="spinal-cord-stimulation", alias_of=None)
    page_pk = page.pk
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    for path in (
        "/procedures/spinal-cord-stimulation/",
        "/procedures/",
        f"/api/v2/pages/{page_pk}/",
    ):
        assert path in purged_paths
