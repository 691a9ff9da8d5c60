"""Gallery photos become translatable: each existing row takes its page's locale and a key."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def backfill_locale_and_translation_key(apps, schema_editor):
    LocationGalleryImage = apps.get_model("locations", "LocationGalleryImage")
    for image in LocationGalleryImage.objects.select_related("page"):
        image.locale_id = image.page.locale_id
        image.translation_key = uuid.uuid4()
        image.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0003_alter_locationpage_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="locationgalleryimage",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="locationgalleryimage",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(backfill_locale_and_translation_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="locationgalleryimage",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="locationgalleryimage",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="locationgalleryimage",
            unique_together={("translation_key", "locale")},
        ),
    ]
