"""Fixed-window counters in the shared cache, for rate limits and login lockouts."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address; behind N trusted proxies, the Nth address from the right."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, identity):
    digest = hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, identity, window):
    """Count one event for identity in scope; return how many happened in this window."""
    key = _key(scope, identity)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr().
        cache.set(key, 1, window)
        count = 1
    # A cache that is down counts nothing: better to serve than to lock everyone out.
    return count or 0


def count(scope, identity):
    return cache.get(_key(scope, identity), 0) or 0


def reset(scope, identity):
    cache.delete(_key(scope, identity))
