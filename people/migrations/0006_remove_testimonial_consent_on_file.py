from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0005_authorizations_from_consent_dates")]

    operations = [migrations.RemoveField(model_name="testimonial", name="consent_on_file")]
