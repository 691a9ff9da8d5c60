"""Filters for admin listings, shared by the apps' snippet viewsets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class LiveStatusFilter(django_filters.ChoiceFilter):
    """Live or draft, for a listing of a model with draft state (``DraftStateMixin``).

    "Live" includes objects with unpublished changes: visitors see them.
    """

    STATUSES = {"live": True, "draft": False}

    def __init__(self, **kwargs):
        super().__init__(
            field_name="live",
            label=_("Status"),
            choices=[("live", _("Live")), ("draft", _("Draft"))],
            empty_label=_("All"),
            widget=forms.RadioSelect,
            **kwargs,
        )

    def filter(self, qs, value):
        if value in self.STATUSES:
            return qs.filter(live=self.STATUSES[value])
        return qs
