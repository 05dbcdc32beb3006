"""The finder page around programs/filters.py's FilterSet: facets, chips, the error summary and
one page of programs in order. Queries, whatever the data size: the facet counts (one aggregate,
and one more for the ways out of a thin search with limits, skipped while cached) and the options
any program has (one query, cached the same way); with a ZIP code, the programs near it and the
online programs anywhere, both cached the same way; the page's programs, one query per part of
the order the page reaches (see ProgramFilter.ordered_programs). Their certifications are kept
per data version (programs.models.certification_codes_by_program). Templates render the result.
"""

import copy
import hashlib
import html
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.cache import data_version
from core.formatting import dollars, number
from core.states import name_for
from programs.filters import (
    DEFAULT_RADIUS,
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
# Fewer results than this within a distance or limits, and the page offers ways to see more.
THIN = 5
FACET_CACHE_SECONDS = 600
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
# Every card links to its program: one reverse() a page, with this in place of the slug.
SLUG_MARK = "slug-mark"
# The words every result card repeats, translated once a page rather than once a card.
CARD_WORDS = {
    "credential": gettext_lazy("Credential"),
    "format": gettext_lazy("Format"),
    "length": gettext_lazy("Length"),
    "cost": gettext_lazy("Total cost"),
    "graduates": gettext_lazy("Graduates"),
    "accreditation": gettext_lazy("Accreditation"),
    "prepares_for": gettext_lazy("Prepares for"),
    "not_reported": gettext_lazy("Not reported"),
    "as_reported": gettext_lazy("as the school reported it"),
    "unconfirmed": gettext_lazy("(unconfirmed)"),
    "miles_away": gettext_lazy("%(miles)s miles away"),
    "missing_both": gettext_lazy("Did not report its total cost or its length"),
    "missing_cost": gettext_lazy("Did not report its total cost"),
    "missing_length": gettext_lazy("Did not report its length"),
    "add": gettext_lazy("Add to compare"),
    "remove": gettext_lazy("Remove from compare"),
}


MISSING_WORDS = {
    ("cost",): "missing_cost",
    ("length",): "missing_length",
    ("cost", "length"): "missing_both",
}


# Words the finder writes into longer text, which the template escapes with it.
COMPOSED_WORDS = {"miles_away", "as_reported"}


def card_words():
    """CARD_WORDS in the visitor's language; those a card prints as they are, escaped here once
    a page (a template escapes a plain string again each time it prints it)."""
    return {
        name: str(word) if name in COMPOSED_WORDS else escaped_text(word)
        for name, word in CARD_WORDS.items()
    }


def escaped_text(value):
    """The text escaped for HTML, as django.utils.html.conditional_escape does, without the
    check for lazy translations on every call that makes it cost three times as much: cards
    escape some 300 texts a page."""
    if isinstance(value, SafeData):
        return value
    return SafeString(html.escape(str(value)))


@dataclass
class Chip:
    label: str
    remove_url: str


@dataclass
class WayOut:
    label: str
    url: str


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
    # What each card shows, in the programs' order (Finder(cards=True) only).
    cards: list = field(default_factory=list)
    page: object = None
    page_range: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    chips: list = field(default_factory=list)
    error_summary: list = field(default_factory=list)
    selected: dict = field(default_factory=dict)
    sort: str = "graduates"
    not_yet_known: list = field(default_factory=list)
    unreported: int = 0
    limits: dict = field(default_factory=dict)
    unknown_hidden: bool = False
    without_coordinates: int = 0
    hide_unknown_url: str = ""
    show_unknown_url: str = ""
    words: dict = field(default_factory=dict)
    searched: bool = False
    online_anywhere: WayOut = None
    ways_out: list = field(default_factory=list)

    @property
    def form(self):
        return self.filterset.form

    @property
    def within_limits(self):
        """Programs whose limited figures are reported and within the limits."""
        return self.total if self.unknown_hidden else self.total - self.unreported

    @property
    def reported(self):
        """The page's cards for programs that reported every figure the visitor limited."""
        return [card for card in self.cards if not card["missing"]]

    @property
    def unreported_programs(self):
        """The page's cards listed after the others for lack of a limited figure."""
        return [card for card in self.cards if card["missing"]]

    @property
    def missing_figures(self):
        """The figures programs in the second group lack, in words for the count line."""
        return {
            ("max_cost",): _("their cost"),
            ("max_months",): _("their length"),
        }.get(tuple(self.limits), _("their cost or length"))


class Finder:
    def __init__(self, params, shortlist=(), ways_out=False, cards=False):
        """ways_out: also count the ways out of a thin search (one more query near a ZIP code
        or when few programs match, cached with the counts); cards: also work out what each
        result card shows. Both for the page a person reads; the CSV and the API do without."""
        self.params = params
        self.shortlist = shortlist
        self.offer_ways_out = ways_out
        self.offer_cards = cards
        bound = any(name in params for name in PARAMETERS)
        self.filterset = ProgramFilter(
            params if bound else None, queryset=Program.objects.published()
        )
        if bound:
            self.filterset.is_valid()

    def run(self, page_number=None, everything=False):
        """One page of programs; everything=True yields every match, in order (for the CSV)."""
        filterset = self.filterset
        key = self.digest(self.params)
        if filterset.origin is not None:
            filterset.nearby = self.counts(key + ":nearby", filterset.find_nearby)
        nearby = filterset.nearby
        in_use = self.counts("options-in-use", options_in_use)
        near = Q(pk__in=list(nearby.distances)) if nearby else None
        # Only a ZIP code or a limit opens ways out.
        if self.offer_ways_out and (nearby is not None or filterset.limits()):

            def with_ways_out():
                counts = filterset.facet_counts(near)
                if near is not None:
                    counts.update(filterset.online_anywhere_count(near))
                elif counts["total"] < THIN:
                    counts.update(filterset.counts_without_each_limit())
                return counts

            counts = self.counts(key + ":ways-out", with_ways_out)
        else:
            counts = self.counts(key, lambda: filterset.facet_counts(near))
        ordered = filterset.ordered_programs(sizes=counts)
        page, page_range = None, []
        if everything:
            programs = ordered
        else:
            paginator = Paginator(ordered, PER_PAGE)
            page = paginator.get_page(page_number)
            programs = page.object_list
            page_range = list(paginator.get_elided_page_range(page.number))
        words = card_words() if self.offer_cards else {}
        described = self.described(programs, nearby.distances if nearby else {})
        cleaned, sort = filterset.cleaned, filterset.sort()
        default_sort = filterset.form.offer_sorts(near=nearby is not None)
        online_anywhere, ways_out = (
            self.ways_out(counts, nearby) if self.offer_ways_out else (None, [])
        )
        if not everything:
            described = list(described)
        return FinderResult(
            filterset=filterset,
            total=counts["total"],
            programs=described,
            cards=self.cards(described, words) if self.offer_cards and not everything else [],
            page=page,
            page_range=page_range,
            facets=self.facets(counts, in_use),
            not_yet_known=self.not_yet_known(in_use),
            error_summary=self.error_summary(),
            chips=self.chips(default_sort),
            selected={
                "state": cleaned.get("state") or "",
                "radius": str(cleaned.get("radius") or DEFAULT_RADIUS),
                "sort": "" if sort == default_sort else sort,
            },
            sort=sort,
            unreported=counts.get("unreported", 0),
            limits=filterset.limits(),
            unknown_hidden=not filterset.includes_unknown(),
            without_coordinates=nearby.without_coordinates if nearby else 0,
            hide_unknown_url=self.url_with(hide_unknown="1"),
            show_unknown_url=self.url_without("hide_unknown"),
            words=words,
            searched=filterset.is_bound or "page" in self.params,
            online_anywhere=online_anywhere,
            ways_out=ways_out,
        )

    def ways_out(self, counts, nearby):
        """Online programs open to the visitor anywhere (a distance leaves them out), and when
        fewer than THIN programs match, one-click ways to more: each wider radius, each limit
        let go. Only those that would list more programs than now."""
        total = counts["total"]
        online = None
        if counts.get("online_anywhere"):
            params = self.editable_params()
            for name in ("zip", "radius", "format", "page"):
                params.pop(name, None)
            if params.get("sort") == "distance":
                params.pop("sort")
            params.setlist("format", ["online"])
            label = _("%(count)s online, open to you anywhere") % {
                "count": number(counts["online_anywhere"])
            }
            online = WayOut(label, "?" + params.urlencode())
        if total >= THIN:
            return online, []
        ways = []
        if nearby is not None:
            radius = self.filterset.cleaned.get("radius") or DEFAULT_RADIUS
            most = total
            for size, count in sorted(nearby.within.items()):
                if size > radius and count > most:
                    most = count
                    label = _("%(count)s within %(radius)s") % {
                        "count": number(count),
                        "radius": dict(RADII)[str(size)],
                    }
                    ways.append(WayOut(label, self.url_with(radius=str(size))))
        if online is not None:
            ways.append(online)
        limit_words = {
            "max_months": lambda value: (
                _("without the %(months)s-month limit") % {"months": f"{value:g}"}
            ),
            "max_cost": lambda value: _("without the %(cost)s limit") % {"cost": dollars(value)},
        }
        for name, value in self.filterset.limits().items():
            if nearby is not None:
                count = nearby.without[name]
            else:
                count = counts.get(f"without_{name}", 0)
            if count > total:
                label = _("%(without)s: %(count)s") % {
                    "without": limit_words[name](value),
                    "count": number(count),
                }
                ways.append(WayOut(label, self.url_without(name)))
        return online, ways

    @staticmethod
    def digest(params):
        """Same filters, same counts and same programs near a ZIP code: page and sort change
        neither.

        The programs near a ZIP code follow from the ZIP code, the radius, the filters and the
        content, so the key of the counts need not list them.
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
        """Facet counts, the options some program has and the programs near a ZIP code, kept
        until the program data changes (the data version is in the key) or for
        FACET_CACHE_SECONDS: the finder's one cache besides whole pages. The programs near a
        ZIP code are kept because they are dear to work out: at 100,000 programs a dense city's
        1,500 rows take 37 ms to read and measure, and 1.4 ms to read back from the cache."""
        return cache.get_or_set(
            f"finder-counts:{data_version('programs')}:{digest}", count, FACET_CACHE_SECONDS
        )

    def described(self, programs, distances):
        """Each program with its distance from the ZIP code and the limited figures it did not
        report, which the API and the CSV read too."""
        for program in programs:
            program.distance = distances.get(program.pk)
            program.missing = self.filterset.missing(vars(program))
            yield program

    def cards(self, programs, words):
        """What each result card shows, as plain values worked out here so the card template
        only places them: a template reads a dict key at once, where it tries an object as a
        dict first and catches the error, a dozen times a card. Figures read through their
        display rules (Program.cost_shown/length_shown, core.formatting).

        The texts are escaped here (escaped_text); the template escapes only the slug and the
        address."""
        detail = reverse("programs:detail", kwargs={"slug": SLUG_MARK})
        chosen = set(self.shortlist)
        not_reported = words["not_reported"]
        cards = []
        for program in programs:
            school = program.school
            credential = program.credential_label
            place = f"{school.city}, {school.state}"
            if program.distance is not None:
                miles = words["miles_away"] % {"miles": number(program.distance, 1)}
                place += f" · {miles}"
            length, cost = program.length_shown, program.cost_shown
            graduates, year = program.graduates_per_year, program.graduates_year
            if graduates is None:
                graduates_note = ""
            elif graduates:
                graduates_note = f"({year})"
            else:
                graduates_note = f"({words['as_reported']}, {year})"
            codes = ", ".join(program.certification_codes)
            title = f"{school.name}: {credential}" if program.school_has_others else school.name
            credential = escaped_text(credential)
            cards.append(
                {
                    "slug": program.slug,
                    "url": detail.replace(SLUG_MARK, program.slug),
                    "title": escaped_text(title),
                    "place": escaped_text(place),
                    "missing": words[MISSING_WORDS[program.missing]] if program.missing else "",
                    "credential": credential,
                    "format": escaped_text(program.format_label),
                    "format_note": "" if program.format_confirmed else words["unconfirmed"],
                    "length": escaped_text(length.text) if length.text else not_reported,
                    "length_note": escaped_text(length.note),
                    "cost": escaped_text(cost.text) if cost.text else not_reported,
                    "cost_note": escaped_text(cost.note),
                    "graduates": not_reported if graduates is None else number(graduates),
                    "graduates_note": escaped_text(graduates_note),
                    "accreditation": escaped_text(program.accreditation_label),
                    "codes": escaped_text(codes) if codes else not_reported,
                    "in_shortlist": program.slug in chosen,
                    # The add/remove button's words, shared with the program page; a dict,
                    # which a template reads at once, where a model is first tried as one.
                    "school": {"name": escaped_text(school.name)},
                    "credential_label": credential,
                }
            )
        return cards

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

    def chips(self, default_sort):
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
            label = _("Up to %(cost)s") % {"cost": dollars(data["max_cost"])}
            chips.append(Chip(label, self.url_without("max_cost")))
        for group, options in FACETS.items():
            labels = dict(options)
            for value in data.get(group) or []:
                chips.append(Chip(str(labels[value]), self.url_without(group, value)))
        if data.get("hide_unknown") and self.filterset.limits():
            chips.append(
                Chip(_("Hiding unreported cost or length"), self.url_without("hide_unknown"))
            )
        if data.get("sort") and data["sort"] != default_sort:
            chips.append(Chip(dict(SORTS)[data["sort"]], self.url_without("sort")))
        return chips
