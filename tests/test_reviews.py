"""Reviews only when made: a page says "Reviewed" only where an editor recorded a review (who and
when) through the admin; the fixtures claim none; the data report counts claims without one."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from certifications.models import Certification, EligibilityRoute, ExamFigure
from core import reports
from guide.models import GuidePage, Source
from programs.models import Program
from states.models import StateProfile, TaskRule
from tests.admin_forms import change_form_data
from tests.factories import make_program, make_school

pytestmark = pytest.mark.django_db


def data_report(*args):
    out = io.StringIO()
    call_command("data_report", *args, stdout=out)
    return out.getvalue()


def report_value(text, start):
    """(count, "ok" or "FAULT" or None) of the report line that starts so."""
    line = next(line for line in text.splitlines() if line.startswith(start))
    count, status = re.search(r"\s(\d+)(?:\s+(ok|FAULT) \(must be \d+\))?$", line).groups()
    return int(count), status


@pytest.fixture
def reviewer(admin_user):
    admin_user.first_name, admin_user.last_name = "Rosa", "Parks"
    admin_user.save()
    return admin_user


def test_a_fresh_install_claims_no_review(client):
    for model, field in [
        (GuidePage, "reviewed_on"),
        (Source, "reviewed_on"),
        (StateProfile, "reviewed_on"),
        (TaskRule, "reviewed_on"),
        (Certification, "verified_on"),
        (ExamFigure, "verified_on"),
        (EligibilityRoute, "verified_on"),
    ]:
        assert model.objects.exists(), model
        assert not model.objects.exclude(**{field: None}).exists(), model
    programs = json.loads((settings.BASE_DIR / "fixtures" / "programs.json").read_text())
    assert not [o for o in programs if o["fields"].get("last_verified")]
    faq = client.get("/faq/").content.decode()
    assert "not yet reviewed by an editor" in faq
    assert "Reviewed by" not in faq and "editorial team. Last reviewed" not in faq
    assert "Not yet reviewed by an editor." in client.get("/states/washington/").content.decode()
    assert report_value(data_report("--check"), "“Reviewed” claims") == (0, "ok")


def test_checking_a_certification_in_admin_records_the_editor(client, admin_client, reviewer):
    certification = Certification.objects.get(code="CMA")
    changelist = reverse("admin:certifications_certification_changelist")
    admin_client.post(
        changelist, {"action": "mark_reviewed_today", "_selected_action": [certification.pk]}
    )
    certification.refresh_from_db()
    assert (certification.verified_on, certification.verified_by) == (
        timezone.localdate(),
        reviewer,
    )
    assert "An editor checked these figures against AAMA" in (
        client.get("/certifications/cma/").content.decode()
    )
    Certification.objects.filter(pk=certification.pk).update(verified_by=None)
    assert "An editor checked these figures" not in (
        client.get("/certifications/cma/").content.decode()
    )
    assert report_value(data_report(), "“Reviewed” claims") == (1, "FAULT")


def test_mark_reviewed_records_the_editor_and_the_page_names_them(client, admin_client, reviewer):
    page = GuidePage.objects.get(slug="faq")
    changelist = reverse("admin:guide_guidepage_changelist")
    admin_client.post(changelist, {"action": "mark_reviewed_today", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert (page.reviewed_on, page.reviewed_by) == (timezone.localdate(), reviewer)
    body = client.get("/faq/").content.decode()
    today = f"{timezone.localdate():%B} {timezone.localdate().day}, {timezone.localdate().year}"
    assert f"Reviewed by Rosa Parks on {today}." in body
    assert "not yet reviewed" not in body


def test_save_and_mark_reviewed_and_a_typed_date_record_the_editor(admin_client, reviewer):
    program = make_program(tuition_fees=Decimal("10000"))
    url = reverse("admin:programs_program_change", args=[program.pk])
    data = change_form_data(admin_client, url, _save_reviewed="1")
    assert admin_client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert (program.last_verified, program.last_verified_by) == (timezone.localdate(), reviewer)

    rule = TaskRule.objects.first()
    url = reverse("admin:states_taskrule_change", args=[rule.pk])
    data = change_form_data(admin_client, url, reviewed_on="2026-11-30")
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert (rule.reviewed_on, rule.reviewed_by) == (datetime.date(2026, 11, 30), reviewer)
    # Clearing the date clears the review: no reviewer is left behind without a date.
    data = change_form_data(admin_client, url, reviewed_on="")
    assert admin_client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert (rule.reviewed_on, rule.reviewed_by) == (None, None)


def test_a_review_date_without_an_editor_is_no_review(client):
    # Set by code, an import or an old fixture: the page does not claim it, the report counts it.
    page = GuidePage.objects.get(slug="faq")
    GuidePage.objects.filter(pk=page.pk).update(reviewed_on=datetime.date(2026, 11, 22))
    program = make_program(last_verified=datetime.date(2026, 11, 2))
    assert "Reviewed by" not in client.get("/faq/").content.decode()
    assert (
        "Not yet reviewed by an editor." in client.get(program.get_absolute_url()).content.decode()
    )
    assert report_value(data_report(), "“Reviewed” claims") == (2, "FAULT")
    with pytest.raises(CommandError, match="Reviewed"):
        data_report("--check")


def test_the_stale_filter_still_finds_pages_never_reviewed(admin_client):
    changelist = reverse("admin:guide_guidepage_changelist")
    stale = admin_client.get(changelist, {"review": "stale"}).context["cl"].result_list
    assert len(stale) == GuidePage.objects.count()


def test_data_report_counts_figures_from_another_credential():
    # Regan Career Institute before the fix: the associate degree held the 1,260-clock-hour
    # certificate's figures, hours that fit the school's certificate or diploma level.
    school = make_school()
    make_program(
        school=school,
        credential="diploma",
        ipeds_award_level=2,
        length_hours=900,
        length_hours_unit="clock hours",
    )
    make_program(
        school=school,
        credential="associate",
        ipeds_award_level=3,
        length_hours=1260,
        length_hours_unit="clock hours",
        tuition_fees=Decimal("16200"),
    )
    # A school's only credential keeps its one cost (rule a), even near a level's edge.
    make_program(
        credential="certificate",
        ipeds_award_level=21,
        length_hours=900,
        length_hours_unit="clock hours",
    )
    assert report_value(data_report(), "Programs whose weeks, price or hours") == (1, "FAULT")


def test_the_real_data_has_no_borrowed_figures_and_flags_concorde():
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "programs.json"), verbosity=0)
    text = data_report("--check")
    assert report_value(text, "Programs whose weeks") == (0, "ok")
    assert report_value(text, "Program lengths flagged") == (8, None)
    assert Program.objects.get(
        slug="concorde-career-college-southaven-southaven-associate"
    ).length_suspect
    assert report_value(text, "BLS pay rows flagged as weak") == (5, None)


def test_apps_add_a_count_with_one_registration():
    reports.register_count(
        "test_count", "Test figures without a source", lambda: 3, 99, expected=0
    )
    try:
        assert report_value(data_report(), "Test figures without a source") == (3, "FAULT")
        with pytest.raises(CommandError, match="Test figures without a source"):
            data_report("--check")
    finally:
        reports._counts.pop("test_count")


def test_program_pages_call_no_fee_confirmed(client):
    body = client.get(make_program().get_absolute_url()).content.decode()
    assert "confirmed fees" not in body
