"""Settings shared by every environment; safe for production on their own.

Everything that differs between machines comes from environment variables, listed in
.env.example. dev.py and test.py override what they need; production.py insists on the
variables a public deployment cannot run without.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from import_export.formats.base_formats import CSV

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, so its admin templates and static files win where they overlap.
    "modeltranslation",
    "core.apps.EditorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "core",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "guide",
    "certifications",
    "programs",
    "states",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Keeps the pages the page cache below chose, compressed: a visit from the cache is sent as
    # kept, not compressed again (core.cache.PageCacheStoreMiddleware).
    "core.cache.PageCacheStoreMiddleware",
    # Compresses pages (static files come compressed from WhiteNoise); since Django 4.2 it pads
    # responses against BREACH. A cached page keeps the padding it was stored with: it is the
    # same page for every visitor, with nothing secret in it.
    "django.middleware.gzip.GZipMiddleware",
    # The language comes from the address alone (/es/...; i18n_patterns without a prefix for
    # English), never from the session, a cookie or Accept-Language, so nothing later decides
    # it and no response varies on those headers. Before the request checks, so their 400
    # pages speak the address's language; before the page cache, so a page is looked up and
    # stored under the same language (Django adds it to the key) and a returning Spanish
    # reader is sent from / to /es/ before the cache is asked.
    "core.middleware.LocaleMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",
    "core.middleware.BadQueryStringMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.VersionedPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second factor this session (core.otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Django's CSRF failure view renders templates/403_csrf.html: ours, not its technical page.
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast when the database is unreachable so pages answer 503 instead of hanging.
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")))
    # A hung or overloaded database ends a statement after this long (a 503 page), so a
    # request holds its worker thread for seconds at most, never until gunicorn's timeout.
    statement_ms = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "5000"))
    options.setdefault("options", f"-c statement_timeout={statement_ms}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Each language's name in itself: the switcher offers it to someone who may not read the other.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as US readers of either language expect them (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]
# The switcher's choice (core.views.set_language) is kept a year; only the server reads it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The languages content rows have texts in (core.translations); a row's Spanish falls back to
# its English, never to a blank.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs are made from the English title.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
# Room for the pages, the finder's facet counts (one entry per set of filters) and the cost
# summaries, when there is no Redis.
LOCAL_MEMORY_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
REDIS_CACHE_OPTIONS = {
    # A dead or hung Redis must cost a page at most one short timeout and never fail it:
    # django-redis then answers as an empty cache, and the breaker (core.cache) stops calling
    # Redis for BREAKER_SECONDS, so the page's other cache calls cost nothing. A healthy
    # Redis on the local network answers in well under a millisecond.
    "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.1")),
    "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.1")),
    "IGNORE_EXCEPTIONS": True,
    "BREAKER_SECONDS": int(os.environ.get("REDIS_BREAKER_SECONDS", "30")),
}
CACHES = {
    "default": (
        {
            "BACKEND": "core.cache.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
        if REDIS_URL
        else LOCAL_MEMORY_CACHE
    )
}
# The breaker logs once when it stops calling Redis, not once per call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# Whole pages for anonymous visitors; 0 turns the page cache off. Several app servers must
# share a cache (REDIS_URL) for an edit to reach all of them at once, so it is off without one.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if REDIS_URL else "0"))
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
# Which apps' edits renew each data version (core.cache): "all" for whole pages, "programs" for
# the finder's counts, which only program and certification data change.
DATA_VERSION_SCOPES = {
    "all": {"guide", "certifications", "programs", "states"},
    "programs": {"certifications", "programs"},
}

FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Query strings are public input: keep Django's bounds explicit so a hostile URL is cheap. The
# same bound counts a form's fields: the longest admin form (the FAQ page with its 20 inline
# questions) posts about 200, so it needs room above that.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Whole request bodies (core.middleware.RequestBodyLimitMiddleware): public forms are a few
# lines of text; editors' admin forms and the 2 MB CSV import need more.
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", "1000000"))
EDITOR_REQUEST_BODY_MAX_BYTES = int(os.environ.get("EDITOR_REQUEST_BODY_MAX_BYTES", "5000000"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Editors are signed out after 8 hours without a request. Saving the session on every request
# makes the 8 hours count from the last one, not from sign-in; only editors hold a session (the
# public pages store nothing in it, and empty sessions are never saved), so the cost is one
# write per editor request. A browser session cookie alone would let a tab kept open stay in.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

# Only our own origin: no CDN, fonts or trackers, and no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SITE_NAME = os.environ.get("SITE_NAME", "Medical Assistant Career Guide")

# Mail to editors (new reader feedback) goes through this SMTP server; dev prints it instead.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Empty: links name the host each request came to (see core.context_processors.site_url).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Editors' spreadsheet imports: all rows or none, and only for those who may change programs.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_FORMATS = [CSV]
EXPORT_FORMATS = [CSV]

# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Rate limits per visitor address (django-ratelimit, counted in the default cache). A cache
# that is down lets requests through: better to serve than to refuse everyone.
RATELIMIT_IP_META_KEY = "core.ratelimits.client_ip"
RATELIMIT_FAIL_OPEN = True
FEEDBACK_RATE = "5/10m"
# The whole-list CSV is the one heavy public response (about a second of server time).
EXPORT_RATE = "10/h"
# django-axes warns when it does not lock addresses: core.ratelimits.address_pause does, after
# many failures across many usernames rather than axes's five.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if not REDIS_URL:
    # One process's local memory: limits hold per process, which is what a single-server
    # install without Redis can have.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# The read-only open-data API (api/): JSON only, no sign-in, errors and limits of its own. The
# finder's "format" facet is a query parameter, so Django REST framework must not read it as
# the response format.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "api.errors.json_error",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Medical Assistant Career Guide open data API",
    "DESCRIPTION": (
        "Read-only JSON over the guide's programs, schools, pay figures, certifications and "
        "state rules, each figure with its source and period. No key needed."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
}
# Requests per visitor address to the API, and to its whole-table downloads.
API_RATE = os.environ.get("API_RATE", "120/m")
API_DOWNLOAD_RATE = os.environ.get("API_DOWNLOAD_RATE", "10/h")

# Admin sign-in lockout (django-axes, stored in the database so every app server sees it):
# after five failures for an account, that account waits fifteen minutes; the address is
# paused only after SIGN_IN_ADDRESS_FAILURES across SIGN_IN_ADDRESS_USERNAMES names in that
# time (core.ratelimits.address_pause), so one editor's typos never lock out colleagues
# sharing the office's address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
SIGN_IN_ADDRESS_FAILURES = 30
SIGN_IN_ADDRESS_USERNAMES = 3
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimits.client_ip"
AXES_USERNAME_CALLABLE = "core.ratelimits.sign_in_name"
AXES_LOCKOUT_TEMPLATE = "admin/login_locked.html"
# The lockout page with the wait, a way that works, and Retry-After.
AXES_LOCKOUT_CALLABLE = "core.ratelimits.sign_in_paused"
# The name authenticator apps show beside the account (core.otp).
OTP_TOTP_ISSUER = SITE_NAME
