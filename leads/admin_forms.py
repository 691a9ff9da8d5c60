"""The lead form page's edit form: no more upload fields than a request may carry."""

from django import forms
from django.conf import settings
from django.utils.translation import ngettext
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from leads.forms import UPLOAD_FIELD_TYPE


class LeadFormPageForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned_data = super().clean()
        limit = settings.LEADS_UPLOAD_FIELDS_MAX
        uploads = [
            form
            for form in self.formsets["form_fields"].forms
            if form.is_valid()
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("field_type") == UPLOAD_FIELD_TYPE
        ]
        if len(uploads) > limit:
            message = ngettext(
                "A lead form may have at most %(limit)d upload field: visitors' requests are "
                "refused above that size. Remove %(extra)d upload field.",
                "A lead form may have at most %(limit)d upload fields: visitors' requests are "
                "refused above that size. Remove %(extra)d upload fields.",
                limit,
            ) % {"limit": limit, "extra": len(uploads) - limit}
            for form in uploads[limit:]:
                form.add_error("field_type", message)
            raise forms.ValidationError(message)
        return cleaned_data
