"""The visitor's shortlist: up to four program slugs in a cookie, so no account is needed.

A cookie rather than the session keeps pages cacheable (the page cache keys on this cookie) and
keeps app servers stateless.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

COOKIE = "shortlist"
LIMIT = 4
MAX_AGE = 90 * 24 * 60 * 60
SLUG = re.compile(r"[a-z0-9-]{1,160}", re.ASCII)


def clean(slugs):
    """Valid, distinct slugs in order, at most LIMIT."""
    seen = []
    for slug in slugs:
        if SLUG.fullmatch(slug or "") and slug not in seen:
            seen.append(slug)
    return seen[:LIMIT]


def read(request):
    return clean(request.COOKIES.get(COOKIE, "").split("|"))


def write(response, slugs):
    if slugs:
        response.set_cookie(
            COOKIE,
            "|".join(clean(slugs)),
            max_age=MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response


def compare_query(slugs, zip_code=""):
    """The compare view's query string: the programs, and the ZIP code distances are from."""
    return urlencode([("p", slug) for slug in slugs] + ([("zip", zip_code)] if zip_code else []))


def compare_url(slugs, zip_code=""):
    """The comparison's address, which names its programs, so it can be shared as it is."""
    return reverse("programs:compare") + "?" + compare_query(slugs, zip_code)
