"""The exam-fee table cited an unauthorised online copy of a textbook: its figures and the source
row go, on databases loaded before the fixture stopped shipping them."""

from django.db import migrations

PIRATED = "cert-textbook-table"


def drop_pirated_source(apps, schema_editor):
    ExamFigure = apps.get_model("certifications", "ExamFigure")
    Source = apps.get_model("guide", "Source")
    ExamFigure.objects.filter(source__slug=PIRATED).delete()
    Source.objects.filter(slug=PIRATED).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0005_sources_beside_every_figure"),
        ("guide", "0012_source_kind_quotes_official"),
    ]

    operations = [migrations.RunPython(drop_pirated_source, migrations.RunPython.noop)]
