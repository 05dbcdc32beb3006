"""Who a visitor is for rate limits and sign-in lockouts, and the limits themselves.

django-ratelimit counts requests and django-axes counts failed sign-ins; both ask `client_ip`
for the address, so the two agree behind the same proxies.
"""

import unicodedata

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit.core import get_usage


def client_ip(request, credentials=None):
    """The visitor's address. Behind DJANGO_TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For, it is that many hops from the right; anything further left was written by
    the visitor and cannot be trusted. With no proxies configured, only REMOTE_ADDR counts."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def normal_username(name):
    """The username as Django's sign-in form reads it (NFKC, without surrounding spaces), and
    case-folded, so "ed1 ", " ed1" and a full-width "ｅｄ１" all count against "ed1"."""
    return unicodedata.normalize("NFKC", str(name)).strip().casefold()


def sign_in_name(request, credentials=None):
    """What django-axes counts failed sign-ins against (AXES_USERNAME_CALLABLE)."""
    return normal_username((credentials or {}).get("username") or request.POST.get("username", ""))


def unlock_sign_in(username):
    """Forget the failed sign-ins counted against a username; how many were forgotten."""
    # Imported here: django-axes loads this module through its settings while starting up.
    from axes.utils import reset

    return reset(username=normal_username(username))


def _client_key(group, request):
    return client_ip(request)


def limited(request, group, rate_setting):
    """Count this request against the visitor's allowance for `group`; when it is used up,
    return how many seconds are left until it renews, else None. The rate is read from the
    named setting (django-ratelimit's "N/period", e.g. "5/10m") on every call."""
    usage = get_usage(
        request,
        group=group,
        key=_client_key,
        rate=getattr(settings, rate_setting),
        increment=True,
    )
    if usage and usage["should_limit"]:
        return max(usage["time_left"], 1)
    return None


def too_many_requests(request, template_name, retry_after, context=None):
    """A 429 page that says when to try again: `retry_minutes` for its text, and Retry-After."""
    minutes = max(1, -(-retry_after // 60))
    response = TemplateResponse(
        request, template_name, {**(context or {}), "retry_minutes": minutes}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response
