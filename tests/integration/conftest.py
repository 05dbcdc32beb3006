"""What the two-server tests share: a PostgreSQL database with one school, one program and a
superuser, and the production settings' environment to start gunicorn with."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("SERVERS_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "ma_two_servers"
REDIS = os.environ.get("SERVERS_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture(scope="package")
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


# The superuser's authenticator app: admin asks superusers for its code (core.otp).
TOTP_KEY = "3132333435363738393031323334353637383930"
SETUP = f"""
from decimal import Decimal
from django.contrib.auth.models import User
from programs.models import Program, School
from django_otp.plugins.otp_totp.models import TOTPDevice
boss = User.objects.create_superuser("boss", "boss@example.org", "two-servers-passphrase-9")
TOTPDevice.objects.create(user=boss, name="phone", key="{TOTP_KEY}", confirmed=True)
school = School.objects.create(slug="twin-college", name="Twin College", city="Dover", state="DE")
Program.objects.create(
    school=school, slug="twin-ma", name="Medical Assisting", credential="certificate",
    tuition_fees=Decimal("10000"),
)
"""
