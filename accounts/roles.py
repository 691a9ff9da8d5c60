"""Which accounts can read patient data: superusers and lead managers."""

from leads.models import LeadAccess


def reads_patient_data(user):
    """Superusers, and members of a group with lead manager access (even before any form
    exists: the grant, not today's forms, is what a stolen session would use)."""
    return user.is_active and (
        user.is_superuser or LeadAccess.objects.filter(group__user=user).exists()
    )
