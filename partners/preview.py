"""Draft preview for partner front ends: the editor's preview modes and the tokens they mint.

The preview panel of a page, or of a previewable snippet the API serves (a
testimonial, a call to action), offers "Partner: <name>" for each active partner
with a preview URL and a usable key with the preview scope that covers the
object. That mode mints a token and shows the partner's preview URL, carrying
it, in a frame; the partner's front end reads the draft with it from
``/api/v2/partner/preview/`` (api/partner_preview.py).

A token is signed (django.core.signing, with a salt of its own, so no other
signed value of the project passes for one) and names one object (its model and
id), one revision, one partner and that partner's preview origin; it expires
after ``PARTNER_PREVIEW_SECONDS``. The revision is the object's latest saved
one: a partner's front end cannot see what only the editor's open form holds, so
the frame says to save a draft first.

No token is stored. A token lives minutes, and it is useless alone: the endpoint
also wants a usable key of the same partner with the preview scope. Revoking
that key, unticking its preview scope or making the partner inactive therefore
stops every token of the partner within ``partners.keys.LOOKUP_SECONDS``, which
is all a revocation list would add.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Page, TranslatableMixin

from partners.models import PartnerKey
from partners.scope import site_field
from serialization.visibility import site_tree_paths

SALT = "partners.preview.token"
MODE_PREFIX = "partner-"
PARTNERS_SECONDS = 5
CACHE_KEY = "partners:preview"
FRAME_TEMPLATE = "partners/preview_frame.html"
#: Where in a partner's preview URL the token goes (else it is added as ?token=).
TOKEN_PLACEHOLDER = "{token}"  # noqa: S105 (a placeholder, not a secret)
PAGE_LABEL = "wagtailcore.page"


class InvalidToken(Exception):
    """Not a preview token of ours (garbled, tampered with, or signed for something else)."""


class ExpiredToken(Exception):
    """A genuine preview token, older than PARTNER_PREVIEW_SECONDS."""


@dataclass(frozen=True)
class PreviewToken:
    object_id: int
    revision_id: int
    partner_id: int
    origin: str
    #: ``app_label.model`` of a snippet; pages are all ``wagtailcore.page``.
    model_label: str = PAGE_LABEL


def mint(object_id, revision_id, partner_id, origin, model_label=PAGE_LABEL):
    payload = {
        "object": object_id,
        "model": model_label,
        "revision": revision_id,
        "partner": partner_id,
        "origin": origin,
    }
    return signing.dumps(payload, salt=SALT)


def model_label_of(obj):
    return PAGE_LABEL if isinstance(obj, Page) else obj._meta.label_lower


def read(token):
    """The token's claims; ExpiredToken or InvalidToken when it must be refused."""
    try:
        claims = signing.loads(token, salt=SALT, max_age=settings.PARTNER_PREVIEW_SECONDS)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    return PreviewToken(
        object_id=claims["object"],
        revision_id=claims["revision"],
        partner_id=claims["partner"],
        origin=claims["origin"],
        model_label=claims["model"],
    )


@dataclass(frozen=True)
class KeyReach:
    """What one preview key may read: its sites (by id and tree path), locales and types."""

    site_ids: frozenset
    tree_paths: tuple
    locale_ids: frozenset
    content_type_ids: frozenset

    def covers(self, obj):
        # partners.scope's rules, with the sites' paths read beforehand: the admin asks
        # for the preview modes of every page it lists.
        if isinstance(obj, Page):
            return (
                obj.locale_id in self.locale_ids
                and obj.content_type_id in self.content_type_ids
                and any(obj.path.startswith(path) for path in self.tree_paths)
            )
        return self.covers_snippet(obj)

    def covers_snippet(self, obj):
        if ContentType.objects.get_for_model(obj).pk not in self.content_type_ids:
            return False
        if isinstance(obj, TranslatableMixin) and obj.locale_id not in self.locale_ids:
            return False
        field = site_field(type(obj))
        return field is None or getattr(obj, field.attname) in self.site_ids


@dataclass(frozen=True)
class PreviewPartner:
    partner_id: int
    name: str
    preview_url: str
    origin: str
    reaches: tuple

    @property
    def mode_name(self):
        return f"{MODE_PREFIX}{self.partner_id}"

    def covers(self, obj):
        return any(reach.covers(obj) for reach in self.reaches)

    def link(self, token):
        """The preview URL carrying ``token``."""
        if TOKEN_PLACEHOLDER in self.preview_url:
            return self.preview_url.replace(TOKEN_PLACEHOLDER, token)
        separator = "&" if "?" in self.preview_url else "?"
        return f"{self.preview_url}{separator}{urlencode({'token': token})}"


def preview_partners():
    """Active partners with a preview URL and at least one usable key with the preview scope.

    Kept PARTNERS_SECONDS in the shared cache (the preview panel asks several times
    per page) and forgotten when a partner or a key changes (partners.signals).
    """
    partners = cache.get(CACHE_KEY)
    if partners is None:
        keys = (
            PartnerKey.objects.usable()
            .filter(preview=True)
            .exclude(partner__preview_url="")
            .select_related("partner")
            .prefetch_related("sites__root_page", "locales", "content_types")
            .order_by("partner__name", "pk")
        )
        reaches = {}
        for key in keys:
            reaches.setdefault(key.partner, []).append(
                KeyReach(
                    site_ids=frozenset(site.pk for site in key.sites.all()),
                    tree_paths=tuple(
                        path for site in key.sites.all() for path in site_tree_paths(site)
                    ),
                    locale_ids=frozenset(locale.pk for locale in key.locales.all()),
                    content_type_ids=frozenset(ct.pk for ct in key.content_types.all()),
                )
            )
        partners = [
            PreviewPartner(
                partner_id=partner.pk,
                name=partner.name,
                preview_url=partner.preview_url,
                origin=partner.preview_origin,
                reaches=tuple(partner_reaches),
            )
            for partner, partner_reaches in reaches.items()
        ]
        cache.set(CACHE_KEY, partners, timeout=PARTNERS_SECONDS)
    return partners


def forget():
    cache.delete(CACHE_KEY)


def previewable(obj):
    """Whether partners may preview the object: it has a saved revision and is not private."""
    if obj.pk is None or obj.latest_revision_id is None:
        return False
    return not (isinstance(obj, Page) and obj.get_view_restrictions().exists())


def partners_for(obj):
    if obj.pk is None:
        return []
    partners = [partner for partner in preview_partners() if partner.covers(obj)]
    return partners if partners and previewable(obj) else []


def modes(obj):
    """The object's extra preview modes: one per partner that may preview it."""
    return [
        (partner.mode_name, _("Partner: %(name)s") % {"name": partner.name})
        for partner in partners_for(obj)
    ]


def serve(obj, request, mode_name):
    """The frame of a partner's preview of ``obj``, or None for a mode that is not a partner's."""
    if not mode_name.startswith(MODE_PREFIX):
        return None
    partner = next((p for p in partners_for(obj) if p.mode_name == mode_name), None)
    if partner is None:
        raise Http404("No partner preview for this object in this mode.")
    token = mint(
        obj.pk, obj.latest_revision_id, partner.partner_id, partner.origin, model_label_of(obj)
    )
    response = TemplateResponse(
        request,
        FRAME_TEMPLATE,
        {
            "partner_name": partner.name,
            "preview_link": partner.link(token),
            "revision_id": obj.latest_revision_id,
            "minutes": max(1, settings.PARTNER_PREVIEW_SECONDS // 60),
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    # The frame holds the partner's front end; the site's policy lets it frame nothing else.
    response._csp_update = {"frame-src": [partner.origin]}
    return response
