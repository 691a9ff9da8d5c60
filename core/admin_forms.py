"""The admin form of content pages: relations (core.relations) and regulated text."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.models import Page

from core.claims import claim_ids_in_stream, expired_claims, expired_claims_message
from core.relations import page_site, relation_error
from core.slugs import page_holding_slug, slug_taken_html
from localization.forms import RegulatedTextFormMixin


class ContentPageForm(RegulatedTextFormMixin, WagtailAdminPageForm):
    """Field errors on every page chooser of the page, its inline rows' included, whose page
    the page may not relate to: another site's, another language's, an alias; a form error on
    publishing untranslated regulated text, or a stream showing an expired claim; a taken slug
    names the page that holds it."""

    def clean(self):
        slug = self.cleaned_data.get("slug")
        cleaned_data = super().clean()
        self._explain_taken_slug(slug)
        page = self.instance
        site = page_site(page) if page.pk else page_site(self.parent_page)
        for form in [self, *self._inline_forms()]:
            for name, field in form.fields.items():
                if not _is_page_choice(field) or name not in form.cleaned_data:
                    continue
                target = form.cleaned_data[name]
                if target is not None and (message := relation_error(page, target, site)):
                    form.add_error(name, message)
        if self.data.get("action-publish"):
            self._refuse_expired_claims()
        return cleaned_data

    def _refuse_expired_claims(self):
        """Publishing a stream that shows an expired claim: an error on that field (the
        page's ``publish`` refuses it on every other path, core.claims)."""
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, StreamValue):
                claims = expired_claims(claim_ids_in_stream(value))
                if claims:
                    self.add_error(name, expired_claims_message(claims))

    def _explain_taken_slug(self, slug):
        if "slug" not in self.errors:
            return
        holder = page_holding_slug(self.parent_page, slug, self.instance)
        if holder is not None:
            self.errors["slug"] = self.error_class([slug_taken_html(holder)])

    def _inline_forms(self):
        for formset in self.formsets.values():
            if formset.is_valid():
                yield from (form for form in formset.forms if form not in formset.deleted_forms)


def _is_page_choice(field):
    return isinstance(field, forms.ModelChoiceField) and issubclass(field.queryset.model, Page)
