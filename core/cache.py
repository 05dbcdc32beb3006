"""The data version, and whole pages cached under it with Django's cache middleware.

Saving or deleting any row of the content apps (from admin, an import or a script) writes a new
data version, so every cached page and every cached finder count is missed at once, on every
app server that shares the cache (Redis in production); so does `migrate`, once a release.
DATA_VERSION_SCOPES in the settings says which apps each version follows: "all" for whole pages;
"programs" for what is built from program data alone (the finder's counts), which an edit to a
guide page need not renew.
"""

import logging
import threading
import time
from functools import partial
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

VERSION_KEY = "data-version"
# Reader feedback changes no public page.
IGNORED_MODELS = {"feedback", "historicalfeedback"}


# The versions a request has read: a page reads each scope's version once (one cache call,
# where every cache key and kept value asked again) and sees one version throughout, so a page
# built from the rows of one version is never stored under a newer one. None between requests.
REQUEST = threading.local()


def data_version(scope="all"):
    """The current version of the data in `scope`; the same on every app server."""
    read = getattr(REQUEST, "versions", None)
    if read is not None and scope in read:
        return read[scope]
    key = f"{VERSION_KEY}:{scope}"
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.add(key, version, None)
        version = cache.get(key, version)
    if read is not None:
        read[scope] = version
    return version


def bump_data_version(sender, **kwargs):
    opts = sender._meta
    if opts.model_name in IGNORED_MODELS:
        return
    scopes = [
        scope for scope, labels in settings.DATA_VERSION_SCOPES.items() if opts.app_label in labels
    ]
    if not scopes:
        return
    write_versions(scopes)
    if transaction.get_connection().in_atomic_block:
        # Again once the edit commits: a reader that read the rows between the save and the
        # commit saw them unchanged, and must not keep them under the new version.
        transaction.on_commit(partial(write_versions, scopes))


def write_versions(scopes):
    versions = dict.fromkeys(scopes, time.time_ns())
    cache.set_many(
        {f"{VERSION_KEY}:{scope}": version for scope, version in versions.items()}, None
    )
    # The request that edits reads on under the new versions.
    read = getattr(REQUEST, "versions", None)
    if read is not None:
        read.update(versions)


def renew_every_version(**kwargs):
    """After `migrate`, which every release runs once: what was cached before it (pages the old
    templates rendered, finder results in the shapes the old code kept) is not served after."""
    write_versions(list(settings.DATA_VERSION_SCOPES))


def start_request(**kwargs):
    REQUEST.versions = {}


def finish_request(**kwargs):
    REQUEST.versions = None


KEPT = {}


def kept_per_data_version(name, build, scope="all"):
    """What build() returns, built once per process and data version.

    For data every visitor sees alike and pages only read, such as the published credentials with
    everything their table shows: between edits a page reuses the rows instead of querying and
    building them again; after any edit, on any server, the shared version changes and the next
    page reads them afresh. Unlike the shared cache nothing is pickled, and each name keeps one
    entry, so an edit replaces it.
    """
    version = data_version(scope)
    kept = KEPT.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = build()
    KEPT[name] = (version, value)
    return value


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_data_version, dispatch_uid=f"data-version-{signal!r}")
    # Once a migrate: it signals each app in turn, core among them.
    core = apps.get_app_config("core")
    post_migrate.connect(renew_every_version, sender=core, dispatch_uid="data-version-migrate")
    request_started.connect(start_request, dispatch_uid="data-version-request-started")
    request_finished.connect(finish_request, dispatch_uid="data-version-request-finished")


# Parameters added by mail and ad links that no page reads: redirected away.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "ref"}


def is_tracking(name):
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_PARAMETERS


class ReadRecordingQueryDict(QueryDict):
    """request.GET that notes the names a page reads (a copy shares the notes)."""

    names_read = None

    @classmethod
    def recording(cls, query, names_read):
        """query's parameters, read into names_read: its lists copied as they are, where
        encoding them again and parsing the result cost a page served from the cache a tenth of
        its time."""
        recorded = cls(mutable=True, encoding=query.encoding)
        for key, values in query.lists():
            recorded.setlist(key, values)
        recorded._mutable = False
        recorded.names_read = names_read
        return recorded

    def _note(self, key):
        if self.names_read is not None:
            self.names_read.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.names_read = self.names_read
        return result


class CanonicalRequest:
    """The request as the page cache sees it: its address carries only the parameters the
    page reads, in one order, so other parameters cannot make new cache entries."""

    def __init__(self, request, query):
        object.__setattr__(self, "request", request)
        object.__setattr__(self, "query", query)

    def __getattr__(self, name):
        return getattr(self.request, name)

    def __setattr__(self, name, value):
        setattr(self.request, name, value)

    def build_absolute_uri(self, location=None):
        if location is None:
            location = self.request.path + (f"?{self.query}" if self.query else "")
        return self.request.build_absolute_uri(location)


class VersionedKeyPrefix:
    """The page cache's key prefix, read per request: it holds the data version."""

    @property
    def key_prefix(self):
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:{data_version()}"

    @key_prefix.setter
    def key_prefix(self, value):
        # Django's cache middleware assigns a static prefix in __init__; ours is read per request.
        pass


class PageCacheStoreMiddleware(VersionedKeyPrefix, UpdateCacheMiddleware):
    """Keeps the pages VersionedPageCacheMiddleware chose, as they leave the site: outside
    GZipMiddleware, so a page is kept compressed for browsers that accept gzip (the key varies
    on Accept-Encoding) and their next visits are sent without compressing it again. A finder
    page took 430 µs to compress on every visit, more than the rest of a visit from the cache.
    Outside the language middleware too, which has chosen the language the key holds."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = settings.PAGE_CACHE_SECONDS

    def process_response(self, request, response):
        query = getattr(request, "_page_query", None)
        if query is None:
            return response
        return super().process_response(CanonicalRequest(request, query), response)


class VersionedPageCacheMiddleware(VersionedKeyPrefix, FetchFromCacheMiddleware):
    """Django's cache middleware for anonymous visitors, keyed by the data version: this half
    answers from the cache and chooses what to keep; PageCacheStoreMiddleware, further out,
    keeps it.

    Browsers are told to check back every time (max-age=0 with an ETag), so an edit or a change
    to the visitor's shortlist shows at once; the server keeps the page for PAGE_CACHE_SECONDS.
    Visitors with a session or pending messages (editors, someone who just sent a form) are
    neither served nor stored, and neither are responses that set a cookie. Pages vary on
    Cookie (the shortlist) and HX-Request (the finder's partial), which Django's key includes.

    The key holds only the query parameters the page is known to read (learned from its
    renders), sorted: tracking parameters are redirected away, and a request carrying any
    other parameter the page has never read is answered fresh and not stored, so junk query
    strings cannot fill the cache.
    """

    @staticmethod
    def reads_key(request):
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}-reads:{request.path}"

    def process_request(self, request):
        if not settings.PAGE_CACHE_SECONDS or self.is_private(request):
            request._cache_update_cache = False
            return None
        if request.method in ("GET", "HEAD") and any(map(is_tracking, request.GET)):
            kept = [(k, v) for k, v in request.GET.lists() if not is_tracking(k)]
            query = urlencode(kept, doseq=True)
            return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))
        names_read = set()
        request.GET = ReadRecordingQueryDict.recording(request.GET, names_read)
        request._page_names_read = names_read
        request._page_query = None
        present = set(request.GET.keys())
        # Without parameters the page is the same whatever it reads.
        known = cache.get(self.reads_key(request)) if present else present
        if known is None or not present <= known:
            return None
        request._page_query = self.canonical_query(request, present)
        # Reading to build the key is not the page reading.
        names_read.clear()
        return super().process_request(CanonicalRequest(request, request._page_query))

    def process_response(self, request, response):
        names_read = getattr(request, "_page_names_read", None)
        # Empty when the page came from the cache (nothing rendered): nothing to learn.
        if names_read and response.status_code == 200:
            self.learn_reads(request, names_read)
            present = set(request.GET.keys())
            # The first visit with these parameters is stored too once the page is seen to read
            # every one of them.
            first_visit = request._page_query is None and request.method in ("GET", "HEAD")
            if first_visit and present <= names_read:
                request._page_query = self.canonical_query(request, present)
                request._cache_update_cache = True
        if response.cookies:
            # Django's flag, which PageCacheStoreMiddleware reads: a page that sets a cookie is
            # not kept.
            request._cache_update_cache = False
        if not getattr(request, "_cache_update_cache", False):
            return response
        if response.status_code == 200 and not response.streaming:
            # Stored with its ETag, so ConditionalGetMiddleware need not hash the page again on
            # every hit.
            set_response_etag(response)
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            # Expires agrees with max-age=0 (the cache middleware would set it ahead).
            response.headers["Expires"] = http_date()
            patch_vary_headers(response, ["Cookie", "HX-Request"])
        return response

    @staticmethod
    def canonical_query(request, present):
        """The parameters, sorted: the one address a page is cached under."""
        return urlencode(sorted((k, v) for k in present for v in request.GET.getlist(k)))

    def learn_reads(self, request, names_read):
        key = self.reads_key(request)
        known = cache.get(key) or set()
        if not names_read <= known:
            cache.set(key, known | names_read, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def is_private(request):
        if request.path.startswith(("/admin/", "/healthz")):
            return True
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


class Breaker:
    """Stops calling a sick cache for a while: after a failure every call answers at once as a
    miss for `pause` seconds, then one call tries the cache again. A Redis that accepts
    connections but never answers costs a page one socket timeout, not one per cache call."""

    def __init__(self, pause):
        self.pause = pause
        self.open_until = 0.0
        self.lock = threading.Lock()

    @property
    def is_open(self):
        return time.monotonic() < self.open_until

    def failed(self, error):
        with self.lock:
            if not self.is_open:
                logger.warning("Cache unavailable, not used for %s s: %s", self.pause, error)
            self.open_until = time.monotonic() + self.pause

    def call(self, method, *args, **kwargs):
        if self.is_open:
            # django-redis answers this as its "cache unavailable" default (a miss).
            raise ConnectionInterrupted(connection=None)
        try:
            return method(*args, **kwargs)
        except ConnectionInterrupted as error:
            self.failed(error.__cause__ or error)
            raise


class BreakerClientProxy:
    """The django-redis client with every call made through the breaker."""

    def __init__(self, client, breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            return self._breaker.call(attribute, *args, **kwargs)

        return guarded


BREAKERS = {}
BREAKERS_LOCK = threading.Lock()


class BreakerRedisCache(RedisCache):
    """django-redis's cache (which fails open, as a miss) behind a breaker: see Breaker.
    OPTIONS["BREAKER_SECONDS"] sets the pause."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        pause = float(options.pop("BREAKER_SECONDS", 30))
        # Django makes a cache object per thread; the breaker is one per process and server.
        with BREAKERS_LOCK:
            self.breaker = BREAKERS.setdefault(str(server), Breaker(pause))
        super().__init__(server, {**params, "OPTIONS": options})

    @property
    def client(self):
        return BreakerClientProxy(super().client, self.breaker)


def cache_health():
    """ "ok", "degraded" (the shared cache failed: pages are served uncached) or "local"."""
    breaker = getattr(cache, "breaker", None)
    if breaker is None:
        return "local"
    if not breaker.is_open:
        cache.get("healthz-probe")
    return "degraded" if breaker.is_open else "ok"
