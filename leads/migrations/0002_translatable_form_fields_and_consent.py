"""Form fields become translatable (each existing row takes its page's locale and a key);
lead forms get their consent wording."""

import uuid

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


def backfill_locale_and_translation_key(apps, schema_editor):
    # Updates by id only: building a historical LeadFormPage runs the form mixin's
    # __init__, which needs attributes that historical models do not have.
    LeadFormField = apps.get_model("leads", "LeadFormField")
    Page = apps.get_model("wagtailcore", "Page")
    rows = list(LeadFormField.objects.values_list("pk", "page_id"))
    locale_of = dict(
        Page.objects.filter(pk__in={page_id for _pk, page_id in rows}).values_list(
            "pk", "locale_id"
        )
    )
    for pk, page_id in rows:
        LeadFormField.objects.filter(pk=pk).update(
            locale_id=locale_of[page_id], translation_key=uuid.uuid4()
        )


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
