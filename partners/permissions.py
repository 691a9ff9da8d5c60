"""Who manages partners and their keys: superusers and holders of ``manage_partners``.

One permission for every action (add, change, delete, rotate, revoke): a key
grants read access to the content, so whoever makes one decides who reads it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

MANAGE_PERMISSION = "partners.manage_partners"


def can_manage_partners(user):
    # has_perm is True for every permission of an active superuser.
    return user.is_active and user.has_perm(MANAGE_PERMISSION)


class PartnerManagersPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return can_manage_partners(user)

    def user_has_any_permission(self, user, actions):
        return can_manage_partners(user)

    def users_with_any_permission(self, actions):
        permission = Permission.objects.filter(
            content_type__app_label="partners", codename="manage_partners"
        )
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(user_permissions__in=permission)
                | Q(groups__permissions__in=permission)
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
