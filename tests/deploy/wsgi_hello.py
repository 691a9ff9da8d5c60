"""The smallest WSGI application, for starting gunicorn with the deploy settings in tests.

It answers with the port it was reached on, so that a test behind a load balancer
can tell which app server answered.
"""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    # The socket's own port: SERVER_PORT comes from the Host header, which a proxy passes on.
    port = environ["gunicorn.socket"].getsockname()[1]
    return [f"hello from {port}".encode()]
