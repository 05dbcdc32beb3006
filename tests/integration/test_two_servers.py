"""Two gunicorn app servers on one PostgreSQL and one Redis: an edit on one shows on the other.

Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (.ci/run starts both);
run with `make test-servers`.
"""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bench.servers import start_gunicorn

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("SERVERS_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "ma_two_servers"
REDIS = os.environ.get("SERVERS_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture(scope="module")
def environment():
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "two-servers-test-" + "k" * 50,
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS,
        "PAGE_CACHE_SECONDS": "600",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True)
    return env


SETUP = """
from decimal import Decimal
from django.contrib.auth.models import User
from programs.models import Program, School
User.objects.create_superuser("boss", "boss@example.org", "two-servers-passphrase-9")
school = School.objects.create(slug="twin-college", name="Twin College", city="Dover", state="DE")
Program.objects.create(
    school=school, slug="twin-ma", name="Medical Assisting", credential="certificate",
    tuition_fees=Decimal("10000"),
)
"""


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
    page.click("input[type=submit]")
    page.goto(f"{first}/admin/programs/program/")
    page.click("text=Medical Assisting")
    page.fill("#id_tuition_fees", "7500")
    page.click("input[name=_save]")
    assert "was changed successfully" in page.content()
    page.close()

    for _ in range(4):
        body = fetch(f"{second}/programs/twin-ma/")
        assert "$7,500" in body and "$10,000" not in body
