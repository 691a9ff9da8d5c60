"""Settings for the server process of the end-to-end suite (tests/e2e).

The test settings (DEBUG off, static files through WhiteNoise's finders), plus
the uploaded media a browser needs: the demo images and their renditions.
cms/urls.py serves media only with DEBUG on, so here WhiteNoise serves them
instead, from the MEDIA_ROOT given in the environment. That folder must be
named after MEDIA_URL ("media") and sit alone in a folder of its own, because
WhiteNoise serves that parent folder at the site root (WHITENOISE_ROOT).
Renditions made while the server runs are found too (WHITENOISE_AUTOREFRESH).

Nothing outside the end-to-end suite uses this module.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .test import *  # noqa: F403
from .test import MEDIA_URL, env_bool, require_env

MEDIA_ROOT = Path(require_env("MEDIA_ROOT"))
if MEDIA_ROOT.name != MEDIA_URL.strip("/"):
    raise ImproperlyConfigured(
        f"MEDIA_ROOT must end in a folder named {MEDIA_URL.strip('/')!r} for the e2e settings."
    )
WHITENOISE_ROOT = MEDIA_ROOT.parent
WHITENOISE_AUTOREFRESH = True

# Off as in the other test settings, except for the end-to-end test of the second factor.
ACCOUNTS_REQUIRE_TWO_FACTOR = env_bool("ACCOUNTS_REQUIRE_TWO_FACTOR", False)
