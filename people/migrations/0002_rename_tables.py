from django.db import migrations


# Renamed last, once every foreign key points at the moved models, so that each
# step can be reversed on PostgreSQL and SQLite alike.


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_physicians_and_testimonials"),
        ("clinics", "0002_physicians_and_testimonials_move_to_people"),
        ("procedures", "0005_testimonials_move_to_people"),
        ("locations", "0005_physicians_move_to_people"),
    ]

    operations = [
        migrations.AlterModelTable(name="physician", table=None),
        migrations.AlterModelTable(name="testimonial", table=None),
    ]
