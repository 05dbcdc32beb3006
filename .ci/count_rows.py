"""Rows per table: `count_rows.py` prints {table: rows} of DATABASE_URL's database as JSON;
`count_rows.py BEFORE AFTER` fails unless every table of BEFORE kept its rows in AFTER, but for
the moves MOVES names (rows that left one table for another, in the same number)."""

import json
import os
import sys

# The guide's state-specific scope items became the states app's task rules.
MOVES = [("guide_scopeitem", "states_taskrule")]
# Tables a migration fills by itself (permissions, content types, the migration log).
GROWN_BY_DJANGO = {"auth_permission", "auth_group_permissions", "django_content_type"}


def count():
    import dj_database_url
    import django
    from django.conf import settings

    settings.configure(DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"])})
    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    print(json.dumps(counts, sort_keys=True))


def compare(before_path, after_path):
    with open(before_path) as before_file, open(after_path) as after_file:
        before, after = json.load(before_file), json.load(after_file)
    moved = {table for pair in MOVES for table in pair}
    lost = [
        f"{table}: {rows} rows before, {after.get(table)} after"
        for table, rows in before.items()
        if table not in moved and after.get(table, 0) < rows
    ]
    for source, target in MOVES:
        if before.get(source, 0) + before.get(target, 0) != after.get(source, 0) + after.get(
            target, 0
        ):
            lost.append(f"{source} -> {target}: rows were lost in the move")
    kept = sum(rows for table, rows in before.items() if table not in GROWN_BY_DJANGO)
    if lost:
        sys.exit("The upgrade lost rows:\n" + "\n".join(lost))
    print(f"upgrade kept all {kept:,} rows in {len(before)} tables")


if __name__ == "__main__":
    compare(*sys.argv[1:3]) if len(sys.argv) == 3 else count()
