"""Move the guide's state-specific scope items into state rules, before the guide drops them."""

from django.db import migrations

# The rows the guide held, by state: which task each one is about.
TASKS = {
    "AK": "injections",
    "CA": "injections",
    "CT": "vaccines",
    "ND": "medication",
    "SC": "medication",
    "SD": "credential",
    "WA": "credential",
}


def move(apps, schema_editor):
    scope_item = apps.get_model("guide", "ScopeItem")
    task_rule = apps.get_model("states", "TaskRule")
    items = scope_item.objects.exclude(state="").exclude(source=None)
    for item in items:
        task_rule.objects.get_or_create(
            slug=item.slug,
            defaults={
                "state": item.state,
                "task": TASKS.get(item.state, "other"),
                "allowed": item.allowed,
                "title": item.task,
                "details": item.notes,
                "confidence": "official",
                "source_id": item.source_id,
                "sort_order": item.sort_order,
            },
        )
    items.delete()
    # A state rule without a source cannot be shown; it stays with the guide's items
    # as a general note rather than be lost.
    scope_item.objects.exclude(state="").update(state="")


def move_back(apps, schema_editor):
    scope_item = apps.get_model("guide", "ScopeItem")
    task_rule = apps.get_model("states", "TaskRule")
    for rule in task_rule.objects.filter(slug__startswith="scope-"):
        scope_item.objects.get_or_create(
            slug=rule.slug,
            defaults={
                "allowed": rule.allowed,
                "task": rule.title,
                "notes": rule.details,
                "state": rule.state,
                "source_id": rule.source_id,
                "sort_order": rule.sort_order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0003_editors_group"),
        ("states", "0001_initial"),
    ]
    # The guide's next migration removes ScopeItem.state, so the copy must run first.
    run_before = [("guide", "0006_wagefigure_areas_and_state_rules_move")]

    operations = [migrations.RunPython(move, move_back)]
