import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from guide.editors import EDITORS_GROUP
from guide.models import Feedback
from programs.models import Program
from tests.factories import make_page, make_program, make_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-editor-passphrase-7")
    call_command("create_editor", "erin", email="erin@example.org", stdout=io.StringIO())
    return User.objects.get(username="erin")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_create_editor_makes_a_staff_member_of_the_editors_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.check_password("a-long-editor-passphrase-7")
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS_GROUP]


def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "weak", stdout=io.StringIO())
    assert not User.objects.filter(username="weak").exists()


def test_editors_have_no_permission_on_accounts():
    group = Group.objects.get(name=EDITORS_GROUP)
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"guide", "certifications", "programs", "states"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_program", "change_faq", "change_feedback"} <= codenames
    assert "delete_feedback" not in codenames


@pytest.mark.parametrize("name", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_editor_gets_403_on_users_and_groups(editor_client, name):
    assert editor_client.get(reverse(name)).status_code == 403


def _form_data(form, **overrides):
    """What a browser would post back for an unchanged admin form, with overrides."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value == []:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = value
    data.update(overrides)
    return data


def test_editor_changes_a_program_and_the_public_page_shows_it(editor_client):
    program = make_program(tuition_fees=Decimal("10000"), books_supplies=Decimal("500"))
    url = reverse("admin:programs_program_change", args=[program.pk])
    form = editor_client.get(url).context["adminform"].form
    data = _form_data(form, tuition_fees="8000", cost_source="School catalog, 2026-27")
    response = editor_client.post(url, data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.total_cost == Decimal("8500")
    public = editor_client.get(program.get_absolute_url())
    assert "$8,500" in public.content.decode()


def test_history_records_a_change_and_revert_restores_it(admin_client):
    page = make_page(title="Original title")
    page.title = "A mistake"
    page.save()
    first = page.history.order_by("history_date").first()
    revert_url = reverse("admin:guide_guidepage_simple_history", args=[page.pk, first.pk])
    form = admin_client.get(revert_url).context["adminform"].form
    inlines = {
        f"{prefix}-{key}": 0
        for prefix in ("steps", "faqs")
        for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    response = admin_client.post(revert_url, _form_data(form, **inlines))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Original title"
    history = admin_client.get(reverse("admin:guide_guidepage_history", args=[page.pk]))
    assert "A mistake" in history.content.decode()


def test_stale_filter_and_mark_reviewed_today(admin_client):
    old = make_page(title="Old page", reviewed_on=datetime.date(2020, 1, 1))
    fresh = make_page(title="Fresh page", reviewed_on=timezone.localdate())
    changelist = reverse("admin:guide_guidepage_changelist")
    listed = admin_client.get(changelist, {"review": "stale"}).context["cl"].result_list
    assert old in listed and fresh not in listed
    admin_client.post(
        changelist, {"action": "mark_reviewed_today", "_selected_action": [old.pk, fresh.pk]}
    )
    old.refresh_from_db()
    assert old.reviewed_on == timezone.localdate()
    assert old.reviewed_by.username == "admin"
    assert old not in admin_client.get(changelist, {"review": "stale"}).context["cl"].result_list


def test_dashboard_lists_overdue_items_and_new_feedback(admin_client):
    make_page(reviewed_on=datetime.date(2020, 1, 1))
    Feedback.objects.create(page_url="/faq/", message="The CMA fee changed.")
    body = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 not reviewed in 12 months" in body
    assert "The CMA fee changed." in body


def test_feedback_bulk_status_action(admin_client):
    item = Feedback.objects.create(page_url="/faq/", message="Typo")
    admin_client.post(
        reverse("admin:guide_feedback_changelist"),
        {"action": "mark_fixed", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == Feedback.Status.FIXED


def _import(client, csv_text):
    upload = io.BytesIO(csv_text.encode())
    upload.name = "programs.csv"
    return client.post(
        reverse("admin:programs_program_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )


def test_csv_import_with_one_bad_row_changes_nothing_and_names_the_row(admin_client):
    school = make_school(slug="springfield-college")
    good = make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    csv_text = (
        "slug,school,name,credential,format,tuition_fees,cost_source\n"
        "good,springfield-college,Medical Assisting,certificate,hybrid,9000,Catalog 2026\n"
        "bad,no-such-school,Medical Assisting,certificate,campus,lots\n"
    )
    response = _import(admin_client, csv_text)
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    good.refresh_from_db()
    assert good.format == Program.Format.CAMPUS
    assert good.tuition_fees == Decimal("10000")
    assert not Program.objects.filter(slug="bad").exists()


def test_csv_import_preview_then_confirm_updates_programs(admin_client):
    school = make_school(slug="springfield-college")
    make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    csv_text = (
        "slug,school,name,credential,format,tuition_fees,cost_source\n"
        "good,springfield-college,Medical Assisting,certificate,hybrid,9000,Catalog 2026\n"
    )
    preview = _import(admin_client, csv_text)
    assert preview.status_code == 200
    assert Program.objects.get(slug="good").format == Program.Format.CAMPUS
    confirm = preview.context["confirm_form"]
    response = admin_client.post(reverse("admin:programs_program_process_import"), confirm.initial)
    assert response.status_code == 302
    program = Program.objects.get(slug="good")
    assert program.format == Program.Format.HYBRID
    assert program.total_cost == Decimal("9800")


def test_csv_export_lists_filtered_programs(admin_client):
    make_program(slug="campus-one", format=Program.Format.CAMPUS)
    make_program(slug="online-one", format=Program.Format.ONLINE)
    response = admin_client.post(
        reverse("admin:programs_program_export") + "?format__exact=online",
        {"format": "0", "resource": "0", "programresource_slug": "on"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "online-one" in text and "campus-one" not in text


def test_unpublished_page_is_404_for_the_public(client):
    make_page(slug="draft-page", published=False)
    assert client.get("/draft-page/").status_code == 404


def test_admin_login_locks_out_after_repeated_failures(client, editor):
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "erin", "password": "wrong"})
        assert response.status_code == 200
    # django-axes locks at the fifth failure and answers it with the lockout page already.
    assert client.post(url, {"username": "erin", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "erin", "password": "a-long-editor-passphrase-7"})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("spelling", ["erin ", " erin", "ＥＲＩＮ", "Erin"])
def test_lockout_counts_every_spelling_of_the_username(client, editor, spelling):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "erin", "password": "wrong"})
    locked = client.post(url, {"username": spelling, "password": "a-long-editor-passphrase-7"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_holds_per_address_across_usernames(client, editor):
    # Many failures across many usernames pause the address; a few do not (one editor's typos
    # must not lock out the office).
    url = reverse("admin:login")
    for n in range(5):
        client.post(url, {"username": f"guess{n}", "password": "wrong"})
    for n in range(25):
        client.post(url, {"username": f"guess{n % 5}", "password": "wrong"})
    locked = client.post(url, {"username": "erin", "password": "a-long-editor-passphrase-7"})
    assert locked.status_code == 429


def test_successful_login_clears_earlier_failures(client, editor):
    url = reverse("admin:login")
    for _ in range(4):
        client.post(url, {"username": "erin", "password": "wrong"})
    ok = client.post(url, {"username": "erin", "password": "a-long-editor-passphrase-7"})
    assert ok.status_code == 302


def test_csv_import_refuses_large_or_non_csv_files(admin_client):
    big = io.BytesIO(b"slug\n" + b"x" * (2 * 1024 * 1024 + 10))
    big.name = "programs.csv"
    response = admin_client.post(
        reverse("admin:programs_program_import"),
        {"resource": "0", "format": "0", "import_file": big},
    )
    assert response.status_code == 200
    assert "larger than 2 MB" in response.content.decode()
    other = io.BytesIO(b"slug\nx\n")
    other.name = "programs.xlsx"
    response = admin_client.post(
        reverse("admin:programs_program_import"),
        {"resource": "0", "format": "0", "import_file": other},
    )
    assert "Upload a .csv file" in response.content.decode()
