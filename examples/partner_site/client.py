"""Reading pages from the Foramen content API over HTTP (urllib and json only)."""

import json
import re
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

API_VERSIONS = ("v2", "v3")
USER_AGENT = "foramen-partner-site-example/1.0"
#: Items per answer of the sync feed (the CMS allows 1 to 500).
SYNC_LIMIT = 100


class PartnerSiteError(Exception):
    """Something a partner can act on: the CMS is unreachable, a page is missing, a wrong type.

    ``status`` is the CMS's HTTP status when it answered with an error, else None.
    """

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class CMSClient:
    """Fetches pages from one CMS, through API v2 (the default) or v3.

    Both versions give the same JSON for the fields a partner site renders;
    ``fetched`` lists every URL this client asked for, in order. With a partner
    key (``fpk_…``) every request carries it as a bearer token: the CMS then
    answers within the key's scope, and the sync feed and draft preview open.
    """

    def __init__(self, base_url, api="v2", timeout=15, key=None):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PartnerSiteError(
                f"The CMS base URL must start with http:// or https://: {base_url!r}"
            )
        if api not in API_VERSIONS:
            raise PartnerSiteError(f"The API version must be one of {', '.join(API_VERSIONS)}.")
        self.base_url = base_url.rstrip("/")
        self.api = api
        self.timeout = timeout
        self.key = key
        self.fetched = []

    def find_page(self, html_path):
        """The detail JSON of the live page at ``html_path`` (e.g. /locations/dallas-tx/).

        The API's find endpoint answers with a redirect to the page's detail
        endpoint; urllib follows it.
        """
        if not html_path.startswith("/"):
            html_path = "/" + html_path
        query = urlencode({"html_path": html_path})
        return self.get_json(f"{self.base_url}/api/{self.api}/pages/find/?{query}")

    def sync(self, cursor=None, limit=SYNC_LIMIT):
        """One answer of the sync feed: from the start (no cursor), else after ``cursor``.

        The feed exists in API v2 only; it answers 410 for a cursor older than the
        changes the CMS keeps (see sync.py).
        """
        query = {"cursor": cursor} if cursor else {"initial": "true"}
        query["limit"] = limit
        return self.get_json(f"{self.base_url}/api/v2/sync/?{urlencode(query)}")

    def preview(self, token):
        """The draft a preview token names, as the page's v2 detail would give it.

        Needs a key with the preview scope, of the partner the token was made for.
        """
        query = urlencode({"token": token})
        return self.get_json(f"{self.base_url}/api/v2/partner/preview/?{query}")

    def get_json(self, url):
        # Only http(s): the base URL is checked in __init__.
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        self.fetched.append(url)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            raise PartnerSiteError(
                f"The CMS answered {error.code} for {_redacted(url)}: {_error_message(error)}",
                status=error.code,
            ) from error
        except urllib.error.URLError as error:
            raise PartnerSiteError(
                f"Cannot reach the CMS at {_redacted(url)}: {error.reason}"
            ) from error
        except TimeoutError as error:
            raise PartnerSiteError(
                f"The CMS did not answer {_redacted(url)} within {self.timeout} seconds."
            ) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise PartnerSiteError(f"The CMS did not answer {_redacted(url)} with JSON.") from error


def _error_message(error):
    """The API's own explanation: v2 sends {"message": ...}, v3 problem+json {"detail": ...}."""
    try:
        data = json.loads(error.read())
    except (ValueError, OSError):
        return error.reason
    if isinstance(data, dict):
        return data.get("message") or data.get("detail") or data.get("title") or error.reason
    return error.reason


def _redacted(url):
    """The URL for messages, without its preview token or sync cursor: logs keep messages."""
    return re.sub(r"\b(token|cursor)=[^&]*", r"\1=…", url)
