"""Receivers: stored files follow their rows; who gains or loses lead access is logged, and
so are submissions deleted along with their form page.

Lead access is a LeadAccess row naming a group; its members read submissions.
Adding a user to such a group, giving the group (or anyone) a permission of
this app (which lets them hand out access), and creating or deleting a
LeadAccess row all go to the access log, by whom and from where.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from leads import audit
from leads.models import (
    LeadAccess,
    LeadFormPage,
    LeadSubmission,
    LeadUpload,
    SignedConsentForm,
    SubmissionAccessLog,
)
from leads.storage import private_storage

Action = SubmissionAccessLog.Action
User = get_user_model()
# m2m_changed actions: what was added, or what is about to go.
ADDED = "post_add"
REMOVED = ("post_remove", "pre_clear")


@receiver(post_delete, sender=LeadUpload)
@receiver(post_delete, sender=SignedConsentForm)
def delete_stored_file(sender, instance, **kwargs):
    # A signed form's row is deleted only by an operator (its authorization and the admin
    # keep it six years): its file goes with it, never left behind unlisted.
    stored_name = instance.stored_name
    transaction.on_commit(lambda: private_storage().delete(stored_name))


@receiver(pre_delete, sender=LeadFormPage)
def log_submissions_deleted_with_their_form(sender, instance, **kwargs):
    """However a form page goes (admin, API, code), the submissions it takes along are logged.

    No page on the entry: the page row goes in the same deletion; the detail names it.
    """
    ids = list(LeadSubmission.objects.filter(page_id=instance.pk).values_list("pk", flat=True))
    if ids:
        SubmissionAccessLog.record(
            audit.current_user(),
            Action.DELETE,
            None,
            ids,
            detail=f"deleted with form page {instance.pk} “{instance.title}”",
        )


def _record(action, detail):
    SubmissionAccessLog.record(audit.current_user(), action, None, [], detail=detail)


def _change(m2m_action):
    if audit.restoring():
        return None
    if m2m_action == ADDED:
        return Action.GRANT
    return Action.REVOKE if m2m_action in REMOVED else None


def _access_of(group):
    return "; ".join(str(access) for access in group.lead_access.select_related("location"))


def _changed(instance, action, pk_set, current, model):
    """The objects on the other side of the links changed (or about to be cleared)."""
    if action == "pre_clear":
        return list(current.all())
    return list(model.objects.filter(pk__in=pk_set or ()))


@receiver(m2m_changed, sender=User.groups.through)
def log_lead_group_membership(sender, instance, action, reverse, pk_set, **kwargs):
    change = _change(action)
    if change is None:
        return
    if reverse:
        pairs = [
            (user, instance) for user in _changed(instance, action, pk_set, instance.user_set, User)
        ]
    else:
        pairs = [
            (instance, group)
            for group in _changed(instance, action, pk_set, instance.groups, Group)
        ]
    verb = "added to" if change == Action.GRANT else "removed from"
    for user, group in pairs:
        access = _access_of(group)
        if access:
            _record(change, f"{user.get_username()} {verb} group {group.name} ({access})")


def _log_permissions(change, holder, permissions):
    verb = "given to" if change == Action.GRANT else "taken from"
    for permission in permissions:
        if permission.content_type.app_label == LeadAccess._meta.app_label:
            _record(change, f"permission leads.{permission.codename} {verb} {holder}")


@receiver(m2m_changed, sender=Group.permissions.through)
def log_lead_group_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    change = _change(action)
    if change is None:
        return
    if reverse:
        for group in _changed(instance, action, pk_set, instance.group_set, Group):
            _log_permissions(change, f"group {group.name}", [instance])
    else:
        permissions = _changed(instance, action, pk_set, instance.permissions, Permission)
        _log_permissions(change, f"group {instance.name}", permissions)


@receiver(m2m_changed, sender=User.user_permissions.through)
def log_lead_user_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    change = _change(action)
    if change is None:
        return
    if reverse:
        for user in _changed(instance, action, pk_set, instance.user_set, User):
            _log_permissions(change, f"user {user.get_username()}", [instance])
    else:
        permissions = _changed(instance, action, pk_set, instance.user_permissions, Permission)
        _log_permissions(change, f"user {instance.get_username()}", permissions)


def _members(group):
    return ", ".join(sorted(user.get_username() for user in group.user_set.all())) or "none"


@receiver(post_save, sender=LeadAccess)
def log_lead_access_given(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _record(Action.GRANT, f"lead access {instance} (members: {_members(instance.group)})")


@receiver(post_delete, sender=LeadAccess)
def log_lead_access_removed(sender, instance, **kwargs):
    if audit.restoring():
        return
    group = Group.objects.filter(pk=instance.group_id).first()
    members = _members(group) if group else "group deleted"
    _record(Action.REVOKE, f"lead access of group {instance.group_id} removed (members: {members})")
