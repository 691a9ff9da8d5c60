"""Publishing never depends on the search cluster; update_index catches up."""

import logging
import socket

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from cms.settings.search import search_backends
from procedures.models import ProcedurePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_content]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_publishing_works_while_the_cluster_is_unreachable(kind, caplog):
    unreachable = search_backends(kind, [f"http://127.0.0.1:{closed_port()}"], "down_", timeout=1)
    page = ProcedurePage.objects.get(slug="microdiscectomy", alias_of=None)
    page.title = "Microdiscectomy (updated)"
    with override_settings(WAGTAILSEARCH_BACKENDS=unreachable), caplog.at_level(logging.ERROR):
        page.save_revision().publish()

    assert ProcedurePage.objects.get(pk=page.pk).title == "Microdiscectomy (updated)"
    assert any("Exception raised while adding" in record.getMessage() for record in caplog.records)


def test_update_index_catches_up_after_an_outage(settings):
    if settings.SEARCH_BACKEND == "database":
        pytest.skip("catching up concerns the search engines")
    engine = search_backends(settings.SEARCH_BACKEND, settings.SEARCH_URLS, "catchup_")
    down = search_backends(settings.SEARCH_BACKEND, [f"http://127.0.0.1:{closed_port()}"], "x_")
    page = ProcedurePage.objects.get(slug="sacroiliac-joint-fusion", alias_of=None)
    page.title = "Sacroiliac Joint Fusion Zygomorphic"
    with override_settings(WAGTAILSEARCH_BACKENDS=down):
        page.save_revision().publish()

    with override_settings(WAGTAILSEARCH_BACKENDS=engine):
        backend = get_search_backend()
        if not backend.es.ping():
            pytest.skip("no search engine to catch up on")
        call_command("update_index", verbosity=0)
        found = list(backend.search("zygomorphic", ProcedurePage.objects.live()))
    # The page, and the affiliate site's alias that follows it.
    assert page.pk in {p.pk for p in found}
    assert {p.alias_of_id or p.pk for p in found} == {page.pk}


def test_unknown_backend_names_are_refused():
    with pytest.raises(ValueError, match="SEARCH_BACKEND"):
        search_backends("solr", ["http://127.0.0.1:1"], "x_")
    with pytest.raises(ValueError, match="SEARCH_URLS"):
        search_backends("opensearch", [], "x_")
