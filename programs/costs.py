"""What training costs, read from the program data: summaries for the guide, and per program the
total to a credential, that total as months of pay, and whether federal student aid likely applies.

Reported and estimated costs are never mixed: a reported cost is the whole-program price a school
gave IPEDS; an estimate (`Program.cost_is_estimate`) is worked out from the college's annual
tuition. Each summary says which it is, how many programs it covers and where the figures came
from. Middle half: programs.models.middle_half.
"""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from certifications.fees import exam_fees, fee_range
from core.cache import data_version
from core.states import name_for
from guide import charts
from guide.models import WageFigure
from guide.pay import newest_pay
from programs.models import MONTHS_A_YEAR, Program, hours_unit_label, middle_half, months_of_pay

# Fewer programs than this give a median but no middle half: quartiles of three prices say little.
MIN_FOR_SPREAD = 4
WEEKS_A_MONTH = Decimal(52) / Decimal(12)

# Federal student aid (34 CFR 668.8): a program at a career school needs at least 600 clock hours
# (16 semester or 24 quarter credit hours) over at least 15 weeks for Pell Grants and loans.
FULL_AID_CLOCK_HOURS = 600
FULL_AID_SEMESTER_CREDITS = 16
FULL_AID_QUARTER_CREDITS = 24
FULL_AID_WEEKS = 15
# IPEDS award levels of at least one academic year are, by IPEDS's own definition, at least 900
# clock hours or 30 semester credits, so they clear both thresholds; under 12 weeks cannot.
LONG_AWARDS = {
    Program.Credential.DIPLOMA,
    Program.Credential.ASSOCIATE,
    Program.Credential.ADVANCED_CERTIFICATE,
    Program.Credential.BACHELOR,
}
SHORT_AWARDS = {Program.Credential.SHORT_CERTIFICATE}

# The chart's label column fits about 24 characters; the table beside it gives the full names.
CHART_LABELS = {
    Program.Credential.SHORT_CERTIFICATE: _("Under 12 weeks"),
    Program.Credential.CERTIFICATE: _("Under 1 academic year"),
    Program.Credential.DIPLOMA: _("1 academic year or more"),
    Program.Credential.ASSOCIATE: _("Associate degree"),
    Program.Credential.ADVANCED_CERTIFICATE: _("2 academic years or more"),
    Program.Credential.BACHELOR: _("Bachelor's degree"),
}

SECTORS = [
    ("Public", _("Public")),
    ("Private not-for-profit", _("Private nonprofit")),
    ("Private for-profit", _("Private for-profit")),
]
SECTOR_NOT_REPORTED = _("Sector not reported")


@dataclass
class Summary:
    """Median and middle half of a group of whole-program costs."""

    label: str
    count: int
    key: str = ""
    median: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    @property
    def has_spread(self):
        return self.low is not None


def summarize(label, values, key=""):
    values = sorted(values)
    summary = Summary(label=label, count=len(values), key=key)
    if values:
        summary.median = statistics.median(values)
    if len(values) >= MIN_FOR_SPREAD:
        summary.low, summary.high = middle_half(values)
    return summary


def sector_of(sector_text):
    """IPEDS names the sector "Control, level" ("Public, 2-year"); we group by control."""
    control = sector_text.split(",")[0].strip()
    return next((label for key, label in SECTORS if key == control), SECTOR_NOT_REPORTED)


@dataclass
class CostGroup:
    """Every summary of one kind of cost: reported prices, or estimates from annual tuition."""

    overall: Summary
    by_credential: list
    by_sector: list
    sources: list

    @property
    def count(self):
        return self.overall.count


def _group(rows, label):
    by_credential = [
        summarize(credential.label, [r[2] for r in rows if r[0] == credential], key=credential)
        for credential in Program.Credential
    ]
    sector_labels = [label for _key, label in SECTORS] + [SECTOR_NOT_REPORTED]
    sectors = [sector_of(r[1]) for r in rows]
    by_sector = [
        summarize(name, [r[2] for r, s in zip(rows, sectors, strict=True) if s == name])
        for name in sector_labels
    ]
    return CostGroup(
        overall=summarize(label, [r[2] for r in rows]),
        by_credential=[s for s in by_credential if s.count],
        by_sector=[s for s in by_sector if s.count],
        sources=sorted({r[4] for r in rows if r[4]}),
    )


@dataclass
class CostOverview:
    reported: CostGroup
    estimated: CostGroup
    chart: dict = field(default_factory=dict)


def cost_overview():
    """The summaries below, kept in the cache under the program data's version: computing them
    reads every program's cost, hundreds of milliseconds that the home page must not pay."""
    key = f"cost-overview:{data_version('programs')}:{get_language()}"
    overview = cache.get(key)
    if overview is None:
        overview = summarize_costs()
        cache.set(key, overview, None)
    return overview


def data_counts():
    """The data report's counts for published programs, overall and per state, computed live
    (the guide's "About our data" page)."""
    programs = Program.objects.published()
    by_state = [
        {"code": code, "name": name_for(code), **counts}
        for code, counts in programs.data_counts_by_state().items()
    ]
    return {"total": programs.data_counts(), "states": by_state}


def summarize_costs():
    """Summaries of every published program's known cost, in one query."""
    rows = list(
        Program.objects.published()
        .with_known_cost()
        .values_list(
            "credential",
            "school__sector",
            "total_cost",
            "cost_is_estimate",
            "cost_source",
        )
    )
    reported = _group([r for r in rows if not r[3]], _("All reported costs"))
    estimated = _group([r for r in rows if r[3]], _("All estimates"))
    chart = charts.bar_chart(
        [(str(CHART_LABELS[s.key]), float(s.median)) for s in reported.by_credential]
    )
    return CostOverview(reported=reported, estimated=estimated, chart=chart)


@dataclass
class ExamFee:
    low: Decimal
    high: Decimal
    credentials: list
    # True when the program names no exam with a known fee: the range covers every credential.
    of_all: bool
    unconfirmed: list

    @property
    def is_range(self):
        return self.low != self.high


def exam_fee_for(program, every_fee):
    """The fee of the cheapest exam the program prepares for, else the range of every known fee.

    every_fee: certifications.fees.ExamFees for all published credentials.
    """
    # The published credentials in every_fee carry their fee figures; the program's own
    # certification rows do not, so look each one up there.
    own = [
        every_fee.by_pk[c.pk]
        for c in program.certifications.all()
        if c.pk in every_fee.by_pk and fee_range(every_fee.by_pk[c.pk])
    ]
    if own:
        cheapest = min(own, key=fee_range)
        low, high = fee_range(cheapest)
        return ExamFee(low, high, [cheapest], of_all=False, unconfirmed=[])
    if not every_fee.confirmed:
        return None
    return ExamFee(
        low=every_fee.low,
        high=every_fee.high,
        credentials=every_fee.confirmed,
        of_all=True,
        unconfirmed=every_fee.unconfirmed,
    )


@dataclass
class TotalToCredential:
    program: Program
    parts: list
    cost: Decimal | None
    is_estimate: bool
    fee: ExamFee | None
    pay: WageFigure | None
    pay_is_national: bool

    @property
    def fee_included(self):
        return bool(self.program.exam_fee_included)

    @property
    def state_name(self):
        return name_for(self.program.school.state)

    @property
    def low(self):
        if self.cost is None:
            return None
        return self.cost + (self.fee.low if self.fee else 0)

    @property
    def high(self):
        if self.cost is None:
            return None
        return self.cost + (self.fee.high if self.fee else 0)

    @property
    def is_range(self):
        return self.low != self.high

    @property
    def monthly_pay(self):
        if self.pay is None or self.pay.annual_median is None:
            return None
        return self.pay.annual_median / MONTHS_A_YEAR

    @property
    def months_low(self):
        return months_of_pay(self.low, self.pay and self.pay.annual_median)

    @property
    def months_high(self):
        return months_of_pay(self.high, self.pay and self.pay.annual_median)


def cost_parts(program):
    """The pieces of the total that the school reported (or the estimate was built from)."""
    if program.total_cost is None:
        return []
    if program.cost_is_estimate:
        return [(_("estimated program cost"), program.total_cost)]
    pieces = [
        (_("tuition and fees"), program.tuition_fees),
        (_("books and supplies"), program.books_supplies),
        (_("other costs"), program.other_costs),
    ]
    return [(label, amount) for label, amount in pieces if amount]


def totals_to_credential(programs):
    """Each program's total to a credential, with no query: the fees and the pay it reads are
    kept per data version."""
    if not programs:
        return []
    every_fee = exam_fees()
    pay = newest_pay()
    totals = []
    for program in programs:
        state_pay = pay.by_state.get(program.school.state)
        totals.append(
            TotalToCredential(
                program=program,
                parts=cost_parts(program),
                cost=program.total_cost,
                is_estimate=program.cost_is_estimate,
                # A price that already includes the exam must not count the fee twice.
                fee=None if program.exam_fee_included else exam_fee_for(program, every_fee),
                pay=state_pay or pay.national,
                pay_is_national=state_pay is None,
            )
        )
    return totals


class AidOutlook(models.TextChoices):
    LIKELY = "likely", _("Likely eligible for federal student aid")
    SHORT = "short", _("Too short for regular federal student aid")
    UNKNOWN = "unknown", _("Unclear from the reported length: ask the school")
    NOT_IN_DATA = "not_in_data", _("School not in the federal student-aid data")


@dataclass
class FederalAid:
    """Whether the program's length and school fit the federal student aid rules, and why."""

    outlook: str
    hours: int | None = None
    hours_unit: str = ""
    # As the school reported them: weeks only where IPEDS has them, never worked out from months.
    weeks: int | None = None
    months: Decimal | None = None
    by_award_level: bool = False


def _hours_long_enough(program):
    if not program.length_hours:
        return None
    if program.length_hours_unit == "clock hours":
        return program.length_hours >= FULL_AID_CLOCK_HOURS
    if program.length_hours_unit == "credit hours":
        # IPEDS does not say whether credits are semester or quarter credits.
        if program.length_hours >= FULL_AID_QUARTER_CREDITS:
            return True
        if program.length_hours < FULL_AID_SEMESTER_CREDITS:
            return False
    return None


def _reported_months(program):
    """Only a length the school reported, and not one flagged as implausible."""
    return None if program.length_suspect else program.length_months


def _weeks_long_enough(months):
    """IPEDS reports whole months, so a reported 3 months may be 13 or 15 weeks: only a length
    that clears (or misses) 15 weeks after half a month of rounding either way decides."""
    if months is None:
        return None
    half = Decimal("0.5")
    if (months - half) * WEEKS_A_MONTH >= FULL_AID_WEEKS:
        return True
    if (months + half) * WEEKS_A_MONTH < FULL_AID_WEEKS:
        return False
    return None


def federal_aid(program):
    """Reported hours and weeks decide first; otherwise the IPEDS award level, if it settles it."""
    if program.school.ipeds_unitid is None:
        return FederalAid(AidOutlook.NOT_IN_DATA)
    months = _reported_months(program)
    weeks = None if program.length_suspect else program.reported_weeks
    hours_ok = _hours_long_enough(program)
    weeks_ok = weeks >= FULL_AID_WEEKS if weeks else _weeks_long_enough(months)
    aid = FederalAid(
        AidOutlook.UNKNOWN,
        hours=program.length_hours or None,
        hours_unit=hours_unit_label(program.length_hours_unit, program.length_hours or 0),
        weeks=weeks,
        months=months,
    )
    if hours_ok is False or weeks_ok is False:
        aid.outlook = AidOutlook.SHORT
    elif hours_ok and weeks_ok:
        aid.outlook = AidOutlook.LIKELY
    elif program.credential in LONG_AWARDS:
        aid.outlook, aid.by_award_level = AidOutlook.LIKELY, True
    elif program.credential in SHORT_AWARDS:
        aid.outlook, aid.by_award_level = AidOutlook.SHORT, True
    return aid
