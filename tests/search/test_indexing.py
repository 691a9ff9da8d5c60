"""Publishing never depends on the search cluster; update_index catches up."""

import logging
import socket
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from elasticsearch import ConnectionError as ElasticsearchConnectionError
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object

from cms.settings.search import search_backends
from procedures.factories import ProcedurePageFactory
from procedures.models import ProcedurePage
from tests.builders import a_site

pytestmark = pytest.mark.django_db
TransportErrors = (ElasticsearchConnectionError, OpenSearchConnectionError)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_publishing_works_while_the_cluster_is_unreachable(kind, caplog):
    unreachable = search_backends(kind, [f"http://127.0.0.1:{closed_port()}"], "down_", timeout=1)
    page = ProcedurePageFactory(parent=a_site().procedures, title="Microdiscectomy")
    page.title = "Microdiscectomy (updated)"
    with override_settings(WAGTAILSEARCH_BACKENDS=unreachable), caplog.at_level(logging.ERROR):
        page.save_revision().publish()

    assert ProcedurePage.objects.get(pk=page.pk).title == "Microdiscectomy (updated)"
    assert any("Exception raised while adding" in record.getMessage() for record in caplog.records)


@contextmanager
def a_queued_task():
    """What db_worker signals around a task it runs from the database queue."""
    task_result = SimpleNamespace(
        id="indexing",
        task=SimpleNamespace(module_path="modelsearch.tasks.insert_or_update_object_task"),
        backend="default",
        status=TaskResultStatus.SUCCESSFUL,
        worker_ids=["worker"],
    )
    task_started.send(sender=DatabaseBackend, task_result=task_result)
    try:
        yield
    finally:
        task_finished.send(sender=DatabaseBackend, task_result=task_result)


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_a_queued_indexing_task_fails_while_the_cluster_is_unreachable(kind):
    """Failed, the worker tries it again (core/task_queue.py); succeeded, the page would
    never be indexed once the cluster is back."""
    unreachable = search_backends(kind, [f"http://127.0.0.1:{closed_port()}"], "down_", timeout=1)
    page = ProcedurePageFactory(parent=a_site().procedures, title="Microdiscectomy")
    with override_settings(WAGTAILSEARCH_BACKENDS=unreachable):
        with a_queued_task(), pytest.raises(TransportErrors):
            insert_or_update_object(page)
        # Outside a queued task (a request, the immediate backend) it is still caught.
        insert_or_update_object(page)


def test_update_index_catches_up_after_an_outage(settings):
    if settings.SEARCH_BACKEND == "database":
        pytest.skip("catching up concerns the search engines")
    engine = search_backends(settings.SEARCH_BACKEND, settings.SEARCH_URLS, "catchup_")
    down = search_backends(settings.SEARCH_BACKEND, [f"http://127.0.0.1:{closed_port()}"], "x_")
    page = ProcedurePageFactory(parent=a_site().procedures, title="Sacroiliac Joint Fusion")
    page.create_alias(parent=a_site().procedures)
    page.title = "Sacroiliac Joint Fusion Zygomorphic"
    with override_settings(WAGTAILSEARCH_BACKENDS=down):
        page.save_revision().publish()

    with override_settings(WAGTAILSEARCH_BACKENDS=engine):
        backend = get_search_backend()
        if not backend.es.ping():
            pytest.skip("no search engine to catch up on")
        call_command("update_index", verbosity=0)
        found = list(backend.search("zygomorphic", ProcedurePage.objects.live()))
    # The page, and the other site's alias that follows it.
    assert page.pk in {p.pk for p in found}
    assert {p.alias_of_id or p.pk for p in found} == {page.pk}


def test_unknown_backend_names_are_refused():
    with pytest.raises(ValueError, match="SEARCH_BACKEND"):
        search_backends("solr", ["http://127.0.0.1:1"], "x_")
    with pytest.raises(ValueError, match="SEARCH_URLS"):
        search_backends("opensearch", [], "x_")
