"""`make security`: issue #21's reproductions replayed against the production stack.

tests/security/replay.py holds the checks; this test runs them all on the stack that
tests/frontcache's HTTPS tests use too (started once per run), prints their table and
fails naming every check that did not pass.
"""

import pytest

from tests.frontcache.report import table
from tests.security.replay import run_checks

pytestmark = [pytest.mark.security, pytest.mark.varnish, pytest.mark.live_server]


def test_every_reproduction_of_issue_21_is_answered_without_a_5xx_and_keeps_the_data(
    production_stack,
):
    results = run_checks(production_stack)
    report = table(results)
    print(f"\n{report}")
    assert all(result.passed for result in results), report
