"""gunicorn's settings for Foramen (`gunicorn -c deploy/gunicorn.conf.py cms.wsgi:application`).

gunicorn 27 opens a control socket for its `gunicornc` client, by default one path
per user (~/.gunicorn/gunicorn.ctl): every instance on the machine takes the same
one, so a second app server or a second stack clobbers the first's. Nothing here
uses `gunicornc` (scripts/stack.sh manages instances by their pid files), so no
instance opens one.

gunicorn names itself and its version in a Server header on every answer and has
no setting to stop it; the name helps only an attacker, so the header goes.
Varnish removes it too (deploy/varnish/foramen.vcl), for an app server reached
past it.
"""

from gunicorn.http import wsgi

control_socket_disable = True

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [header for header in _default_headers(self) if not header.startswith("Server:")]


wsgi.Response.default_headers = _default_headers_without_server
