"""How the program pages print a school's shares and a state's name."""

from django import template

from core.formatting import number
from core.states import name_for

register = template.Library()


@register.filter
def percent(value):
    """A share from 0 to 1 as a whole percentage, or an empty string when unknown."""
    if value is None or value == "":
        return ""
    return f"{number(value * 100)}%"


@register.filter
def state_name(code):
    """Puerto Rico rather than PR: territories' codes are less familiar than states'."""
    return name_for(code)
