"""Who may handle lead submissions: members of groups with lead manager access (LeadAccess).

Page permissions play no part: an editor who can edit a form page cannot read
what visitors sent through it.
"""

import functools
import operator

from django.db.models import Q

LEAD_MANAGERS_GROUP = "Lead managers"


def managed_forms(user):
    """The lead form pages whose submissions this user may list, read, export and delete."""
    from leads.models import LeadAccess, LeadFormPage

    if not user.is_authenticated or not user.is_active:
        return LeadFormPage.objects.none()
    grants = list(LeadAccess.objects.filter(group__user=user).select_related("location"))
    if not grants:
        return LeadFormPage.objects.none()
    if any(grant.location_id is None for grant in grants):
        return LeadFormPage.objects.all()
    clinics = [Q(path__startswith=grant.location.path) for grant in grants]
    return LeadFormPage.objects.filter(functools.reduce(operator.or_, clinics))


def can_manage(user, page):
    return managed_forms(user).filter(pk=page.pk).exists()


def is_lead_manager(user):
    return managed_forms(user).exists()
