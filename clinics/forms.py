from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from clinics.rules import LOCAL_FACT_REQUIRED, LOCAL_INTRODUCTION_REQUIRED, has_text

FORMSET_FACTS = ("surgeons", "local_testimonials")


class LocalProcedurePageForm(WagtailAdminPageForm):
    """Checks the page against its clinic, and refuses to publish a page without local content.

    Drafts may be saved incomplete; the publish action gets field errors and keeps the input.
    """

    def clean(self):
        cleaned_data = super().clean()
        location = self._clinic_location()
        procedure = cleaned_data.get("procedure")
        if location is not None and procedure is not None:
            self._check_procedure(location, procedure)
            self._check_people_belong_here(location)
        if self.data.get("action-publish"):
            self._check_publishable(cleaned_data)
        return cleaned_data

    def _clinic_location(self):
        from locations.models import LocationPage

        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, LocationPage) else None

    def _check_procedure(self, location, procedure):
        if not location.services.filter(procedure=procedure).exists():
            self.add_error(
                "procedure",
                _("%(location)s does not offer this procedure: add it to the location first.")
                % {"location": location.title},
            )
        siblings = type(self.instance).objects.child_of(location).filter(procedure=procedure)
        if siblings.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "procedure", _("This clinic already has a local page for this procedure.")
            )

    def _rows(self, name):
        formset = self.formsets.get(name)
        if formset is None or not hasattr(formset, "cleaned_data"):
            return []
        return [
            row
            for row in formset.cleaned_data
            if row and not row.get("DELETE") and any(value for value in row.values())
        ]

    def _check_people_belong_here(self, location):
        practising = set(location.physician_links.values_list("physician_id", flat=True))
        for row in self._rows("surgeons"):
            physician = row.get("physician")
            if physician is not None and physician.pk not in practising:
                self.add_error(
                    None,
                    _("%(name)s does not practise at %(location)s.")
                    % {"name": physician, "location": location.title},
                )
        for row in self._rows("local_testimonials"):
            testimonial = row.get("testimonial")
            if testimonial is not None and testimonial.location_id != location.pk:
                self.add_error(
                    None,
                    _("The testimonial of %(name)s is not from %(location)s.")
                    % {"name": testimonial.display_name, "location": location.title},
                )

    def _check_publishable(self, cleaned_data):
        if not has_text(cleaned_data.get("local_introduction")):
            self.add_error("local_introduction", LOCAL_INTRODUCTION_REQUIRED)
        has_fact = (
            any(self._rows(name) for name in FORMSET_FACTS)
            or cleaned_data.get("direct_phone")
            or (cleaned_data.get("schedule_note") or "").strip()
        )
        if not has_fact:
            self.add_error(None, LOCAL_FACT_REQUIRED)
