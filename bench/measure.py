"""One database, one data size: build it, then time every page in-process.

Run by bench/run.py in a fresh process per database and size (DATABASE_URL decides which).
Prints one JSON object per page on stdout.
"""

import argparse
import gzip
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import COLD  # noqa: E402
from bench.synth import grow_to  # noqa: E402
from programs.models import Program  # noqa: E402

FOUR_FILTERS = (
    "format=campus&format=hybrid&max_cost=15000&max_months=12&credential=certificate&sort=cost"
)


BARE = "/bench/ok"
BLOCK = 20


def pages():
    slugs = list(Program.objects.published().order_by("pk").values_list("slug", flat=True)[:4])
    compare = "&".join(f"p={slug}" for slug in slugs)
    return [
        ("bare view (reference)", BARE),
        ("/programs/", "/programs/"),
        ("/programs/ 4 filters + sort", f"/programs/?{FOUR_FILTERS}"),
        (COLD, f"/programs/?{FOUR_FILTERS}"),
        ("/api/v1/programs/ 4 filters + sort", f"/api/v1/programs/?{FOUR_FILTERS}"),
        ("/programs/ ZIP + radius", "/programs/?zip=60601&radius=50&sort=distance"),
        ("/programs/ page 40", "/programs/?page=40"),
        ("program page", f"/programs/{slugs[0]}/"),
        ("/programs/compare/ (4)", f"/programs/compare/?{compare}"),
        ("/certifications/", "/certifications/"),
        ("/salary-and-outlook/", "/salary-and-outlook/"),
        ("/", "/"),
    ]


def measure(client, url, requests, cold=False):
    """Median ms of the page and of the bare view, measured in alternating short blocks.

    The machines are shared: a burst of other work slows whatever runs during it. Alternating
    blocks expose both to the same bursts, so their ratio stays steady; blocks rather than single
    requests, because a bare request straight after a page finds the CPU caches full of that
    page's work and would make the reference look slower than it is.
    """
    for _ in range(5):
        response = client.get(url)
        client.get(BARE)
    status = response.status_code
    if cold:
        cache.clear()
    # Each request resets the query log, so start from an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read the count now: the log it slices is emptied by the next request.
    query_count = len(queries)
    body = response.content
    page, bare = [], []
    for _ in range(max(1, requests // BLOCK)):
        for timings, target, clear in ((page, url, cold), (bare, BARE, False)):
            for _ in range(BLOCK):
                if clear:
                    cache.clear()
                start = time.perf_counter()
                client.get(target)
                timings.append(time.perf_counter() - start)
    return {
        "status": status,
        "median_ms": statistics.median(page) * 1000,
        "bare_ms": statistics.median(bare) * 1000,
        "queries": query_count,
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, 6)),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    build_start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Program.objects.exists():
        with open(os.devnull, "w") as quiet:
            call_command("seed", verbosity=0, stdout=quiet)
    total = grow_to(args.size)
    # Fresh statistics, as a production database would have, so the planner picks real plans.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    build_seconds = time.perf_counter() - build_start

    client = Client()
    for label, url in pages():
        row = {"page": label, "url": url, "programs": total, "database": connection.vendor}
        row.update(measure(client, url, args.requests, cold=label == COLD))
        row["build_seconds"] = round(build_seconds, 1)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
