import io
import os

import pytest
from django.core.management import call_command
from django.db import transaction

from core.management.commands.seed import app_fixtures

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """The site's reference fixtures (every app's but the program data, which tests build for
    themselves), loaded by seed once for the test module that asks for them, not once per test:
    loading guide.json takes seconds. As with Django's TestCase.setUpTestData, they live in a
    transaction left open for the module; each test's own transaction is a savepoint inside it,
    rolled back after the test, and the whole is rolled back when the module ends, so other
    modules still start from empty tables. Not for transactional tests."""
    paths = [path for path in app_fixtures() if path.name != "programs.json"]
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("seed", *paths, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so a cached page never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright from PyPI (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's superuser client (a client of its own, beside `client`), signed in with
    the second factor admin asks of superusers (core.otp)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client = Client()
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
