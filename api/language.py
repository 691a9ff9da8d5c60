"""The language an API answer is in, for its Content-Language header."""

from django.conf import settings


def requested_language(request):
    """The language asked for with ?locale=; None when none (or an unknown one) is."""
    code = request.GET.get("locale")
    return code if code in dict(settings.LANGUAGES) else None


def answer_in_language_of(request, pages):
    """Name the answer's language when all these pages share one; else it names none."""
    languages = {page.locale.language_code for page in pages}
    request.content_language = languages.pop() if len(languages) == 1 else None
