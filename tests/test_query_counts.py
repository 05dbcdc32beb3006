"""Regression guard for `make bench`'s query target: every public page uses the same number of
queries at two data sizes, and at most six. Counts, not timings, so it cannot flake."""

import pytest
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from certifications.models import Certification
from guide.models import FAQ, GuidePage
from tests.factories import bulk_programs, make_program, make_route, make_source

pytestmark = pytest.mark.django_db
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
    "/cost-and-financial-aid/",
    "/certifications/",
    "/certifications/cma/",
    "/certifications/eligibility/?diploma=yes&training=institutional&training_status=completed"
    "&completed_months_ago=3&program_hours=800&practicum_hours=160&experience_months=0"
    "&military=no",
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


def more_of_everything(count):
    """Rows of each kind a page lists: FAQs, sources on pages, eligibility routes."""
    faq_page = GuidePage.objects.get(slug="faq")
    cma = Certification.objects.get(slug="cma")
    for n in range(count):
        FAQ.objects.create(
            page=faq_page, slug=f"more-{n}", question=f"Question {n}?", answer="An answer."
        )
        source = make_source()
        for page in GuidePage.objects.all():
            page.sources.add(source)
        cma.sources.add(source)
        make_route(certification=cma, source=source)


def test_every_public_page_uses_the_same_few_queries_at_two_sizes(client):
    make_program(slug="first")
    make_program(slug="second")
    bulk_programs(60, "small")
    small = query_counts(client)
    bulk_programs(600, "large")
    more_of_everything(15)
    large = query_counts(client)
    assert large == small
    assert max(small.values()) <= 6, small
    assert min(small.values()) >= 1, small
