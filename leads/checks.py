"""Start-up checks: an encryption key that works and a private storage outside MEDIA_ROOT."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from leads import crypto


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
    media = Path(settings.MEDIA_ROOT).resolve()
    if private == media or media in private.parents:
        return [
            checks.Error(
                "LEADS_PRIVATE_ROOT lies inside MEDIA_ROOT, where files may be served publicly.",
                id="leads.E002",
            )
        ]
    return []
