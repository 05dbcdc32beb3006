"""`make load`: gunicorn with production settings under wrk, on SQLite and on PostgreSQL.

Drives the home page, the filtered finder, a program page and the certifications page, mixed
with hostile query strings, with 32 connections for 30 seconds, and prints requests per second,
p50/p99 latency and errors (5xx and socket errors), which must be zero.
"""

import argparse
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from bench import servers
from bench.run import WORK

ROOT = Path(__file__).resolve().parent.parent
FILTERS = (
    "format=campus&format=hybrid&max_cost=15000&max_months=12&credential=certificate&sort=cost"
)
HOSTILE = [
    "/programs/?max_cost=abc&max_months=-4",
    "/programs/?zip=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95&radius=25",
    "/programs/?page=999999",
    "/programs/?format=teleport&credential=" + "x" * 2000,
    "/programs/?sort=%00&state=ZZZ&q=%27%20OR%201%3D1--",
    "/certifications/eligibility/?experience_months=1e309&training=none&diploma=maybe",
    "/search/?q=" + "%3Cscript%3E" * 200,
    "/salary-and-outlook/?state=%F0%9F%92%A5",
]


def prepare_database(vendor, size):
    """Build the database once with bench.measure's builder (real fixtures grown to size)."""
    from bench.run import database_url

    url = database_url(vendor, size)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    subprocess.run(
        [sys.executable, "-m", "bench.measure", "--size", str(size), "--requests", "1"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return url


def start_gunicorn(database_url, port, extra_env=None):
    """gunicorn with two workers and production settings; returns (process, base URL)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SECRET_KEY": "load-test-only-" + "s" * 50,
        "DATABASE_URL": database_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return servers.start_gunicorn(env, port)


def wrk(base, paths, seconds, connections=32):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(ROOT / "bench" / "load.lua"),
            base,
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def program_path(base):
    body = urllib.request.urlopen(f"{base}/programs/?{FILTERS}", timeout=10).read().decode()
    match = re.search(r'href="(/programs/[a-z0-9-]+/)"', body)
    return match.group(1) if match else "/programs/"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    failed = False
    columns = ("req/s", "p50 ms", "p99 ms")
    print(f"{'database':12} {'mix':10} " + " ".join(f"{c:>8}" for c in columns) + "   5xx  sock")
    for vendor in args.databases:
        url = prepare_database(vendor, args.size)
        process, base = start_gunicorn(url, 8390)
        try:
            pages = ["/", f"/programs/?{FILTERS}", program_path(base), "/certifications/"]
            for label, paths in (("pages", pages), ("+hostile", pages + HOSTILE)):
                r = wrk(base, paths, args.seconds)
                failed |= bool(r["server_errors"] or r["socket_errors"])
                errors = f"{int(r['server_errors']):>5} {int(r['socket_errors']):>5}"
                print(
                    f"{vendor:12} {label:10} {r['rps']:>8.0f} {r['p50_ms']:>8.1f} "
                    f"{r['p99_ms']:>8.1f} {errors}",
                    flush=True,
                )
        finally:
            process.terminate()
            process.wait(10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
