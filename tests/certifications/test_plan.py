"""The one-sentence plan at the top of the eligibility answer, for realistic profiles: every
credential named once, soonest first (now, maybe now, a sure date, maybe from a date, not yet),
and the credentials below it in the same order."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from certifications.eligibility import add_months

pytestmark = pytest.mark.django_db
URL = "/certifications/eligibility/"
BASE = {"diploma": "yes", "training": "none", "military": "no", "experience_months": 0}


def day(date):
    return f"{date:%B} {date.day}, {date.year}"


def in_days(days):
    return day(timezone.localdate() + datetime.timedelta(days=days))


def in_months(months):
    return day(add_months(timezone.localdate(), months))


ACCREDITED = "the CMA needs an accredited program"
PROFILES = [
    pytest.param(
        {
            "training": "unaccredited",
            "training_status": "completed",
            "completed_months_ago": 6,
            "program_hours": 600,
            "practicum_hours": 120,
            "experience_months": 12,
            "experience_ended_months_ago": 0,
            "cpr": "no",
        },
        lambda: (
            "You can take the CCMA now; the NCMA perhaps now (1 thing to confirm with NCCT); "
            f"{ACCREDITED}; the RMA not before {in_months(24)}, with a current CPR card."
        ),
        id="unaccredited-graduate-with-a-year-of-work",
    ),
    pytest.param(
        {
            "training": "programmatic",
            "training_status": "enrolled",
            "finish_in_days": 90,
            "program_hours": 800,
            "practicum_hours": 160,
        },
        lambda: (
            "You can take the RMA perhaps now (1 thing to confirm with AMT); the NCMA perhaps "
            f"now (1 thing to confirm with NCCT); the CMA from {in_days(60)}; the CCMA from "
            f"{in_days(90)}."
        ),
        id="caahep-student-90-days-from-finishing",
    ),
    pytest.param(
        {"training": "institutional", "training_status": "enrolled", "finish_in_days": 90},
        lambda: (
            "You can take the RMA perhaps now (3 things to confirm with AMT); the NCMA "
            f"perhaps now (1 thing to confirm with NCCT); the CCMA from {in_days(90)}; the CMA "
            f"perhaps from {in_days(90)} (3 things to confirm with AAMA)."
        ),
        id="student-at-an-accredited-school-hours-left-blank",
    ),
    pytest.param(
        {
            "training": "apprenticeship",
            "training_status": "completed",
            "completed_months_ago": 3,
            "program_hours": 2000,
            "practicum_hours": 200,
        },
        lambda: (
            "You can take the CMA perhaps now (2 things to confirm with AAMA); the RMA perhaps "
            "now (1 thing to confirm with AMT); the NCMA perhaps now (2 things to confirm with "
            "NCCT); "
            "the CCMA perhaps now (1 thing to confirm with NHA)."
        ),
        id="completed-registered-apprenticeship",
    ),
    pytest.param(
        {"experience_months": 24, "experience_ended_months_ago": 0},
        lambda: (
            "You can take the NCMA now; the CCMA now; the RMA perhaps from "
            f"{in_months(12)} (1 thing to confirm with AMT); {ACCREDITED}."
        ),
        id="worker-two-years-cpr-left-blank",
    ),
    pytest.param(
        {},
        lambda: (
            f"None of these exams is open to you yet: {ACCREDITED}; the RMA needs 36 more "
            "months of work; the NCMA needs 24 more months of work; the CCMA needs 12 more "
            "months of "
            "work."
        ),
        id="no-training-no-work",
    ),
    pytest.param(
        {"diploma": "no"},
        lambda: (
            f"None of these exams is open to you yet: {ACCREDITED}; the RMA needs 36 more "
            "months of work and a high-school diploma or GED; the NCMA needs 24 more months of "
            "work; "
            "the CCMA needs 12 more months of work and a high-school diploma or GED."
        ),
        id="no-diploma",
    ),
    pytest.param(
        {"military": "yes", "military_months_ago": 12},
        lambda: (
            f"You can take the RMA now; the NCMA now; {ACCREDITED}; the CCMA needs 12 more "
            "months of work."
        ),
        id="military-training-a-year-ago",
    ),
    pytest.param(
        {
            "training": "programmatic",
            "training_status": "completed",
            "completed_months_ago": 6,
            "program_hours": 900,
            "practicum_hours": 200,
        },
        lambda: (
            "You can take the CMA now; the RMA now; the CCMA now; the NCMA perhaps now "
            "(1 thing to confirm with NCCT)."
        ),
        id="recent-caahep-graduate",
    ),
    pytest.param(
        {
            "diploma": "no",
            "experience_months": 40,
            "experience_ended_months_ago": 0,
            "cpr": "yes",
        },
        lambda: (
            f"You can take the NCMA now; {ACCREDITED}; the RMA needs a high-school diploma or "
            "GED; the CCMA needs a high-school diploma or GED."
        ),
        id="long-serving-worker-without-a-diploma",
    ),
    pytest.param(
        {"training": "unaccredited", "training_status": "enrolled", "finish_in_days": 30},
        lambda: (
            "You can take the NCMA perhaps now (1 thing to confirm with NCCT); the CCMA from "
            f"{in_days(30)}; {ACCREDITED}; the RMA needs 36 more months of work."
        ),
        id="student-of-an-unaccredited-program",
    ),
    pytest.param(
        {"training": "programmatic", "training_status": "completed", "completed_months_ago": 72},
        lambda: (
            "You can take the CMA now; the CCMA now; the RMA needs 36 more months of work; "
            "the NCMA needs 24 more months of work."
        ),
        id="caahep-graduate-six-years-ago",
    ),
    pytest.param(
        {"experience_months": 13, "experience_ended_months_ago": 0, "cpr": "yes"},
        lambda: (
            f"You can take the CCMA now; the NCMA from {in_months(11)}; the RMA from "
            f"{in_months(23)}; {ACCREDITED}."
        ),
        id="worker-thirteen-months",
    ),
    pytest.param(
        {
            "training": "programmatic",
            "training_status": "enrolled",
            "finish_in_days": 10,
            "program_hours": 800,
            "practicum_hours": 160,
        },
        lambda: (
            "You can take the CMA now; the RMA perhaps now (1 thing to confirm with AMT); the "
            f"NCMA perhaps now (1 thing to confirm with NCCT); the CCMA from {in_days(10)}."
        ),
        id="caahep-student-ten-days-from-finishing",
    ),
]


@pytest.mark.parametrize(("profile", "plan"), PROFILES)
def test_plan_sentence(client, profile, plan):
    response = client.get(URL + "?" + urlencode(dict(BASE, **profile)))
    assert response.context["form"].is_valid(), response.context["form"].errors
    assert response.context["plan"] == plan()
    body = response.content.decode()
    assert f'id="plan" class="plan lead fw-semibold">{plan()}</p>' in body.replace("&#x27;", "'")
    # The cards follow the sentence's order.
    codes = [answer.certification.code for answer in response.context["answers"]]
    named = sorted(codes, key=lambda code: plan().index(f"the {code} "))
    assert codes == named
    positions = [body.index(f'data-credential="{code.lower()}"') for code in codes]
    assert positions == sorted(positions) and body.index('id="plan"') < positions[0]
