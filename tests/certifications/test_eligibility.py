"""The checker's answers for realistic profiles, each against the rules of FACTS.md section 2.

Rule sources (as the fixture records them): CMA Categories 1, 2 and 4, the AAMA's eligibility
and Alternative Pathway pages (official); RMA routes, Vivian Health (secondary); NCMA routes,
Mometrix (secondary); CCMA routes, Mometrix (secondary).
"""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from certifications.eligibility import add_months, months_of_work_still_needed
from certifications.models import EligibilityRoute

pytestmark = pytest.mark.django_db
URL = "/certifications/eligibility/"


def check(client, **answers):
    """The verdict elements of the page, by credential: (verdict, from date, card text)."""
    profile = {"diploma": "yes", "training": "none", "military": "no", "experience_months": 0}
    profile.update({key: str(value) for key, value in answers.items()})
    response = client.get(URL + "?" + urlencode(profile))
    assert response.status_code == 200
    body = response.content.decode()
    assert response.context["form"].is_valid(), response.context["form"].errors
    cards = re.findall(r"<section class=\"answer-card.*?</section>", body, re.S)
    verdicts = {}
    for card in cards:
        credential = re.search(r'data-credential="([a-z]+)"', card).group(1)
        verdict = re.search(r'data-verdict="([a-z-]+)"', card).group(1)
        date = re.search(r'data-from="([0-9-]+)"', card)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))
        verdicts[credential] = (verdict, date.group(1) if date else None, text)
    return verdicts


def today():
    return timezone.localdate()


def test_student_of_a_caahep_program_may_take_the_cma_30_days_before_finishing(client):
    answers = check(client, training="programmatic", training_status="enrolled", finish_in_days=90)
    verdict, date, text = answers["cma"]
    assert verdict == "from"
    assert date == (today() + datetime.timedelta(days=60)).isoformat()
    assert "Category 1" in text


def test_graduate_of_a_200_hour_unaccredited_certificate_is_told_the_hours_missing(client):
    answers = check(
        client,
        training="unaccredited",
        training_status="completed",
        completed_months_ago=6,
        program_hours=200,
    )
    cma, rma = answers["cma"], answers["rma"]
    assert cma[0] == "not-yet" and rma[0] == "not-yet"
    # The AAMA counts 560 hours besides the practicum; AMT counts 720 including it.
    assert "360 more clock hours" in cma[2]
    assert "520 more clock hours" in rma[2]
    # Plans that build on the program they took come before an apprenticeship.
    assert cma[2].index("graduate of another program") < cma[2].index(
        "graduate of an apprenticeship"
    )
    assert (
        "accreditation=caahep&amp;accreditation=abhes"
        in client.get(
            URL + "?diploma=yes&training=unaccredited&training_status=completed"
            "&completed_months_ago=6&program_hours=200&military=no&experience_months=0"
        ).content.decode()
    )


def test_900_hour_graduate_of_an_institutionally_accredited_school(client):
    profile = {
        "training": "institutional",
        "training_status": "completed",
        "completed_months_ago": 6,
        "program_hours": 900,
        "practicum_hours": 160,
    }
    answers = check(client, **profile)
    assert answers["rma"][0] == "now"
    assert answers["cma"][0] == "maybe"
    assert "AAMA reviews your transcript" in answers["cma"][2]


def test_same_graduate_with_hours_unknown_gets_maybe_naming_the_hours(client):
    answers = check(
        client, training="institutional", training_status="completed", completed_months_ago=6
    )
    assert answers["cma"][0] == "maybe" and answers["rma"][0] == "maybe"
    assert "how many clock hours your training had (this route needs 720)" in answers["rma"][2]


def test_old_caahep_graduate_with_recent_military_training(client):
    answers = check(
        client,
        training="programmatic",
        training_status="completed",
        completed_months_ago=72,
        military="yes",
        military_months_ago=24,
    )
    assert answers["cma"][0] == "now" and "Category 2" in answers["cma"][2]
    assert answers["rma"][0] == "now" and "Military training" in answers["rma"][2]
    assert answers["ncma"][0] == "now"


def test_worker_with_two_years_still_working(client):
    answers = check(client, experience_months=24, experience_ended_months_ago=0, cpr="yes")
    assert answers["ncma"][0] == "now"
    assert answers["ccma"][0] == "now"
    verdict, date, _ = answers["rma"]
    assert verdict == "from"
    assert date == add_months(today(), 12).isoformat()


def test_work_that_ended_40_months_ago_no_longer_counts_for_the_ccma(client):
    answers = check(client, experience_months=20, experience_ended_months_ago=40)
    verdict, _, text = answers["ccma"]
    assert verdict == "not-yet"
    assert "12 more months of full-time medical assisting work" in text


def test_military_training_only_gets_an_answer_for_every_credential(client):
    answers = check(client, military="yes", military_months_ago=12, experience_months=0)
    assert set(answers) == {"cma", "rma", "ncma", "ccma"}
    assert answers["rma"][0] == "now" and answers["ncma"][0] == "now"
    assert answers["cma"][0] == "not-yet" and answers["ccma"][0] == "not-yet"


def test_military_training_is_dated_apart_from_school(client):
    """School 6 years ago, military 2 years ago: the military routes still count."""
    answers = check(
        client,
        training="unaccredited",
        training_status="completed",
        completed_months_ago=72,
        military="yes",
        military_months_ago=24,
    )
    assert answers["rma"][0] == "now" and answers["ncma"][0] == "now"


def test_a_worker_with_24_months_is_told_how_much_more_work_the_rma_needs(client):
    answers = check(client, experience_months=24, experience_ended_months_ago=6, cpr="yes")
    verdict, _, text = answers["rma"]
    assert verdict == "not-yet"
    assert "12 more months of full-time medical assisting work" in text


def test_blank_answers_give_maybe_never_eligible(client):
    answers = check(client, training="apprenticeship", training_status="completed")
    assert answers["rma"][0] == "maybe"  # AMT must approve the apprenticeship
    answers = check(client, experience_months=40, experience_ended_months_ago=0)
    assert answers["rma"][0] == "maybe"
    assert "CPR" in answers["rma"][2]


def test_unaccredited_program_never_gives_the_cma_or_the_rma(client):
    answers = check(
        client,
        training="unaccredited",
        training_status="completed",
        completed_months_ago=3,
        program_hours=1200,
        practicum_hours=200,
    )
    assert answers["cma"][0] == "not-yet" and answers["rma"][0] == "not-yet"
    assert answers["ccma"][0] == "now"


def test_an_editor_changing_a_rule_row_changes_the_answer(client):
    profile = {"experience_months": 24, "experience_ended_months_ago": 0, "cpr": "yes"}
    assert check(client, **profile)["rma"][0] == "from"
    EligibilityRoute.objects.filter(slug="rma-work-experience").update(min_experience_months=24)
    assert check(client, **profile)["rma"][0] == "now"
    EligibilityRoute.objects.filter(slug="cma-category-1").update(student_days_before_finish=90)
    student = {"training": "programmatic", "training_status": "enrolled", "finish_in_days": 90}
    assert check(client, **student)["cma"][0] == "now"


def test_hidden_questions_do_not_change_the_answer(client):
    """With JavaScript off every question is sent; answers that do not apply are ignored."""
    base = {"training": "none", "experience_months": 13, "experience_ended_months_ago": 0}
    noisy = dict(base, finish_in_days=5, program_hours=9, military_months_ago=1)
    assert check(client, **base) == check(client, **noisy)


@pytest.mark.parametrize(
    ("worked", "ended", "needed", "window", "more"),
    [
        (24, 0, 36, 84, 12),
        (20, 40, 12, 36, 12),
        (6, 10, 12, 36, 6),
        (20, 30, 12, 36, 12),
        (0, 0, 12, 36, 12),
        (40, 0, 36, None, 0),
        (5, 0, 40, 36, None),
    ],
)
def test_months_of_work_still_needed(worked, ended, needed, window, more):
    assert months_of_work_still_needed(worked, ended, needed, window) == more


def test_add_months_keeps_the_end_of_a_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 26), 12) == datetime.date(2027, 11, 26)
