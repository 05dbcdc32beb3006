from functools import cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from core.states import all_states

register = template.Library()


@register.filter
def state_page(code):
    """The address of a state's page in the language of the page ("" for a code we don't cover).

    Tables of every state link each one; reversing 56 addresses a page cost more than the rest of
    the table, and they change only with the language and the address configuration.
    """
    return state_pages(get_language(), get_script_prefix(), get_urlconf()).get(code, "")


@cache
def state_pages(language, script_prefix, urlconf):
    return {s.code: reverse("states:detail", args=[s.slug]) for s in all_states()}
