"""A refused publish in a snippet's "add" form, after autosave has already saved the draft.

Autosave's first save of an "add" form creates the object as a draft. A Publish sent
before the form has switched to that draft's edit view (while that autosave is still on
its way) reaches the create view again; when publishing is refused there (a testimonial
without its consent date), Wagtail answers "could not be created", which reads as if
nothing had been kept, while the draft exists. This says what was saved, and opens it.
"""

from django.contrib.admin.utils import quote
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

#: How many of the editor's latest drafts are compared with the refused form.
RECENT_DRAFTS = 10


def refusal_reasons(form):
    """The form's errors as one sentence, each named by its field's label."""
    reasons = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        reasons += [f"{label}{error}" for error in errors]
    return " ".join(reasons)


class AutosavedDraftCreateViewMixin:
    """For a create view of a snippet with draft state and revisions."""

    def form_invalid(self, form):
        draft = None
        if self.action == "publish" and not self.expects_json_response:
            draft = self.autosaved_draft(form)
        if draft is None:
            return super().form_invalid(form)
        messages.error(
            self.request,
            _("Saved as the draft “%(draft)s” (by autosave); not published: %(reasons)s")
            % {"draft": draft, "reasons": refusal_reasons(form)},
        )
        return redirect(reverse(self.edit_url_name, args=[quote(draft.pk)]))

    def autosaved_draft(self, form):
        """The editor's draft that holds what the refused form holds, if autosave saved it."""
        field_names = {
            field.name
            for field in self.model._meta.concrete_fields
            if not isinstance(field, models.AutoField)
        }
        values = {name: value for name, value in form.cleaned_data.items() if name in field_names}
        drafts = self.model.objects.filter(
            live=False, latest_revision__user=self.request.user
        ).order_by("-latest_revision__created_at")[:RECENT_DRAFTS]
        return next(
            (
                draft
                for draft in drafts
                if all(getattr(draft, name) == value for name, value in values.items())
            ),
            None,
        )
