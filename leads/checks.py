"""Start-up checks: a working encryption key, private storage outside the served folders,
a virus scanner address that can be used."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from leads import crypto
from leads.scanning import parse_clamav_url


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    try:
        crypto.validate_keys(crypto.configured_keys())
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="leads.E001")]
    return []


@checks.register(checks.Tags.security)
def check_private_storage(app_configs, **kwargs):
    private = Path(settings.LEADS_PRIVATE_ROOT).resolve()
    return [
        checks.Error(
            f"LEADS_PRIVATE_ROOT lies inside {name}, where files may be served publicly.",
            id="leads.E002",
        )
        for name in ["MEDIA_ROOT", "STATIC_ROOT"]
        if private.is_relative_to(Path(getattr(settings, name)).resolve())
    ]


@checks.register(checks.Tags.security)
def check_virus_scanner_address(app_configs, **kwargs):
    if not settings.CLAMAV_URL:
        return []
    try:
        parse_clamav_url(settings.CLAMAV_URL)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="leads.E003")]
    return []
