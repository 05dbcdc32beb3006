from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for "Did you mean …" in site search. On SQLite the operation does nothing and
    the search falls back to difflib."""

    dependencies = [("core", "0001_drafts")]

    operations = [TrigramExtension()]
