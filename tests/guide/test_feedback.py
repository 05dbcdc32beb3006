"""Reader feedback for editors: an e-mail to the Editors group, assignment, and the reader's
address forgotten when the note is closed."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from guide.models import Feedback
from tests.test_editors import _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-editor-passphrase-7")
    for name in ("erin", "eli"):
        call_command("create_editor", name, email=f"{name}@example.org", stdout=io.StringIO())
    call_command("create_editor", "noaddress", stdout=io.StringIO())
    return User.objects.filter(groups__name="Editors").order_by("username")


def send_note(client, **overrides):
    data = {"page_url": "/faq/", "message": "The CMA fee is now $130 & rising.", **overrides}
    return client.post(reverse("guide:feedback"), data)


@pytest.mark.usefixtures("editors")
def test_new_feedback_is_mailed_to_the_editors_with_a_link_to_triage(client):
    assert send_note(client, email="reader@example.org").status_code == 302
    note = Feedback.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eli@example.org", "erin@example.org"]
    assert message.subject == "Reader feedback on /faq/"
    assert "The CMA fee is now $130 & rising." in message.body
    triage = reverse("admin:guide_feedback_change", args=[note.pk])
    assert f"http://testserver{triage}" in message.body
    assert "reader@example.org" not in message.body


@pytest.mark.usefixtures("editors")
def test_spam_sends_no_mail(client):
    send_note(client, website="http://spam.example")
    assert not Feedback.objects.exists()
    assert mail.outbox == []


def test_a_mail_server_that_is_down_keeps_the_note(client, editors, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    assert send_note(client).status_code == 302
    assert Feedback.objects.count() == 1


def test_dev_prints_mail_to_the_console():
    from config.settings import dev

    assert dev.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_assigned_to_me_filter(client, editors):
    erin, eli = editors.get(username="erin"), editors.get(username="eli")
    mine = Feedback.objects.create(page_url="/faq/", message="Mine", assigned_to=erin)
    Feedback.objects.create(page_url="/faq/", message="Theirs", assigned_to=eli)
    unassigned = Feedback.objects.create(page_url="/faq/", message="Nobody's")
    client.force_login(erin)
    url = reverse("admin:guide_feedback_changelist")
    assert list(client.get(url, {"assigned": "me"}).context["cl"].result_list) == [mine]
    assert list(client.get(url, {"assigned": "nobody"}).context["cl"].result_list) == [unassigned]


def test_editor_assigns_a_note_to_another_editor(client, editors):
    erin, eli = editors.get(username="erin"), editors.get(username="eli")
    note = Feedback.objects.create(page_url="/faq/", message="Typo", email="r@example.org")
    client.force_login(erin)
    url = reverse("admin:guide_feedback_change", args=[note.pk])
    form = client.get(url).context["adminform"].form
    assert set(form.fields["assigned_to"].queryset) == set(editors)
    client.post(url, _form_data(form, assigned_to=str(eli.pk)))
    note.refresh_from_db()
    assert note.assigned_to == eli
    assert note.email == "r@example.org"


@pytest.mark.parametrize("status", [Feedback.Status.FIXED, Feedback.Status.DECLINED])
def test_closing_a_note_in_the_form_forgets_the_readers_address(client, editors, status):
    note = Feedback.objects.create(page_url="/faq/", message="Typo", email="r@example.org")
    client.force_login(editors.get(username="erin"))
    url = reverse("admin:guide_feedback_change", args=[note.pk])
    form = client.get(url).context["adminform"].form
    client.post(url, _form_data(form, status=status))
    note.refresh_from_db()
    assert (note.status, note.email) == (status, "")


def test_closing_notes_with_the_bulk_action_forgets_the_readers_addresses(client, editors):
    notes = [
        Feedback.objects.create(page_url="/faq/", message=f"Typo {n}", email=f"r{n}@example.org")
        for n in range(2)
    ]
    client.force_login(editors.get(username="erin"))
    url = reverse("admin:guide_feedback_changelist")
    client.post(url, {"action": "mark_in_progress", "_selected_action": [notes[0].pk]})
    assert Feedback.objects.get(pk=notes[0].pk).email == "r0@example.org"
    client.post(url, {"action": "mark_fixed", "_selected_action": [n.pk for n in notes]})
    assert set(Feedback.objects.values_list("email", flat=True)) == {""}


def test_no_history_keeps_the_readers_address():
    # simple-history on Feedback would keep every address in its history table.
    assert not hasattr(Feedback, "history")
    assert "historicalfeedback" not in apps.all_models["guide"]


def test_the_note_links_to_the_page_the_reader_was_on(client, editors):
    note = Feedback.objects.create(page_url="/faq/", message="Typo")
    client.force_login(editors.get(username="erin"))
    body = client.get(reverse("admin:guide_feedback_change", args=[note.pk])).content.decode()
    assert '<a href="/faq/">Open the page</a>' in body
