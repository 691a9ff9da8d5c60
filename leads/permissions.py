"""Who may handle lead submissions: members of groups with lead manager access (LeadAccess).

Page permissions play no part: an editor who can edit a form page cannot read
what visitors sent through it.
"""

import functools
import operator

from django.contrib.auth import get_user_model
from django.db.models import Q

LEAD_MANAGERS_GROUP = "Lead managers"


def forms_of_grants(grants):
    """The lead form pages that these LeadAccess rows open: every form, or their clinics'."""
    from leads.models import LeadFormPage

    grants = list(grants)
    if not grants:
        return LeadFormPage.objects.none()
    if any(grant.location_id is None for grant in grants):
        return LeadFormPage.objects.all()
    clinics = [Q(path__startswith=grant.location.path) for grant in grants]
    return LeadFormPage.objects.filter(functools.reduce(operator.or_, clinics))


def managed_forms(user):
    """The lead form pages whose submissions this user may list, read, export and delete."""
    from leads.models import LeadAccess, LeadFormPage

    if not user.is_authenticated or not user.is_active:
        return LeadFormPage.objects.none()
    return forms_of_grants(LeadAccess.objects.filter(group__user=user).select_related("location"))


def can_manage(user, page):
    return managed_forms(user).filter(pk=page.pk).exists()


def is_lead_manager(user):
    return managed_forms(user).exists()


def managers_of(page):
    """The active users who may read this form's submissions: the only possible assignees."""
    from wagtail.models import Page

    from leads.models import LeadAccess

    grants = LeadAccess.objects.filter(
        Q(location__isnull=True) | Q(location__in=Page.objects.ancestor_of(page).values("pk"))
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__lead_access__in=grants)
        .distinct()
        .order_by("username")
    )


def can_read_access_log(user):
    """The whole log (every form's entries and every grant) is for managers of every form."""
    from leads.models import LeadAccess

    return LeadAccess.objects.filter(group__user=user, location__isnull=True).exists()


def every_form_group():
    """The group of lead managers of every form; made, with admin access, if there is none."""
    from django.contrib.auth.models import Group, Permission

    from leads.models import LeadAccess

    every_form = Group.objects.filter(
        lead_access__isnull=False, lead_access__location__isnull=True
    ).order_by("pk")
    # The group the demo and the docs name first, then the oldest.
    existing = every_form.filter(name=LEAD_MANAGERS_GROUP).first() or every_form.first()
    if existing:
        return existing
    group, _created = Group.objects.get_or_create(name=LEAD_MANAGERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    LeadAccess.objects.get_or_create(group=group, location=None)
    return group
