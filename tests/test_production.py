import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import override_settings

from core.cache import BreakerRedisCache as RedisCache
from tests.factories import make_page

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 64 + "-production-test-key-not-used-anywhere",
    "DATABASE_URL": "sqlite:////tmp/production-check.sqlite3",
    "DJANGO_ALLOWED_HOSTS": "www.example.org",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_check_deploy_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.usefixtures("without_reference_data")
@pytest.mark.django_db
def test_security_headers_on_a_page(client):
    make_page(slug="home", kind="home")
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_database_failure_gives_a_friendly_503(client, monkeypatch):
    from guide import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.HomeView, "get_context_data", unreachable)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "back in a minute" in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_the_database(client, monkeypatch):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "local"}

    from config import views

    class BrokenConnection:
        def cursor(self):
            raise OperationalError("down")

    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def tarpit():
    """A local socket that accepts connections and never answers, like a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hung_redis_costs_one_timeout_not_one_per_call(tarpit):
    cache = RedisCache(f"redis://127.0.0.1:{tarpit}/0", {"OPTIONS": settings.REDIS_CACHE_OPTIONS})
    started = time.monotonic()
    for n in range(20):
        assert cache.get(f"key-{n}", "miss") == "miss"
        cache.set(f"key-{n}", "value")
    # 40 calls at a 0.1 s timeout each were 4 s; the breaker stops after the first.
    assert time.monotonic() - started < 0.5
    assert cache.breaker.is_open


@pytest.mark.django_db
def test_healthz_says_degraded_and_stays_200_while_the_cache_is_sick(client, tarpit):
    from django.core.cache import caches

    sick = RedisCache(f"redis://127.0.0.1:{tarpit}/0", {"OPTIONS": settings.REDIS_CACHE_OPTIONS})
    with override_settings(CACHES={"default": {"BACKEND": "core.cache.BreakerRedisCache"}}):
        caches._connections.default = sick
        try:
            response = client.get("/healthz")
        finally:
            del caches._connections.default
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_cache_falls_back_to_nothing_when_redis_is_down():
    cache = RedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0", {"OPTIONS": settings.REDIS_CACHE_OPTIONS}
    )
    assert cache.get("anything", "default") == "default"
    cache.set("key", "value")
    assert not cache.add("key", "value")
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("key")


def _redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(
    not _redis_reachable() and not os.environ.get("REQUIRE_REDIS"),
    reason="no Redis on 127.0.0.1:6379 (CI sets REQUIRE_REDIS and starts it)",
)
def test_cache_round_trips_through_a_live_redis():
    cache = RedisCache("redis://127.0.0.1:6379/15", {"OPTIONS": settings.REDIS_CACHE_OPTIONS})
    cache.set("ma-guide-test", {"a": 1}, 30)
    assert cache.get("ma-guide-test") == {"a": 1}
    cache.delete("ma-guide-test")


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_unknown_page_is_a_404_not_a_500(client):
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/faq/",
        "/salary-and-outlook/",
        "/certifications/",
        "/certifications/eligibility/",
        "/programs/",
        "/search/?q=cma",
        "/suggest-an-update/",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
        "/admin/login/",
    ],
)
@pytest.mark.django_db
def test_every_page_type_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
