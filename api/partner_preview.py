"""GET /api/v2/partner/preview/?token=...: a draft, for a partner's preview front end.

The token (partners/preview.py, minted by the editor's "Partner: <name>" preview
mode) names a page and one of its revisions; the answer is that revision as
``/api/v2/pages/<id>/`` would give it were it published, in the page's language.
A token alone reads nothing: the request must carry a usable key of the token's
partner with the preview scope, and the page must be inside that key's scope.

Refusals, as the API's other errors (``{"message": ...}``): no key 401, a key
without the preview scope or of another partner 403, a request from a browser
origin other than the token's 403, a garbled or tampered token 400, an expired
one 410 (it was valid: the editor opens the preview again for a new one), a page
or revision that is gone or outside the key's scope 404.

Answers are ``private, no-store`` (api.http sets it for every request with
credentials; Varnish passes those and never keeps a private answer) and
``X-Robots-Tag: noindex``. The render cache never sees them: it keeps only the
v2 and v3 routers' answers to requests without credentials.
"""

from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from api.language import answer_in_language_of
from api.partner_access import partner_scope
from api.v2 import DETAIL_QUERY_PARAMETERS, PagesEndpoint, router
from partners import preview
from partners.scope import page_in_scope
from serialization import prefetch

PRIVATE = "private, no-store"
KNOWN_PARAMETERS = DETAIL_QUERY_PARAMETERS | {"token"}


class PreviewRefused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class PreviewEndpoint(PagesEndpoint):
    """Pages' v2 detail serializers and error answers, behind the preview's own view."""

    def preview_view(self, request):
        unknown = sorted(set(request.GET) - KNOWN_PARAMETERS)
        if unknown:
            raise BadRequestError(f"query parameter is not allowed here: {', '.join(unknown)}")
        scope = partner_scope(request._request)
        if scope is None:
            raise PreviewRefused(401, "A partner key with the preview scope is needed.")
        if not scope.preview:
            raise PreviewRefused(403, "This key has no preview scope.")
        claims = self.claims(request.GET.get("token", ""))
        if claims.partner_id != scope.partner_id:
            raise PreviewRefused(403, "This preview token belongs to another partner.")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() != claims.origin:
            raise PreviewRefused(403, "This preview token is for another origin.")
        draft = self.draft(claims, scope)
        response = Response(self.page_data(draft))
        response["Cache-Control"] = PRIVATE
        response["X-Robots-Tag"] = "noindex"
        return response

    def claims(self, token):
        if not token:
            raise BadRequestError("token is required")
        try:
            return preview.read(token)
        except preview.ExpiredToken as error:
            raise PreviewRefused(
                410, "The preview token has expired: open the preview again in the admin."
            ) from error
        except preview.InvalidToken as error:
            raise BadRequestError("token is not a valid preview token") from error

    def draft(self, claims, scope):
        """The token's revision of its page, when the key may read that page."""
        page = Page.objects.filter(pk=claims.page_id).specific().first()
        if page is None or not page_in_scope(page, scope) or not preview.previewable(page):
            raise PreviewRefused(404, "No such page for this key.")
        revision = page.revisions.filter(pk=claims.revision_id).first()
        if revision is None:
            raise PreviewRefused(404, "No such revision of this page.")
        return revision.as_object()

    def page_data(self, page):
        """The page as its v2 detail answer gives it."""
        prefetch.warm_pages([page])
        answer_in_language_of(self.request._request, [page])
        serializer_class = self.detail_serializer_class(type(page))
        return serializer_class(page, context=self.get_serializer_context()).data

    def handle_exception(self, exc):
        if isinstance(exc, PreviewRefused):
            response = Response({"message": str(exc)}, status=exc.status)
            if exc.status == 401:
                response["WWW-Authenticate"] = "Bearer"
            return response
        return super().handle_exception(exc)


preview_view = router.wrap_view(PreviewEndpoint.as_view({"get": "preview_view"}))
