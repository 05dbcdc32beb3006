import functools
import io
import os
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation
from pytest_django.fixtures import validate_django_db

from core.management.commands.seed import app_fixtures

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def reference_fixtures():
    """The site's reference fixtures: every app's but the program data, which tests build for
    themselves."""
    return [path for path in app_fixtures() if path.name != "programs.json"]


# How to load the reference fixtures into this session's test database, once it exists.
load_reference_data_key = pytest.StashKey[Callable[[], None]]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database (one per xdist worker), with the reference fixtures loaded
    once for the session, as Django's TestCase.setUpTestData loads a class's data once: seeding
    them takes most of a second, and tests used to load them again and again. Every test sees
    them without loading anything, and its own transaction, rolled back after it, leaves them as
    they were."""

    def load_reference_data():
        with django_db_blocker.unblock():
            call_command("seed", *reference_fixtures(), stdout=io.StringIO())

    load_reference_data()
    request.config.stash[load_reference_data_key] = load_reference_data


def flushes_database(item):
    """Whether pytest-django runs the test as a TransactionTestCase, which empties every table
    after it: marked django_db(transaction=True) or reset_sequences, or asking for
    transactional_db, django_db_reset_sequences or live_server (pytest-django's own rule)."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    asks = {"transactional_db", "django_db_reset_sequences", "live_server"}
    return not asks.isdisjoint(item.fixturenames)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Load the reference fixtures again after a transactional test emptied the tables, so the
    tests after it in this process find them (pytest-django runs transactional tests after the
    others, so these are the other transactional tests). A hook, not an autouse fixture:
    pytest-django's flush runs in its own fixture's teardown, after those of conftest fixtures.
    Not after the last test, whose teardown has destroyed the test database and put back the
    real one's settings."""
    result = yield
    load_reference_data = item.config.stash.get(load_reference_data_key, None)
    if nextitem is not None and load_reference_data and flushes_database(item):
        load_reference_data()
    return result


@functools.cache
def reference_tables():
    """The tables of the apps that have reference fixtures (history and many-to-many tables
    included), and of every model that refers to one of them, such as a program's list of
    certifications."""
    labels = {path.stem for path in reference_fixtures()}
    every = apps.get_models(include_auto_created=True)
    models = {model for model in every if model._meta.app_label in labels}
    while referring := {
        model
        for model in every
        if model not in models
        and any(field.related_model in models for field in model._meta.concrete_fields)
    }:
        models |= referring
    return [model._meta.db_table for model in models]


@pytest.fixture
def without_reference_data(db):
    """Empty reference tables, for a test that counts rows, builds rows with the fixtures' keys
    or expects no results. DELETE rather than TRUNCATE, which takes half a second for these
    tables on PostgreSQL; in one transaction, so the database checks the foreign keys at its
    end. The test's own transaction brings the data back when it is rolled back; after a
    transactional test, the reload above does."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in reference_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so a cached page never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A request to a Spanish page leaves Spanish
    active in the thread (Django's LocaleMiddleware activates a language and never deactivates
    it), and a field modeltranslation reads in the active language would follow it into
    whichever test the worker runs next."""
    translation.deactivate()
    yield


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
