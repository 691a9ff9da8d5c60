"""wagtail-localize's "Sync translated pages", refusing to publish untranslated regulated text.

wagtail-localize publishes a synced translation in an on-commit callback, past its own
``ValidationError`` handling: a publish refused by ``RegulatedTextMixin.clean`` answered 500
after the drafts were saved. This view checks first, so a refusal changes nothing and the
editor reads which text to translate. It replaces wagtail-localize's view at the same URL
(``localization.wagtail_hooks``); on a wagtail-localize upgrade, check whether it still
publishes on commit.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from wagtail_localize.views.update_translations import UpdateTranslationsView

from localization.regulated import refusal_message, untranslated_in_translation


class RegulatedUpdateTranslationsView(UpdateTranslationsView):
    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            refusals = self.untranslated_regulated_text()
            if refusals:
                for locale, segments in refusals:
                    messages.error(self.request, refusal_message(segments, locale))
                return redirect(self.request.get_full_path())
        return super().form_valid(form)

    def untranslated_regulated_text(self):
        """(locale, segments) for each translation that would publish untranslated regulated
        text, judged on the source as the sync would update it; the update is rolled back."""
        with transaction.atomic():
            self.object.update_from_db()
            refusals = [
                (translation.target_locale, segments)
                for translation in self.object.translations.filter(enabled=True).select_related(
                    "source", "target_locale"
                )
                if (segments := untranslated_in_translation(translation))
            ]
            transaction.set_rollback(True)
        self.object.refresh_from_db()
        return refusals
