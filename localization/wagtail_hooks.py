"""Admin for languages: refuse to publish untranslated regulated text; the site text snippet."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.models import Site, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from localization.admin_views import RegulatedUpdateTranslationsView
from localization.models import SiteText
from localization.panels import SITE_PARAMETER
from localization.regulated import (
    active_translation,
    refusal_message,
    untranslated_in_translation,
)


def _refuse_untranslated_regulated_text(request, instance):
    """Before wagtail-localize's translation editor publishes, check the regulated segments.

    Runs ahead of wagtail-localize's own ``before_edit_*`` hooks (order=-1), so a refused
    publish never reaches ``Translation.save_target``.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not isinstance(instance, TranslatableMixin):
        return None
    translation = active_translation(instance)
    if translation is None:
        return None
    segments = untranslated_in_translation(translation)
    if not segments:
        return None
    messages.error(request, refusal_message(segments, translation.target_locale))
    return redirect(request.path)


@hooks.register("before_edit_page", order=-1)
def refuse_publishing_page_with_untranslated_regulated_text(request, page):
    return _refuse_untranslated_regulated_text(request, page)


@hooks.register("before_edit_snippet", order=-1)
def refuse_publishing_snippet_with_untranslated_regulated_text(request, instance):
    return _refuse_untranslated_regulated_text(request, instance)


@hooks.register("register_admin_urls", order=-1)
def register_regulated_sync_view():
    # Ahead of wagtail-localize's URLs (order=-1), so this path resolves here while
    # reverse("wagtail_localize:update_translations") keeps naming it.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            RegulatedUpdateTranslationsView.as_view(),
            name="localization_update_translations",
        )
    ]


class SiteTextCreateView(CreateView):
    """Starts with the site that the site settings' link names (localization.panels)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        site_id = self.request.GET.get(SITE_PARAMETER, "")
        if site_id.isdigit() and Site.objects.filter(pk=site_id).exists():
            instance.site_id = int(site_id)
        return instance


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "globe"
    menu_label = _("Site texts")
    list_display = ["site", LocaleColumn()]
    add_view_class = SiteTextCreateView


register_snippet(SiteTextViewSet)
