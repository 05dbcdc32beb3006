"""Addresses of the pages a site links many times, reversed once per language.

A table of every state links 56 state pages, the certifications table its credentials twice each;
Django's reverse() costs about 20 µs a call, more than the rest of such a row. The address of a
page depends only on its name and arguments, the language (i18n_patterns puts /es/ before the
Spanish ones), the script prefix and the address configuration, so it is kept under all five.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def address(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return reversed_once(
        get_language(), get_script_prefix(), urlconf, viewname, tuple(sorted(kwargs.items()))
    )


# Bounded: the site has a few hundred pages worth keeping (states, credentials, guide pages);
# program pages, thousands of them, are built from one reversed address instead.
@lru_cache(maxsize=1024)
def reversed_once(language, script_prefix, urlconf, viewname, kwargs):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
