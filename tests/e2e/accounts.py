"""The accounts the admin journeys sign in with, besides the editor: a translator into
Spanish and a lead manager, each with only what their work needs.

``live_site`` makes them in the live site's database before it serves, through
``manage.py shell -c "...create_journey_accounts()"``: the demo has groups for lead
managers but none for translators, so the translators' group is made here.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Site

from leads.permissions import LEAD_MANAGERS_GROUP

TRANSLATOR_USERNAME = "e2e-translator"
TRANSLATOR_PASSWORD = "e2e translator passphrase"
TRANSLATORS_GROUP = "Translators: Spanish"

LEAD_MANAGER_USERNAME = "e2e-lead-manager"
LEAD_MANAGER_PASSWORD = "e2e lead manager passphrase"

CREATE_COMMAND = [
    "shell",
    "-c",
    "from tests.e2e.accounts import create_journey_accounts; create_journey_accounts()",
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _user(username, password, first_name, last_name, group):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(group)
    return user


def create_translator():
    """Admin access and "edit" on the Spanish pages of the main site: no publishing, no
    English page, no snippet, no setting."""
    group = Group.objects.create(name=TRANSLATORS_GROUP)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    spanish_home = Site.objects.get(is_default_site=True).root_page.get_translation(
        Locale.objects.get(language_code="es")
    )
    GroupPagePermission.objects.create(
        group=group, page=spanish_home, permission=_permission("wagtailcore", "change_page")
    )
    return _user(TRANSLATOR_USERNAME, TRANSLATOR_PASSWORD, "Teresa", "Traductora", group)


def create_lead_manager():
    """A member of the demo's lead managers of every form (admin access and LeadAccess only)."""
    group = Group.objects.get(name=LEAD_MANAGERS_GROUP)
    return _user(LEAD_MANAGER_USERNAME, LEAD_MANAGER_PASSWORD, "Lena", "Ortiz", group)


def create_journey_accounts():
    create_translator()
    create_lead_manager()
