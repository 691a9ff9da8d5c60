"""Admin view mixins that apply the clinic-scoped permission policy to snippet views."""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry

from clinics.scope import user_location_ids


class ClinicScopedViewSetMixin:
    """For a SnippetViewSet of a model with a ``location``: clinic editors see and edit their own.

    Lists show only what the policy allows, the edit and delete views refuse
    other clinics' objects, and the location field offers only the user's clinics.
    """

    def get_queryset(self, request):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(
            request.user, {"add", "change", "delete", "publish", "view"}
        )

    @property
    def edit_view_class(self):
        return _with_location_choices(_scoped(super().edit_view_class, "change"))

    @property
    def add_view_class(self):
        return _with_location_choices(super().add_view_class)

    @property
    def unpublish_view_class(self):
        return _scoped(super().unpublish_view_class, "publish")

    @property
    def delete_view_class(self):
        return _scoped(super().delete_view_class, "delete")


def _scoped(view_class, instance_action):
    """The view refuses an object the user may not ``instance_action``."""

    class ScopedView(view_class):
        def get_object(self, queryset=None):
            instance = super().get_object(queryset)
            if not self.permission_policy.user_has_permission_for_instance(
                self.request.user, instance_action, instance
            ):
                raise PermissionDenied
            return instance

    ScopedView.__name__ = f"ClinicScoped{view_class.__name__}"
    return ScopedView


def _with_location_choices(view_class):
    """The model form's location field offers only the user's clinics, in the object's language.

    Only for the add and edit views: the confirmation forms of the others have no fields.
    """

    class LocationLimitedView(view_class):
        def get_form(self, *args, **kwargs):
            form = super().get_form(*args, **kwargs)
            allowed = user_location_ids(self.request.user)
            field = form.fields.get("location")
            if allowed is not None and field is not None:
                field.queryset = field.queryset.filter(pk__in=allowed)
                field.required = True
            locale_id = getattr(form.instance, "locale_id", None)
            if field is not None and locale_id is not None:
                # The clinic's page in the testimonial's own language.
                field.queryset = field.queryset.filter(locale_id=locale_id)
            return form

    LocationLimitedView.__name__ = f"LocationLimited{view_class.__name__}"
    return LocationLimitedView
