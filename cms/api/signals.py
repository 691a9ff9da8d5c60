from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model


def _queue_renditions(sender, instance, created, **kwargs):
    from cms.api.tasks import generate_renditions

    transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))


def connect():
    post_save.connect(
        _queue_renditions, sender=get_image_model(), dispatch_uid="api-image-renditions"
    )
