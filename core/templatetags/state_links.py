from django import template

from core.addresses import address
from core.states import by_code

register = template.Library()


@register.filter
def state_page(code):
    """The address of a state's page in the language of the page ("" for a code we don't cover)."""
    state = by_code().get(code)
    return address("states:detail", slug=state.slug) if state else ""
