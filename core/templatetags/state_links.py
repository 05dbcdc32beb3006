from django import template

from core.states import by_code

register = template.Library()


@register.filter
def state_slug(code):
    """The address slug of a state page, for {% url "states:detail" code|state_slug %}."""
    state = by_code().get(code)
    return state.slug if state else ""
