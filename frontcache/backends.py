"""The Varnish of deploy/varnish/foramen.vcl as a Wagtail frontend-cache backend.

Varnish takes PURGE and BAN only with the shared purge token (header
``X-Purge-Token``): anything on its host, a TLS terminator or a load balancer,
forwards the public's requests from loopback, so the address proves nothing.
"""

import logging
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)

PURGE_TOKEN_HEADER = "X-Purge-Token"  # noqa: S105 - a header name
# A publish waits for its purges: a Varnish that does not answer must not hang it.
REQUEST_TIMEOUT_SECONDS = 10


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend with the purge token, a timeout, and bans (frontcache/purge.py).

    Settings: ``LOCATION`` (Varnish's address) and ``PURGE_TOKEN``.
    """

    def __init__(self, params):
        self.purge_token = params.pop("PURGE_TOKEN", "")
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""))
        self._send("PURGE", target, {"Host": host})

    def ban(self, path, headers):
        """Ask Varnish to ban ``path`` as the headers say (X-Ban-Site, X-Ban-Pages)."""
        self._send("BAN", urlunsplit((self.cache_scheme, self.cache_netloc, path, "", "")), headers)

    def _send(self, method, url, headers):
        sent = {
            **headers,
            PURGE_TOKEN_HEADER: self.purge_token,
            "User-Agent": f"Wagtail-frontendcache/{__version__}",
        }
        request = Request(url, method=method, headers=sent)  # noqa: S310 - the configured cache
        try:
            urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS).close()  # noqa: S310
        except OSError as error:  # URLError, HTTPError (a refused token), timeouts
            # The headers logged are the request's own, never the token.
            logger.error("Could not %s %s %s in the front cache: %s", method, url, headers, error)
