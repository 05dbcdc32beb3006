"""Production settings plus the bench's bare reference view, for the gunicorn throughput run."""

from config.settings.production import *

ROOT_URLCONF = "bench.urls"
