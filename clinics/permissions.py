"""Permission policies that confine clinic editors to their own clinic's objects.

Wagtail's admin views, snippet actions and API v3 all ask the policy registry, so
one policy per model keeps the admin and the API in step.
"""

from wagtail.actions.create import CreateAction
from wagtail.actions.registry import action_registry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from clinics.scope import user_location_ids
from people.actions import ConsentCheckedPublishAction


class ClinicScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, further limited for clinic editors to objects of their locations."""

    def __init__(self, model, location_field="location"):
        super().__init__(model)
        self.location_field = location_field

    def _in_scope(self, user, instance):
        allowed = user_location_ids(user)
        return allowed is None or getattr(instance, f"{self.location_field}_id") in allowed

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        allowed = user_location_ids(user)
        if allowed is None:
            return instances
        return instances.filter(**{f"{self.location_field}_id__in": allowed})


class InstanceCheckedCreateAction(CreateAction):
    """Creating checks the new object too (Wagtail checks "add" on the model alone)."""

    def user_has_permission(self):
        return self.permission_policy.user_has_permission_for_instance(
            self.user, self.permission_policy_action, self.instance
        )


class InstanceCheckedPublishRevisionAction(ConsentCheckedPublishAction):
    """Publishing checks the object too (Wagtail checks "publish" on the model alone),
    after the testimonial's own authorization rule."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if (
            self.user
            and not skip_permission_checks
            and not self.permission_policy.user_has_permission_for_instance(
                self.user, "publish", self.object
            )
        ):
            raise self.permission_error_class("You do not have permission to publish this object.")


def register_clinic_scoped_policies():
    from people.models import Testimonial

    register_permission_policy(Testimonial, ClinicScopedPermissionPolicy(Testimonial))
    action_registry.register(Testimonial, InstanceCheckedCreateAction)
    action_registry.register(Testimonial, InstanceCheckedPublishRevisionAction)
