"""Figures about the program data for pages outside this app (the guide's "About our data")."""

from django import template

from core.states import name_for
from programs.models import Program

register = template.Library()


@register.filter
def percent(value):
    """A share from 0 to 1 as a whole percentage, or an empty string when unknown."""
    if value is None or value == "":
        return ""
    return f"{value * 100:.0f}%"


@register.filter
def state_name(code):
    """Puerto Rico rather than PR: territories' codes are less familiar than states'."""
    return name_for(code)


@register.simple_tag
def program_data_counts():
    """The data report's counts for published programs, overall and per state, computed live."""
    programs = Program.objects.published()
    by_state = [
        {"code": code, "name": name_for(code), **counts}
        for code, counts in programs.data_counts_by_state().items()
    ]
    return {"total": programs.data_counts(), "states": by_state}
