"""The sign-in lockout holds across two gunicorn workers on PostgreSQL without Redis: django-axes
keeps its count in the database, on the username as Django normalises it, so each worker's own
local-memory cache plays no part and no spelling of the name gets extra guesses.

Needs PostgreSQL on 127.0.0.1:5432 (SERVERS_PG; SERVERS_LOCKOUT_DB names the database it drops
and creates); run with `make test-servers`.
"""

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from itertools import count
from pathlib import Path

import pytest

from bench.servers import start_gunicorn

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("SERVERS_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("SERVERS_LOCKOUT_DB", "ma_lockout_servers")
PASSWORD = "lockout-servers-passphrase-4"
# Each attempt comes from an address of its own, so only the count on the username can lock.
ADDRESSES = (f"203.0.113.{n}" for n in count(1))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True)
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PAGE_CACHE"))
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "lockout-servers-test-" + "k" * 50,
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "EDITOR_PASSWORD": PASSWORD,
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    for name in ("ed1", "ed2", "ed3"):
        subprocess.run(
            [*manage, "create_editor", name], cwd=ROOT, env=env, check=True, capture_output=True
        )
    log = tmp_path_factory.mktemp("gunicorn") / "access.log"
    process, base = start_gunicorn(env, workers=2, access_log=log)
    yield base, log
    process.terminate()
    process.wait(10)


def sign_in(base, username, password, address=None):
    """One sign-in, from a new address unless one is given, as a browser would post it; the
    response status and page."""
    address = address or next(ADDRESSES)
    with urllib.request.urlopen(
        urllib.request.Request(f"{base}/admin/login/", headers={"X-Forwarded-For": address}),
        timeout=10,
    ) as page:
        cookie = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie"):
            cookie.load(header)
    token = cookie["csrftoken"].value
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "otp_token": "",
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/admin/login/",
        data=body,
        headers={"Cookie": f"csrftoken={token}", "X-Forwarded-For": address},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_lockout_holds_for_every_spelling_across_two_workers(server):
    base, log = server
    for _ in range(4):
        assert sign_in(base, "ed1", "wrong")[0] == 200
    assert sign_in(base, "ed1", "wrong")[0] == 429

    spellings = ["ed1", "ed1 ", " ed1", "ｅｄ１", "ED1"] * 4
    # Four at a time, so both sync workers answer some of them.
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda name: sign_in(base, name, PASSWORD), spellings))
    assert [status for status, _body in answers] == [429] * len(spellings)
    assert "try again in 15 minutes" in answers[0][1]

    # The servers do sign people in: another editor, not locked, gets in.
    assert sign_in(base, "ed2", PASSWORD)[0] == 302

    refusals = [line.split()[0] for line in log.read_text().splitlines() if line.endswith(" 429")]
    assert len(refusals) == 1 + len(spellings)
    assert len(set(refusals)) == 2, "both workers refused some attempts"


def test_one_editors_typos_do_not_lock_out_a_colleague_at_the_same_address(server):
    # Before, the address was locked along with the account: the whole office was out.
    base, _log = server
    office = "198.51.100.20"
    answers = [sign_in(base, "ed3", "wrong", office)[0] for _ in range(6)]
    assert answers[-1] == 429
    assert sign_in(base, "ed2", PASSWORD, office)[0] == 302
