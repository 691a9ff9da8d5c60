"""System checks: Foramen's v3 workarounds (api/compat.py) still fit the installed Wagtail.

Registered when ``ApiConfig.ready()`` imports this module; an Error stops
``manage.py check``, ``runserver`` and ``migrate``.
"""

import wagtail
from django.core import checks
from django.urls import NoReverseMatch, reverse

from api import compat, v3

SEE = "See api/compat.py: each workaround's docstring says what it works around."


@checks.register(checks.Tags.compatibility)
def check_wagtail_compatibility(app_configs=None, **kwargs):
    return [
        *wagtail_version_errors(),
        *patch_errors(),
        *relied_on_errors(),
    ]


def wagtail_version_errors():
    installed = tuple(wagtail.VERSION[:2])
    if installed == compat.SUPPORTED_WAGTAIL:
        return []
    return [
        checks.Error(
            f"Wagtail {version(installed)} is installed; Foramen's API v3 workarounds "
            f"were written for Wagtail {version(compat.SUPPORTED_WAGTAIL)}.",
            hint="Install the Wagtail that requirements.txt pins, or review every "
            f"workaround for the new release and update SUPPORTED_WAGTAIL. {SEE}",
            id="api.E001",
        )
    ]


def patch_errors():
    errors = []
    for patch in compat.PATCHES:
        hint = f"{patch.label}: {patch.reason.splitlines()[0]} {SEE}"
        problems = patch.problems()
        errors += [checks.Error(problem, hint=hint, id="api.E002") for problem in problems]
        if not problems and not patch.is_applied():
            errors.append(
                checks.Error(
                    f"{patch.target} is not (or no longer) Foramen's patch {patch.label}: "
                    "something replaced it after ApiConfig.ready() applied it, or it "
                    "was never applied.",
                    hint=hint,
                    id="api.E003",
                )
            )
    return errors


def relied_on_errors():
    errors = []
    for dotted in compat.RELIED_ON:
        owner, name = dotted.rsplit(".", 1)
        try:
            getattr(compat.resolve(owner), name)
        except (ImportError, AttributeError):
            errors.append(checks.Error(f"{dotted} no longer exists.", hint=SEE, id="api.E004"))
    try:
        reverse(f"wagtailapi_v3:{v3.LIST_PAGES}")
    except NoReverseMatch:
        errors.append(
            checks.Error(
                f"API v3 has no url named {v3.LIST_PAGES}: the page listing's procedure "
                "filters and its query parameter check would not apply.",
                hint="Set api.v3.LIST_PAGES to the url name of Wagtail's page listing.",
                id="api.E004",
            )
        )
    return errors


def version(numbers):
    return ".".join(map(str, numbers))
