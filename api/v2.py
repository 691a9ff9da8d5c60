"""API v2 endpoints: Wagtail's own, with our filters, rich text and snippet endpoints."""

from functools import reduce
from operator import or_
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, When
from django.http import Http404, QueryDict
from rest_framework.response import Response
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import BaseSerializer, PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.contrib.redirects.api import RedirectsAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page

from api.clinic_filters import LocationFilter
from api.filters import matching_procedures
from api.language import answer_in_language_of
from api.partner_access import scoped_images, scoped_objects, scoped_pages
from api.rich_text import RichTextHTMLSerializer
from api.streams import PageStreamField
from core.models import CallToAction
from localization.models import SiteText
from people.models import Physician, Testimonial
from search.engine import ENGINE_ERRORS, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER
from serialization import prefetch, visibility
from serialization.representation import absolute_url

FIELD_MAPPING = {RichTextField: RichTextHTMLSerializer, StreamField: PageStreamField}


class ContentSerializer(BaseSerializer):
    serializer_field_mapping = {**BaseSerializer.serializer_field_mapping, **FIELD_MAPPING}


class PublicParentField(PageParentField):
    """The parent, when the public may see it, decided without a query.

    The page itself is public, so no view restriction covers its parent; the
    parent is public when it is live (the warmed breadcrumb ancestors are the
    live ones) and inside the requested site rather than above its root.
    """

    def get_attribute(self, instance):
        parent_path = instance.path[: -instance.steplen]
        ancestors = prefetch.remember(
            ("ancestors", parent_path),
            lambda: list(instance.get_ancestors().filter(depth__gte=2).live()),
        )
        parent = ancestors[-1] if ancestors and ancestors[-1].path == parent_path else None
        site = visibility.requested_site(self.context["request"])
        if parent is None or site is None or parent.depth < site.root_page.depth:
            return None
        return parent


class ContentPageSerializer(PageSerializer):
    serializer_field_mapping = {**PageSerializer.serializer_field_mapping, **FIELD_MAPPING}
    parent = PublicParentField(read_only=True)


# Database ids are signed 64-bit at most; larger numbers overflow inside the driver.
MAX_ID = 2**63 - 1
ID_PARAMETERS = ("id", "condition", "location", "child_of", "descendant_of", "ancestor_of")
MAX_SEARCH_LENGTH = 256
MAX_VALUE_LENGTH = 1000
SEARCH_OPERATORS = ("and", "or")


def positive_int_param(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise BadRequestError(f"{name} must be a positive integer (a page id)")
    return int(raw)


def validate_query(query):
    """Refuse, naming the parameter, what would otherwise fail deep in Wagtail or the database."""
    for name, value in query.items():
        if "\x00" in value:
            raise BadRequestError(f"{name} must not contain a NUL character")
        if len(value) > MAX_VALUE_LENGTH:
            raise BadRequestError(f"{name} is too long (at most {MAX_VALUE_LENGTH} characters)")
    if len(query.get("search", "")) > MAX_SEARCH_LENGTH:
        raise BadRequestError(f"search is too long (at most {MAX_SEARCH_LENGTH} characters)")
    operator = query.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    offset = query.get("offset", "0")
    if offset.isdigit() and int(offset) > MAX_ID:
        raise BadRequestError("offset is too large")
    for name in ID_PARAMETERS:
        raw = query.get(name)
        if raw is not None and raw.isdigit() and int(raw) > MAX_ID:
            raise BadRequestError(f"{name} is too large")
    requested_ids(query)
    raw = query.get("user_id")
    if raw is not None and not raw.isdigit():
        raise BadRequestError("user_id must be a positive integer")
    site = query.get("site")
    port = site.split(":", 1)[1] if site and ":" in site else "0"
    if not (port.isascii() and port.isdigit()):
        raise BadRequestError("site must be a hostname, or hostname:port with a numeric port")
    translation_of = query.get("translation_of")
    if translation_of is not None and not (translation_of.isdigit() or translation_of == "root"):
        raise BadRequestError("translation_of must be a positive integer or 'root'")


#: The most pages one ?id= batch may name: a listing's largest page.
MAX_BATCH_IDS = settings.WAGTAILAPI_LIMIT_MAX
#: ?locale=* with ?id=: each page named in every language it is published in.
EVERY_LANGUAGE = "*"


def requested_ids(query):
    """The ids ``?id=`` names, one (20) or a batch (20,47), in their order; None without it."""
    raw = query.get("id")
    if raw is None:
        return None
    parts = raw.split(",")
    if not all(part.isdigit() and 1 <= int(part) <= MAX_ID for part in parts):
        raise BadRequestError("id must be a positive integer, or several separated by commas")
    if len(parts) > MAX_BATCH_IDS:
        raise BadRequestError(f"id names at most {MAX_BATCH_IDS} pages")
    return list(dict.fromkeys(int(part) for part in parts))


class BatchFilter:
    """?id=20,47: those pages, in that order unless ?order= says otherwise; with
    ?locale=*, each of them in every language it is published in, side by side.

    One request for what a partner renders of several pages (a procedure and the
    conditions it links); the listing answers each as its detail does.
    """

    def filter_queryset(self, request, queryset, view):
        ids = requested_ids(request.GET)
        if ids is None:
            return queryset
        if request.GET.get("locale") == EVERY_LANGUAGE:
            keys = Page.objects.filter(pk__in=ids).values("translation_key")
            queryset = queryset.filter(translation_key__in=keys)
            positions = Page.objects.filter(pk__in=ids).values_list("translation_key", "pk")
            order = {key: ids.index(pk) for key, pk in positions}
            ranking = Case(
                *(When(translation_key=key, then=rank) for key, rank in order.items()),
                output_field=IntegerField(),
            )
        else:
            queryset = queryset.filter(pk__in=ids)
            ranking = Case(
                *(When(pk=pk, then=rank) for rank, pk in enumerate(ids)),
                output_field=IntegerField(),
            )
        if "order" in request.GET:
            return queryset
        return queryset.order_by(ranking, "locale__language_code", "pk")


class BatchLocaleFilter(LocaleFilter):
    """Wagtail's ?locale=, with ``*`` (every language) for an ?id= batch."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("locale") != EVERY_LANGUAGE:
            return super().filter_queryset(request, queryset, view)
        if "id" not in request.GET:
            raise BadRequestError("locale=* needs id= (the pages to give in every language)")
        return queryset


#: What a detail answer takes (find's redirect keeps them); anything else is a 400,
#: as on listings, rather than silently ignored.
DETAIL_QUERY_PARAMETERS = frozenset({"fields", "format", "rich_text_format", "site"})


def site_parameter(site):
    """The ?site= value that names site: its hostname, with the port when not 80."""
    return site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"


def with_query(url, **parameters):
    scheme, netloc, path, query, fragment = urlsplit(url)
    merged = QueryDict(query, mutable=True)
    merged.update(parameters)
    return urlunsplit((scheme, netloc, path, merged.urlencode(), fragment))


class CompactJSONMixin:
    """Answers without indentation unless the client asks for it.

    Wagtail's v2 indents every answer by four spaces, a large share of the bytes a
    partner downloads. ``Accept: application/json; indent=2`` still gets an
    indented answer (REST framework reads the media type's parameter).
    """

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class CleanErrorsMixin:
    """Every endpoint checks its query first and answers errors as {"message": ...}."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        validate_query(request.GET)

    def detail_view(self, request, pk):
        unknown = sorted(set(request.GET) - DETAIL_QUERY_PARAMETERS)
        if unknown:
            raise BadRequestError(f"query parameter is not allowed here: {', '.join(unknown)}")
        return super().detail_view(request, pk)

    def find_view(self, request):
        # An ?id= batch is for listings; Wagtail's find would int() it (a 500).
        ids = requested_ids(request.GET)
        if ids is not None and len(ids) > 1:
            raise BadRequestError("id: find/ takes a single id")
        return super().find_view(request)

    def handle_exception(self, exc):
        if isinstance(exc, ENGINE_ERRORS):
            return Response(
                {"message": UNAVAILABLE_MESSAGE},
                status=503,
                headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER)},
            )
        response = super().handle_exception(exc)
        data = response.data if isinstance(response.data, dict) else {}
        if "message" not in data or not str(data["message"]).strip():
            detail = data.get("detail") or response.status_text
            response.data = {"message": str(detail) or response.status_text}
        return response


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters, with a value the field cannot hold answered as a JSON 400
    naming the parameter (Wagtail converts booleans and integers only, and a bad date or
    decimal otherwise fails in the database layer as a 500)."""

    #: Field names another filter of the endpoint reads in its own way.
    read_elsewhere = frozenset({"locale"})

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name in self.read_elsewhere:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                continue
            if field.concrete and not field.is_relation:
                try:
                    field.to_python(value)
                except ValidationError as error:
                    raise BadRequestError(f"{name}: {' '.join(error.messages)}") from error
            elif is_id_relation(field) and not (value.isdigit() and int(value) <= MAX_ID):
                # Wagtail converts a foreign key's value only; other relations (a page's
                # condition_links, a location's services) met the database with it: a 500.
                raise BadRequestError(f"{name} must be a positive integer (an id)")
        return super().filter_queryset(QueryWithout(request, self.read_elsewhere), queryset, view)


def is_id_relation(field):
    """Whether a field filter on ``field`` names the related object by its id (tags go by name)."""
    return field.is_relation and not isinstance(field, TaggableManager)


class QueryWithout:
    """``request`` as a filter sees it when ``names`` are another filter's to read."""

    def __init__(self, request, names):
        self._request = request
        self.GET = request.GET.copy()
        for name in names:
            self.GET.pop(name, None)

    def __getattr__(self, name):
        return getattr(self._request, name)


class PageFieldsFilter(CheckedFieldsFilter):
    read_elsewhere = frozenset({"locale", "id"})


class ProcedureRelationFilter:
    """?condition=<id>: procedures treating it; ?location=<id>: procedures offered there."""

    def filter_queryset(self, request, queryset, view):
        procedures = matching_procedures(
            condition=positive_int_param(request, "condition"),
            location=positive_int_param(request, "location"),
        )
        return queryset if procedures is None else queryset.filter(pk__in=procedures)


class StableOrderingFilter(OrderingFilter):
    """Ordering with the id as the last key, so that paging never repeats or skips."""

    def filter_queryset(self, request, queryset, view):
        queryset = super().filter_queryset(request, queryset, view)
        ordering = list(queryset.query.order_by)
        if request.GET.get("order") == "random" or not ordering:
            return queryset
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            queryset = queryset.order_by(*ordering, "id")
        return queryset


class PagesEndpoint(CompactJSONMixin, CleanErrorsMixin, PagesAPIViewSet):
    base_serializer_class = ContentPageSerializer
    filter_backends = [
        PageFieldsFilter,
        BatchFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ProcedureRelationFilter,
        StableOrderingFilter,
        TranslationOfFilter,
        BatchLocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["condition", "location"])

    def find_view(self, request):
        """The redirect names the site the page was found in.

        It leads to the API's base URL (WAGTAILAPI_BASE_URL), whose host may be
        another site's: without ?site= a partner asking on its own brand's host
        would follow the redirect to a 404. On the same host it needs no ?site=.
        """
        response = super().find_view(request)
        site = visibility.requested_site(request)
        leaves_the_host = urlsplit(response["Location"]).netloc not in ("", request.get_host())
        if leaves_the_host and "site" not in request.GET and site is not None:
            response["Location"] = with_query(response["Location"], site=site_parameter(site))
        return response

    def find_object(self, queryset, request):
        """html_path is routed from the root of the site that ?site= names (the request's
        host's without it), the site whose pages the queryset holds."""
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        site = visibility.requested_site(request)
        if site is None:
            return None
        components = [part for part in request.GET["html_path"].split("/") if part]
        try:
            page, _args, _kwargs = site.root_page.specific.route(request, components)
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None

    def get_base_queryset(self):
        try:
            queryset = visibility.public_pages(self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        return scoped_pages(self.request, queryset)

    def listing_view(self, request):
        """An ?id= batch answers each page as its own detail does, whatever its type."""
        if "id" not in request.GET:
            return super().listing_view(request)
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        pages = list(self.filter_queryset(queryset).specific())
        prefetch.warm_pages(pages)
        answer_in_language_of(request._request, pages)
        context = self.get_serializer_context()
        items = [
            self.detail_serializer_class(type(page))(page, context=context).data for page in pages
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    def fields_config(self):
        try:
            return parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from error

    def detail_serializer_class(self, model):
        return self._get_serializer_class(
            self.request.wagtailapi_router, model, self.fields_config(), show_details=True
        )

    def get_serializer(self, instance=None, *args, **kwargs):
        pages = instance if kwargs.get("many") else [instance]
        pages = [page for page in pages if isinstance(page, Page)]
        prefetch.warm_pages(pages)
        if pages:
            answer_in_language_of(self.request._request, pages)
        return super().get_serializer(instance, *args, **kwargs)


class AbsoluteImageDownloadUrlField(ImageDownloadUrlField):
    def to_representation(self, image):
        return absolute_url(image.file.url)


class ContentImageSerializer(ImageSerializer):
    download_url = AbsoluteImageDownloadUrlField(read_only=True)


def view_restricted_collection_ids():
    """Every collection under a view restriction, or below one."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    if not paths:
        return []
    under_any = reduce(or_, (Q(path__startswith=path) for path in paths))
    return list(Collection.objects.filter(under_any).values_list("pk", flat=True))


class PublicCollectionsMixin:
    """Images and documents of collections under no view restriction, for everyone: v2
    reads no credentials (Wagtail's own check asks for the request's user and session,
    which v2 requests do not have, and answered 500), as private pages are left out."""

    def get_queryset(self):
        restricted = view_restricted_collection_ids()
        return self.model.objects.exclude(collection__in=restricted).order_by("id")


class ImagesEndpoint(PublicCollectionsMixin, CompactJSONMixin, CleanErrorsMixin, ImagesAPIViewSet):
    """Wagtail's images; a partner key reads those its scope's content shows."""

    base_serializer_class = ContentImageSerializer

    def get_queryset(self):
        return scoped_images(self.request, super().get_queryset())


class SiteTextFieldsFilter(CheckedFieldsFilter):
    # ?site= names a site by its host, as everywhere in the API, not the field's id.
    read_elsewhere = frozenset({"locale", "site"})


class SiteTextSiteFilter:
    """?site=host[:port]: the texts of the site that names (the request's host's without it)."""

    def filter_queryset(self, request, queryset, view):
        site = visibility.requested_site(request)
        return queryset.filter(site=site) if site is not None else queryset.none()


class SnippetEndpoint(CompactJSONMixin, CleanErrorsMixin, BaseAPIViewSet):
    """A read-only endpoint for a snippet model, from its api_fields; a partner key
    reads those of its scope (api.partner_access)."""

    base_serializer_class = ContentSerializer
    filter_backends = [CheckedFieldsFilter, LocaleFilter, StableOrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    #: api_fields that integrations may write through v3 but the public must not read.
    private_fields = frozenset()

    @classmethod
    def get_body_fields(cls, model):
        return [
            field
            for field in super().get_body_fields(model)
            if field.name not in cls.private_fields
        ]

    # Listings and details filter the queryset; find reads it as it is.
    def filter_queryset(self, queryset):
        return super().filter_queryset(scoped_objects(self.request, queryset))

    def find_object(self, queryset, request):
        return super().find_object(scoped_objects(request, queryset), request)


class TestimonialsEndpoint(SnippetEndpoint):
    model = Testimonial
    name = "testimonials"
    # ?location=<id>: the testimonials of one clinic (api.clinic_filters)
    filter_backends = [LocationFilter, *SnippetEndpoint.filter_backends]
    known_query_parameters = SnippetEndpoint.known_query_parameters.union(["location"])
    location_lookup = "location_id"
    listing_default_fields = SnippetEndpoint.listing_default_fields + [
        "display_name",
        "condition_name",
        "procedure_name",
        "headline_quote",
        "disclosure",
        "connection_disclosure",
    ]

    def get_queryset(self):
        return (
            Testimonial.objects.publicly_shown()
            .select_related("condition", "procedure")
            .order_by("id")
        )


class PhysiciansEndpoint(SnippetEndpoint):
    model = Physician
    name = "physicians"
    # ?location=<id>: the physicians practising there (api.clinic_filters)
    filter_backends = [LocationFilter, *SnippetEndpoint.filter_backends]
    known_query_parameters = SnippetEndpoint.known_query_parameters.union(["location"])
    location_lookup = "location_links__page_id"
    listing_default_fields = SnippetEndpoint.listing_default_fields + [
        "name",
        "credentials",
        "specialty_list",
    ]


class CallsToActionEndpoint(SnippetEndpoint):
    model = CallToAction
    name = "calls_to_action"
    listing_default_fields = SnippetEndpoint.listing_default_fields + ["heading", "action"]

    def get_queryset(self):
        return CallToAction.objects.select_related("link_page").order_by("id")


class SiteTextsEndpoint(SnippetEndpoint):
    """The banner and footer of each site in each language (see also /site-settings/)."""

    model = SiteText
    name = "site_texts"
    filter_backends = [
        SiteTextSiteFilter,
        SiteTextFieldsFilter,
        *(
            backend
            for backend in SnippetEndpoint.filter_backends
            if backend is not CheckedFieldsFilter
        ),
    ]
    known_query_parameters = SnippetEndpoint.known_query_parameters.union(["site"])
    listing_default_fields = SnippetEndpoint.listing_default_fields + [
        "site",
        "phone_banner_text",
        "footer_text",
    ]

    def get_queryset(self):
        return SiteText.objects.order_by("id")


class DocumentsEndpoint(
    PublicCollectionsMixin, CompactJSONMixin, CleanErrorsMixin, DocumentsAPIViewSet
):
    pass


class RedirectsEndpoint(CompactJSONMixin, CleanErrorsMixin, RedirectsAPIViewSet):
    pass


router = WagtailAPIRouter("wagtailapi_v2")
router.register_endpoint("pages", PagesEndpoint)
router.register_endpoint("images", ImagesEndpoint)
router.register_endpoint("documents", DocumentsEndpoint)
router.register_endpoint("redirects", RedirectsEndpoint)
SNIPPET_ENDPOINTS = {
    "testimonials": TestimonialsEndpoint,
    "physicians": PhysiciansEndpoint,
    "calls-to-action": CallsToActionEndpoint,
    "site-texts": SiteTextsEndpoint,
}
for name, endpoint in SNIPPET_ENDPOINTS.items():
    router.register_endpoint(name, endpoint)
