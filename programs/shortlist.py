"""The visitor's shortlist: up to four program slugs in a cookie, so no account is needed.

A cookie rather than the session keeps pages cacheable (the page cache keys on this cookie) and
keeps app servers stateless.
"""

import re

from django.conf import settings

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
