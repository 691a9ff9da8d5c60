"""Form fields become translatable (each existing row takes its page's locale and a key);
lead forms get their consent wording."""

import uuid

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


def backfill_locale_and_translation_key(apps, schema_editor):
    LeadFormField = apps.get_model("leads", "LeadFormField")
    for form_field in LeadFormField.objects.select_related("page"):
        form_field.locale_id = form_field.page.locale_id
        form_field.translation_key = uuid.uuid4()
        form_field.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_lead_forms_submissions_and_access_log"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="leadformfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="leadformfield",
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
            model_name="leadformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="leadformfield",
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
            name="leadformfield",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddField(
            model_name="leadformpage",
            name="consent_text",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text=(
                    "What the visitor agrees to by sending the form, as approved by compliance. "
                    "A translation is never published with this wording untranslated."
                ),
                verbose_name="consent wording",
            ),
        ),
    ]
