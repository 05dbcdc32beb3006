from django.db import migrations

# The finder's sort orders, so a page of results never sorts the whole table. PostgreSQL
# only: SQLite cannot index NULLS LAST, and there the planner sorts the small table anyway.
INDEXES = {
    "program_by_graduates": "graduates_per_year DESC NULLS LAST, id",
    "program_by_cost": "total_cost ASC NULLS LAST, id",
    "program_by_length": "length_months ASC NULLS LAST, id",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON programs_program ({columns})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
