"""The site search: one query across every searchable model, in one language.

Each model is searched through its own ``search_fields`` on the backend of the
visitor's language; hits are merged by score. When nothing matches, the search
tries again with typo tolerance: the engine's fuzzy matching where the backend
has it, else words corrected against the vocabulary of the site's titles and
summaries. A query that still finds nothing is answered with "did you mean",
the closest words of the site's that find something (``did_you_mean``).
"""

import difflib
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import NotSupportedError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elastic_transport import TransportError as ElasticTransportError
from elasticsearch import ApiError as ElasticApiError
from modelsearch.query import Fuzzy
from opensearchpy.exceptions import TransportError as OpenSearchTransportError
from wagtail.models import Locale, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from search.registry import searchable_models

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 256
# Enough for a clinic network's site; a larger one would page in the engine.
MAX_HITS_PER_MODEL = 100
WORD = re.compile(r"\w+", re.UNICODE)
#: How the search engines' clients say that the cluster could not answer: unreachable,
#: timed out, or an error of its own (a missing index). What the APIs answer with a 503.
ENGINE_ERRORS = (OpenSearchTransportError, ElasticTransportError, ElasticApiError)
#: What the APIs answer to ?search= while the engine is down.
UNAVAILABLE_MESSAGE = "Search is unavailable right now; try again in a minute."
#: The Retry-After of that 503, in seconds: the minute the message speaks of.
UNAVAILABLE_RETRY_AFTER = 60
#: How alike (difflib's ratio, 0 to 1) a word of the site must be to a visitor's unknown
#: word to be offered in its place: "foramenot" and "foraminot(omy)" score 0.89.
SUGGESTION_CUTOFF = 0.75
# Control characters: a NUL is refused by PostgreSQL and by SQLite's full-text search.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def backend_for_language(language_code):
    """The search backend alias for content in ``language_code``.

    An engine has one backend per language, named by its code, each with that
    language's analyzer (cms/settings/search.py); the rest share "default".
    """
    code = (language_code or "").split("-")[0].lower()
    return code if code in settings.WAGTAILSEARCH_BACKENDS else "default"


@dataclass
class SearchHit:
    title: str
    type: str
    url: str
    summary: str
    score: float
    object: object

    def highlighted_summary(self, query):
        return highlight(self.summary, query)


@dataclass
class SearchOutcome:
    hits: list
    # The words actually searched when they differ from the visitor's.
    corrected_query: str = ""


class SearchUnavailable(Exception):
    """The search engine could not answer; the visitor is told so, with a 503."""


@contextmanager
def engine_answering():
    """Turn an engine client's failure into SearchUnavailable, logged without the query
    (a visitor's words may describe their health)."""
    try:
        yield
    except ENGINE_ERRORS as error:
        logger.warning("The search engine did not answer: %s", type(error).__name__)
        raise SearchUnavailable(UNAVAILABLE_MESSAGE) from error


def clean_query(raw):
    """Return (query, trimmed): control characters and runs of whitespace made single
    spaces, at most MAX_QUERY_LENGTH characters."""
    query = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    return query[:MAX_QUERY_LENGTH].rstrip(), True


def search_backend_for(locale):
    alias = backend_for_language(locale.language_code)
    return get_search_backend(alias)


def parsed(query):
    # Parsed rather than passed through, so that quotes and operators in a
    # visitor's query are read as words and phrases, never as engine syntax.
    # Any word may match ("or"): patients describe symptoms in many words, and
    # relevance ranking puts the pages matching most of them first.
    _filters, search_query = parse_query_string(query, operator="or")
    return search_query


def site_search(query, request=None, locale=None):
    """Search every searchable model in ``locale`` (default: the active one).

    Raises SearchUnavailable when the engine does not answer.
    """
    with engine_answering():
        return _site_search(query, request, locale)


def _site_search(query, request, locale):
    locale = locale or Locale.get_active()
    backend = search_backend_for(locale)
    hits = _search_all(backend, parsed(query), locale, request)
    if hits:
        return SearchOutcome(hits)
    try:
        hits = _search_all(backend, Fuzzy(query), locale, request)
    except (NotImplementedError, NotSupportedError):
        # SQLite has no fuzzy matching; PostgreSQL only with pg_trgm (search migration 0001).
        hits = []
    if hits:
        return SearchOutcome(hits)
    corrected = correct_spelling(query, locale, site_of(request))
    if corrected and corrected.lower() != query.lower():
        hits = _search_all(backend, parsed(corrected), locale, request)
        if hits:
            return SearchOutcome(hits, corrected_query=corrected)
    return SearchOutcome([])


def site_of(request):
    """The site being searched: the request's, or without a request the default site."""
    if request is not None:
        return Site.find_for_request(request)
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def score_sign(backend):
    """1 when a higher score is a better match; SQLite FTS5's bm25() is the other way round.

    Asked of the class and its bases: ours (search/database_backend.py) subclasses
    modelsearch's SQLite backend from another module.
    """
    on_sqlite = any(cls.__module__.endswith(".sqlite.sqlite") for cls in type(backend).__mro__)
    return -1 if on_sqlite else 1


def _search_all(backend, search_query, locale, request):
    hits = []
    for model in searchable_models():
        results = backend.search(search_query, model.site_search_queryset(locale, site_of(request)))
        results = results.annotate_score("search_score")
        hits.extend(_hits(results[:MAX_HITS_PER_MODEL], request, score_sign(backend)))
    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits


def _hits(results, request, sign):
    for obj in results:
        url = obj.get_search_result_url(request)
        if url:
            yield SearchHit(
                title=obj.get_search_result_title(),
                type=str(obj.search_result_type_label),
                url=url,
                summary=obj.get_search_result_summary() or "",
                score=sign * float(getattr(obj, "search_score", 0) or 0),
                object=obj,
            )


def suggest(query, request=None, locale=None, limit=8):
    """Titles that start with what the visitor has typed so far.

    Raises SearchUnavailable when the engine does not answer.
    """
    with engine_answering():
        return _suggest(query, request, locale, limit)


def _suggest(query, request, locale, limit):
    # Words only: autocomplete takes no query syntax, and SQLite's FTS would
    # choke on a lone quote.
    query = " ".join(WORD.findall(query))
    if not query:
        return []
    locale = locale or Locale.get_active()
    backend = search_backend_for(locale)
    hits = []
    for model in searchable_models():
        results = backend.autocomplete(query, model.site_search_queryset(locale, site_of(request)))
        results = results.annotate_score("search_score")
        hits.extend(_hits(results[:limit], request, score_sign(backend)))
    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:limit]


def vocabulary(locale, site=None):
    """Lower-case words of the searchable titles and summaries in ``locale`` (on ``site``)."""
    words = set()
    for model in searchable_models():
        for obj in model.site_search_queryset(locale, site):
            text = f"{obj.get_search_result_title()} {obj.get_search_result_summary() or ''}"
            words.update(word.lower() for word in WORD.findall(text) if len(word) > 3)
    return sorted(words)


def correct_spelling(query, locale, site=None):
    """The query with each unknown word replaced by the closest known one, if any."""
    known = vocabulary(locale, site)
    known_set = set(known)
    corrected = []
    for word in WORD.findall(query):
        lower = word.lower()
        if lower in known_set or len(lower) <= 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(lower, known, n=1, cutoff=0.8)
        corrected.append(close[0] if close else word)
    return " ".join(corrected)


def closest_word(word, known):
    """The known word spelled most like ``word``, or None.

    Compared with each whole word and with its beginning as long as ``word``: a visitor
    may stop typing mid-word ("foramenot" is the start of "foraminotomy", misspelled),
    and a beginning stands for the shortest word it starts.
    """
    spellings = {}
    for candidate in sorted(known, key=len):
        spellings.setdefault(candidate, candidate)
        spellings.setdefault(candidate[: len(word)], candidate)
    close = difflib.get_close_matches(word, spellings, n=1, cutoff=SUGGESTION_CUTOFF)
    return spellings[close[0]] if close else None


def did_you_mean(query, request=None, locale=None):
    """For a query that found nothing, the words the visitor probably meant, spelled as the
    site's titles and summaries in ``locale`` spell them, when they find something; else "".

    Raises SearchUnavailable when the engine does not answer.
    """
    locale = locale or Locale.get_active()
    known = vocabulary(locale, site_of(request))
    known_set = set(known)
    words = [word.lower() for word in WORD.findall(query)]
    meant = " ".join(
        word if word in known_set or len(word) <= 3 else closest_word(word, known) or word
        for word in words
    )
    if not meant or meant == " ".join(words):
        return ""
    with engine_answering():
        found = _search_all(search_backend_for(locale), parsed(meant), locale, request)
    return meant if found else ""


def highlight(text, query):
    """``text`` escaped, with words that start like a query word wrapped in <mark>."""
    terms = sorted({word.lower() for word in WORD.findall(query) if len(word) > 2}, key=len)
    if not text or not terms:
        return escape(text or "")
    # A word less its last three letters (keeping at least five) also catches
    # other forms of it ("nerves", "walked"), as the engines' stemmers do,
    # without lighting up a different word that merely starts the same way.
    stems = sorted({term[: max(5, len(term) - 3)] for term in terms}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.I)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
