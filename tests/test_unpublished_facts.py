"""Editors unpublish a state profile or a fee figure instead of deleting it: every public reader
(state pages, the table of states, the certification pages, the fee ranges, search, the API,
the cost page and the finder's sort by the total to a credential) then leaves it out, and the
admin brings it back."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from certifications.fees import exam_fees, lowest_fees
from certifications.models import Certification, ExamFigure
from states.models import StateProfile
from states.pages import state_table
from tests.test_safe_deletion import actions, editor_client  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def unpublish(obj):
    obj.published = False
    obj.save()


def texas_regulation():
    row = next(r for r in state_table("name")["rows"] if r["state"].code == "TX")
    return row["regulation"]


def test_an_unpublished_state_profile_leaves_the_state_page_the_table_and_the_api(client):
    texas = StateProfile.objects.get(state="TX")
    assert texas.summary in text(client, "/states/texas/")
    assert texas_regulation() == StateProfile.REGULATION_SHORT[texas.regulation]
    assert client.get("/api/v1/states/tx/").status_code == 200

    unpublish(texas)

    html = text(client, "/states/texas/")
    assert texas.summary not in html
    assert "We have not yet researched the rules" in html
    assert texas_regulation() is None
    assert client.get("/api/v1/states/tx/").status_code == 404
    listed = client.get("/api/v1/states/").json()
    assert "TX" not in [row["state"] for row in listed["results"]]
    assert listed["count"] == StateProfile.objects.published().count()


def cma_fee():
    return ExamFigure.objects.get(slug="cma-fee-aama")


def test_an_unpublished_fee_leaves_the_certification_pages_and_the_fee_ranges(client):
    fee, cma = cma_fee(), Certification.objects.get(code="CMA")
    assert fee.value in text(client, "/certifications/cma/")
    assert fee.value in text(client, "/certifications/")
    assert cma in exam_fees().confirmed and cma.pk in lowest_fees()

    unpublish(fee)

    for url in ("/certifications/cma/", "/certifications/", "/cost-and-financial-aid/"):
        assert fee.value not in text(client, url), url
    fees = exam_fees()
    assert cma in fees.unconfirmed and cma not in fees.confirmed
    assert cma.pk not in lowest_fees()


def test_an_unpublished_fee_leaves_search_and_the_api(client):
    fee = cma_fee()
    assert fee.value in text(client, "/search/?q=cma+exam+fee")
    api = client.get("/api/v1/certifications/cma/").json()
    assert fee.value in [figure["value"] for figure in api["figures"]]

    unpublish(fee)

    html = text(client, "/search/?q=cma+exam+fee")
    assert fee.value not in html
    assert "CMA exam fee: not confirmed." in " ".join(re.sub(r"<[^>]+>", "", html).split())
    api = client.get("/api/v1/certifications/cma/").json()
    assert fee.value not in [figure["value"] for figure in api["figures"]]
    assert api["exam_fee_low"] is None and api["exam_fee_high"] is None
    listed = client.get("/api/v1/certifications/").json()
    cma = next(row for row in listed["results"] if row["code"] == "CMA")
    assert fee.value not in [figure["value"] for figure in cma["figures"]]


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("states_stateprofile", lambda: StateProfile.objects.get(state="TX")),
        ("certifications_examfigure", cma_fee),
    ],
)
def test_editors_unpublish_profiles_and_fees_and_publish_them_again(editor_client, name, obj):  # noqa: F811
    obj = obj()
    assert "unpublish" in actions(editor_client, name)
    assert "delete_selected" not in actions(editor_client, name)
    changelist = reverse(f"admin:{name}_changelist")
    response = editor_client.post(
        changelist, {"action": "unpublish", "_selected_action": [obj.pk]}, follow=True
    )
    assert "1 item unpublished" in response.content.decode()
    obj.refresh_from_db()
    assert obj.published is False
    assert obj.history.first().published is False
    hidden = editor_client.get(changelist, {"published__exact": "0"})
    assert [row.pk for row in hidden.context["cl"].result_list] == [obj.pk]
    # Brought back from its history: the row before the unpublish is published again.
    record = obj.history.all()[1]
    record.instance.save()
    obj.refresh_from_db()
    assert obj.published is True


def test_the_data_report_counts_what_is_off_the_site():
    unpublish(StateProfile.objects.get(state="TX"))
    unpublish(cma_fee())
    out = io.StringIO()
    call_command("data_report", stdout=out)
    report = out.getvalue()
    assert _line(report, "State profiles unpublished").endswith(" 1")
    assert _line(report, "Exam and fee figures unpublished").endswith(" 1")


def _line(report, label):
    return next(line.rstrip() for line in report.splitlines() if line.startswith(label))
