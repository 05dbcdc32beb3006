"""Two gunicorn app servers on one PostgreSQL and one Redis: an edit on one shows on the other.

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (.ci/run starts both);
run with `make test-servers`.
"""

import time
import urllib.error
import urllib.request

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from bench.servers import start_gunicorn
from tests.integration.conftest import TOTP_KEY

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def servers(environment):
    started = [start_gunicorn(environment) for _ in range(2)]
    urls = [url for _process, url in started]
    yield urls
    for process, _url in started:
        process.terminate()
        process.wait(10)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_an_edit_on_one_server_shows_on_the_other_at_once(servers, browser):
    first, second = servers
    # Warm the page cache on both servers (and both workers of each) with the old figure.
    for _ in range(4):
        for url in servers:
            assert "$10,000" in fetch(f"{url}/programs/twin-ma/")

    page = browser.new_page()
    page.goto(f"{first}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "two-servers-passphrase-9")
    page.fill("#id_otp_token", f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}")
    page.click("input[type=submit]")
    page.goto(f"{first}/admin/programs/program/")
    page.click("text=Medical Assisting")
    page.fill("#id_tuition_fees", "7500")
    # A changed figure needs its new source (the figure-source rule).
    page.fill("#id_cost_source", "School catalog, 2026-27")
    page.click("input[name=_save]")
    # The click returns once the redirect starts; expect waits for the change list's message.
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.close()

    for _ in range(4):
        body = fetch(f"{second}/programs/twin-ma/")
        assert "$7,500" in body and "$10,000" not in body


def test_a_server_whose_database_is_unreachable_answers_503_quickly(environment):
    unreachable = {**environment, "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nothing"}
    unreachable.pop("REDIS_URL")
    process, base = start_gunicorn(unreachable)
    try:
        for path in ("/", "/programs/", "/healthz"):
            started = time.monotonic()
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(base + path, timeout=10)
            assert error.value.code == 503
            assert time.monotonic() - started < 5
        page = urllib.request.Request(base + "/")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(page, timeout=10)
        assert "back in a minute" in error.value.read().decode()
    finally:
        process.terminate()
        process.wait(10)


def test_a_server_whose_redis_is_down_keeps_serving(environment):
    no_redis = {**environment, "REDIS_URL": "redis://127.0.0.1:9/0"}
    process, base = start_gunicorn(no_redis)
    try:
        for path in ("/programs/", "/programs/twin-ma/", "/certifications/"):
            started = time.monotonic()
            assert urllib.request.urlopen(base + path, timeout=10).status == 200
            assert time.monotonic() - started < 5
    finally:
        process.terminate()
        process.wait(10)
