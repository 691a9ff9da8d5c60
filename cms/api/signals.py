from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model

from cms.api.http import note_content_changed

CONTENT_APPS = {
    "cms",
    "home",
    "procedures",
    "locations",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
}


def _note_if_content(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        note_content_changed()


def _queue_renditions(sender, instance, created, **kwargs):
    from cms.api.tasks import generate_api_renditions

    transaction.on_commit(lambda: generate_api_renditions.enqueue(instance.pk))


def connect():
    post_save.connect(
        _queue_renditions, sender=get_image_model(), dispatch_uid="api-image-renditions"
    )
    post_save.connect(_note_if_content, dispatch_uid="api-content-changed-save")
    post_delete.connect(_note_if_content, dispatch_uid="api-content-changed-delete")
