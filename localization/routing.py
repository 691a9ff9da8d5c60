"""Finding a translated page by its public path from the default language's home page."""

from django.conf import settings
from wagtail.models import Locale


class LanguagePrefixRoutingMixin:
    """Lets the default language's home page route ``/es/...`` into its Spanish translation.

    Visitors never need this: ``i18n_patterns`` strips the prefix and Wagtail routes from the
    translated home page. But the APIs' ``pages/find/?html_path=`` route every path from the
    site's root page, so without this a partner could not find a translated page by its path.
    """

    def route(self, request, path_components):
        if path_components and path_components[0] != settings.LANGUAGE_CODE:
            translation = self._translation_for_prefix(path_components[0])
            if translation is not None:
                return translation.specific.route(request, path_components[1:])
        return super().route(request, path_components)

    def _translation_for_prefix(self, prefix):
        if prefix not in dict(settings.LANGUAGES) or self.locale_id != Locale.get_default().pk:
            return None
        locale = Locale.objects.filter(language_code=prefix).first()
        return self.get_translation_or_none(locale) if locale else None
