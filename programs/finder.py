"""Runs a finder query: filters, distance, facets, order and one page of results.

Queries, whatever the data size: one aggregate of the options any program has, kept until the
data changes; one aggregate (total, unreported count and every facet count),
skipped while its result is cached, and one for the ids of the page's programs; with a ZIP code,
one more for the schools near it. The page's cards come from programs/cards.py.
"""

import copy
import hashlib
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.forms.utils import flatatt
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.cache import data_version
from core.states import name_for
from programs import geo
from programs.cards import Hit
from programs.filters import (
    FACET_LABELS,
    FACETS,
    RADII,
    SORTS,
    UNKNOWN_FACTS,
    ProgramFilter,
    options_in_use,
)
from programs.models import Program

PER_PAGE = 25
DEFAULT_RADIUS = 25
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
# The text boxes and drop-downs, in the form's order.
CONTROLS = ("q", "state", "zip", "radius", "max_cost", "max_months", "sort")
PARAMETERS = [
    "q",
    "state",
    "zip",
    "radius",
    "format",
    "credential",
    "max_months",
    "max_cost",
    "accreditation",
    "certification",
    "schedule",
    "externship",
    "sort",
    "hide_unknown",
]


def number_bounds(form_field):
    bounds = {"step": "any"}
    if form_field.min_value is not None:
        bounds["min"] = form_field.min_value
    if form_field.max_value is not None:
        bounds["max"] = form_field.max_value
    return bounds


def facet_option(group, value, label, count, chosen):
    return {
        "value": value,
        "id": f"f-{group}-{value}",
        "label": label,
        "count": count,
        "shown_count": number_format(count, force_grouping=True),
        "checked": value in chosen[group],
    }


class KnownCountPaginator(Paginator):
    """The facet query has already counted the results; don't count them again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@dataclass
class Chip:
    label: str
    remove_url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list
    errors: list = field(default_factory=list)


@dataclass
class Control:
    """One text box or drop-down of the finder form, ready to print.

    Django's widget templates render each <option> through its own template; with 50 states
    that was most of the page's render time, so the finder prints its few controls directly.
    """

    name: str
    label: str
    value: str = ""
    errors: list = field(default_factory=list)
    choices: object = None
    input_type: str = "text"
    attrs: str = ""

    @property
    def options(self):
        """A drop-down's options, worked out only when its cached rendering has expired."""
        return [
            {"value": str(value), "label": str(label), "selected": str(value) == self.value}
            for value, label in self.choices
        ]


@dataclass
class FinderResult:
    """A page of hits, or with everything=True every matching program (for the CSV export)."""

    filterset: ProgramFilter
    total: int
    programs: list
    hits: list = field(default_factory=list)
    page: object = None
    page_range: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    controls: dict = field(default_factory=dict)
    chips: list = field(default_factory=list)
    error_summary: list = field(default_factory=list)
    sort: str = "graduates"
    not_yet_known: list = field(default_factory=list)
    unreported: int = 0
    limits: list = field(default_factory=list)
    unknown_hidden: bool = False
    without_coordinates: int = 0
    hide_unknown_url: str = ""
    show_unknown_url: str = ""

    @property
    def within_limits(self):
        """Programs whose limited figures are reported and within the limits."""
        return self.total if self.unknown_hidden else self.total - self.unreported

    @property
    def missing_figures(self):
        """The figures programs in the second group lack, in words for the count line."""
        return {
            ("cost",): _("their cost"),
            ("length",): _("their length"),
        }.get(tuple(self.limits), _("their cost or length"))


class Finder:
    def __init__(self, params):
        self.params = params
        bound = any(name in params for name in PARAMETERS)
        self.filterset = ProgramFilter(
            params if bound else None, queryset=Program.objects.published()
        )
        if bound:
            self.filterset.is_valid()

    def run(self, page_number=None, everything=False):
        """One page of results; everything=True streams every match, in order (for CSV)."""
        # Every filter but the facets and the cost and length limits.
        matching = self.filterset.qs
        queryset = self.filterset.within_limits_or_unknown(matching)
        zip_code = self.filterset.cleaned.get("zip") or ""
        origin = geo.zip_coordinates(zip_code) if zip_code else None
        radius = self.filterset.cleaned.get("radius") or DEFAULT_RADIUS
        distances, without_coordinates, box, nearby = {}, 0, Q(), Q()
        if origin:
            box = self.bounding_box_q(origin, radius)
            distances, without_coordinates = self.near(queryset, box, origin, radius)
            nearby = Q(pk__in=list(distances))

        in_use = options_in_use(
            Program.objects.published(), f"finder-options:{data_version('programs')}"
        )
        # Building a filter on hundreds of ids takes milliseconds: leave it to the cache misses.
        counts, condition = self.filterset.facet_counts(queryset, self.counts_key(), only=nearby)
        # When the visitor hides unknown values, the results start again from `matching`: the
        # limits are then plain ranges alone, which the planners estimate and index well.
        listed_unknown = self.filterset.includes_unknown() and self.filterset.limits()
        results = (queryset if self.filterset.includes_unknown() else matching).filter(condition)
        if listed_unknown:
            # Programs within the limits first, then those that did not report a limited figure.
            results = results.annotate(
                unreported=Case(
                    When(self.filterset.unknown_q(), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
        first = ["unreported"] if listed_unknown else []
        sort = self.filterset.cleaned.get("sort") or self.default_sort()
        if sort == "distance" and not origin:
            sort = "graduates"

        columns = ("pk", "slug", "total_cost", "length_months")
        if sort == "distance":
            # The bounding box reaches the same programs as the list of ids, through the
            # coordinates index; the order is by distance, worked out here.
            rows = results.filter(box).order_by().values_list(*columns)
            ordered = sorted(
                (row for row in rows if row[0] in distances),
                key=lambda row: (
                    bool(self.filterset.missing(row[2], row[3])),
                    distances[row[0]],
                    row[0],
                ),
            )
            paginator = Paginator(ordered, PER_PAGE)
        else:
            results = results.filter(nearby)
            if sort in TOTAL_SORTS:
                results = results.with_credential_totals()
            ordered = results.order_by(*first, *ORDERINGS[sort]).values_list(*columns)
            paginator = KnownCountPaginator(ordered, PER_PAGE, counts["total"])

        if everything:
            page, page_range, hits = None, [], []
            listing = results.for_listing()
            rows = (
                self.in_order(listing, [row[0] for row in ordered])
                if sort == "distance"
                else listing.order_by(*first, *ORDERINGS[sort]).iterator(chunk_size=500)
            )
            programs = self.with_distances(rows, distances)
        else:
            page = paginator.get_page(page_number)
            page_range = list(paginator.get_elided_page_range(page.number))
            hits = [
                Hit(pk, slug, distances.get(pk), self.filterset.missing(cost, months))
                for pk, slug, cost, months in page.object_list
            ]
            programs = []

        return FinderResult(
            filterset=self.filterset,
            total=counts["total"],
            programs=programs,
            hits=hits,
            page=page,
            page_range=page_range,
            facets=self.facets(counts, in_use),
            not_yet_known=self.not_yet_known(in_use),
            controls=self.controls(),
            chips=self.chips(),
            error_summary=self.error_summary(),
            sort=sort,
            unreported=counts.get("unreported", 0),
            limits=self.filterset.limits(),
            unknown_hidden=not self.filterset.includes_unknown(),
            without_coordinates=without_coordinates,
            hide_unknown_url=self.url_with(hide_unknown="1"),
            show_unknown_url=self.url_without("hide_unknown"),
        )

    def default_sort(self):
        """Nearest first once a ZIP code is known, else the largest programs first."""
        return "distance" if self.filterset.cleaned.get("zip") else "graduates"

    def counts_key(self):
        """Same filters and same content, same counts: page and sort do not change them.

        The programs near a ZIP code follow from the ZIP code, the radius and the content, so
        the key need not list them.
        """
        params = sorted(
            (key, value)
            for key in self.params
            if key in PARAMETERS and key not in {"sort"}
            for value in self.params.getlist(key)[:10]
        )
        digest = hashlib.sha256(repr(params).encode()).hexdigest()
        return f"finder-counts:{data_version('programs')}:{digest}"

    @staticmethod
    def with_distances(programs, distances):
        for program in programs:
            program.distance = distances.get(program.pk)
            yield program

    @staticmethod
    def in_order(listing, pks):
        rows = listing.in_bulk(pks)
        return [rows[pk] for pk in pks if pk in rows]

    @staticmethod
    def bounding_box_q(origin, radius):
        south, north, west, east = geo.bounding_box(*origin, radius)
        return Q(
            school__latitude__gte=south,
            school__latitude__lte=north,
            school__longitude__gte=west,
            school__longitude__lte=east,
        )

    @staticmethod
    def near(queryset, box, origin, radius):
        """Exact miles to programs within the radius, found through a bounding box in SQL."""
        candidates = (
            queryset.filter(box | Q(school__latitude__isnull=True))
            .order_by()
            .values_list("pk", "school__latitude", "school__longitude")
        )
        distances, without_coordinates = {}, 0
        for pk, school_lat, school_lon in candidates:
            if school_lat is None:
                without_coordinates += 1
                continue
            miles = geo.miles_between(*origin, school_lat, school_lon)
            if miles <= radius:
                distances[pk] = miles
        return distances, without_coordinates

    @cached_property
    def errors(self):
        return self.filterset.form.errors if self.filterset.is_bound else {}

    def facets(self, counts, in_use):
        """Each group's options that some published program has, or that the visitor chose."""
        chosen = self.filterset.chosen()
        facets = []
        for group, options in FACETS.items():
            shown = [
                facet_option(group, value, label, counts[f"{group}__{value}"], chosen)
                for value, label in options
                if in_use[f"{group}__{value}"] or value in chosen[group]
            ]
            errors = self.errors.get(group, [])
            if shown or errors:
                facets.append(Facet(group, FACET_LABELS[group], shown, errors))
        return facets

    @staticmethod
    def not_yet_known(in_use):
        """What no published program has yet: whole groups by name, else their options."""
        missing = []
        for group, options in FACETS.items():
            absent = [str(label) for value, label in options if not in_use[f"{group}__{value}"]]
            if len(absent) == len(options):
                missing.append(str(UNKNOWN_FACTS[group]))
            elif absent:
                missing.append(
                    _("%(fact)s (%(options)s)")
                    % {"fact": UNKNOWN_FACTS[group], "options": ", ".join(absent)}
                )
        return missing

    def error_summary(self):
        """Every error, each with the id of the control it is about (GOV.UK error summary)."""
        targets = {name: f"id_{name}" for name in CONTROLS}
        targets.update({group: f"facet-{group}" for group in FACETS})
        return [
            {"target": targets.get(name, "filters"), "message": message}
            for name, messages in self.errors.items()
            for message in messages
        ]

    def controls(self):
        form = self.filterset.form
        controls = {}
        for name in CONTROLS:
            bound = form[name]
            errors = list(self.errors.get(name, []))
            raw = self.params.get(name, "") if self.filterset.is_bound else ""
            widget_attrs = {
                key: value
                for key, value in bound.field.widget.attrs.items()
                if key not in {"class"}
            }
            control = Control(name=name, label=str(bound.label), errors=errors)
            choices = getattr(bound.field, "choices", None)
            if choices is not None:
                chosen = raw if not errors else ""
                if not chosen and bound.field.initial:
                    chosen = str(bound.field.initial)
                if name == "sort" and not chosen:
                    chosen = self.default_sort()
                control.input_type = "select"
                control.value = chosen
                control.choices = choices
            elif isinstance(bound.field.widget, forms.NumberInput):
                control.input_type = "number"
                control.value = "" if errors else raw[:20]
                control.attrs = flatatt(widget_attrs | number_bounds(bound.field))
            else:
                control.value = raw[:100]
                control.attrs = flatatt(widget_attrs)
            controls[name] = control
        return controls

    def editable_params(self):
        # A shallow copy: the methods below replace lists rather than change them, and
        # QueryDict.copy() deep-copies, several times a request.
        return copy.copy(self.params)

    def url_with(self, **changes):
        params = self.editable_params()
        for key, value in changes.items():
            params[key] = value
        params.pop("page", None)
        return "?" + params.urlencode()

    def url_without(self, key, value=None):
        params = self.editable_params()
        if value is None:
            params.pop(key, None)
        else:
            params.setlist(key, [v for v in params.getlist(key) if v != value])
        if key == "zip":
            params.pop("radius", None)
            if params.get("sort") == "distance":
                params.pop("sort")
        params.pop("page", None)
        return "?" + params.urlencode()

    def chips(self):
        data = self.filterset.cleaned
        chips = []
        if data.get("q"):
            chips.append(Chip(_("“%(text)s”") % {"text": data["q"]}, self.url_without("q")))
        if data.get("state"):
            chips.append(Chip(name_for(data["state"]), self.url_without("state")))
        if data.get("zip"):
            radius = dict(RADII)[str(data.get("radius") or DEFAULT_RADIUS)]
            label = _("Within %(radius)s of %(zip)s") % {"radius": radius, "zip": data["zip"]}
            chips.append(Chip(label, self.url_without("zip")))
        if data.get("max_months") is not None:
            label = _("Up to %(months)s months") % {"months": f"{data['max_months']:g}"}
            chips.append(Chip(label, self.url_without("max_months")))
        if data.get("max_cost") is not None:
            label = _("Up to $%(cost)s") % {"cost": f"{data['max_cost']:,.0f}"}
            chips.append(Chip(label, self.url_without("max_cost")))
        for group, options in FACETS.items():
            labels = dict(options)
            for value in data.get(group) or []:
                chips.append(Chip(str(labels[value]), self.url_without(group, value)))
        if data.get("hide_unknown") and self.filterset.limits():
            chips.append(
                Chip(_("Hiding unreported cost or length"), self.url_without("hide_unknown"))
            )
        if data.get("sort"):
            chips.append(Chip(dict(SORTS)[data["sort"]], self.url_without("sort")))
        return chips
