"""The admin's user forms with first and last name optional, as Django's User model has them.

Wagtail's own forms require both, so an account made without them (createsuperuser,
the demo's admin) could not be saved again from its user page, not even to add it to a
group: "This field is required" on two fields the account never had.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class OptionalNamesMixin(forms.Form):
    first_name = forms.CharField(required=False, label=_("First Name"))
    last_name = forms.CharField(required=False, label=_("Last Name"))


class UserCreationFormWithOptionalNames(OptionalNamesMixin, UserCreationForm):
    pass


class UserEditFormWithOptionalNames(OptionalNamesMixin, UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        if for_update:
            return UserEditFormWithOptionalNames
        return UserCreationFormWithOptionalNames
