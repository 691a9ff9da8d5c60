"""The smallest WSGI application, for starting gunicorn with the deploy settings in tests."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]
