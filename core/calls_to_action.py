"""The site's main call to action to a form: the free MRI/CT review on the demo's sites."""

from wagtail.contrib.forms.models import FormMixin

from core.models import CallToAction
from serialization import prefetch


def review_call_to_action(site_settings, scope):
    """The first of the site's default calls to action that leads to a form page, and that
    page, as ``scope`` shows them (in its language, on its site); ``(None, None)`` without one."""
    if site_settings is None:
        return None, None
    # Site-wide: read once per content generation, not on every page of the site.
    return prefetch.remember_per_generation(
        ("review-call-to-action", site_settings.pk, scope.site_id, scope.locale_id),
        lambda: _find_review_call_to_action(site_settings, scope),
    )


def _find_review_call_to_action(site_settings, scope):
    links = site_settings.default_calls_to_action.select_related("call_to_action")
    for call_to_action in scope.snippets([link.call_to_action for link in links]):
        if call_to_action.kind != CallToAction.Kind.PAGE:
            continue
        page = scope.page(call_to_action.link_page)
        if page is not None and isinstance(page.specific, FormMixin):
            return call_to_action, page
    return None, None
