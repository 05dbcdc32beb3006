"""The program finder's filters: one form for every public query parameter, and the facets.

Facet groups (format, credential, ...) are "OR within a group, AND across groups" except
schedule, where every chosen option must hold. Each option's count is what the results would
be if the visitor ticked it, given everything else they chose, all in one aggregate query.
"""

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.forms import PlainCharField
from core.states import state_choices
from core.widgets import StrictNumberInput
from programs import geo
from programs.models import Program

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
FACET_CACHE_SECONDS = 600
# Within these groups every chosen option must hold, so a count includes the group's own choice.
ALL_OF = {"schedule", "externship"}


def option_q(group, value):
    """The condition one facet option puts on a program."""
    if group == "certification":
        # Not correlated with the outer row, so the databases work the list out once (a hashed
        # subplan) instead of probing it for each program the facet counts look at.
        prepared = Program.certifications.through.objects.filter(certification__slug=value)
        return Q(pk__in=prepared.values("program_id"))
    if group == "schedule":
        return Q(**{value: True})
    if group == "externship":
        return Q(has_externship=True)
    return Q(**{group: value})


def group_q(group, values):
    if not values:
        return Q()
    conditions = [option_q(group, value) for value in values]
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined & condition if group in ALL_OF else combined | condition
    return combined


def options_in_use(queryset, cache_key):
    """{"group__value": number of programs} over all of queryset, kept while the data lasts.

    Options no program has yet (the directories' accreditation, schedules) are hidden rather
    than offered at (0); they come back by themselves once editors add the data, since an edit
    renews the data version in the key.
    """
    counts = cache.get(cache_key)
    if counts is None:
        counts = queryset.aggregate(
            **{
                f"{group}__{value}": Count("pk", filter=option_q(group, value))
                for group, options in FACETS.items()
                for value, _label in options
            }
        )
        cache.set(cache_key, counts, None)
    return counts


class FinderForm(forms.Form):
    """Parameters that are not plain filters: distance, sort and the unknown-values switch."""

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
    hide_unknown = forms.BooleanField(
        label=_("Hide programs that did not report their cost or length"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bootstrap classes on the widgets, so the template renders plain {{ field }} quickly.
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"

    def clean_zip(self):
        value = self.cleaned_data["zip"].strip()
        if not value:
            return ""
        if not geo.is_zip(value):
            raise forms.ValidationError(_("Enter a five-digit US ZIP code."))
        if geo.zip_coordinates(value) is None:
            raise forms.ValidationError(_("We don't know that ZIP code. Check it and try again."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == "distance" and not cleaned.get("zip"):
            self.add_error("sort", _("Enter a ZIP code to sort by distance."))
            cleaned["sort"] = ""
        return cleaned


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
        method="filter_limit",
        min_value=1,
        max_value=120,
        widget=StrictNumberInput,
    )
    max_cost = django_filters.NumberFilter(
        label=_("Highest total cost ($)"),
        method="filter_limit",
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

    class Meta:
        model = Program
        fields = []
        form = FinderForm

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value.strip()) if value.strip() else queryset

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_limit(self, queryset, name, value):
        # Cost and length limits are applied by the finder: with unknown values kept
        # (within_limits_or_unknown) unless the visitor hides them (kept_q).
        return queryset

    def filter_facet(self, queryset, name, value):
        # Facets are applied together in facet_counts(), where each group can be left out.
        return queryset

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and value not in (None, "", []):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def cleaned(self):
        """The valid values of the parameters given; nothing when there were none."""
        return self.form.cleaned_data if self.is_bound else {}

    def chosen(self):
        """The valid facet choices, by group."""
        return {group: self.cleaned.get(group) or [] for group in FACETS}

    def unknown_q(self):
        """Programs kept by costing_at_most/lasting_at_most only because a value is unknown."""
        data = self.cleaned
        q = Q()
        if data.get("max_cost") is not None:
            q |= Q(total_cost__isnull=True)
        if data.get("max_months") is not None:
            q |= Q(length_months__isnull=True)
        return q

    def includes_unknown(self):
        """Programs missing a limited figure are listed after the others unless hidden."""
        return not self.cleaned.get("hide_unknown")

    def limits(self):
        """The figures the visitor limited ("cost", "length"): the ones a program can lack."""
        data = self.cleaned
        return [
            figure
            for figure, name in (("cost", "max_cost"), ("length", "max_months"))
            if data.get(name) is not None
        ]

    def missing(self, total_cost, length_months):
        """Which limited figures a program did not report."""
        known = {"cost": total_cost is not None, "length": length_months is not None}
        return tuple(figure for figure in self.limits() if not known[figure])

    def within_limits_or_unknown(self, queryset):
        """Programs within the cost and length limits, or whose cost or length is unknown."""
        data = self.cleaned
        if data.get("max_cost") is not None:
            queryset = queryset.costing_at_most(data["max_cost"])
        if data.get("max_months") is not None:
            queryset = queryset.lasting_at_most(data["max_months"])
        return queryset

    def within_limits_q(self):
        """Programs whose cost and length are known and within the limits chosen.

        The same rows as excluding unknown_q(), written as ranges: the databases then walk the
        cost or length index in order and stop after a page instead of sorting every match.
        """
        data = self.cleaned
        q = Q()
        if data.get("max_cost") is not None:
            q &= Q(total_cost__lte=data["max_cost"])
        if data.get("max_months") is not None:
            q &= Q(length_months__lte=data["max_months"])
        return q

    def kept_q(self):
        """Of the programs within_limits_or_unknown(), those the results keep."""
        return Q() if self.includes_unknown() else self.within_limits_q()

    def facet_counts(self, queryset, cache_key=None, only=None):
        """Total, programs missing a limited figure and every option's count, in one query.

        Counts the programs of queryset that meet `only`. With a cache_key (the filters and
        the content version) the counts are reused: paging, re-sorting and repeat visits then
        cost no scan of the table at all.
        """
        if cache_key:
            cached = cache.get(cache_key)
            if cached is not None:
                return cached, self.result_condition()
        counts = self._aggregate(queryset.filter(only) if only else queryset)
        if cache_key:
            cache.set(cache_key, counts, FACET_CACHE_SECONDS)
        return counts, self.result_condition()

    def result_condition(self):
        """Every chosen facet, minus programs left out for unknown cost or length."""
        every = Q()
        for group, values in self.chosen().items():
            every &= group_q(group, values)
        return every & self.kept_q()

    def _aggregate(self, queryset):
        chosen = self.chosen()
        every = Q()
        for group, values in chosen.items():
            every &= group_q(group, values)
        unknown = self.unknown_q()
        kept = self.kept_q()
        aggregates = {"total": Count("pk", filter=every & kept)}
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
        return queryset.aggregate(**aggregates)
