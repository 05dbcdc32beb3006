import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guide", "0003_editors_group"), ("states", "0001_initial")]


# Rolling the database back and forward takes 20 s or more: `make test-migrations` runs it,
# once in CI, rather than every `make test`.
@pytest.mark.migrations
@pytest.mark.usefixtures("without_reference_data")
@pytest.mark.django_db(transaction=True)
def test_the_guides_state_rules_move_into_state_rules():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    source = old_apps.get_model("guide", "Source").objects.create(
        slug="wa-source", title="WA", publisher="WA DOH", url="https://doh.wa.gov/", as_of="2021"
    )
    scope_item = old_apps.get_model("guide", "ScopeItem")
    scope_item.objects.create(
        slug="scope-7-wa-work",
        task="Work only with a credential",
        notes="Needs a credential.",
        allowed="may",
        state="WA",
        source=source,
        sort_order=7,
    )
    scope_item.objects.create(
        slug="general", task="Basic tasks", allowed="may", state="", source=source
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    new_apps = executor.loader.project_state(latest).apps

    rule = new_apps.get_model("states", "TaskRule").objects.get(slug="scope-7-wa-work")
    assert (rule.state, rule.task, rule.title) == (
        "WA",
        "credential",
        "Work only with a credential",
    )
    assert rule.source_id == source.pk and rule.details == "Needs a credential."
    remaining = new_apps.get_model("guide", "ScopeItem").objects.values_list("slug", flat=True)
    assert list(remaining) == ["general"]
