"""Settings for `make bench`: no debug, the whole-page cache off, a bare reference view.

The data cache (local memory) stays on, as in production: facet counts (per filter set) and the
cost summaries are cached per content version, and that is part of what is measured.
"""

from config.settings.test import *

ROOT_URLCONF = "bench.urls"
PAGE_CACHE_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The API's per-address limit would stop the timing loop: the bench measures the work.
API_RATE = "1000000/m"
