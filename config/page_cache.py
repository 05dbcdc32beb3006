"""Whole-page cache for anonymous visitors, invalidated at once by any content change.

Pages are stored under a key that includes a content version. Saving or deleting any row of
the site's apps (from admin, an import or a script) writes a new version, so every cached page
is missed at once, on every app server that shares the cache (Redis in production). Requests
that carry a session or pending messages, and responses that set a cookie (forms with a CSRF
token do), are never cached; the shortlist cookie is part of the key, so forms and shortlists
stay per visitor.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control, patch_vary_headers

VERSION_KEY = "page-cache:content-version"
CONTENT_APPS = {"guide", "certifications", "programs", "states"}
# What each version covers: "all" for whole pages; "programs" for what is built from program
# data alone (finder counts and result cards), which an edit to a guide page need not renew.
SCOPES = {"all": CONTENT_APPS, "programs": {"certifications", "programs"}}
# Reader feedback changes no public page; history rows mirror saves already counted.
IGNORED_MODELS = {"feedback"}


def content_version(scope="all"):
    key = f"{VERSION_KEY}:{scope}"
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def bump_content_version(sender, **kwargs):
    opts = sender._meta
    if opts.model_name in IGNORED_MODELS:
        return
    now = time.time_ns()
    versions = {
        f"{VERSION_KEY}:{scope}": now for scope, apps in SCOPES.items() if opts.app_label in apps
    }
    if versions:
        cache.set_many(versions, None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_content_version, dispatch_uid=f"page-cache-{signal!r}")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not self.is_cacheable_request(request):
            return self.get_response(request)
        key = self.cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ["Cookie", "HX-Request"])
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def is_cacheable_request(request):
        if request.method not in {"GET", "HEAD"}:
            return False
        if request.path.startswith(("/admin/", "/healthz")):
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def is_cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def cache_key(request):
        path = request.get_full_path()
        variant = "htmx" if request.headers.get("HX-Request") else "page"
        # The shortlist bar differs per visitor; visitors with the same shortlist share pages.
        path += "\n" + request.COOKIES.get("shortlist", "")[:700]
        digest = hashlib.sha256(path.encode("utf-8", "replace")).hexdigest()
        return f"page-cache:{content_version()}:{request.method}:{variant}:{digest}"
