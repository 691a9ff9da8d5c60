from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, LocaleColumn
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people import views
from people.actions import ConsentCheckedPublishAction
from people.consent import EXPIRY_WARNING_DAYS, TestimonialAuthorization
from people.models import WITHDRAWN_LOG_ACTION, Physician, Testimonial

#: A Wagtail hook through which apps above add to the ledger's create and edit form
#: (leads adds the signed form, which this layer cannot store): functions ``() ->
#: (form class, panels)``, the form class a WagtailAdminModelForm declaring the fields
#: its panels show.
CONSENT_LEDGER_FORM_HOOK = "construct_consent_ledger_form"
#: And to its listing: functions ``() -> (columns, annotate)``, ``annotate`` taking the
#: listing's queryset and giving it what the columns read, in the same query.
CONSENT_LEDGER_LISTING_HOOK = "construct_consent_ledger_listing"


class PhysicianViewSet(SnippetViewSet):
    model = Physician
    icon = "group"
    menu_label = _("Physicians")
    list_display = ["name", "credentials", "specialties", "npi", LocaleColumn()]
    list_filter = ["credentials"]
    add_to_admin_menu = True
    menu_order = 320


class TestimonialAuthorizationViewSet(SnippetViewSet):
    """The consent ledger: restricted to those given its model permissions (no export, no
    search index, no API)."""

    model = TestimonialAuthorization
    icon = "doc-full"
    menu_label = _("Testimonial consent")
    list_filter = ["covers_site", "covers_partners", "covers_social"]
    add_to_admin_menu = True
    menu_order = 311

    @property
    def list_display(self):
        # A field name first: Wagtail makes it the title column, which links to the edit
        # view and carries the row's actions.
        columns = [
            "testimonial",
            "signed_on",
            "expires_on",
            BooleanColumn("covers_site", label=_("Site")),
            BooleanColumn("covers_partners", label=_("Partners")),
            "revoked_on",
            BooleanColumn("is_active", label=_("Active")),
        ]
        for more_columns, _annotate in listing_extensions():
            columns.extend(more_columns)
        return columns

    def get_queryset(self, request):
        queryset = ledger_of(request.user).select_related("testimonial")
        for _columns, annotate in listing_extensions():
            queryset = annotate(queryset)
        return queryset

    def get_edit_handler(self):
        """The model's panels and form, with what apps above add (CONSENT_LEDGER_FORM_HOOK)."""
        form_classes, panels = [], list(TestimonialAuthorization.panels)
        for extend_form in hooks.get_hooks(CONSENT_LEDGER_FORM_HOOK):
            form_class, extra_panels = extend_form()
            form_classes.append(form_class)
            panels.extend(extra_panels)
        base_form_class = type(
            "ConsentLedgerForm", (*form_classes, TestimonialAuthorization.base_form_class), {}
        )
        return ObjectList(panels, base_form_class=base_form_class).bind_to_model(self.model)

    # The listing and the copy view check the policy already; the views below fetch
    # their authorization by id alone.
    @property
    def edit_view_class(self):
        return _refusing_others(super().edit_view_class, "change")

    @property
    def delete_view_class(self):
        return _refusing_others(super().delete_view_class, "delete")

    @property
    def history_view_class(self):
        return _refusing_others(super().history_view_class, "add", "change", "delete")

    @property
    def usage_view_class(self):
        return _refusing_others(super().usage_view_class, "change")


def listing_extensions():
    return [extend_listing() for extend_listing in hooks.get_hooks(CONSENT_LEDGER_LISTING_HOOK)]


def ledger_of(user):
    """The authorizations the ledger's permission policy lets this user see: an app above
    may limit it (leads.ledger: each clinic's lead managers)."""
    policy = policy_registry.get_by_type(TestimonialAuthorization)
    return policy.instances_user_has_any_permission_for(user, ["view", "change", "delete"])


def _refusing_others(view_class, *actions):
    """The view refuses an authorization its policy lets the user none of ``actions``."""

    class PolicyCheckedView(view_class):
        def get_object(self, *args, **kwargs):
            instance = super().get_object(*args, **kwargs)
            policy = policy_registry.get_by_type(TestimonialAuthorization)
            user = self.request.user
            if not policy.user_has_any_permission_for_instance(user, actions, instance):
                raise PermissionDenied
            return instance

    PolicyCheckedView.__name__ = f"PolicyChecked{view_class.__name__}"
    return PolicyCheckedView


register_snippet(PhysicianViewSet)
register_snippet(TestimonialAuthorizationViewSet)


@hooks.register("register_actions")
def register_consent_checked_publishing(registry):
    # An app above may have registered a stricter publish action built on this one
    # (clinics checks the clinic too); keep it.
    current = registry.actions.get(Testimonial, {}).get("publish")
    if not (current and issubclass(current, ConsentCheckedPublishAction)):
        registry.register(Testimonial, ConsentCheckedPublishAction)


@hooks.register("before_delete_snippet")
def keep_testimonials_with_their_consent_record(request, instances):
    """The ledger is kept six years (45 CFR 164.530(j)) and names its testimonial: a
    testimonial with authorizations is unpublished, never deleted."""
    kept = [
        instance
        for instance in instances
        if isinstance(instance, Testimonial) and instance.authorizations.exists()
    ]
    if kept:
        messages.error(
            request,
            _(
                "%(names)s cannot be deleted: the patient's authorization is kept with it. "
                "Unpublish it instead."
            )
            % {"names": ", ".join(testimonial.display_name for testimonial in kept)},
        )
        return redirect("wagtailsnippets_people_testimonial:list")
    return None


@hooks.register("register_log_actions")
def register_withdrawal_log_action(actions):
    actions.register_action(
        WITHDRAWN_LOG_ACTION,
        _("Withdraw: consent lapsed"),
        _("Withdrawn: its authorization expired or was revoked"),
    )


class ConsentExpiringPanel(Component):
    """Warns the clinic team of authorizations expiring within 30 days, marking those
    within 7, so that consent is renewed before the testimonial is withdrawn."""

    name = "testimonial_consent_expiring"
    template_name = "people/admin/consent_expiring_panel.html"
    order = 95

    def __init__(self, authorizations):
        self.authorizations = authorizations

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        urgent = today + timezone.timedelta(days=min(EXPIRY_WARNING_DAYS))
        return {"authorizations": self.authorizations, "urgent": urgent}


@hooks.register("construct_homepage_panels")
def add_consent_expiring_panel(request, panels):
    if not request.user.has_perm("people.view_testimonialauthorization"):
        return
    expiring = (
        TestimonialAuthorization.objects.expiring()
        .filter(pk__in=ledger_of(request.user).values("pk"))
        .select_related("testimonial")
    )
    if expiring:
        panels.append(ConsentExpiringPanel(list(expiring)))


@hooks.register("register_admin_urls")
def register_medical_review_records_report():
    return [
        path(
            "reports/medical-review-records/",
            views.MedicalReviewRecordsReport.as_view(),
            name="medical_review_records",
        ),
        path(
            "reports/medical-review-records/results/",
            views.MedicalReviewRecordsReport.as_view(results_only=True),
            name="medical_review_records_results",
        ),
    ]


class MedicalReviewRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_medical_review_records_menu_item():
    return MedicalReviewRecordsMenuItem(
        _("Medical review records"),
        reverse("medical_review_records"),
        icon_name=views.ICON,
        order=720,
    )
