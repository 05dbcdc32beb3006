"""The data version, and whole pages cached under it with Django's cache middleware.

Saving or deleting any row of the content apps (from admin, an import or a script) writes a new
data version, so every cached page and every cached finder count is missed at once, on every
app server that shares the cache (Redis in production). DATA_VERSION_SCOPES in the settings says
which apps each version follows: "all" for whole pages; "programs" for what is built from
program data alone (the finder's counts), which an edit to a guide page need not renew.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import CacheMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

VERSION_KEY = "data-version"
# Reader feedback changes no public page.
IGNORED_MODELS = {"feedback", "historicalfeedback"}


def data_version(scope="all"):
    """The current version of the data in `scope`; the same on every app server."""
    key = f"{VERSION_KEY}:{scope}"
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def bump_data_version(sender, **kwargs):
    opts = sender._meta
    if opts.model_name in IGNORED_MODELS:
        return
    now = time.time_ns()
    versions = {
        f"{VERSION_KEY}:{scope}": now
        for scope, labels in settings.DATA_VERSION_SCOPES.items()
        if opts.app_label in labels
    }
    if versions:
        cache.set_many(versions, None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_data_version, dispatch_uid=f"data-version-{signal!r}")


class VersionedPageCacheMiddleware(CacheMiddleware):
    """Django's cache middleware for anonymous visitors, keyed by the data version.

    Browsers are told to check back every time (max-age=0 with an ETag), so an edit or a change
    to the visitor's shortlist shows at once; the server keeps the page for PAGE_CACHE_SECONDS.
    Visitors with a session or pending messages (editors, someone who just sent a form) are
    neither served nor stored, and neither are responses that set a cookie. Pages vary on
    Cookie (the shortlist) and HX-Request (the finder's partial), which Django's key includes.
    """

    def __init__(self, get_response):
        super().__init__(get_response, page_timeout=settings.PAGE_CACHE_SECONDS)

    @property
    def key_prefix(self):
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:{data_version()}"

    @key_prefix.setter
    def key_prefix(self, value):
        # CacheMiddleware.__init__ assigns the static prefix; ours is read per request instead.
        pass

    def process_request(self, request):
        if not settings.PAGE_CACHE_SECONDS or self.is_private(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if not self._should_update_cache(request, response) or response.cookies:
            return response
        if response.status_code == 200 and not response.streaming:
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ["Cookie", "HX-Request"])
        return super().process_response(request, response)

    @staticmethod
    def is_private(request):
        if request.path.startswith(("/admin/", "/healthz")):
            return True
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies
