import statistics
from decimal import Decimal

import pytest

from guide.models import WageFigure
from programs import costs
from programs.comparison import comparison_rows
from programs.models import Program
from tests.factories import (
    make_certification,
    make_exam_fee,
    make_program,
    make_school,
    make_wage_figure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pay(without_reference_data):
    """The national median and Tennessee's, as OEWS gives them (annual; a month is a twelfth)."""
    national = make_wage_figure()
    tennessee = make_wage_figure(
        area_type=WageFigure.AreaType.STATE,
        area_code="4700000",
        area_name="Tennessee",
        state_code="TN",
        annual_median=Decimal("39570"),
        source=national.source,
    )
    return national, tennessee


@pytest.fixture
def fees(without_reference_data):
    """One credential with a confirmed fee range and one whose fee is not confirmed."""
    cma = make_certification(code="CMA")
    make_exam_fee(cma, "125", "250")
    ccma = make_certification(code="CCMA")
    return cma, ccma


def test_summary_is_the_median_and_the_middle_half():
    values = [Decimal(v) for v in (1000, 2000, 3000, 4000, 10000)]
    summary = costs.summarize("All", values)
    assert summary.count == 5 and summary.median == Decimal(3000)
    assert (summary.low, summary.high) == (Decimal(2000), Decimal(4000))


def test_too_few_programs_give_a_median_but_no_middle_half():
    summary = costs.summarize("All", [Decimal(5), Decimal(7)])
    assert summary.median == 6 and not summary.has_spread
    assert costs.summarize("None", []).median is None


def test_sector_groups_by_control():
    assert costs.sector_of("Public, 2-year") == "Public"
    assert costs.sector_of("Private for-profit, less-than 2-year") == "Private for-profit"
    assert costs.sector_of("Private not-for-profit, 4-year or above") == "Private nonprofit"
    assert costs.sector_of("") == costs.SECTOR_NOT_REPORTED


def test_overview_keeps_reported_prices_and_estimates_apart(django_assert_num_queries):
    public = make_school(sector="Public, 2-year")
    career = make_school(sector="Private for-profit, 2-year")
    reported = [10000, 12000, 15000, 18000]
    for tuition in reported:
        make_program(school=career, tuition_fees=Decimal(tuition), books_supplies=None)
    make_program(
        school=public,
        credential=Program.Credential.ASSOCIATE,
        tuition_fees=None,
        estimated_cost=Decimal(8000),
    )
    make_program(school=career, tuition_fees=None)
    make_program(school=career, tuition_fees=Decimal(99000), published=False)

    with django_assert_num_queries(1):
        overview = costs.cost_overview()

    assert overview.reported.count == 4
    assert overview.reported.overall.median == statistics.median(reported)
    assert [s.label for s in overview.reported.by_sector] == ["Private for-profit"]
    assert overview.estimated.count == 1
    assert overview.estimated.by_credential[0].key == Program.Credential.ASSOCIATE
    assert overview.estimated.by_sector[0].label == "Public"
    assert [row.value for row in overview.chart["rows"]] == [statistics.median(reported)]


def test_total_adds_the_exam_fee_range_of_every_confirmed_credential(pay, fees):
    school = make_school(state="TN")
    program = make_program(
        school=school, tuition_fees=Decimal("17622"), books_supplies=Decimal("683")
    )
    (total,) = costs.totals_to_credential([Program.objects.for_listing().get(pk=program.pk)])
    assert [amount for _label, amount in total.parts] == [Decimal("17622"), Decimal("683")]
    assert (total.low, total.high) == (Decimal("18430"), Decimal("18555"))
    assert total.fee.of_all and [c.code for c in total.fee.unconfirmed] == ["CCMA"]
    assert total.pay.area_name == "Tennessee" and not total.pay_is_national
    assert total.monthly_pay == Decimal("39570") / 12
    assert total.months_low == round(Decimal("18430") / (Decimal("39570") / 12), 1)


def test_total_uses_the_cheapest_exam_the_program_prepares_for(pay, fees):
    cma, _ccma = fees
    rma = make_certification(code="RMA")
    make_exam_fee(rma, "120")
    program = make_program(tuition_fees=Decimal("1000"), books_supplies=None)
    program.certifications.set([cma, rma])
    (total,) = costs.totals_to_credential([Program.objects.for_listing().get(pk=program.pk)])
    assert not total.fee.of_all and total.fee.credentials == [rma]
    assert (total.low, total.high) == (Decimal("1120"), Decimal("1120"))


def test_an_included_exam_fee_is_not_added_twice(pay, fees):
    program = make_program(
        tuition_fees=Decimal("1000"), books_supplies=None, exam_fee_included=True
    )
    (total,) = costs.totals_to_credential([program])
    assert total.fee is None and total.low == total.high == Decimal("1000")


def test_a_territory_without_a_state_figure_uses_the_national_median(pay, fees):
    program = make_program(school=make_school(state="PR"))
    (total,) = costs.totals_to_credential([program])
    assert total.pay_is_national and total.pay.area_name == "National"
    assert total.state_name == "Puerto Rico"


def test_totals_take_two_queries_for_any_number_of_programs(pay, fees, django_assert_num_queries):
    programs = list(
        Program.objects.for_listing().filter(
            pk__in=[make_program(school=make_school(state=s)).pk for s in ("TN", "IL", "GU")]
        )
    )
    with django_assert_num_queries(3):
        totals = costs.totals_to_credential(programs)
    assert len(totals) == 3


@pytest.mark.parametrize(
    ("fields", "outlook", "by_award_level"),
    [
        ({"length_hours": 900, "length_hours_unit": "clock hours"}, "likely", False),
        ({"length_hours": 450, "length_hours_unit": "clock hours"}, "short", False),
        ({"length_hours": 30, "length_hours_unit": "credit hours"}, "likely", False),
        ({"length_hours": 12, "length_hours_unit": "credit hours"}, "short", False),
        (
            {"length_hours": 900, "length_hours_unit": "clock hours", "length_months": Decimal(2)},
            "short",
            False,
        ),
        (
            {"length_hours": 900, "length_hours_unit": "clock hours", "length_months": Decimal(3)},
            "unknown",
            False,
        ),
        (
            {"length_hours": 900, "length_hours_unit": "clock hours", "length_months": Decimal(4)},
            "likely",
            False,
        ),
        (
            {"credential": Program.Credential.DIPLOMA, "length_months": None},
            "likely",
            True,
        ),
        (
            {"credential": Program.Credential.SHORT_CERTIFICATE, "length_months": None},
            "short",
            True,
        ),
        (
            {
                "credential": Program.Credential.CERTIFICATE,
                "length_months": Decimal(32),
                "length_suspect": True,
            },
            "unknown",
            False,
        ),
        ({"credential": Program.Credential.CERTIFICATE, "length_months": None}, "unknown", False),
    ],
)
def test_federal_aid_reads_hours_weeks_then_the_award_level(fields, outlook, by_award_level):
    aid = costs.federal_aid(make_program(**fields))
    assert (aid.outlook, aid.by_award_level) == (outlook, by_award_level)


def test_a_school_outside_the_federal_data_may_not_offer_aid():
    program = make_program(school=make_school(ipeds_unitid=None))
    assert costs.federal_aid(program).outlook == costs.AidOutlook.NOT_IN_DATA


def test_program_page_shows_the_total_with_its_arithmetic(client, pay, fees):
    program = make_program(
        school=make_school(state="TN"),
        tuition_fees=Decimal("17622"),
        books_supplies=Decimal("683"),
        length_hours=900,
        length_hours_unit="clock hours",
    )
    body = client.get(program.get_absolute_url()).content.decode()
    assert "$17,622 tuition and fees + $683 books and supplies + $125 to $250 for an exam" in body
    assert "= $18,430 to $18,555" in body
    assert "median medical assistant pay in Tennessee" in body and "$3,298 a month" in body
    # No editor confirmed a fee: the page says which credential has none, and calls no fee
    # "confirmed".
    assert "No fee on record: CCMA" in body and "confirmed fee" not in body
    assert "Likely eligible for federal student aid" in body and "estimate" not in body


def test_an_estimated_cost_is_labelled_as_one(client, pay, fees):
    program = make_program(tuition_fees=None, estimated_cost=Decimal("9000"))
    body = client.get(program.get_absolute_url()).content.decode()
    assert "not a price the school reported" in body


def test_unknown_cost_gives_no_total_but_still_the_exam_fee(client, pay, fees):
    program = make_program(tuition_fees=None, books_supplies=None)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "cannot add up a total" in body and "$125 to $250" in body
    assert "months of the median" not in body


def test_compare_rows_hold_the_total_months_of_pay_and_aid(pay, fees):
    first = make_program(school=make_school(state="TN"), tuition_fees=Decimal("10000"))
    second = make_program(tuition_fees=None)
    programs = list(Program.objects.for_listing().filter(pk__in=[first.pk, second.pk]))
    programs.sort(key=lambda p: p.pk)
    rows = {str(row.label): row.cells for row in comparison_rows(programs)}
    assert rows["Total to a credential"] == [
        "$10,925 to $11,050 (with $125 to $250 for an exam)",
        None,
    ]
    assert rows["Months of median MA pay"][0].startswith("About 3.3–3.4 months of the Tennessee")
    assert rows["Federal student aid"][1] == "Unclear from the reported length: ask the school"


def test_finder_sorts_by_total_to_a_credential_reported_before_estimates(client, pay, fees):
    cma, _ccma = fees
    cheap_estimate = make_program(tuition_fees=None, estimated_cost=Decimal("1000"))
    dear = make_program(tuition_fees=Decimal("5000"), books_supplies=None)
    # $4,900 plus the CMA's $125 is still below $5,000 plus the lowest fee of any credential.
    with_exam = make_program(tuition_fees=Decimal("4900"), books_supplies=None)
    with_exam.certifications.set([cma])
    unknown = make_program(tuition_fees=None)
    response = client.get("/programs/", {"sort": "total"})
    order = [hit.slug for hit in response.context["result"].programs]
    assert order == [with_exam.slug, dear.slug, cheap_estimate.slug, unknown.slug]


def test_finder_sorts_by_months_of_the_states_median_pay(client, pay, fees):
    tennessee = make_program(
        school=make_school(state="TN"), tuition_fees=Decimal("9000"), books_supplies=None
    )
    # Guam has no state figure in this test: its months of pay are unknown, so it comes last.
    guam = make_program(
        school=make_school(state="GU"), tuition_fees=Decimal("100"), books_supplies=None
    )
    response = client.get("/programs/", {"sort": "months_of_pay"})
    assert [hit.slug for hit in response.context["result"].programs] == [tennessee.slug, guam.slug]
    annotated = Program.objects.with_credential_totals().get(pk=tennessee.pk)
    expected = (Decimal("9000") + Decimal("125")) * 12 / Decimal("39570")
    assert annotated.months_of_pay == pytest.approx(float(expected))


def test_program_page_shows_the_weeks_the_school_reported_never_weeks_from_months(client):
    # Like Concorde Southaven's diploma: 35 credit hours, 8 months, 32 weeks reported; the
    # page used to say "about 34 weeks" (8 x 52 / 12).
    fields = {"length_hours": 900, "length_hours_unit": "clock hours", "length_months": 8}
    reported = make_program(reported_weeks=32, **fields)
    body = client.get(reported.get_absolute_url()).content.decode()
    assert "over 32 weeks" in body and "34 weeks" not in body
    assert costs.federal_aid(reported).weeks == 32

    unreported = make_program(**fields)
    body = client.get(unreported.get_absolute_url()).content.decode()
    assert "over 8 months" in body and "weeks, at least" not in body
    assert costs.federal_aid(unreported).weeks is None


def test_reported_weeks_decide_the_fifteen_week_rule():
    fields = {"length_hours": 900, "length_hours_unit": "clock hours", "length_months": 4}
    assert costs.federal_aid(make_program(reported_weeks=14, **fields)).outlook == "short"
    assert costs.federal_aid(make_program(reported_weeks=16, **fields)).outlook == "likely"


def test_cost_against_pay_flags_a_weak_pay_estimate(client, pay):
    national, tennessee = pay
    program = make_program(school=make_school(state="TN"))
    body = client.get(program.get_absolute_url()).content.decode()
    assert "months of the median medical assistant pay in Tennessee" in body
    assert "weak estimate" not in body
    tennessee.employment_rse = Decimal("31.8")
    tennessee.save()
    body = client.get(program.get_absolute_url()).content.decode()
    assert "BLS's own measures say the figures for Tennessee are uncertain" in body
    assert "relative standard error of 31.8%" in body
