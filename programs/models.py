import functools
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from certifications.fees import lowest_fees
from certifications.models import Certification
from core.cache import kept_per_data_version
from core.formatting import dollars, number, rounded
from core.models import (
    NaturalKeyMixin,
    PublishedQuerySet,
    QuickDeferredLoading,
    SlugNaturalKeyManager,
    reviewer_field,
)
from core.search import document
from core.validators import FigureRange, not_in_future, within
from guide.models import WageFigure
from programs.ipeds import ABHES_NOTE, NO_COST_SOURCE, NO_LENGTH_SOURCE
from programs.pricing import whole_program_cost

# What the site search matches a school by (programs/search.py); its GIN index below is built on
# the same expression, which PostgreSQL needs to use it.
SCHOOL_SEARCH_FIELDS = (("name", "A"), ("alias", "B"), ("city", "B"))

# Sane bounds for a medical assisting program: the longest credential (a bachelor's) is four
# years; the longest IPEDS clock-hour program is 1,500 hours, so 4,000 only stops typing slips.
MAX_MONTHS = 60
MAX_YEARS = 6
MAX_HOURS = 4000
MAX_WEEKS = 260
# Plausible ranges (core.validators.FigureRange). A program's price parts stay at or under
# $500,000 (room for the odd reported cost the import flags as suspect), so their total, at
# most $1.5 million, fits its column and every sum built on it.
PROGRAM_PRICE = FigureRange(0, 500_000, money=True)
TOTAL_PRICE = FigureRange(0, 1_500_000, money=True)
# A school's yearly prices and debt, as the Scorecard publishes them; net price may be below
# zero where grants exceed the cost of attendance.
SCHOOL_PRICE = FigureRange(0, 100_000, money=True)
NET_PRICE = FigureRange(-100_000, 100_000, money=True)
SCHOOL_DEBT = FigureRange(0, 200_000, money=True)
GRADUATES = FigureRange(0, 10_000)
ACCREDITED = ("caahep", "abhes")


class School(NaturalKeyMixin, QuickDeferredLoading, models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    ipeds_unitid = models.PositiveIntegerField(
        unique=True, null=True, blank=True, help_text=_("IPEDS unit ID; blank for other schools.")
    )
    name = models.CharField(max_length=200)
    alias = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, db_index=True)
    zip_code = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    sector = models.CharField(max_length=80, blank=True, help_text=_("“Public, 2-year”."))
    website = models.URLField(max_length=300, blank=True)
    net_price_calculator_url = models.URLField(max_length=500, blank=True)
    is_open = models.BooleanField(default=True)
    data_source = models.CharField(max_length=200, blank=True, help_text=_("“IPEDS HD2024”."))

    # College Scorecard: annual prices (for estimates) and outcomes of the whole school.
    scorecard_year = models.CharField(
        max_length=10, blank=True, help_text=_("Academic year of the Scorecard prices: “2023-24”.")
    )
    tuition_in_district = models.DecimalField(
        validators=[SCHOOL_PRICE],
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Annual tuition and fees at the lowest published rate (in-district at public "
            "colleges)."
        ),
    )
    tuition_in_state = models.DecimalField(
        validators=[SCHOOL_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    tuition_out_of_state = models.DecimalField(
        validators=[SCHOOL_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    books_supplies_per_year = models.DecimalField(
        validators=[SCHOOL_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    net_price = models.DecimalField(
        validators=[NET_PRICE],
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("School-wide average net price after grants, first-time full-time students."),
    )
    completion_rate_150pct = models.DecimalField(
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("School-wide share (0 to 1) finishing within 150% of normal time."),
    )
    pell_share = models.DecimalField(
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("School-wide share (0 to 1) of undergraduates with a Pell grant."),
    )
    median_debt_completers = models.DecimalField(
        validators=[SCHOOL_DEBT], max_digits=9, decimal_places=2, null=True, blank=True
    )
    median_debt_years = models.CharField(
        max_length=40, blank=True, help_text=_("Whose debt: “FY2020 and FY2021”.")
    )
    scorecard_source = models.CharField(max_length=200, blank=True)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "scorecard_source": [
            "tuition_in_district",
            "tuition_in_state",
            "tuition_out_of_state",
            "books_supplies_per_year",
            "net_price",
            "completion_rate_150pct",
            "pell_share",
            "median_debt_completers",
        ]
    }

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="school_coordinates"),
            GinIndex(document(*SCHOOL_SEARCH_FIELDS), name="school_search"),
        ]
        constraints = [
            # The finder finds schools without a location by latitude alone, through the index.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="school_coordinates_together",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            # Net price is left out: the Scorecard reports it below zero where grants exceed
            # the cost of attendance, and we show it as published.
            *SCHOOL_PRICE.constraints(
                "school",
                "tuition_in_district",
                "tuition_in_state",
                "tuition_out_of_state",
                "books_supplies_per_year",
            ),
            *NET_PRICE.constraints("school", "net_price"),
            *SCHOOL_DEBT.constraints("school", "median_debt_completers"),
            models.CheckConstraint(
                condition=models.Q(completion_rate_150pct__isnull=True)
                | models.Q(completion_rate_150pct__gte=0, completion_rate_150pct__lte=1),
                name="school_completion_rate_is_share",
                violation_error_message=_("A share is between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(pell_share__isnull=True)
                | models.Q(pell_share__gte=0, pell_share__lte=1),
                name="school_pell_share_is_share",
                violation_error_message=_("A share is between 0 and 1."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city}, {self.state})"

    @property
    def sector_label(self):
        """IPEDS's sector in the active language; a sector it adds later shows as it is."""
        label = SECTOR_LABELS.get(self.sector)
        return self.sector if label is None else str(label)


# Fewer reported lengths than this say too little about a credential to show their range.
MIN_PROGRAMS_FOR_RANGE = 5
MONTHS_A_YEAR = 12


def middle_half(values):
    """The 25th and 75th percentiles of at least two values: Python's "inclusive" quantiles,
    the same method as a spreadsheet's QUARTILE.INC. The site's one "middle half"."""
    low, _median, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, high


def months_of_pay(cost, annual_pay):
    """A cost as months of a yearly pay, to a tenth of a month, half up; None if either is
    unknown. The finder sorts by the same arithmetic in SQL: months_of_pay_sql()."""
    if cost is None or not annual_pay:
        return None
    return rounded(Decimal(cost) * MONTHS_A_YEAR / Decimal(annual_pay), 1)


def months_of_pay_sql(cost, annual_pay):
    """months_of_pay() as a database expression of two others, unrounded (it only orders).
    In floating point: SQLite divides whole-number decimals as integers."""
    as_float = models.FloatField()
    return (
        models.functions.Cast(cost, as_float)
        * float(MONTHS_A_YEAR)
        / models.functions.Cast(annual_pay, as_float)
    )


# The figures a visitor can limit, by the parameter that limits each: (field, name in words).
# A program that did not report a limited figure is never hidden by the limit: it is listed
# after the programs within the limits, under its own heading.
LIMITED_FIGURES = {"max_cost": ("total_cost", "cost"), "max_months": ("length_months", "length")}


def within_limits_q(**limits):
    """Limited figures reported and within the limits (max_cost=, max_months=), as plain
    ranges: the databases then walk the cost or length index in order and stop after a page."""
    return models.Q(
        **{
            f"{LIMITED_FIGURES[name][0]}__lte": limit
            for name, limit in limits.items()
            if limit is not None
        }
    )


def unreported_q(**limits):
    """Programs that did not report a figure the visitor limited."""
    condition = models.Q()
    for name, limit in limits.items():
        if limit is not None:
            condition |= models.Q(**{f"{LIMITED_FIGURES[name][0]}__isnull": True})
    return condition


def not_beyond_q(**limits):
    """What limits keep (max_cost=, max_months=): each limited figure within its limit or not
    reported."""
    condition = models.Q()
    for name, limit in limits.items():
        if limit is not None:
            condition &= within_limits_q(**{name: limit}) | unreported_q(**{name: limit})
    return condition


def missing_figures(values, **limits):
    """Which limited figures ("cost", "length") a program did not report; values maps field
    names to the program's values (a row of values(), or a program's vars())."""
    return tuple(
        word
        for name, (field, word) in LIMITED_FIGURES.items()
        if limits.get(name) is not None and values.get(field) is None
    )


DATA_COUNTS = {
    "programs": models.Count("pk"),
    "reported_cost": models.Count(
        "pk", filter=models.Q(total_cost__isnull=False, cost_is_estimate=False)
    ),
    "estimated_cost": models.Count(
        "pk", filter=models.Q(total_cost__isnull=False, cost_is_estimate=True)
    ),
    "no_cost": models.Count("pk", filter=models.Q(total_cost__isnull=True)),
    "reported_length": models.Count("pk", filter=models.Q(length_months__isnull=False)),
    "no_length": models.Count("pk", filter=models.Q(length_months__isnull=True)),
    "flagged": models.Count(
        "pk", filter=models.Q(cost_suspect=True) | models.Q(length_suspect=True)
    ),
    "accreditation_checked": models.Count(
        "pk", filter=models.Q(accreditation_checked_on__isnull=False)
    ),
}


@dataclass(frozen=True)
class Shown:
    """A program figure as every page shows it (result card, program page, comparison): the
    words, an aside in smaller type, and the kind of figure."""

    REPORTED, ESTIMATE, FLAGGED, UNKNOWN = "reported", "estimate", "flagged", "unknown"

    kind: str
    text: str = ""
    note: str = ""

    def __str__(self):
        return f"{self.text} {self.note}" if self.note else self.text


# The longest a program of these award levels can run by their own label, in months: under 12
# weeks, under one academic year (a full-time year is at most 12 months).
CREDENTIAL_MONTHS = {"short_certificate": 3, "certificate": 12}


def check_with_school(text):
    return gettext("Reported as %(value)s: check with the school") % {"value": text}


def months_text(months):
    return gettext("%(months)s months") % {"months": number(months, 1)}


# The data keeps IPEDS's English words for a length's unit and a school's sector; pages show them
# through these labels, so a Spanish page never prints the raw value.
CLOCK_HOURS = "clock hours"
CREDIT_HOURS = "credit hours"


def hours_unit_label(unit, hours):
    """The unit of a reported length in the active language, singular or plural for `hours`;
    a unit IPEDS adds later shows as it is."""
    if unit == CLOCK_HOURS:
        return ngettext("clock hour", "clock hours", hours)
    if unit == CREDIT_HOURS:
        return ngettext("credit hour", "credit hours", hours)
    return unit


def hours_text(hours, unit):
    """Reported hours with their unit: "900 clock hours"."""
    return f"{number(hours)} {hours_unit_label(unit, hours)}".strip()


def source_label(source):
    """A figure's source as pages show it: the importer's marker for "IPEDS has none" is
    worded in the active language; a named source stays as it is written."""
    if source in {NO_COST_SOURCE, NO_LENGTH_SOURCE}:
        return gettext("Not reported to IPEDS")
    return source


SECTOR_LABELS = {
    "Public, 2-year": _("Public, 2-year"),
    "Public, 4-year or above": _("Public, 4-year or above"),
    "Public, less-than 2-year": _("Public, less-than 2-year"),
    "Private for-profit, 2-year": _("Private for-profit, 2-year"),
    "Private for-profit, 4-year or above": _("Private for-profit, 4-year or above"),
    "Private for-profit, less-than 2-year": _("Private for-profit, less-than 2-year"),
    "Private not-for-profit, 2-year": _("Private not-for-profit, 2-year"),
    "Private not-for-profit, 4-year or above": _("Private not-for-profit, 4-year or above"),
    "Private not-for-profit, less-than 2-year": _("Private not-for-profit, less-than 2-year"),
}


_LABELS = {}


def label_of(choices, value):
    """A choice's label in the active language, translated once per process and language."""
    key = (choices, value, get_language())
    if key not in _LABELS:
        _LABELS[key] = str(choices(value).label)
    return _LABELS[key]


# What a result card and the API's list of programs read (Program.cost_shown, length_shown and
# accreditation_label included); anything else would cost a query a program, which the
# query-count tests would catch.
RESULT_COLUMNS = [
    "slug",
    "name",
    "published",
    "credential",
    "format",
    "format_confirmed",
    "length_months",
    "reported_length_months",
    "length_suspect",
    "length_hours",
    "length_hours_unit",
    "reported_weeks",
    "tuition_fees",
    "total_cost",
    "cost_is_estimate",
    "cost_suspect",
    "evening",
    "weekend",
    "part_time",
    "has_externship",
    "accreditation",
    "accreditation_note",
    "accreditation_checked_on",
    "graduates_per_year",
    "graduates_year",
    "school__slug",
    "school__name",
    "school__city",
    "school__state",
]


def published_certifications():
    """A program's certifications, in order, for prefetching. Only published ones: an editor who
    unpublishes one takes it off every program page, card and comparison."""
    return models.Prefetch(
        "certifications", queryset=Certification.objects.published().order_by("sort_order")
    )


def certification_codes_by_program():
    """Each program's published credentials' codes, in order, by program id (programs with none
    are left out): read once per data version of the programs and credentials
    (core.cache.kept_per_data_version), since every page of results names them alike."""

    def read():
        links = (
            Program.certifications.through.objects.filter(certification__published=True)
            .order_by("certification__sort_order", "certification__code")
            .values_list("program_id", "certification__code")
        )
        codes = {}
        for program_id, code in links:
            codes.setdefault(program_id, []).append(code)
        return codes

    return kept_per_data_version("certification-codes", read, scope="programs")


def name_certifications(programs):
    """Set each program's `certification_codes`: its published credentials' codes, in order,
    without a query while the data are unchanged (certification_codes_by_program)."""
    codes = certification_codes_by_program()
    for program in programs:
        program.certification_codes = list(codes.get(program.pk, ()))
    return programs


@functools.cache
def others_at_school(model, using):
    """Whether the school lists another published program, as SQL compiled once per process
    and database from this one definition: annotating the Exists itself made every page copy,
    resolve and compile its subquery again, a sixth of reading a page of results.

    The SQL names the outer row by the model's table, which is how Django names the main table
    of a query; so annotate a query on that table, not one that becomes another's subquery.
    """
    others = (
        model.objects.published()
        .filter(school=models.OuterRef("school"))
        .exclude(pk=models.OuterRef("pk"))
    )
    query = model.objects.annotate(others=models.Exists(others)).query
    sql, params = query.get_compiler(using).compile(query.annotations["others"])
    return RawSQL(sql, params, output_field=models.BooleanField())


class ProgramQuerySet(PublishedQuerySet):
    def published(self):
        """Programs the public may see: published, at an open school."""
        return super().published().filter(school__is_open=True)

    def for_listing(self):
        """A program with its school and certifications, in a fixed number of queries."""
        return self.select_related("school").prefetch_related(published_certifications())

    def for_results(self):
        """for_listing() with only the columns a page of the finder's results shows (its cards
        and the API's list of programs): a page builds some fifty model instances, each paying
        for every column it reads. Name their credentials with name_certifications()."""
        return self.select_related("school").only(*RESULT_COLUMNS)

    def naming_credentials(self):
        """Annotate `school_has_others`: whether the school lists another published program,
        so a card names its credential rather than look like a duplicate."""
        return self.annotate(school_has_others=others_at_school(self.model, self.db))

    def with_known_cost(self):
        """Programs that show a total cost, reported or estimated."""
        return self.filter(total_cost__isnull=False)

    def matching_text(self, text):
        """School name, alias or city contains the text."""
        return self.filter(
            models.Q(school__name__icontains=text)
            | models.Q(school__alias__icontains=text)
            | models.Q(school__city__icontains=text)
        )

    def other_prices_at_school(self, program):
        """The school's other programs with a reported price: what it reported for them, named
        as theirs, where this program reported none."""
        return (
            self.filter(school=program.school_id, tuition_fees__isnull=False)
            .exclude(pk=program.pk)
            .order_by("ipeds_award_level", "name")
        )

    def in_state(self, state):
        return self.filter(school__state=state)

    def within_limits(self, max_cost=None, max_months=None):
        """Programs whose limited figures are reported and within the limits."""
        return self.filter(within_limits_q(max_cost=max_cost, max_months=max_months))

    def unreported(self, max_cost=None, max_months=None):
        """Programs that did not report a limited figure: listed after the others."""
        return self.filter(unreported_q(max_cost=max_cost, max_months=max_months))

    def not_beyond(self, max_cost=None, max_months=None):
        """What limits keep: each limited figure within its limit or not reported."""
        return self.filter(not_beyond_q(max_cost=max_cost, max_months=max_months))

    def data_counts(self):
        """How many programs have a reported, estimated or no cost; a reported length or
        none; a flagged value; a checked accreditation: the data report, in one query."""
        return self.aggregate(**DATA_COUNTS)

    def data_counts_by_state(self):
        """The same counts per state or territory, in one query, by state code."""
        rows = self.order_by().values("school__state").annotate(**DATA_COUNTS)
        return {row.pop("school__state"): row for row in rows.order_by("school__state")}

    def reported_length_ranges(self):
        """Credential -> (lower, upper quartile) of the lengths programs reported, in months."""
        lengths = {}
        rows = self.filter(length_months__isnull=False).values_list("credential", "length_months")
        for credential, months in rows.order_by():
            lengths.setdefault(credential, []).append(months)
        return {
            credential: middle_half(values)
            for credential, values in lengths.items()
            if len(values) >= MIN_PROGRAMS_FOR_RANGE
        }

    def count_by_state(self):
        """{state code: number of programs}, for states with at least one."""
        return dict(
            self.order_by()
            .values("school__state")
            .annotate(n=models.Count("pk"))
            .values_list("school__state", "n")
        )

    def with_credential_totals(self):
        """Annotate `credential_total` (the cost plus the cheapest exam fee, the low end of the
        total to a credential in programs/costs.py) and `months_of_pay` (that total over the
        median monthly MA pay in the school's state), for sorting the finder by them.

        Fees are those certifications.fees confirms (the best-source rule: a fee only a
        test-prep page gives is left out): the program's cheapest, else the lowest of all.
        """
        lows = lowest_fees()
        state_pay = WageFigure.objects.filter(
            area_type=WageFigure.AreaType.STATE, state_code=models.OuterRef("school__state")
        ).order_by("-year")
        money = models.DecimalField(max_digits=11, decimal_places=2)
        fee = models.Value(0, output_field=money)
        if lows:
            own_low = models.Case(
                *(
                    models.When(certification_id=pk, then=models.Value(low))
                    for pk, low in lows.items()
                ),
                output_field=money,
            )
            own_fee = (
                Program.certifications.through.objects.filter(
                    program=models.OuterRef("pk"), certification_id__in=list(lows)
                )
                .order_by()
                .values("program")
                .annotate(low=models.Min(own_low))
                .values("low")
            )
            fee = models.functions.Coalesce(
                models.Subquery(own_fee, output_field=money),
                models.Value(min(lows.values()), output_field=money),
            )
        total = models.ExpressionWrapper(models.F("total_cost") + fee, output_field=money)
        return self.annotate(
            # Reported prices first, then estimates, then programs with no cost at all.
            cost_rank=models.Case(
                models.When(total_cost__isnull=True, then=2),
                models.When(cost_is_estimate=True, then=1),
                default=0,
            ),
            credential_total=total,
        ).annotate(
            months_of_pay=months_of_pay_sql(
                "credential_total", models.Subquery(state_pay.values("annual_median")[:1])
            )
        )

    def cost_and_length_facts(self):
        """(pk, total cost, cost is an estimate, school-reported months) of each program.

        One light query for a summary over many programs (a state page's typical cost,
        cheapest and shortest); fetch the few programs to show afterwards by pk.
        """
        # A length flagged as implausible is left out, as the finder leaves it out of sorts.
        return self.annotate(
            school_length=models.Case(
                models.When(length_suspect=False, then="length_months"),
                default=None,
                output_field=models.DecimalField(max_digits=4, decimal_places=1),
            ),
            estimated=models.F("cost_is_estimate"),
        ).values_list("pk", "total_cost", "estimated", "school_length")


class Program(NaturalKeyMixin, QuickDeferredLoading, models.Model):
    class Credential(models.TextChoices):
        # IPEDS award levels count full-time academic years of hours, not calendar months.
        SHORT_CERTIFICATE = "short_certificate", _("Short certificate (under 12 weeks)")
        CERTIFICATE = "certificate", _("Certificate (under one academic year)")
        DIPLOMA = "diploma", _("Certificate or diploma (one academic year or more)")
        ASSOCIATE = "associate", _("Associate degree")
        ADVANCED_CERTIFICATE = (
            "advanced_certificate",
            _("Certificate (two academic years or more)"),
        )
        BACHELOR = "bachelor", _("Bachelor's degree")

    class CostMatch(models.TextChoices):
        ONLY_LEVEL = "only_level", _("the school's only MA credential and only cost")
        HOURS_FIT = "hours_fit", _("its hours fit this credential")
        CLOSER_LENGTH = (
            "closer_length",
            _("its hours fit more than one credential; its months are closer to this one"),
        )

    class Format(models.TextChoices):
        CAMPUS = "campus", _("On campus")
        HYBRID = "hybrid", _("Hybrid")
        ONLINE = "online", _("Online")

    class Accreditation(models.TextChoices):
        CAAHEP = "caahep", _("CAAHEP")
        ABHES = "abhes", _("ABHES")
        NONE = "none", _("Not programmatically accredited")
        UNKNOWN = "unknown", _("Not yet checked")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="programs")
    slug = models.SlugField(max_length=160, unique=True)
    name = models.CharField(max_length=200, help_text=_("“Medical Assisting, certificate”."))
    credential = models.CharField(max_length=24, choices=Credential.choices, db_index=True)
    ipeds_award_level = models.PositiveSmallIntegerField(null=True, blank=True)

    format = models.CharField(
        max_length=10, choices=Format.choices, default=Format.CAMPUS, db_index=True
    )
    format_confirmed = models.BooleanField(
        default=False, help_text=_("Tick once the school has confirmed the format.")
    )
    length_months = models.DecimalField(
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_MONTHS)],
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Only a length the program reported and that is not flagged; blank otherwise."
        ),
    )
    reported_length_months = models.DecimalField(
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_MONTHS)],
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The months the school reported, also when flagged."),
    )
    length_suspect = models.BooleanField(
        default=False,
        help_text=_(
            "The reported length looks wrong (a certificate over 24 months, or months and hours "
            "more than twice apart): shown as reported, left out of filters and sorts."
        ),
    )
    length_hours = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)]
    )
    length_hours_unit = models.CharField(max_length=20, blank=True, help_text=_("“clock hours”."))
    reported_weeks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKS)],
        help_text=_(
            "The weeks the school reported (IPEDS asks them only of a school's largest "
            "program). Never work them out from months: blank shows no weeks."
        ),
    )

    tuition_fees = models.DecimalField(
        validators=[PROGRAM_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    books_supplies = models.DecimalField(
        validators=[PROGRAM_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    other_costs = models.DecimalField(
        validators=[PROGRAM_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    total_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "Computed: tuition and fees plus books and other costs, or else the estimate."
        ),
    )
    cost_is_estimate = models.BooleanField(
        default=False, editable=False, help_text=_("Computed: the total cost is the estimate.")
    )
    estimated_cost = models.DecimalField(
        validators=[PROGRAM_PRICE],
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Used when no cost is reported: (the school's annual tuition and fees + books) "
            "times the length in academic years, at the lowest published rate. If you replace "
            "it, name your source under Cost source, or the next import recomputes it."
        ),
    )
    estimated_cost_out_of_state = models.DecimalField(
        validators=[PROGRAM_PRICE], max_digits=9, decimal_places=2, null=True, blank=True
    )
    estimate_years = models.DecimalField(
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_YEARS)],
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Academic years the estimate counts."),
    )
    cost_match = models.CharField(
        max_length=20,
        choices=CostMatch.choices,
        blank=True,
        help_text=_("How the IPEDS program cost was matched to this award level."),
    )
    cost_suspect = models.BooleanField(
        default=False, help_text=_("The reported cost looks wrong; it is not shown.")
    )
    exam_fee_included = models.BooleanField(
        null=True, blank=True, help_text=_("Does the cost include the certification exam fee?")
    )

    evening = models.BooleanField(default=False, help_text=_("Evening classes offered."))
    weekend = models.BooleanField(default=False, help_text=_("Weekend classes offered."))
    part_time = models.BooleanField(default=False, help_text=_("Can be taken part time."))
    has_externship = models.BooleanField(
        null=True, blank=True, help_text=_("Includes an externship; blank = not known.")
    )
    externship_hours = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
        help_text=_("Only with an externship; blank when not known."),
    )
    onsite_hours = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HOURS)],
        help_text=_("Hours that must be done in person."),
    )

    accreditation = models.CharField(
        max_length=10, choices=Accreditation.choices, default=Accreditation.UNKNOWN, db_index=True
    )
    accreditation_note = models.CharField(
        max_length=200, blank=True, help_text=_("“ABHES (2020 record, not re-checked)”.")
    )
    accreditation_checked_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_(
            "The day you checked the accreditor's directory. Imports never change a checked value."
        ),
    )
    accreditation_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    accreditation_checked_url = models.URLField(
        max_length=500, blank=True, help_text=_("The directory page that shows the program.")
    )
    certifications = models.ManyToManyField(
        Certification, related_name="programs", blank=True, help_text=_("Exams it prepares for.")
    )

    graduates_per_year = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, validators=[GRADUATES]
    )
    graduates_year = models.CharField(max_length=10, blank=True, help_text=_("“2023-24”."))

    cost_source = models.CharField(max_length=200, blank=True)
    length_source = models.CharField(max_length=200, blank=True)
    graduates_source = models.CharField(max_length=200, blank=True)
    data_source = models.CharField(max_length=200, blank=True)
    data_as_of = models.CharField(max_length=40, blank=True)
    last_verified = models.DateField(null=True, blank=True, validators=[not_in_future])
    last_verified_by = reviewer_field()
    published = models.BooleanField(default=True, db_index=True)

    objects = ProgramQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[certifications])
    # Figures each source vouches for: changing one asks for its source (core.forms).
    figure_sources = {
        "cost_source": [
            "tuition_fees",
            "books_supplies",
            "other_costs",
            "estimated_cost",
            "estimated_cost_out_of_state",
        ],
        "length_source": [
            "length_months",
            "reported_length_months",
            "length_hours",
            "reported_weeks",
        ],
        "graduates_source": ["graduates_per_year"],
    }

    class Meta:
        ordering = ["school__name", "name"]
        constraints = [
            *PROGRAM_PRICE.constraints(
                "program",
                "tuition_fees",
                "books_supplies",
                "other_costs",
                "estimated_cost",
                "estimated_cost_out_of_state",
            ),
            *TOTAL_PRICE.constraints("program", "total_cost"),
            *GRADUATES.constraints("program", "graduates_per_year"),
            within("program", "length_months", 0, MAX_MONTHS),
            within("program", "reported_length_months", 0, MAX_MONTHS),
            within("program", "estimate_years", 0, MAX_YEARS),
            within("program", "length_hours", 0, MAX_HOURS),
            within("program", "externship_hours", 0, MAX_HOURS),
            models.CheckConstraint(
                condition=models.Q(onsite_hours__isnull=True)
                | models.Q(onsite_hours__lte=MAX_HOURS),
                name="program_onsite_hours_in_range",
                violation_error_message=_("A figure is outside the range it may take (%(name)s)."),
            ),
            models.CheckConstraint(
                condition=models.Q(externship_hours__isnull=True) | models.Q(has_externship=True),
                name="program_externship_hours_need_externship",
                violation_error_message=_("Externship hours need “Includes an externship”."),
            ),
            # The one unchecked accreditation allowed is the imported 2020 ABHES record, which
            # says so in its note wherever it is shown.
            models.CheckConstraint(
                condition=~models.Q(accreditation__in=ACCREDITED)
                | models.Q(accreditation_checked_on__isnull=False)
                | models.Q(accreditation="abhes", accreditation_note=ABHES_NOTE),
                name="program_accreditation_checked",
                violation_error_message=_(
                    "A CAAHEP or ABHES accreditation needs the day you checked the directory."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.school.name}"

    def save(self, *args, **kwargs):
        self.total_cost = self.compute_total_cost()
        self.cost_is_estimate = self.tuition_fees is None and self.total_cost is not None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})

    # Labels through label_of(): get_FOO_display() rebuilds a dict of every choice on each
    # call, and a lazy label is translated again each time a template prints it.
    @property
    def cost_source_label(self):
        return source_label(self.cost_source)

    @property
    def length_source_label(self):
        return source_label(self.length_source)

    @property
    def length_hours_text(self):
        return hours_text(self.length_hours, self.length_hours_unit)

    @property
    def credential_label(self):
        return label_of(self.Credential, self.credential)

    @property
    def format_label(self):
        return label_of(self.Format, self.format)

    @property
    def accreditation_label(self):
        """“CAAHEP-accredited (checked Nov 1, 2026)” once an editor checked; else the note."""
        status = label_of(self.Accreditation, self.accreditation)
        if not self.accreditation_checked_on:
            return self.accreditation_note or status
        checked = date_format(self.accreditation_checked_on, "SHORT_DATE_FORMAT")
        if self.accreditation in ACCREDITED:
            return _("%(body)s-accredited (checked %(date)s)") % {"body": status, "date": checked}
        return _("%(status)s (checked %(date)s)") % {"status": status, "date": checked}

    @property
    def cost_shown(self):
        """The total cost: reported, estimated from yearly tuition, flagged or unknown."""
        if self.cost_is_estimate:
            return Shown(
                Shown.ESTIMATE,
                gettext("about %(cost)s") % {"cost": dollars(self.total_cost)},
                gettext("(estimate from yearly tuition)"),
            )
        if self.total_cost is not None:
            return Shown(Shown.REPORTED, dollars(self.total_cost))
        if self.cost_suspect and self.tuition_fees is not None:
            return Shown(Shown.FLAGGED, check_with_school(dollars(self.tuition_fees)))
        return Shown(Shown.UNKNOWN)

    @property
    def length_shown(self):
        """The length in months, with the hours and weeks the school reported (weeks only as
        reported, never worked out from months); a flagged length as reported, marked to check
        with the school."""
        reported = []
        if self.length_hours:
            reported.append(hours_text(self.length_hours, self.length_hours_unit))
        if self.reported_weeks:
            reported.append(
                ngettext("%(weeks)s week", "%(weeks)s weeks", self.reported_weeks)
                % {"weeks": number(self.reported_weeks)}
            )
        hours = f"({', '.join(reported)})" if reported else ""
        if self.length_suspect and self.reported_length_months is not None:
            text = check_with_school(months_text(self.reported_length_months))
            return Shown(Shown.FLAGGED, text, hours)
        if self.length_months is not None:
            if self.length_months > CREDENTIAL_MONTHS.get(self.credential, self.length_months):
                # "Under one academic year" and 15 months cannot both be right.
                return Shown(
                    Shown.FLAGGED, check_with_school(months_text(self.length_months)), hours
                )
            return Shown(Shown.REPORTED, months_text(self.length_months), hours)
        return Shown(Shown.UNKNOWN)

    def clean(self):
        errors = {}
        if self.externship_hours is not None and self.has_externship is not True:
            errors["externship_hours"] = _(
                "Externship hours are only given with an externship: tick “Includes an "
                "externship” or clear the hours."
            )
        imported_abhes = (
            self.accreditation == self.Accreditation.ABHES
            and self.accreditation_note == ABHES_NOTE
        )
        if (
            self.accreditation in ACCREDITED
            and self.accreditation_checked_on is None
            and not imported_abhes
        ):
            errors["accreditation_checked_on"] = _(
                "A CAAHEP or ABHES accreditation needs the day you checked the accreditor's "
                "directory."
            )
        if errors:
            raise ValidationError(errors)

    def estimate_follows_tuition(self):
        """Whether the estimate is still the school's yearly tuition and books times the years,
        so its arithmetic can be shown; an editor may have replaced it with a better figure."""
        school = self.school
        if None in (self.estimated_cost, self.estimate_years, school.tuition_in_district):
            return False
        books = school.books_supplies_per_year or Decimal(0)
        expected = (school.tuition_in_district + books) * self.estimate_years
        return expected.quantize(Decimal("0.01")) == self.estimated_cost

    def compute_total_cost(self):
        return whole_program_cost(
            self.tuition_fees,
            (self.books_supplies, self.other_costs),
            self.estimated_cost,
            self.cost_suspect,
        )
