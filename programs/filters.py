"""The program finder's filters: one form for every public query parameter, and the facets.

Facet groups (format, credential, ...) are "OR within a group, AND across groups" except
schedule, where every chosen option must hold. Each option's count is what the results would
be if the visitor ticked it, given everything else they chose, all in one aggregate query.
"""

import django_filters
from django import forms
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
# Within these groups every chosen option must hold, so a count includes the group's own choice.
ALL_OF = {"schedule", "externship"}
# The figures a visitor can limit, the parameter that limits each and the field it limits.
LIMITS = (("cost", "max_cost"), ("length", "max_months"))
LIMITED_FIELDS = {"cost": "total_cost", "length": "length_months"}


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
    """Programs with any of the group's chosen options (all of them for ALL_OF groups)."""
    if not values:
        return Q()
    conditions = [option_q(group, value) for value in values]
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = combined & condition if group in ALL_OF else combined | condition
    return combined


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

    def filter_text(self, queryset, name, value):
        return queryset.matching_text(value.strip()) if value.strip() else queryset

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_cost(self, queryset, name, value):
        return queryset.costing_at_most(value)

    def filter_length(self, queryset, name, value):
        return queryset.lasting_at_most(value)

    def filter_hide_unknown(self, queryset, name, value):
        return queryset.filter(self.within_limits_q()) if value else queryset

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
        """The figures the visitor limited ("cost", "length"): the ones a program can lack."""
        return [figure for figure, name in LIMITS if self.cleaned.get(name) is not None]

    def includes_unknown(self):
        """Programs missing a limited figure are listed after the others unless hidden."""
        return not self.cleaned.get("hide_unknown")

    def unknown_q(self):
        """Programs the limits keep only because they did not report a limited figure."""
        q = Q()
        for figure, name in LIMITS:
            if self.cleaned.get(name) is not None:
                q |= Q(**{f"{LIMITED_FIELDS[figure]}__isnull": True})
        return q

    def within_limits_q(self):
        """Programs whose limited figures are reported and within the limits, as plain ranges:
        the databases then walk the cost or length index in order and stop after a page."""
        q = Q()
        for figure, name in LIMITS:
            if self.cleaned.get(name) is not None:
                q &= Q(**{f"{LIMITED_FIELDS[figure]}__lte": self.cleaned[name]})
        return q

    def missing(self, figures):
        """Which limited figures a program did not report; figures maps field names to the
        program's values (a row of values(), or a program's vars())."""
        return tuple(
            figure for figure in self.limits() if figures.get(LIMITED_FIELDS[figure]) is None
        )

    def before_facets(self):
        """What the facet counts count: every filter but the facets and the hiding of unknown
        figures (the counts say how many programs are hidden)."""
        return self.filter_queryset(self.queryset.all(), leave_out={*FACETS, "hide_unknown"})

    def facet_counts(self, near=None):
        """Total, programs missing a limited figure and every option's count, in one query.

        Each option counts what the results would be if the visitor ticked it, given
        everything else they chose; `near` narrows every count to programs near a ZIP code.
        """
        chosen = self.chosen()
        every = Q()
        for group, values in chosen.items():
            every &= group_q(group, values)
        kept = self.within_limits_q() if self.cleaned.get("hide_unknown") else Q()
        aggregates = {"total": Count("pk", filter=every & kept)}
        unknown = self.unknown_q()
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
