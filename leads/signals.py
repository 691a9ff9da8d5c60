"""Files leave the private storage with their rows, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from leads.models import LeadUpload
from leads.storage import private_storage


@receiver(post_delete, sender=LeadUpload)
def delete_stored_file(sender, instance, **kwargs):
    stored_name = instance.stored_name
    transaction.on_commit(lambda: private_storage().delete(stored_name))
