"""Wagtail's default "Editors" group changes and deletes only the images and documents
its members uploaded.

Wagtail's initial data gives Editors "change" on the root collection, and for
images and documents "change" includes deleting (wagtail/permission_policies/
collections.py: "delete" is considered equivalent to "change"). Images and
documents are shared by every site and clinic, so any editor could delete one
that the whole network shows, in the admin or with a token through API v3
(DELETE /api/v3/images/<id>/). Editors keep adding and choosing them, and
changing or deleting their own uploads ("add" gives that); Moderators, clinic
teams in their own collections, and administrators change the rest.
"""

from django.db import migrations

MEDIA_APPS = ("wagtailimages", "wagtaildocs")
CODENAMES = ("change_image", "delete_image", "change_document", "delete_document")


def collection_wide_changes(apps):
    permission_model = apps.get_model("auth.Permission")
    return permission_model.objects.filter(
        content_type__app_label__in=MEDIA_APPS, codename__in=CODENAMES
    )


def restrict_editors(apps, schema_editor):
    group_model = apps.get_model("auth.Group")
    collection_permission_model = apps.get_model("wagtailcore.GroupCollectionPermission")
    permissions = list(collection_wide_changes(apps))
    for editors in group_model.objects.filter(name="Editors"):
        editors.permissions.remove(*permissions)
        collection_permission_model.objects.filter(
            group=editors, permission__in=permissions
        ).delete()


def give_changes_back(apps, schema_editor):
    """Wagtail's defaults again: change on the root collection."""
    group_model = apps.get_model("auth.Group")
    collection_model = apps.get_model("wagtailcore.Collection")
    collection_permission_model = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = collection_model.objects.filter(depth=1).first()
    if root is None:
        return
    changes = collection_wide_changes(apps).filter(codename__startswith="change_")
    for editors in group_model.objects.filter(name="Editors"):
        for permission in changes:
            editors.permissions.add(permission)
            collection_permission_model.objects.get_or_create(
                group=editors, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0002_physicians_and_testimonials_move_to_people"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(restrict_editors, give_changes_back)]
