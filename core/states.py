"""The one table of the places the site covers: the 50 states, DC, Puerto Rico, Guam and the US
Virgin Islands, read from django-localflavor.

Those three territories are the ones with MA programs in IPEDS or MA wages in OEWS; American
Samoa and the Northern Mariana Islands have neither, so offering them would only lead nowhere.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.text import slugify
from localflavor.us.us_states import US_STATES, US_TERRITORIES

COVERED_TERRITORIES = {"PR", "GU", "VI"}


@dataclass(frozen=True)
class State:
    code: str
    name: str

    @property
    def slug(self):
        return slugify(self.name)


@cache
def all_states():
    """Every covered state and territory, by name."""
    rows = [*US_STATES, *((c, n) for c, n in US_TERRITORIES if c in COVERED_TERRITORIES)]
    return tuple(sorted((State(code, str(name)) for code, name in rows), key=lambda s: s.name))


def state_choices():
    """(code, name) pairs for a form field or a model field's choices."""
    return [(s.code, s.name) for s in all_states()]


@cache
def by_code():
    return {s.code: s for s in all_states()}


@cache
def by_slug():
    return {s.slug: s for s in all_states()}


def name_for(code):
    """The state's name, or the code itself for a code outside the table."""
    state = by_code().get(code)
    return state.name if state else code
