"""Who a visitor is for rate limits and sign-in lockouts, and the limits themselves.

django-ratelimit counts requests and django-axes counts failed sign-ins; both ask `client_ip`
for the address, so the two agree behind the same proxies.
"""

import logging
import unicodedata

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)
_warned_about_proxies = []


def client_ip(request, credentials=None):
    """The visitor's address. Behind DJANGO_TRUSTED_PROXY_COUNT proxies that each append to
    X-Forwarded-For, it is that many hops from the right; anything further left was written by
    the visitor and cannot be trusted. With no proxies configured, only REMOTE_ADDR counts."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if forwarded and not proxies and not _warned_about_proxies:
        _warned_about_proxies.append(True)
        logger.warning(
            "Requests carry X-Forwarded-For but DJANGO_TRUSTED_PROXY_COUNT is 0: every visitor "
            "seems to come from the proxy's address, so rate limits and the sign-in lockout "
            "count them all together. Set it to the number of proxies in front of the app."
        )
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


def _seconds_left(last_attempt, window):
    left = (last_attempt + window - timezone.now()).total_seconds()
    return max(1, int(left + 0.999))


def address_pause(request):
    """Seconds until sign-ins from this address are taken again, when it has failed many times
    across many usernames lately (SIGN_IN_ADDRESS_FAILURES across SIGN_IN_ADDRESS_USERNAMES in
    AXES_COOLOFF_TIME), else None. One editor's typos lock only that editor's name (django-axes
    counts per username); this stops one address guessing at every account."""
    from axes.models import AccessAttempt

    window = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(
        ip_address=client_ip(request), attempt_time__gte=timezone.now() - window
    ).aggregate(
        failures=Sum("failures_since_start"),
        usernames=Count("username", distinct=True),
        last=Max("attempt_time"),
    )
    if (recent["failures"] or 0) < settings.SIGN_IN_ADDRESS_FAILURES:
        return None
    if recent["usernames"] < settings.SIGN_IN_ADDRESS_USERNAMES:
        return None
    return _seconds_left(recent["last"], window)


def username_pause(username):
    """Seconds until a locked username may try again (the cool-off from its last failure)."""
    from axes.models import AccessAttempt

    window = settings.AXES_COOLOFF_TIME
    last = (
        AccessAttempt.objects.filter(username=normal_username(username))
        .aggregate(last=Max("attempt_time"))
        .get("last")
    )
    if last is None:
        return int(window.total_seconds())
    return _seconds_left(last, window)


def sign_in_paused(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE, and the address check): the wait, a way that
    works, and Retry-After."""
    address_wait = address_pause(request)
    if address_wait:
        response = too_many_requests(
            request, settings.AXES_LOCKOUT_TEMPLATE, address_wait, {"address": True}
        )
    else:
        wait = username_pause(sign_in_name(request, credentials))
        response = too_many_requests(request, settings.AXES_LOCKOUT_TEMPLATE, wait)
    # Rendered here: django-axes returns it from its middleware, after views are rendered.
    return response.render()
