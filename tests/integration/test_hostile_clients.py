"""The shipped gunicorn configuration on PostgreSQL and Redis under slow clients, a hung Redis
and junk query strings. All traffic stays on 127.0.0.1 and is bounded in count and time.

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (.ci/run starts both);
run with `make test-servers`.
"""

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
import redis

from bench.servers import start_gunicorn
from tests.integration.conftest import REDIS

pytestmark = pytest.mark.servers

PAGES = ("/programs/", "/programs/twin-ma/", "/certifications/")


def timed_get(url):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        return response.status, time.monotonic() - started


@pytest.fixture
def server(environment):
    process, base = start_gunicorn(environment)
    yield base
    process.terminate()
    process.wait(10)


def test_normal_requests_stay_under_a_second_while_50_clients_drip_headers(server):
    # With 2 sync workers, four such clients made every request wait 45 s.
    port = int(server.rsplit(":", 1)[1])
    # Each worker's first requests load templates and code: not what is measured here.
    for _ in range(2):
        for path in PAGES:
            timed_get(server + path)
    dripping = []
    for _ in range(50):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /programs/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        dripping.append(sock)
    stop = threading.Event()

    def drip():
        while not stop.wait(1):
            for sock in dripping:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")

    dripper = threading.Thread(target=drip)
    dripper.start()
    try:
        time.sleep(2)
        timings = [timed_get(server + path) for _ in range(3) for path in PAGES]
    finally:
        stop.set()
        dripper.join()
        for sock in dripping:
            sock.close()
    assert [status for status, _ in timings] == [200] * len(timings)
    slowest = max(seconds for _, seconds in timings)
    print(f"50 dripping clients: {[round(seconds, 3) for _, seconds in timings]} s")
    assert slowest < 1


@pytest.fixture
def tarpit():
    """A Redis that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for sock in accepted:
        sock.close()
    listener.close()


def test_a_hung_redis_costs_pages_little_and_healthz_reports_it(environment, tarpit):
    # Before, each page waited the socket timeout on each of its 9 to 21 cache calls (2-5 s).
    process, base = start_gunicorn({**environment, "REDIS_URL": f"redis://127.0.0.1:{tarpit}/0"})
    try:
        # The first request of each worker meets the timeout once; the breaker then holds.
        for path in PAGES:
            assert timed_get(base + path)[1] < 2
        timings = [timed_get(base + path) for _ in range(3) for path in PAGES]
        with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
            health = (response.status, json.loads(response.read()))
    finally:
        process.terminate()
        process.wait(10)
    slowest = max(seconds for _, seconds in timings)
    print(f"hung Redis: {[round(seconds, 3) for _, seconds in timings]} s")
    assert [status for status, _ in timings] == [200] * len(timings)
    assert slowest < 0.5
    assert health == (200, {"status": "degraded", "database": "ok", "cache": "degraded"})


def test_junk_query_strings_make_no_new_cache_entries(server):
    # Before, the key was the raw query string: /?utm_junk=N stored a page for every N.
    store = redis.Redis.from_url(REDIS)
    for _ in range(3):
        timed_get(server + "/certifications/")
    before = store.dbsize()
    statuses = []
    for n in range(20):
        statuses.append(timed_get(f"{server}/certifications/?utm_junk={n}")[0])
        statuses.append(timed_get(f"{server}/certifications/?junk{n}={n}")[0])
    assert statuses == [200] * 40
    assert store.dbsize() == before
