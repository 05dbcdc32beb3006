"""The overdue queue puts first what students see most: programs by graduates a year, guide
pages by their order on the site."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_page, make_program

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture
def programs():
    return {
        graduates: make_program(name=f"MA {graduates}", graduates_per_year=graduates)
        for graduates in (5, None, 120, 40)
    } | {"fresh": make_program(graduates_per_year=900, last_verified=datetime.date.today())}


def stale_list(client, name, **params):
    url = reverse(f"admin:{name}_changelist")
    return list(client.get(url, {"review": "stale", **params}).context["cl"].result_list)


def test_stale_programs_are_listed_by_graduates_a_year(admin_client, programs):
    listed = stale_list(admin_client, "programs_program")
    assert [p.graduates_per_year for p in listed] == [120, 40, 5, None]


def test_a_column_the_editor_sorts_by_still_wins(admin_client, programs):
    # Column 1 of list_display is the name, ascending.
    listed = stale_list(admin_client, "programs_program", o="1")
    assert [p.name for p in listed] == ["MA 120", "MA 40", "MA 5", "MA None"]


def test_stale_guide_pages_are_listed_in_page_order(admin_client):
    # The site's own pages are never reviewed on a fresh install, so they are overdue too.
    third = make_page(title="A third", sort_order=30_003, reviewed_on=LONG_AGO)
    first = make_page(title="C first", sort_order=30_001, reviewed_on=LONG_AGO)
    second = make_page(title="B second", sort_order=30_002, reviewed_on=LONG_AGO)
    assert stale_list(admin_client, "guide_guidepage")[-3:] == [first, second, third]


def test_dashboard_names_the_most_seen_overdue_programs_first(admin_client, programs):
    dashboard = admin_client.get(reverse("admin:index"))
    overdue = {str(row["label"]): row for row in dashboard.context["overdue"]}
    row = overdue["programs"]
    assert row["count"] == 4
    expected = [programs[120], programs[40], programs[5]]
    assert row["first"] == [
        (str(p), reverse("admin:programs_program_change", args=[p.pk])) for p in expected
    ]
    body = dashboard.content.decode()
    assert body.index("MA 120") < body.index("MA 40") < body.index("MA 5")
