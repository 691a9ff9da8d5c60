from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page, Site
from wagtail.search.utils import parse_query_string

MAX_QUERY_LENGTH = 256
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    trimmed = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        # Parsed rather than passed through, so that quotes and operators in a
        # visitor's query are read as words and phrases, never as engine syntax.
        _filters, parsed_query = parse_query_string(query)
        pages = Page.objects.live().public()
        site = Site.find_for_request(request)
        if site is not None:  # each site searches its own pages
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.specific().search(parsed_query)

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "query_trimmed": trimmed,
            "max_query_length": MAX_QUERY_LENGTH,
            "search_results": page,
        },
    )
