"""A change to a key, to its scope or to its partner is seen by the next request of
this app server's cache at once (partners.keys keeps lookups a few seconds at most)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from partners.keys import forget
from partners.models import Partner, PartnerKey


def forget_key(sender, instance, **kwargs):
    if instance.public_id:
        forget([instance.public_id])


def forget_partner_keys(sender, instance, **kwargs):
    forget(list(PartnerKey.objects.filter(partner=instance).values_list("public_id", flat=True)))


def forget_key_scope(sender, instance, **kwargs):
    if isinstance(instance, PartnerKey):
        forget([instance.public_id])


def connect():
    post_save.connect(forget_key, sender=PartnerKey)
    post_delete.connect(forget_key, sender=PartnerKey)
    post_save.connect(forget_partner_keys, sender=Partner)
    for scope in (PartnerKey.sites, PartnerKey.locales, PartnerKey.content_types):
        m2m_changed.connect(forget_key_scope, sender=scope.through)
