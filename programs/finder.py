"""Runs a finder query: filters, distance, facet counts, order and one page of programs.

The filtering itself is programs/filters.py's FilterSet; this module adds what a page needs
around it. Queries, whatever the data size: the facet counts (one aggregate, skipped while
cached) and the options any program has (the same aggregate without filters, cached the same
way); with a ZIP code, the programs near it and their figures, then the page's programs by
id; else the page's programs, one query per group of results the page reaches (see
Finder.groups); then their certifications. Templates render the result.
"""

import copy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.utils.translation import gettext as _

from core.cache import data_version
from core.states import name_for
from programs import geo
from programs.filters import (
    FACET_LABELS,
    FACETS,
    LIMITED_FIELDS,
    RADII,
    SORTS,
    UNKNOWN_FACTS,
    ProgramFilter,
)
from programs.models import Program

PER_PAGE = 25
DEFAULT_RADIUS = 25
FACET_CACHE_SECONDS = 600
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
# The form's text boxes and drop-downs, by the parameter: where the error summary links to.
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


class GroupedPrograms(Sequence):
    """Ordered groups of programs, read as one list by the paginator. Each group's size is
    known from the facet counts, so a page queries only the groups it reaches."""

    def __init__(self, groups):
        self.groups = groups

    def __len__(self):
        return sum(size for _queryset, size in self.groups)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        programs = []
        for queryset, size in self.groups:
            if start < size and stop > 0:
                programs += queryset.for_listing()[max(start, 0) : min(stop, size)]
            start, stop = start - size, stop - size
        return programs

    def __iter__(self):
        """Every program, group after group, read in chunks (for the CSV)."""
        for queryset, _size in self.groups:
            yield from queryset.for_listing().iterator(chunk_size=500)


class ProgramsInOrder(Sequence):
    """Programs in the order of a list of their ids (nearest first), read a page at a time."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        rows = Program.objects.for_listing().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self):
        return iter(self[:])


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
class FinderResult:
    """A page of programs, or with everything=True every matching program (for the CSV)."""

    filterset: ProgramFilter
    total: int
    programs: list
    page: object = None
    page_range: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    error_summary: list = field(default_factory=list)
    selected: dict = field(default_factory=dict)
    sort: str = "graduates"
    not_yet_known: list = field(default_factory=list)
    unreported: int = 0
    limits: list = field(default_factory=list)
    unknown_hidden: bool = False
    without_coordinates: int = 0
    hide_unknown_url: str = ""
    show_unknown_url: str = ""

    @property
    def form(self):
        return self.filterset.form

    @property
    def within_limits(self):
        """Programs whose limited figures are reported and within the limits."""
        return self.total if self.unknown_hidden else self.total - self.unreported

    @property
    def reported(self):
        """The page's programs that reported every figure the visitor limited."""
        return [program for program in self.programs if not program.missing]

    @property
    def unreported_programs(self):
        """The page's programs listed after the others for lack of a limited figure."""
        return [program for program in self.programs if program.missing]

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
        """One page of programs; everything=True yields every match, in order (for the CSV)."""
        cleaned = self.filterset.cleaned
        zip_code = cleaned.get("zip") or ""
        origin = geo.zip_coordinates(zip_code) if zip_code else None
        radius = cleaned.get("radius") or DEFAULT_RADIUS
        distances, without_coordinates, box, nearby = {}, 0, Q(), None
        if origin:
            box = self.bounding_box_q(origin, radius)
            distances, without_coordinates = self.near(
                self.filterset.before_facets(), box, origin, radius
            )
            nearby = Q(pk__in=list(distances))

        in_use = self.counts(
            self.digest([]),
            lambda: ProgramFilter(queryset=Program.objects.published()).facet_counts(),
        )
        counts = self.counts(self.digest(self.params), lambda: self.filterset.facet_counts(nearby))
        results = self.filterset.qs
        sort = cleaned.get("sort") or self.default_sort()
        if sort == "distance" and not origin:
            sort = "graduates"

        if sort == "distance":
            # The bounding box reaches the same programs as the list of ids, through the
            # coordinates index; the order is by distance, worked out here.
            figures = ("pk", *LIMITED_FIELDS.values())
            rows = results.filter(box).order_by().values(*figures)
            ordered = ProgramsInOrder(
                [
                    row["pk"]
                    for row in sorted(
                        (row for row in rows if row["pk"] in distances),
                        key=lambda row: (
                            bool(self.filterset.missing(row)),
                            distances[row["pk"]],
                            row["pk"],
                        ),
                    )
                ]
            )
        else:
            if nearby is not None:
                results = results.filter(nearby)
            if sort in TOTAL_SORTS:
                results = results.with_credential_totals()
            ordered = GroupedPrograms(self.groups(results, counts, ORDERINGS[sort]))

        page, page_range = None, []
        if everything:
            programs = ordered
        else:
            paginator = Paginator(ordered, PER_PAGE)
            page = paginator.get_page(page_number)
            programs = page.object_list
            page_range = list(paginator.get_elided_page_range(page.number))

        described = self.described(programs, distances)
        return FinderResult(
            filterset=self.filterset,
            total=counts["total"],
            programs=described if everything else list(described),
            page=page,
            page_range=page_range,
            facets=self.facets(counts, in_use),
            not_yet_known=self.not_yet_known(in_use),
            error_summary=self.error_summary(),
            chips=self.chips(),
            selected={
                "state": cleaned.get("state") or "",
                "radius": str(radius),
                "sort": sort,
            },
            sort=sort,
            unreported=counts.get("unreported", 0),
            limits=self.filterset.limits(),
            unknown_hidden=not self.filterset.includes_unknown(),
            without_coordinates=without_coordinates,
            hide_unknown_url=self.url_with(hide_unknown="1"),
            show_unknown_url=self.url_without("hide_unknown"),
        )

    def groups(self, results, counts, order):
        """The results in order, as (queryset, size): with unknown figures listed, the programs
        within the limits and then those that did not report a limited figure.

        Two plain conditions rather than one order by a CASE: the first group's query walks
        the sort's index and stops after a page (under 1 ms instead of 43 ms at 100,000
        programs on SQLite); the second is only read by pages that reach it.
        """
        if not (self.filterset.includes_unknown() and self.filterset.limits()):
            return [(results.order_by(*order), counts["total"])]
        unreported = counts["unreported"]
        return [
            (
                results.filter(self.filterset.within_limits_q()).order_by(*order),
                counts["total"] - unreported,
            ),
            (results.filter(self.filterset.unknown_q()).order_by(*order), unreported),
        ]

    def default_sort(self):
        """Nearest first once a ZIP code is known, else the largest programs first."""
        return "distance" if self.filterset.cleaned.get("zip") else "graduates"

    @staticmethod
    def digest(params):
        """Same filters, same counts: page and sort do not change them.

        The programs near a ZIP code follow from the ZIP code, the radius and the content, so
        the key need not list them.
        """
        params = sorted(
            (key, value)
            for key in params
            if key in PARAMETERS and key != "sort"
            for value in params.getlist(key)[:10]
        )
        return hashlib.sha256(repr(params).encode()).hexdigest()

    @staticmethod
    def counts(digest, count):
        """Facet counts, kept until the program data changes (the data version is in the key)
        or for FACET_CACHE_SECONDS: the finder's one cache besides whole pages. The options
        any program has are the counts with no filter at all."""
        return cache.get_or_set(
            f"finder-counts:{data_version('programs')}:{digest}", count, FACET_CACHE_SECONDS
        )

    def described(self, programs, distances):
        """Each program with its distance and the limited figures it did not report."""
        for program in programs:
            program.distance = distances.get(program.pk)
            program.missing = self.filterset.missing(vars(program))
            yield program

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

    @property
    def errors(self):
        return self.filterset.form.errors if self.filterset.is_bound else {}

    def facets(self, counts, in_use):
        """Each group's options that some published program has, or that the visitor chose."""
        chosen = self.filterset.chosen()
        facets = []
        for group, options in FACETS.items():
            shown = [
                {
                    "value": value,
                    "label": label,
                    "count": counts[f"{group}__{value}"],
                    "checked": value in chosen[group],
                }
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
