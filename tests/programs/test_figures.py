"""Each program figure has one home: one rounding rule for money, one months-of-pay function (and
its SQL twin), one middle half, one display rule for cost and length, and the guide reaches the
programs' figures only through core's registry."""

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from core.formatting import dollars, number
from guide.models import WageFigure
from programs import costs
from programs.models import Program, middle_half, months_of_pay
from states.pages import cost_as_pay
from tests.factories import make_program, make_school, make_wage_figure

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("3412.50"), "$3,413"),  # banker's rounding printed $3,412
        (Decimal("2.5"), "$3"),
        (Decimal("1234.49"), "$1,234"),
        (Decimal("-28"), "\u2212$28"),  # never "$-28"
        (Decimal("-27.5"), "\u2212$28"),
        (Decimal("-0.4"), "$0"),
        (0, "$0"),
        (None, ""),
    ],
)
def test_money_rounds_half_up_and_a_minus_goes_before_the_dollar_sign(value, shown):
    assert dollars(value) == shown


def test_numbers_round_half_up_and_drop_a_trailing_zero():
    assert [number(1260), number(Decimal("8.5"), 1), number(Decimal("9.0"), 1)] == [
        "1,260",
        "8.5",
        "9",
    ]
    assert number(Decimal("12.25"), 1) == "12.3"


def test_a_negative_net_price_prints_with_a_minus_sign(client, without_reference_data):
    program = make_program(school=make_school(scorecard_year="2023-24", net_price=Decimal("-28")))
    body = client.get(program.get_absolute_url()).content.decode()
    assert "\u2212$28" in body and "$-28" not in body


def test_months_of_pay_is_one_rule_for_program_and_state_pages(without_reference_data):
    # $10,000 over $39,570 a year is 3.0326... months; $8,245.50 is 2.50049... months.
    assert months_of_pay(Decimal("10000"), Decimal("39570")) == Decimal("3.0")
    assert months_of_pay(Decimal("8245.50"), Decimal("39570")) == Decimal("2.5")
    # Half a tenth rounds up: 1,237.5 over 49,500 a year is exactly 0.3 months... and 0.25
    # rounds to 0.3, not to 0.2 as Python's round() would.
    assert months_of_pay(Decimal("1031.25"), Decimal("49500")) == Decimal("0.3")
    assert months_of_pay(None, Decimal("39570")) is None
    assert months_of_pay(Decimal("100"), None) is None
    wage = make_wage_figure(annual_median=Decimal("39570"))
    state = cost_as_pay(Decimal("10000"), wage)
    assert state.months == months_of_pay(Decimal("10000"), wage.annual_median)
    assert dollars(state.monthly_pay) == "$3,298"  # 3,297.50 a month, half up


def test_the_finders_months_of_pay_sort_uses_the_same_arithmetic(without_reference_data):
    make_wage_figure(
        area_type=WageFigure.AreaType.STATE,
        area_code="4700000",
        area_name="Tennessee",
        state_code="TN",
        annual_median=Decimal("39570"),
    )
    program = make_program(school=make_school(state="TN"), tuition_fees=Decimal("10000"))
    annotated = Program.objects.with_credential_totals().get(pk=program.pk)
    total = costs.totals_to_credential([Program.objects.for_listing().get(pk=program.pk)])[0]
    assert total.fee is None  # no exam fee recorded: the total is the cost
    assert round(Decimal(str(annotated.months_of_pay)), 1) == total.months_low


def test_one_middle_half_for_lengths_and_costs(without_reference_data):
    values = [Decimal(v) for v in ("6", "8", "9", "10", "12", "24")]
    assert middle_half(values) == (Decimal("8.25"), Decimal("11.5"))
    for months in values:
        make_program(length_months=months, credential=Program.Credential.CERTIFICATE)
    lengths = Program.objects.published().reported_length_ranges()
    assert lengths[Program.Credential.CERTIFICATE] == middle_half(values)
    summary = costs.summarize("all", values)
    assert (summary.low, summary.high) == middle_half(values)


@pytest.mark.parametrize(
    ("fields", "kind", "text", "note"),
    [
        ({"tuition_fees": Decimal("9000")}, "reported", "$9,000", ""),
        (
            {"tuition_fees": None, "estimated_cost": Decimal("6300")},
            "estimate",
            "about $6,300",
            "(estimate from yearly tuition)",
        ),
        (
            {"tuition_fees": Decimal("150455"), "cost_suspect": True},
            "flagged",
            "Reported as $150,455: check with the school",
            "",
        ),
        ({"tuition_fees": None}, "unknown", "", ""),
    ],
)
def test_one_display_rule_for_cost(without_reference_data, fields, kind, text, note):
    shown = make_program(books_supplies=None, **fields).cost_shown
    assert (shown.kind, shown.text, shown.note) == (kind, text, note)


def test_one_display_rule_for_length(without_reference_data):
    program = make_program(
        length_months=Decimal("9"), length_hours=1260, length_hours_unit="clock hours"
    )
    assert str(program.length_shown) == "9 months (1,260 clock hours)"
    # Weeks only as the school reported them: 9 months would be "about 39" by arithmetic.
    program.reported_weeks = 34
    assert str(program.length_shown) == "9 months (1,260 clock hours, 34 weeks)"
    program.length_suspect, program.reported_length_months = True, Decimal("32")
    assert program.length_shown.kind == "flagged"
    assert program.length_shown.text == "Reported as 32 months: check with the school"
    program.length_suspect, program.length_months = False, None
    assert program.length_shown.kind == "unknown"


def test_guide_templates_load_only_core_and_guide_tags():
    found = subprocess.run(
        ["grep", "-rn", r"load.*\(program_costs\|certification_fees\|program_data\)", "guide"],
        cwd=ROOT / "templates",
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""


def test_the_guide_reaches_program_costs_through_the_registry(client):
    body = client.get("/cost-and-financial-aid/").content.decode()
    assert "What programs cost" in body
    assert 'id="cost-chart-title"' in body or "No program in our finder" in body
