"""The language of an answer, for URLs whose language comes from the path alone."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PathLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without a Vary on a header that nothing varies on.

    English is unprefixed and Spanish is under /es/ (``i18n_patterns`` with
    ``prefix_default_language=False``), so the language of an answer comes from
    its path alone: Django then never reads Accept-Language, yet adds
    ``Vary: Accept-Language`` to every unprefixed answer, which splits shared
    caches by the browser's language for nothing. A view whose answer is in
    another language than the path's (an API answer about a Spanish page) names
    it in ``request.content_language``; an answer that mixes languages sets it
    to None and says no Content-Language.
    """

    def process_response(self, request, response):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        _used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if prefixed_default_language:
            return super().process_response(request, response)
        language = getattr(request, "content_language", translation.get_language())
        if language:
            response.headers.setdefault("Content-Language", language)
        return response
