import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# The site search's full-text index on schools. PostgreSQL only: SQLite has no GIN indexes,
# and there the search reads the table with its own matcher.
INDEX = django.contrib.postgres.indexes.GinIndex(
    django.contrib.postgres.search.CombinedSearchVector(
        django.contrib.postgres.search.CombinedSearchVector(
            django.contrib.postgres.search.SearchVector("name", config="simple", weight="A"),
            "||",
            django.contrib.postgres.search.SearchVector("alias", config="simple", weight="B"),
            django.contrib.postgres.search.SearchConfig("simple"),
        ),
        "||",
        django.contrib.postgres.search.SearchVector("city", config="simple", weight="B"),
        django.contrib.postgres.search.SearchConfig("simple"),
    ),
    name="school_search",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("programs", "School"), INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("programs", "School"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("programs", "0005_program_data_you_can_trust")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="school", index=INDEX)],
            database_operations=[migrations.RunPython(create, drop)],
        )
    ]
