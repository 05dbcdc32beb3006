from django.db import migrations


def drop_typical_lengths(apps, schema_editor):
    """Lengths marked typical were never the program's own: they become "not reported"."""
    Program = apps.get_model("programs", "Program")
    Program.objects.filter(length_is_typical=True).update(
        length_months=None, length_source="Not reported to IPEDS"
    )


# Its own migration, so that PostgreSQL commits the update before the table is altered.
class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_school_coordinates_together"),
    ]

    operations = [
        migrations.RunPython(drop_typical_lengths, migrations.RunPython.noop),
    ]
