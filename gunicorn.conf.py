"""gunicorn settings for production; every value can be overridden from the environment.

Threaded workers (gthread): a request holds a thread, not the whole process, so a slow client
dripping its headers, or a request waiting on a hung database, leaves the other threads to
answer everyone else (static files and /healthz included). A sync worker has one request slot:
four dripping clients took both workers and every request timed out. In front, run a buffering
proxy (nginx with proxy_request_buffering and proxy_buffering on, the default): it reads each
request whole before passing it on, so slow clients never reach gunicorn at all. See README,
"Deployment".
"""

import os

bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A thread waiting on a client costs little memory; enough of them that 50 clients dripping
# headers at one worker still leave threads for real requests. Each thread that serves a
# request may hold a database connection: PostgreSQL's max_connections must exceed
# workers x threads (README).
threads = int(os.environ.get("GUNICORN_THREADS", "64"))
# Connections a worker accepts beyond its threads wait in its queue, not the kernel's.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "256"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Idle keep-alive connections are dropped after this many seconds.
keepalive = 5
# Bounded request lines and headers: a client cannot make a worker buffer more than this.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Recycle workers now and then so a slow leak can never take a server down, but seldom: a new
# worker imports the site again and starts with empty local caches (templates, kept rows, the
# page cache without Redis). At 5,000 requests a worker under load restarted every few seconds,
# and the gunicorn run of `make bench` measured the bare view at half the rate it reaches without
# restarts and cached pages at 50% of it instead of 60-70%.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
wsgi_app = "config.wsgi:application"
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
