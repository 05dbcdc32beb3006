"""The second factor: required of superusers, open to editors, counted by the lockout."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-admin-passphrase-3"


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def boss():
    return User.objects.create_superuser("boss", "boss@example.org", PASSWORD)


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "erin", stdout=io.StringIO())
    return User.objects.get(username="erin")


def sign_in(client, username, code=""):
    return client.post(
        reverse("admin:login"), {"username": username, "password": PASSWORD, "otp_token": code}
    )


def test_login_page_asks_for_the_code(client):
    body = client.get(reverse("admin:login")).content.decode()
    assert 'name="otp_token"' in body
    assert 'autocomplete="one-time-code"' in body


@pytest.mark.usefixtures("boss")
def test_superuser_without_a_device_is_sent_to_set_one_up(client):
    assert sign_in(client, "boss").status_code == 302
    for name in ("admin:index", "admin:programs_program_changelist", "admin:auth_user_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("admin:second_factor")
    page = client.get(reverse("admin:second_factor"))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'href="otpauth://totp/Medical%20Assistant%20Career%20Guide%3Aboss?secret=' in body
    assert 'src="data:image/svg+xml' in body
    assert page.context["secret"] in body


def test_superuser_confirms_a_new_device_and_may_then_use_admin(client, boss):
    sign_in(client, "boss")
    client.get(reverse("admin:second_factor"))
    device = TOTPDevice.objects.get(user=boss, confirmed=False)
    wrong = client.post(reverse("admin:second_factor"), {"otp_token": "000000"})
    assert wrong.status_code == 200
    assert "That code was not accepted" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(reverse("admin:second_factor"), {"otp_token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_set_up_left_unfinished_does_not_block_the_next_sign_in(client, boss):
    sign_in(client, "boss")
    client.get(reverse("admin:second_factor"))
    client.post(reverse("admin:logout"))
    assert sign_in(client, "boss").status_code == 302
    assert client.get(reverse("admin:index")).url == reverse("admin:second_factor")


def test_reloading_the_set_up_page_keeps_the_secret(client, boss):
    sign_in(client, "boss")
    first = client.get(reverse("admin:second_factor")).context["secret"]
    assert client.get(reverse("admin:second_factor")).context["secret"] == first
    assert TOTPDevice.objects.filter(user=boss).count() == 1


def test_superuser_with_a_device_is_refused_a_wrong_code(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = sign_in(client, "boss", wrong)
    assert response.status_code == 200
    assert "Enter the current code from your authenticator app." in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = sign_in(client, "boss")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_superuser_with_a_device_and_the_right_code_is_admitted(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    response = sign_in(client, "boss", current_code(device)[:3] + " " + current_code(device)[3:])
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_device_cannot_be_replaced_with_the_password_alone(client, boss):
    # A session from before the second factor (password only) must enter the code, not enrol.
    TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    client.force_login(boss)
    page = client.get(reverse("admin:second_factor"))
    assert page.context["setting_up"] is False
    assert "secret" not in page.context
    assert not TOTPDevice.objects.filter(user=boss, confirmed=False).exists()
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.usefixtures("editor")
def test_editor_without_a_device_is_admitted_with_the_password(client):
    assert sign_in(client, "erin").status_code == 302
    body = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:second_factor") in body


def test_editor_may_set_up_a_device_and_is_then_asked_for_the_code(client, editor):
    sign_in(client, "erin")
    client.get(reverse("admin:second_factor"))
    device = TOTPDevice.objects.get(user=editor)
    client.post(reverse("admin:second_factor"), {"otp_token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.post(reverse("admin:logout"))
    assert sign_in(client, "erin").status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout(client, boss):
    TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    for _ in range(4):
        assert sign_in(client, "boss", "123456").status_code == 200
    locked = sign_in(client, "boss", "123456")
    assert locked.status_code == 429
    assert "try again in 15 minutes" in locked.content.decode()


def test_reset_second_factor_command_removes_the_device(boss):
    TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    out = io.StringIO()
    call_command("reset_second_factor", "boss", stdout=out)
    assert "boss: 1 authenticator device(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=boss).exists()
