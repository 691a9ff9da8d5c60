"""The consent ledger's permission policy: each clinic's lead managers keep its authorizations.

A patient's signed authorization is as private as a lead, and the same people keep it
(issue #18): the ledger's model permissions open it only to superusers, to lead
managers of every form, and to a clinic's lead managers for the testimonials of that
clinic (``Testimonial.location``, in any language). A user given the ledger's
permissions who manages no leads sees none of it. Registered for
``people.TestimonialAuthorization`` from ``LeadsConfig.ready()``, so the admin's ledger,
its dashboard warnings and the expiry emails (people.expiry_warnings) all follow it.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from leads.models import LeadAccess


def clinic_keys(user):
    """The translation keys of the clinics whose authorizations the user may keep, or None
    when not limited to clinics (superusers, lead managers of every form)."""
    if user.is_superuser:
        return None
    grants = LeadAccess.objects.filter(group__user=user)
    if grants.filter(location__isnull=True).exists():
        return None
    return set(grants.values_list("location__translation_key", flat=True))


class ConsentLedgerPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the authorizations of the user's clinics."""

    def _in_scope(self, user, instance):
        keys = clinic_keys(user)
        if keys is None:
            return True
        location = instance.testimonial.location
        return location is not None and location.translation_key in keys

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        keys = clinic_keys(user)
        if keys is None:
            return instances
        return instances.filter(testimonial__location__translation_key__in=keys)

    def users_with_any_permission_for_instance(self, actions, instance):
        location = instance.testimonial.location
        grants = Q(location__isnull=True)
        if location is not None:
            grants |= Q(location__translation_key=location.translation_key)
        managers = LeadAccess.objects.filter(grants).values("group")
        return (
            self.users_with_any_permission(actions)
            .filter(Q(is_superuser=True) | Q(groups__in=managers))
            .distinct()
        )
