"""Reading pages from the Foramen content API over HTTP (urllib and json only)."""

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

API_VERSIONS = ("v2", "v3")
USER_AGENT = "foramen-partner-site-example/1.0"


class PartnerSiteError(Exception):
    """Something a partner can act on: the CMS is unreachable, a page is missing, a wrong type."""


class CMSClient:
    """Fetches pages from one CMS, through API v2 (the default) or v3.

    Both versions give the same JSON for the fields a partner site renders;
    ``fetched`` lists every URL this client asked for, in order.
    """

    def __init__(self, base_url, api="v2", timeout=15):
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

    def get_json(self, url):
        # Only http(s): the base URL is checked in __init__.
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310
        self.fetched.append(url)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            raise PartnerSiteError(
                f"The CMS answered {error.code} for {url}: {_error_message(error)}"
            ) from error
        except urllib.error.URLError as error:
            raise PartnerSiteError(f"Cannot reach the CMS at {url}: {error.reason}") from error
        except TimeoutError as error:
            raise PartnerSiteError(
                f"The CMS did not answer {url} within {self.timeout} seconds."
            ) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise PartnerSiteError(f"The CMS did not answer {url} with JSON.") from error


def _error_message(error):
    """The API's own explanation: v2 sends {"message": ...}, v3 problem+json {"detail": ...}."""
    try:
        data = json.loads(error.read())
    except (ValueError, OSError):
        return error.reason
    if isinstance(data, dict):
        return data.get("message") or data.get("detail") or data.get("title") or error.reason
    return error.reason
