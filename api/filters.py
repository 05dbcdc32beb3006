"""Filters of the API's own lists (schools, pay). Programs use the finder's ProgramFilter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.states import state_choices
from guide.models import WageFigure
from programs.models import School


class SchoolFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State or territory (two-letter code)"), choices=state_choices, method="in_state"
    )

    class Meta:
        model = School
        fields = []

    def in_state(self, queryset, name, value):
        return queryset.filter(state=value)


class WageFigureFilter(django_filters.FilterSet):
    area_type = django_filters.ChoiceFilter(
        label=_("Kind of area"), choices=WageFigure.AreaType.choices
    )
    state = django_filters.ChoiceFilter(
        label=_("The state itself, and the metro and nonmetropolitan areas lying in it"),
        choices=state_choices,
        method="for_state",
    )
    year = django_filters.NumberFilter(
        label=_("OEWS reference year (May of that year); the newest year when not given"),
        min_value=1997,
        max_value=2100,
        method="in_year",
    )

    class Meta:
        model = WageFigure
        fields = []

    def for_state(self, queryset, name, value):
        return queryset.filter(state_code=value, area_type=WageFigure.AreaType.STATE) | (
            queryset.areas_in(value)
        )

    def in_year(self, queryset, name, value):
        return queryset.filter(year=value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("year") is None:
            queryset = queryset.latest_year()
        return queryset
