"""wagtail.users as installed here: its user forms do not require a first and last name
(core/users.py). Its own module, since a second AppConfig in core/apps.py would leave
Django unable to tell which one the "core" entry means."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "core.users.UserViewSet"
