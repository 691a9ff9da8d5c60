"""A change to a key, to its scope or to its partner is seen at once by the next request
(partners.keys, partners.origins and partners.preview keep what they read a few seconds
at most), and partners' origins are allowed by CORS."""

from corsheaders.signals import check_request_enabled
from django.db.models.signals import m2m_changed, post_delete, post_save

from partners import origins, preview
from partners.keys import forget
from partners.models import Partner, PartnerKey


def forget_key(sender, instance, **kwargs):
    if instance.public_id:
        forget([instance.public_id])
    preview.forget()


def forget_partner_keys(sender, instance, **kwargs):
    forget(list(PartnerKey.objects.filter(partner=instance).values_list("public_id", flat=True)))
    origins.forget()
    preview.forget()


def forget_key_scope(sender, instance, **kwargs):
    if isinstance(instance, PartnerKey):
        forget([instance.public_id])
        preview.forget()


def connect():
    post_save.connect(forget_key, sender=PartnerKey)
    post_delete.connect(forget_key, sender=PartnerKey)
    post_save.connect(forget_partner_keys, sender=Partner)
    post_delete.connect(forget_partner_keys, sender=Partner)
    check_request_enabled.connect(origins.allow_partner_origins)
    for scope in (PartnerKey.sites, PartnerKey.locales, PartnerKey.content_types):
        m2m_changed.connect(forget_key_scope, sender=scope.through)
