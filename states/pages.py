"""What a state page and the list of states show, each read in a fixed number of queries.

A state page takes six: the wage rows (nation, state and areas in one), the state's profile,
its task rules, the national projection, and two for programs (the figures of every program in
the state in one light query, then the few programs shown).
"""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.formatting import rounded
from core.states import all_states
from guide import charts
from guide.models import OutlookFigure, WageFigure
from guide.pay import MA_SOC
from programs.models import MONTHS_A_YEAR, Program, months_of_pay
from states.models import StateProfile, TaskRule

# Where to look up a state's medical board when our profile names none.
BOARD_DIRECTORY = "https://www.fsmb.org/contact-a-state-medical-board/"
# Fewer costs than this make a median too unsteady to call typical (our research notes' rule).
MIN_FOR_MEDIAN = 8
SHOWN = 3
AREA_TYPES = {WageFigure.AreaType.METRO, WageFigure.AreaType.NONMETRO}


@dataclass
class CostFigure:
    """A median over some programs' costs, with how many it rests on."""

    median: Decimal | None
    count: int

    @classmethod
    def of(cls, costs):
        enough = len(costs) >= MIN_FOR_MEDIAN
        return cls(statistics.median(costs) if enough else None, len(costs))


@dataclass
class Programs:
    count: int
    reported: CostFigure
    estimated: CostFigure
    cheapest: list = field(default_factory=list)
    shortest: list = field(default_factory=list)
    with_length: int = 0


@dataclass
class MonthsOfPay:
    """Our arithmetic: a typical program cost divided by a month of the state's median pay."""

    cost: Decimal
    annual_pay: Decimal
    monthly_pay: Decimal
    months: Decimal


def program_figures(state_code):
    facts = list(Program.objects.published().in_state(state_code).cost_and_length_facts())
    costs = [(cost, pk, estimated) for pk, cost, estimated, _m in facts if cost is not None]
    reported = sorted((cost, pk) for cost, pk, estimated in costs if not estimated)
    estimated = sorted((cost, pk) for cost, pk, estimated in costs if estimated)
    by_length = sorted((months, pk) for pk, _c, _e, months in facts if months is not None)
    # Reported costs come first; estimates follow, labelled, so a guess never outranks a price.
    cheapest = [(pk, False) for _c, pk in reported[:SHOWN]] + [
        (pk, True) for _c, pk in estimated[:SHOWN]
    ]
    shortest = [pk for _m, pk in by_length[:SHOWN]]
    shown = Program.objects.select_related("school").in_bulk(
        {pk for pk, _e in cheapest} | set(shortest)
    )
    return Programs(
        count=len(facts),
        reported=CostFigure.of([cost for cost, _pk in reported]),
        estimated=CostFigure.of([cost for cost, _pk in estimated]),
        cheapest=[(shown[pk], is_estimate) for pk, is_estimate in cheapest],
        shortest=[shown[pk] for pk in shortest],
        with_length=len(by_length),
    )


def cost_as_pay(cost, wage):
    months = months_of_pay(cost, wage and wage.annual_median)
    if months is None:
        return None
    return MonthsOfPay(
        cost=cost,
        annual_pay=wage.annual_median,
        monthly_pay=wage.annual_median / MONTHS_A_YEAR,
        months=months,
    )


def wage_rows(state_code):
    """The nation, the state and every area in it, newest year, in one query."""
    rows = WageFigure.objects.filter(soc_code=MA_SOC)
    combined = (
        rows.national() | rows.states().filter(state_code=state_code) | rows.areas_in(state_code)
    )
    return list(combined.latest_year().select_related("source"))


def comparison(state, national):
    """The state's median against the nation's: difference in dollars and per cent."""
    if not (state and national and state.annual_median and national.annual_median):
        return None
    difference = state.annual_median - national.annual_median
    percent = rounded(abs(difference) * 100 / national.annual_median, 1)
    return {"difference": abs(difference), "percent": percent, "higher": difference > 0}


def state_page(state):
    figures = wage_rows(state.code)
    national = next((f for f in figures if f.area_type == WageFigure.AreaType.NATIONAL), None)
    wage = next((f for f in figures if f.area_type == WageFigure.AreaType.STATE), None)
    areas = sorted(
        (f for f in figures if f.area_type in AREA_TYPES),
        key=lambda f: (f.annual_median is None, -(f.annual_median or 0), f.area_name),
    )
    headline = [(_("%(state)s (whole state)") % {"state": state.name}, wage)] if wage else []
    headline += [(_("United States"), national)] if national else []
    chart_rows = [
        (
            str(label),
            row.annual_p10,
            row.annual_p25,
            row.annual_median,
            row.annual_p75,
            row.annual_p90,
        )
        for label, row in [*headline, *((a.area_name, a) for a in areas)]
    ]
    profile = StateProfile.objects.published().for_page().filter(state=state.code).first()
    programs = program_figures(state.code)
    return {
        "state": state,
        "wage": wage,
        "national": national,
        "compared": comparison(wage, national),
        "areas": areas,
        "unpublished_areas": sum(1 for a in areas if a.annual_median is None),
        "area_chart": charts.pay_range_chart(
            chart_rows, emphasised={str(label) for label, _row in headline}
        ),
        "profile": profile,
        "rules": list(TaskRule.objects.for_state(state.code)),
        "board_directory": BOARD_DIRECTORY,
        "national_outlook": OutlookFigure.objects.filter(soc_code=MA_SOC)
        .select_related("source")
        .first(),
        "programs": programs,
        "min_for_median": MIN_FOR_MEDIAN,
        "months_of_pay": cost_as_pay(programs.reported.median, wage),
        "months_of_pay_estimated": cost_as_pay(programs.estimated.median, wage),
    }


SORTS = {
    "name": lambda row: (row["state"].name,),
    "median": lambda row: (row["median"] is None, -(row["median"] or 0), row["state"].name),
    "employment": lambda row: (
        row["employment"] is None,
        -(row["employment"] or 0),
        row["state"].name,
    ),
    "programs": lambda row: (-row["programs"], row["state"].name),
    "regulation": lambda row: (row["regulation_order"], row["state"].name),
}


def state_table(sort):
    """Every state with its median pay, employment, programs and how it treats MAs."""
    wages = {
        w.state_code: w
        for w in WageFigure.objects.filter(soc_code=MA_SOC)
        .states()
        .latest_year()
        .select_related("source")
    }
    counts = Program.objects.published().count_by_state()
    profiles = dict(StateProfile.objects.published().values_list("state", "regulation"))
    order = [choice for choice, _label in StateProfile.Regulation.choices]
    labels = StateProfile.REGULATION_SHORT
    rows = []
    for state in all_states():
        wage = wages.get(state.code)
        regulation = profiles.get(state.code)
        rows.append(
            {
                "state": state,
                "wage": wage,
                "median": wage.annual_median if wage else None,
                "employment": wage.employment if wage else None,
                "programs": counts.get(state.code, 0),
                "regulation": labels.get(regulation),
                "regulation_order": order.index(regulation) if regulation else len(order),
            }
        )
    any_wage = next(iter(wages.values()), None)
    return {
        "rows": sorted(rows, key=SORTS[sort]),
        "wage_source": any_wage.source if any_wage else None,
        "wage_period": any_wage.reference_period if any_wage else "",
    }
