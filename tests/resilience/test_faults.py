"""`make faults`: the production stack under a bounded load, one dependency taken away at a
time (tests/resilience/faults.py); the table is printed, and every data check must hold.

The stack runs on a PostgreSQL cluster and an OpenSearch of the test's own. Marked as the
other stack tests are (varnish, live_server) and `faults`: `make test` leaves it out until
its timing-dependent checks (the worker killed while a task runs, indexing retried after
the search outage) hold on a loaded machine; `make faults` runs it.
"""

import pytest

from tests.frontcache.report import table
from tests.frontcache.stack import running_stack
from tests.resilience.faults import run_faults
from tests.resilience.postgres_cluster import own_postgres
from tests.resilience.search_engine import own_search_engine

pytestmark = [pytest.mark.varnish, pytest.mark.live_server, pytest.mark.faults]


@pytest.fixture(scope="module")
def fault_stack(tmp_path_factory):
    with (
        own_postgres() as postgres,
        own_search_engine() as engine,
        running_stack(
            tmp_path_factory.mktemp("faults-stack"),
            DATABASE_URL=postgres.url,
            SEARCH_BACKEND="opensearch",
            SEARCH_URLS=engine.url,
            SEARCH_INDEX_PREFIX="faults_",
            # A failed indexing attempt is tried again within seconds, not minutes, and
            # often enough (1 + 2 + 4 + ... s) to outlast the search outage on a busy machine.
            TASKS_RETRY_SECONDS="1",
            TASKS_MAX_ATTEMPTS="8",
            # Cached pages go stale within each fault, so that Varnish must serve them
            # from its grace while the app cannot answer (deploy/varnish/foramen.vcl).
            VARNISH_PAGE_TTL="5s",
        ) as stack,
    ):
        stack.manage("update_index", "-v0")
        yield stack, postgres, engine


def test_every_fault_keeps_the_pages_served_and_the_data_whole(fault_stack):
    stack, postgres, engine = fault_stack
    results = run_faults(stack, postgres, engine.pid)
    report = table(results, heading="fault", by_status=True)
    print(f"\n{report}")
    assert all(result.passed for result in results), report
