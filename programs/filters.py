"""The program finder's filters: one form for every public query parameter, and the facets.

Facet groups (format, credential, ...) are "OR within a group, AND across groups" except
schedule, where every chosen option must hold. Each option's count is what the results would
be if the visitor ticked it, given everything else they chose, all in one aggregate query.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Value
from django.utils.translation import gettext_lazy as _

from core.forms import PlainCharField
from core.states import state_choices
from core.widgets import StrictNumberInput
from programs import geo
from programs.models import (
    LIMITED_FIGURES,
    Program,
    missing_figures,
    name_certifications,
    not_beyond_q,
    unreported_q,
    within_limits_q,
)

RADII = [
    ("10", _("10 miles")),
    ("25", _("25 miles")),
    ("50", _("50 miles")),
    ("100", _("100 miles")),
]
SORTS = [
    ("graduates", _("Most graduates first")),
    ("cost", _("Lowest total cost first")),
    ("total", _("Lowest total to a credential first")),
    ("months_of_pay", _("Fewest months of your state's median pay first")),
    ("length", _("Shortest first")),
    ("distance", _("Nearest first")),
    ("name", _("School name A to Z")),
]
FACETS = {
    "format": Program.Format.choices,
    "credential": Program.Credential.choices,
    "accreditation": [("caahep", _("CAAHEP")), ("abhes", _("ABHES"))],
    "certification": [("cma", "CMA"), ("rma", "RMA"), ("ncma", "NCMA"), ("ccma", "CCMA")],
    "schedule": [
        ("evening", _("Evening classes")),
        ("weekend", _("Weekend classes")),
        ("part_time", _("Part time")),
    ],
    "externship": [("1", _("Includes an externship"))],
}
FACET_LABELS = {
    "format": _("Format"),
    "credential": _("Credential"),
    "accreditation": _("Program accreditation"),
    "certification": _("Prepares you for"),
    "schedule": _("Schedule"),
    "externship": _("Externship"),
}
# How the line under the filters names a fact no program has yet.
UNKNOWN_FACTS = {
    "format": _("format"),
    "credential": _("credential"),
    "accreditation": _("program accreditation"),
    "certification": _("which certification exams a program prepares for"),
    "schedule": _("class schedules"),
    "externship": _("externships"),
}
# Within these groups every chosen option must hold, so a count includes the group's own choice.
ALL_OF = {"schedule", "externship"}


DEFAULT_RADIUS = 25
# The columns a limit looks at, for rows read without the model.
LIMITED_COLUMNS = [column for column, _word in LIMITED_FIGURES.values()]
# Each order (but name) ends with the primary key alone, so an index can serve it whole.
ORDERINGS = {
    "graduates": [F("graduates_per_year").desc(nulls_last=True), "pk"],
    "cost": [F("total_cost").asc(nulls_last=True), "pk"],
    "length": [F("length_months").asc(nulls_last=True), "pk"],
    # Reported prices before estimates, each group from the lowest figure (see
    # ProgramQuerySet.with_credential_totals, which these two need).
    "total": ["cost_rank", F("credential_total").asc(nulls_last=True), "pk"],
    "months_of_pay": ["cost_rank", F("months_of_pay").asc(nulls_last=True), "pk"],
    "name": ["school__name", "name", "pk"],
}
TOTAL_SORTS = {"total", "months_of_pay"}


def option_lookup(group, value):
    """The field one facet option looks at, and the value it asks of a program."""
    if group == "certification":
        return "certifications__slug", value
    if group == "schedule":
        return value, True
    if group == "externship":
        return "has_externship", True
    return group, value


def option_q(group, value):
    """The condition one facet option puts on a program."""
    if group in ALL_OF:
        field, wanted = option_lookup(group, value)
        return Q(**{field: wanted})
    return any_option_q(group, [value])


def any_option_q(group, values):
    """Programs with any of these options of a group outside ALL_OF, whose options are values of
    one field: one IN, where an OR of equalities cost the ORM a condition to build for each, in
    most of the facet aggregate's counts."""
    if group == "certification":
        # Not correlated with the outer row, so the databases work the list out once (a hashed
        # subplan) instead of probing it for each program the facet counts look at.
        prepared = Program.certifications.through.objects.filter(certification__slug__in=values)
        return Q(pk__in=prepared.values("program_id"))
    return Q(**{f"{group}__in": values})


def group_q(group, values):
    """Programs with any of the group's chosen options (all of them for ALL_OF groups)."""
    if not values:
        return Q()
    if group not in ALL_OF:
        return any_option_q(group, values)
    combined = Q()
    for value in values:
        combined &= option_q(group, value)
    return combined


def options_in_use():
    """Whether some published program has each facet option ({"format__online": True}), from
    the few distinct combinations of the fields the options look at: one query, lighter to
    build and to run than a count or an EXISTS for each option."""
    lookups = {
        f"{group}__{value}": option_lookup(group, value)
        for group, options in FACETS.items()
        for value, _label in options
    }
    fields = sorted({field for field, _wanted in lookups.values()})
    present = {field: set() for field in fields}
    for combination in Program.objects.published().order_by().values_list(*fields).distinct():
        for field, value in zip(fields, combination, strict=True):
            present[field].add(value)
    return {key: wanted in present[field] for key, (field, wanted) in lookups.items()}


class FinderForm(forms.Form):
    """Parameters that do not filter by themselves: the ZIP code and radius (the finder works out
    distances) and the order."""

    zip = forms.CharField(
        label=_("ZIP code"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"), choices=RADII, coerce=int, required=False, initial="25"
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def clean_zip(self):
        value = self.cleaned_data["zip"].strip()
        if not value:
            return ""
        if not geo.is_zip(value):
            raise forms.ValidationError(_("Enter a five-digit US ZIP code."))
        if geo.zip_coordinates(value) is None:
            raise forms.ValidationError(_("We don't know that ZIP code. Check it and try again."))
        return value

    def offer_sorts(self, near):
        """The Sort select's options: first the order used when the visitor chooses none
        (nearest first with a ZIP code, else the largest first), sent as "" so that it is
        not a choice; nearest first only with a ZIP code."""
        default = "distance" if near else "graduates"
        labels = dict(SORTS)
        self.fields["sort"].choices = [("", labels[default])] + [
            (value, label)
            for value, label in SORTS
            if value != default and (near or value != "distance")
        ]
        return default

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == "distance" and not cleaned.get("zip"):
            self.add_error("sort", _("Enter a ZIP code to sort by distance."))
            cleaned["sort"] = ""
        return cleaned


@dataclass
class Nearby:
    """Programs within the radius of a ZIP code: exact miles by id, and how many programs
    were left out for want of a school location."""

    distances: dict
    without_coordinates: int
    # How many programs matching every filter lie within each radius offered: {100: 4}.
    within: dict
    # Those within the radius, as rows with the figures a limit looks at (nearest first
    # orders them without another query).
    listed: list
    # How many programs within the radius each limit let go would list: {"max_months": 9}.
    without: dict


class InOrder(Sequence):
    """Programs in order, read a page at a time by the paginator and in chunks by the CSV.

    The one sequence the finder needs rather than a queryset: listing the programs that did not
    report a limited figure last with one ORDER BY made the databases sort every match (43 ms at
    100,000 programs on SQLite), where two plainly ordered querysets walk the sort's index and
    stop after a page (under 1 ms). parts: (ordered queryset, its size) pairs, or one (list of
    ids in order, its length) for nearest first; a page queries only the parts it reaches.
    """

    def __init__(self, parts):
        self.parts = parts

    def __len__(self):
        return sum(size for _part, size in self.parts)

    def __getitem__(self, index):
        """A page, with only the columns a page of results shows (ProgramQuerySet.for_results);
        iterating gives every match whole, for the CSV."""
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        programs = []
        for part, size in self.parts:
            if start < size and stop > 0:
                programs += self.read(part, max(start, 0), min(stop, size), whole=False)
            start, stop = start - size, stop - size
        return name_certifications(programs)

    def __iter__(self):
        for part, size in self.parts:
            if isinstance(part, list):
                for start in range(0, size, 500):
                    yield from self.read(part, start, start + 500)
            else:
                yield from part.for_listing().iterator(chunk_size=500)

    @staticmethod
    def read(part, start, stop, whole=True):
        if isinstance(part, list):
            ids = part[start:stop]
            programs = Program.objects.all()
            programs = programs.for_listing() if whole else programs.for_results()
            rows = programs.naming_credentials().in_bulk(ids)
            return [rows[pk] for pk in ids if pk in rows]
        programs = part.for_listing() if whole else part.for_results()
        return list(programs.naming_credentials()[start:stop])


def facet_filter(group):
    return django_filters.MultipleChoiceFilter(
        label=FACET_LABELS[group],
        # A callable, like the states below, so per-request copies don't copy the options.
        choices=lambda: FACETS[group],
        method="filter_facet",
        widget=forms.CheckboxSelectMultiple,
    )


class KeywordFilter(django_filters.CharFilter):
    field_class = PlainCharField


class ProgramFilter(django_filters.FilterSet):
    q = KeywordFilter(label=_("School or city"), method="filter_text", max_length=100)
    state = django_filters.ChoiceFilter(
        label=_("State"),
        # A callable: every request copies the filter and its form field, and would copy the
        # fifty-one states with them.
        choices=state_choices,
        method="filter_state",
        empty_label=_("Any state"),
    )
    max_months = django_filters.NumberFilter(
        label=_("Longest length (months)"),
        method="filter_length",
        min_value=1,
        max_value=120,
        widget=StrictNumberInput,
    )
    max_cost = django_filters.NumberFilter(
        label=_("Highest total cost ($)"),
        method="filter_cost",
        min_value=0,
        max_value=1_000_000,
        widget=StrictNumberInput,
    )
    format = facet_filter("format")
    credential = facet_filter("credential")
    accreditation = facet_filter("accreditation")
    certification = facet_filter("certification")
    schedule = facet_filter("schedule")
    externship = facet_filter("externship")
    hide_unknown = django_filters.BooleanFilter(
        label=_("Hide programs that did not report their cost or length"),
        method="filter_hide_unknown",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Program
        fields = []
        form = FinderForm

    def get_form_class(self):
        """The form class, built once per process: its fields come from the filters'
        declarations alone (the options are callables), so no request changes them, and building
        the class and a field for each filter cost more than the form's validation."""
        cls = type(self)
        if "form_class" not in cls.__dict__:
            cls.form_class = super().get_form_class()
        return cls.form_class

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value.strip()) if value.strip() else queryset

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_cost(self, queryset, name, value):
        return queryset.not_beyond(max_cost=value)

    def filter_length(self, queryset, name, value):
        return queryset.not_beyond(max_months=value)

    def filter_hide_unknown(self, queryset, name, value):
        return queryset.within_limits(**self.limits()) if value else queryset

    def filter_facet(self, queryset, name, value):
        return queryset.filter(group_q(name, value))

    def filter_queryset(self, queryset, leave_out=()):
        """Every valid filter given, but those named in leave_out.

        An invalid value leaves its own filter out and the others apply (the page says so).
        """
        for name, value in self.cleaned.items():
            if name in self.filters and name not in leave_out and value not in (None, "", []):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def cleaned(self):
        """The valid values of the parameters given; nothing when there were none."""
        return self.form.cleaned_data if self.is_bound else {}

    def chosen(self):
        """The valid facet choices, by group."""
        return {group: self.cleaned.get(group) or [] for group in FACETS}

    def limits(self):
        """The limits the visitor gave, for the QuerySet methods: {"max_cost": 15000}."""
        return {
            name: self.cleaned[name]
            for name in LIMITED_FIGURES
            if self.cleaned.get(name) is not None
        }

    def includes_unknown(self):
        """Programs missing a limited figure are listed after the others unless hidden."""
        return not self.cleaned.get("hide_unknown")

    def missing(self, values):
        """Which limited figures a program did not report (a row of values(), or vars())."""
        return missing_figures(values, **self.limits())

    def before_facets(self):
        """What the facet counts count: every filter but the facets and the hiding of unknown
        figures (the counts say how many programs are hidden)."""
        return self.filter_queryset(self.queryset.all(), leave_out={*FACETS, "hide_unknown"})

    def chosen_q(self, limits=None):
        """The condition the facets chosen and the hiding of unknown figures put on a program,
        or an empty Q() without them; limits: those the hiding looks at, if not all given."""
        every = Q()
        for group, values in self.chosen().items():
            every &= group_q(group, values)
        if self.cleaned.get("hide_unknown"):
            every &= within_limits_q(**(self.limits() if limits is None else limits))
        return every

    def online_anywhere_count(self, near):
        """Near a ZIP code, how many online programs match everything else anywhere (a distance
        leaves them out): one count."""
        online = self.filter_queryset(self.queryset.all(), leave_out={"format"})
        return {"online_anywhere": online.filter(format=Program.Format.ONLINE).count()}

    def facet_counts(self, near=None):
        """Total, programs missing a limited figure and every option's count, in one query.

        Each option counts what the results would be if the visitor ticked it, given
        everything else they chose; `near` narrows every count to programs near a ZIP code.
        """
        chosen = self.chosen()
        every = Q()
        for group, values in chosen.items():
            every &= group_q(group, values)
        limits = self.limits()
        kept = within_limits_q(**limits) if self.cleaned.get("hide_unknown") else Q()
        aggregates = {"total": Count("pk", filter=every & kept)}
        unknown = unreported_q(**limits)
        if unknown:
            aggregates["unreported"] = Count("pk", filter=every & unknown)
        for group, options in FACETS.items():
            others = Q()
            for other, values in chosen.items():
                if other != group or group in ALL_OF:
                    others &= group_q(other, values)
            for value, _label in options:
                condition = others & option_q(group, value) & kept
                aggregates[f"{group}__{value}"] = Count("pk", filter=condition)
        queryset = self.before_facets()
        return (queryset.filter(near) if near is not None else queryset).aggregate(**aggregates)

    def counts_without_each_limit(self):
        """How many programs the results would have with each limit given let go
        ("without_max_cost"), without a ZIP code (near one, `nearby` counts them): one query.

        Only for a thin search, after facet_counts, rather than in its query: there they would
        move the limits out of its WHERE clause into every count's filter and make it read the
        programs beyond the limits too (7.5 ms more a first visit at 10,000 programs on
        PostgreSQL, 3 ms on SQLite), for counts a page shows only when few programs match.
        """
        limits = self.limits()
        aggregates = {}
        for name in limits:
            others = {other: value for other, value in limits.items() if other != name}
            aggregates[f"without_{name}"] = Count(
                "pk", filter=self.chosen_q(others) & not_beyond_q(**others)
            )
        queryset = self.filter_queryset(
            self.queryset.all(), leave_out={*FACETS, "hide_unknown", *LIMITED_FIGURES}
        )
        return queryset.aggregate(**aggregates)

    @cached_property
    def origin(self):
        """The coordinates of the ZIP code given, or None without a ZIP code we know."""
        zip_code = self.cleaned.get("zip")
        return geo.zip_coordinates(zip_code) if zip_code else None

    @cached_property
    def nearby(self):
        """The programs within the radius of the ZIP code given, or None without one. The
        finder sets it from its cache (programs.finder.Finder.run) before anything reads it."""
        return self.find_nearby()

    def find_nearby(self):
        """The programs near the ZIP code, worked out from the database (see nearby)."""
        origin = self.origin
        if origin is None:
            return None
        radius = self.cleaned.get("radius") or DEFAULT_RADIUS
        widest = max(int(value) for value, _label in RADII)
        south, north, west, east = geo.bounding_box(*origin, widest)
        wide_box = Q(
            school__latitude__gte=south,
            school__latitude__lte=north,
            school__longitude__gte=west,
            school__longitude__lte=east,
        )
        # The bounding box of the widest radius finds the candidates through the coordinates
        # index; exact miles are worked out here. Whether each passes the facets and limits
        # (and each limit let go) tells the page what a wider radius or one limit fewer would
        # list, without another query.
        limits = self.limits()
        conditions = {"matches": self.chosen_q() & not_beyond_q(**limits)}
        for name in limits:
            others = {other: value for other, value in limits.items() if other != name}
            conditions[f"without_{name}"] = self.chosen_q(others) & not_beyond_q(**others)
        candidates = (
            self.filter_queryset(
                self.queryset.all(), leave_out={*FACETS, "hide_unknown", *LIMITED_FIGURES}
            )
            .filter(wide_box | Q(school__latitude__isnull=True))
            .order_by()
            .annotate(
                **{
                    name: ExpressionWrapper(condition, output_field=BooleanField())
                    if condition
                    else Value(True)
                    for name, condition in conditions.items()
                }
            )
            .values("pk", "school__latitude", "school__longitude", *conditions, *LIMITED_COLUMNS)
        )
        distances, without_coordinates, listed = {}, 0, []
        within = {int(value): 0 for value, _label in RADII}
        without = dict.fromkeys(limits, 0)
        for row in candidates:
            latitude = row["school__latitude"]
            if latitude is None:
                without_coordinates += row["matches"]
                continue
            miles = geo.miles_between(*origin, latitude, row["school__longitude"])
            if miles <= radius:
                distances[row["pk"]] = miles
                if row["matches"]:
                    listed.append(row)
                for name in without:
                    without[name] += row[f"without_{name}"]
            for size in within:
                within[size] += bool(row["matches"] and miles <= size)
        return Nearby(distances, without_coordinates, within, listed, without)

    def sort(self):
        """The order chosen, else nearest first with a ZIP code, else the largest first."""
        chosen = self.cleaned.get("sort") or ("distance" if self.nearby else "graduates")
        return "graduates" if chosen == "distance" and not self.nearby else chosen

    def ordered_programs(self, sizes=None):
        """The programs for these parameters in the order chosen: those within the limits
        first, then those that did not report a limited figure (unless hidden).

        sizes: {"total": ..., "unreported": ...} as facet_counts() gives them; counted here
        when not given.
        """
        results, sort, nearby, limits = self.qs, self.sort(), self.nearby, self.limits()
        if sort == "distance":
            ids = [
                row["pk"]
                for row in sorted(
                    nearby.listed,
                    key=lambda row: (
                        bool(self.missing(row)),
                        nearby.distances[row["pk"]],
                        row["pk"],
                    ),
                )
            ]
            return InOrder([(ids, len(ids))])
        if nearby is not None:
            results = results.filter(pk__in=list(nearby.distances))
        if sort in TOTAL_SORTS:
            results = results.with_credential_totals()
        order = ORDERINGS[sort]
        if not (limits and self.includes_unknown()):
            total = sizes["total"] if sizes else results.count()
            return InOrder([(results.order_by(*order), total)])
        within, unreported = results.within_limits(**limits), results.unreported(**limits)
        if sizes:
            within_size = sizes["total"] - sizes["unreported"]
            unreported_size = sizes["unreported"]
        else:
            within_size, unreported_size = within.count(), unreported.count()
        return InOrder(
            [
                (within.order_by(*order), within_size),
                (unreported.order_by(*order), unreported_size),
            ]
        )
