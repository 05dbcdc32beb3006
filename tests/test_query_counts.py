"""Regression guard for `make bench`'s query target: every public page uses the same number of
queries at two data sizes, and at most six. Counts, not timings, so it cannot flake."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from tests.factories import bulk_programs, make_program

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = [
    "/",
    "/become-a-medical-assistant/",
    "/what-medical-assistants-do/",
    "/salary-and-outlook/?state=CA",
    "/training/",
    "/career-paths/",
    "/faq/",
    "/resources/",
    "/about-our-data/",
    "/certifications/",
    "/certifications/cma/",
    "/certifications/eligibility/?diploma=yes&training=other&training_status=completed"
    "&completed_months_ago=3&experience_months=0&military=no",
    "/programs/",
    "/programs/?format=campus&format=hybrid&max_cost=15000&max_months=12&sort=cost",
    "/programs/?zip=62701&radius=50&sort=distance",
    "/programs/?page=2",
    "/programs/first/",
    "/programs/compare/?p=first&p=second",
    "/search/?q=certificate",
    "/states/",
    "/states/illinois/",
]


def query_counts(client):
    counts = {}
    for url in PAGES:
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_public_page_uses_the_same_few_queries_at_two_sizes(client):
    call_command("loaddata", str(FIXTURES / "guide.json"), verbosity=0)
    call_command("loaddata", str(FIXTURES / "certifications.json"), verbosity=0)
    make_program(slug="first")
    make_program(slug="second")
    bulk_programs(60, "small")
    small = query_counts(client)
    bulk_programs(600, "large")
    large = query_counts(client)
    assert large == small
    assert max(small.values()) <= 6, small
    assert min(small.values()) >= 1, small
