"""Editors at work: unlocking, idle sessions, the 403 inside admin, "Save and mark reviewed"."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_program
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-passphrase-7"


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "erin", stdout=io.StringIO())
    return User.objects.get(username="erin")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def lock_out(client):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "erin ", "password": "wrong"})
    locked = client.post(reverse("admin:login"), {"username": "erin", "password": PASSWORD})
    assert locked.status_code == 429


@pytest.mark.usefixtures("editor")
def test_unlock_editor_command_lets_a_locked_editor_in_at_once(client):
    lock_out(client)
    out = io.StringIO()
    call_command("unlock_editor", "ＥＲＩＮ", stdout=out)
    assert "erin: 1 lockout record(s) removed" in out.getvalue()
    response = client.post(reverse("admin:login"), {"username": "erin", "password": PASSWORD})
    assert response.status_code == 302


def test_admin_action_unlocks_the_selected_accounts(client, admin_client, editor):
    lock_out(client)
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "1 account may sign in again now." in response.content.decode()
    response = client.post(reverse("admin:login"), {"username": "erin", "password": PASSWORD})
    assert response.status_code == 302


def test_editor_session_lasts_8_hours_from_the_last_request(editor_client):
    # Every admin request sends the cookie again with a fresh 8 hours: idle time, not sign-in.
    for _ in range(2):
        response = editor_client.get(reverse("admin:index"))
        assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    assert editor_client.session.get_expiry_age() == 8 * 60 * 60


def test_refused_editor_gets_a_403_inside_admin_with_a_way_back(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "not open to your account" in body
    assert f'href="{reverse("admin:index")}"' in body


def test_public_403_keeps_the_site_layout(rf):
    from core.views import permission_denied

    request = rf.get("/somewhere/")
    request.user = User()
    response = permission_denied(request)
    assert response.status_code == 403
    assert b"This page is not open to you" in response.content


def test_save_and_mark_reviewed_saves_the_edit_and_the_review_date(admin_client):
    program = make_program(tuition_fees=Decimal("10000"))
    url = reverse("admin:programs_program_change", args=[program.pk])
    page = admin_client.get(url)
    assert 'name="_save_reviewed"' in page.content.decode()
    data = _form_data(
        page.context["adminform"].form,
        tuition_fees="9000",
        cost_source="School catalog, 2026-27",
        _save_reviewed="1",
    )
    response = admin_client.post(url, data, follow=True)
    assert "Marked as reviewed today." in response.content.decode()
    program.refresh_from_db()
    assert program.tuition_fees == Decimal("9000")
    assert program.last_verified == timezone.localdate()


def test_plain_save_leaves_the_review_date_alone(admin_client):
    program = make_program(last_verified=datetime.date(2025, 1, 2))
    url = reverse("admin:programs_program_change", args=[program.pk])
    form = admin_client.get(url).context["adminform"].form
    admin_client.post(url, _form_data(form, name="Medical Assisting, diploma"))
    program.refresh_from_db()
    assert program.last_verified == datetime.date(2025, 1, 2)


def test_one_editors_typos_do_not_lock_a_colleague_at_the_same_address(client, editor):
    # Before, the address was locked with the account: every editor in the office was out.
    call_command("create_editor", "ed2", stdout=io.StringIO())
    for _ in range(6):
        client.post(reverse("admin:login"), {"username": "erin", "password": "wrong"})
    colleague = client.post(reverse("admin:login"), {"username": "ed2", "password": PASSWORD})
    assert colleague.status_code == 302


def test_the_lockout_page_gives_the_wait_a_way_that_works_and_retry_after(client, editor):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "erin", "password": "wrong"})
    locked = client.post(reverse("admin:login"), {"username": "erin", "password": PASSWORD})
    assert locked.status_code == 429
    assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60
    body = locked.content.decode()
    assert "try again in 15 minutes" in body
    assert "Unlock sign-in" in body and "unlock_editor" in body
    assert "reset your password" not in body


def test_an_address_guessing_at_many_accounts_is_paused(client, editor):
    names = [f"guess{n}" for n in range(8)]
    for n in range(30):
        client.post(reverse("admin:login"), {"username": names[n % 8], "password": "wrong"})
    # Even the right password for an account never tried from here waits.
    paused = client.post(reverse("admin:login"), {"username": "erin", "password": PASSWORD})
    assert paused.status_code == 429
    assert "Retry-After" in paused
    assert "from your network" in paused.content.decode()


def test_forwarded_for_without_a_proxy_count_is_warned_about_once(client, caplog, monkeypatch):
    from core import ratelimits

    monkeypatch.setattr(ratelimits, "_warned_about_proxies", [])
    for _ in range(3):
        client.post(
            reverse("admin:login"),
            {"username": "nobody", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    warnings = [r for r in caplog.records if "DJANGO_TRUSTED_PROXY_COUNT" in r.getMessage()]
    assert len(warnings) == 1
