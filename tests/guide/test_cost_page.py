import html
import re
import statistics
from decimal import Decimal

import pytest

from guide.models import FAQ, CareerStep, FundingFact, GuidePage, LiveFigure, Source
from programs.models import Program
from tests.factories import bulk_programs, make_program, make_school

URL = "/cost-and-financial-aid/"
IPEDS = "IPEDS 2023-24 program-cost survey (IC2023_PY)"

pytestmark = pytest.mark.django_db


@pytest.fixture
def prices():
    """Reported prices at two kinds of school, one estimate, and programs that must not count."""
    career = make_school(sector="Private for-profit, less-than 2-year")
    public = make_school(sector="Public, 2-year")
    for tuition in (9000, 14000, 16000, 17000, 21000):
        make_program(
            school=career,
            tuition_fees=Decimal(tuition),
            books_supplies=Decimal(500),
            cost_source=IPEDS,
        )
    make_program(school=public, tuition_fees=Decimal(4000), books_supplies=None, cost_source=IPEDS)
    make_program(
        school=public,
        tuition_fees=None,
        estimated_cost=Decimal(6000),
        cost_source="College Scorecard 2023-24 annual tuition",
    )
    make_program(school=career, tuition_fees=None)
    make_program(school=career, tuition_fees=Decimal(150000), cost_suspect=True)
    make_program(school=career, tuition_fees=Decimal(1), published=False)


def money(value):
    return f"${value:,.0f}"


def text(response):
    """The page's words, without markup, so a test reads what a visitor reads."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def test_the_page_recomputes_its_figures_from_the_program_data(client, prices):
    shown = Program.objects.published().filter(total_cost__isnull=False, cost_is_estimate=False)
    values = sorted(p.total_cost for p in shown)
    low, median, high = statistics.quantiles(values, n=4, method="inclusive")
    body = text(client.get(URL))
    assert f"The median whole-program cost is {money(median)} across the 6 programs" in body
    assert f"between {money(low)} and {money(high)}" in body
    career = sorted(v for v in values if v > 5000)
    assert f"Private for-profit 5 {money(statistics.median(career))}" in body
    assert "Public 1 $4,000 Too few programs" in body
    assert "$6,000 (estimate)" in body
    assert f"Our analysis of 6 programs. Source: {IPEDS}." in body
    assert "Our analysis of 1 program. Source: College Scorecard 2023-24 annual tuition." in body


def test_every_funding_fact_shows_its_source_and_date(client):
    facts = list(FundingFact.objects.published().select_related("source"))
    assert len(facts) >= 15
    assert {f.topic for f in facts} == set(FundingFact.Topic.values)
    body = client.get(URL).content.decode()
    for fact in facts:
        assert fact.title in html.unescape(body)
        assert f'href="{fact.source.url}"' in body.replace("&amp;", "&")
        assert html.escape(fact.source.as_of) in body


def test_no_fact_rests_on_a_single_weak_source_or_claims_an_editors_check():
    sources = Source.objects.filter(funding_facts__isnull=False).distinct()
    assert not sources.filter(kind=Source.Kind.LOW).exists()
    # A fixture never claims an editor checked a source: only an editor sets that date.
    assert not sources.filter(reviewed_on__isnull=False).exists()


def test_exam_fees_come_from_the_certifications_data(client):
    body = text(client.get(URL))
    assert "CMA (AAMA) $125 to $250" in body
    assert "RMA (AMT) $135" in body  # only the job board's fee: test-prep sellers give no number


def test_the_cost_checklist_prints_on_its_own(client):
    body = client.get(URL).content.decode()
    assert 'class="print-checklist-only"' in body
    assert "Questions to ask a school about cost" in body
    assert "refund policy" in body


def test_same_few_queries_at_two_data_sizes(client, django_assert_max_num_queries):
    bulk_programs(30, "small")
    with django_assert_max_num_queries(6) as small:
        client.get(URL)
    bulk_programs(300, "large")
    with django_assert_max_num_queries(6) as large:
        client.get(URL)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_an_empty_finder_says_so_instead_of_a_figure(client):
    body = text(client.get(URL))
    assert "No program in our finder reports a whole-program price yet." in body
    assert "No program in our finder has a cost estimated from yearly tuition yet." in body


def test_home_shows_the_typical_cost_beside_pay_and_outlook(client, prices):
    body = text(client.get("/"))
    assert "Typical training cost" in body and "across the 6 programs" in body
    assert body.index("Outlook") < body.index("Typical training cost")


def test_faq_and_path_show_the_computed_figure_not_typed_text(client, prices):
    median = statistics.median(
        p.total_cost
        for p in Program.objects.published().filter(
            total_cost__isnull=False, cost_is_estimate=False
        )
    )
    for url in ("/faq/", "/become-a-medical-assistant/"):
        body = text(client.get(url))
        assert f"{money(median)} is the median price of a whole program" in body, url
        assert "varies widely" not in body.lower(), url
    assert "CMA: $125 to $250" in text(client.get("/become-a-medical-assistant/"))


def test_cost_text_is_keyed_by_a_fixed_figure_not_typed():
    step = CareerStep.objects.get(slug="complete-a-training-program")
    assert step.live_figure == LiveFigure.PROGRAM_COST and not step.typical_cost
    faq = FAQ.objects.get(slug="how-much-does-medical-assistant-training-cost")
    assert faq.live_figure == LiveFigure.PROGRAM_COST and "$" not in faq.answer
    page = GuidePage.objects.get(slug="cost-and-financial-aid")
    assert "$" not in page.body


def test_editors_manage_funding_facts_with_history(admin_client):
    fact = FundingFact.objects.first()
    assert admin_client.get("/admin/guide/fundingfact/").status_code == 200
    assert admin_client.get(f"/admin/guide/fundingfact/{fact.pk}/history/").status_code == 200
    before = fact.history.count()
    fact.title = "Changed"
    fact.save()
    assert fact.history.count() == before + 1
    assert fact.history.first().title == "Changed"
