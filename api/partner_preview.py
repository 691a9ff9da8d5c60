"""GET /api/v2/partner/preview/?token=...: a draft, for a partner's preview front end.

The token (partners/preview.py, minted by the editor's "Partner: <name>" preview
mode) names a page or a snippet and one of its revisions; the answer is that
revision as its v2 detail (``/api/v2/pages/<id>/``, ``/api/v2/testimonials/<id>/``,
...) would give it were it published, a page in its own language. A token alone
reads nothing: the request must carry a usable key of the token's partner with
the preview scope, and the object must be inside that key's scope.

Refusals, as the API's other errors (``{"message": ...}``): no key 401, a key
without the preview scope or of another partner 403, a request from a browser
origin other than the token's 403, a garbled or tampered token 400, an expired
one 410 (it was valid: the editor opens the preview again for a new one), an
object or revision that is gone or outside the key's scope 404.

Answers are ``private, no-store`` (api.http sets it for every request with
credentials; Varnish passes those and never keeps a private answer) and
``X-Robots-Tag: noindex``. The render cache never sees them: it keeps only the
v2 and v3 routers' answers to requests without credentials.
"""

from django.apps import apps
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from api.language import answer_in_language_of
from api.partner_access import partner_scope
from api.v2 import DETAIL_QUERY_PARAMETERS, SNIPPET_ENDPOINTS, PagesEndpoint, router
from partners import preview
from partners.scope import objects_in_scope, page_in_scope
from serialization import prefetch

PRIVATE = "private, no-store"
#: The snippet models the v2 API serves, with the endpoint whose detail a preview mirrors.
SNIPPET_ENDPOINT_OF = {endpoint.model: endpoint for endpoint in SNIPPET_ENDPOINTS.values()}
KNOWN_PARAMETERS = DETAIL_QUERY_PARAMETERS | {"token"}


class PreviewRefused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class PreviewEndpoint(PagesEndpoint):
    """The v2 detail serializers and error answers, behind the preview's own view."""

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
        response = Response(self.detail_data(draft))
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
        """The token's revision of its object, when the key may read that object."""
        obj = self.scoped_object(claims, scope)
        if obj is None or not preview.previewable(obj):
            raise PreviewRefused(404, "No such object for this key.")
        revision = obj.revisions.filter(pk=claims.revision_id).first()
        if revision is None:
            raise PreviewRefused(404, "No such revision of this object.")
        return revision.as_object()

    def scoped_object(self, claims, scope):
        if claims.model_label == preview.PAGE_LABEL:
            page = Page.objects.filter(pk=claims.object_id).specific().first()
            return page if page is not None and page_in_scope(page, scope) else None
        model = apps.get_model(claims.model_label)
        if model not in SNIPPET_ENDPOINT_OF:
            return None
        return objects_in_scope(model.objects.filter(pk=claims.object_id), scope).first()

    def detail_data(self, obj):
        """The object as its v2 detail answer gives it."""
        if isinstance(obj, Page):
            prefetch.warm_pages([obj])
            answer_in_language_of(self.request._request, [obj])
            serializer_class = self.detail_serializer_class(type(obj))
        else:
            serializer_class = self.snippet_serializer_class(type(obj))
        return serializer_class(obj, context=self.get_serializer_context()).data

    def snippet_serializer_class(self, model):
        """The snippet endpoint's own detail serializer: it leaves out its private fields."""
        endpoint = SNIPPET_ENDPOINT_OF[model]
        return endpoint._get_serializer_class(
            self.request.wagtailapi_router, model, self.fields_config(), show_details=True
        )

    def handle_exception(self, exc):
        if isinstance(exc, PreviewRefused):
            response = Response({"message": str(exc)}, status=exc.status)
            if exc.status == 401:
                response["WWW-Authenticate"] = "Bearer"
            return response
        return super().handle_exception(exc)


preview_view = router.wrap_view(PreviewEndpoint.as_view({"get": "preview_view"}))
