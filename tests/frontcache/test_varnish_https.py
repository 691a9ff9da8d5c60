"""HTTP and HTTPS through Varnish, with the SSL redirect on as in production.

A TLS terminator connects to Varnish's listener named ``https``; whatever comes
to the plain listener is HTTP, whatever X-Forwarded-Proto it claims. The stack
here redirects plain HTTP to HTTPS (SECURE_SSL_REDIRECT=true) and sends HSTS on
HTTPS answers, as production does.
"""

import pytest

pytestmark = [pytest.mark.varnish, pytest.mark.live_server]

HSTS = "strict-transport-security"


@pytest.fixture(scope="module")
def stack(production_stack):
    return production_stack


def over_http(stack, path, headers=None):
    return stack.get(path, headers=headers)


def over_https(stack, path, headers=None):
    return stack.get(path, headers=headers, base=stack.https_url)


def test_a_plain_http_request_does_not_poison_https(stack):
    path = "/procedures/microdiscectomy/"
    redirects = [over_http(stack, path) for _ in range(2)]
    for answer in redirects:
        assert answer.status == 301
        assert answer.headers["location"].startswith("https://")
    assert redirects[1].cache != "HIT", "the SSL redirect was kept"

    answers = [over_https(stack, path) for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    assert answers[1].cache == "HIT"
    assert all(HSTS in answer.headers for answer in answers)
    # And the HTTPS answer is not given to plain HTTP either.
    assert over_http(stack, path).status == 301


def test_an_https_hit_carries_hsts_when_http_asked_first(stack):
    path = "/conditions/"
    over_http(stack, path)
    over_https(stack, path)
    answer = over_https(stack, path)
    assert answer.cache == "HIT"
    assert answer.headers[HSTS].startswith("max-age=")


def test_a_forged_forwarded_proto_on_the_plain_listener_is_not_believed(stack):
    path = "/locations/"
    over_https(stack, path)
    assert over_https(stack, path).cache == "HIT"
    forged = over_http(stack, path, headers={"X-Forwarded-Proto": "https"})
    assert forged.status == 301
    assert HSTS not in forged.headers


def test_the_https_listener_is_https_whatever_the_client_says(stack):
    answer = over_https(stack, "/procedures/", headers={"X-Forwarded-Proto": "http"})
    assert answer.status == 200
    assert HSTS in answer.headers
