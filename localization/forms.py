"""Admin forms refuse to publish a translation whose regulated text is untranslated."""

import copy

from django.forms.models import construct_instance

from localization.regulated import refusal_message, untranslated_regulated_segments


class RegulatedTextFormMixin:
    """For a model with ``RegulatedTextMixin``: the publish action gets a form error naming the
    untranslated regulated text, judged on the text as posted.

    The model's own check runs only once the object is live, inside Wagtail's publish action,
    where it was a server error; here the editor keeps the input and reads what to translate.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and not self.errors:
            posted = construct_instance(self, copy.copy(self.instance))
            segments = untranslated_regulated_segments(posted)
            if segments:
                self.add_error(None, refusal_message(segments, posted.locale))
        return cleaned_data
