from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from certifications.models import Certification, EligibilityRoute

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "certifications.json"


@pytest.fixture
def certs():
    call_command("loaddata", str(FIXTURE), verbosity=0)


def eligibility(client, **answers):
    profile = {
        "diploma": "yes",
        "training": "none",
        "training_status": "",
        "completed_months_ago": "",
        "experience_months": "0",
        "military": "no",
    }
    profile.update({k: str(v) for k, v in answers.items()})
    response = client.get("/certifications/eligibility/?" + urlencode(profile))
    assert response.status_code == 200
    answers = response.context["answers"]
    return {a.certification.code: a for a in answers} if answers else response


def test_fixture_loads_twice_without_duplicates(certs):
    counts = (Certification.objects.count(), EligibilityRoute.objects.count())
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert (Certification.objects.count(), EligibilityRoute.objects.count()) == counts
    assert set(Certification.objects.values_list("code", flat=True)) == {
        "CMA",
        "RMA",
        "NCMA",
        "CCMA",
    }


def test_recent_graduate_of_an_accredited_program(client, certs):
    answers = eligibility(
        client, training="accredited", training_status="completed", completed_months_ago=6
    )
    assert answers["CMA"].status == "now"
    assert answers["CMA"].best.route.slug == "cma-category-1"
    assert all(a.status == "now" for a in answers.values())


def test_graduate_of_18_months_ago_takes_cma_category_2(client, certs):
    answers = eligibility(
        client, training="accredited", training_status="completed", completed_months_ago=18
    )
    assert answers["CMA"].best.route.slug == "cma-category-2"


def test_three_years_of_work_without_training(client, certs):
    answers = eligibility(client, experience_months=36)
    assert answers["RMA"].status == "now"
    assert answers["RMA"].best.route.slug == "rma-work-experience"
    assert answers["CCMA"].best.route.slug == "ccma-work-experience"
    assert answers["NCMA"].best.route.slug == "ncma-work-experience"
    cma = answers["CMA"]
    assert cma.status == "not_yet"
    assert any("accredited" in item for item in cma.best.missing)


def test_work_experience_without_a_diploma_is_not_enough_for_ccma(client, certs):
    answers = eligibility(client, diploma="no", experience_months=36)
    assert answers["CCMA"].status == "not_yet"
    assert "A high-school diploma or GED" in answers["CCMA"].best.missing


def test_enrolled_student_is_eligible_soon_or_as_a_student(client, certs):
    answers = eligibility(client, training="other", training_status="enrolled")
    assert answers["CCMA"].status == "soon"
    assert answers["NCMA"].status == "now" and answers["NCMA"].best.as_student
    assert answers["RMA"].status == "now"


def test_military_training(client, certs):
    answers = eligibility(client, military="yes", completed_months_ago=12)
    assert answers["RMA"].best.route.slug == "rma-military"
    assert answers["NCMA"].best.route.slug == "ncma-military"
    assert answers["CMA"].status == "not_yet"


def test_old_training_is_too_old_for_ncma(client, certs):
    answers = eligibility(
        client, training="other", training_status="completed", completed_months_ago=72
    )
    assert answers["NCMA"].status == "not_yet"
    assert answers["CMA"].status == "now"  # Category 4 has no time limit


def test_an_editor_changing_a_route_changes_the_answer(client, certs):
    profile = {"experience_months": 24}
    assert eligibility(client, **profile)["RMA"].status == "not_yet"
    EligibilityRoute.objects.filter(slug="rma-work-experience").update(min_experience_months=24)
    assert eligibility(client, **profile)["RMA"].status == "now"


@pytest.mark.parametrize(
    "query",
    [
        "diploma=maybe&training=x&experience_months=abc",
        "experience_months=-5&diploma=yes&training=none&military=no",
        "experience_months=" + "9" * 10000,
        "completed_months_ago=1e309&diploma=yes&training=other&training_status=completed",
        "diploma=yes&diploma=no&training=%00&military=%F0%9F%92%A5",
        "training_status=enrolled",
    ],
)
def test_bad_input_gives_the_form_back_with_errors(client, certs, query):
    response = client.get("/certifications/eligibility/?" + query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["answers"] is None
    assert 'value="abc"' not in response.content.decode()


def test_comparison_shows_every_credential_and_hides_equal_rows(client, certs):
    full = client.get("/certifications/")
    body = full.content.decode()
    for code in ("CMA", "RMA", "NCMA", "CCMA"):
        assert f">{code} (" in body
    assert "Credential accredited by" in body
    labels = [row.label for row in full.context["rows"]]
    differences = [
        row.label for row in client.get("/certifications/?differences=1").context["rows"]
    ]
    assert "Last verified" in labels and "Last verified" not in differences
    assert "Exam fee" in differences


def test_detail_page_shows_routes_sources_and_editors_note(client, certs):
    body = client.get("/certifications/cma/").content.decode()
    assert "Category 1: student or recent graduate of an accredited program" in body
    assert "https://www.aama-ntl.org/cma-aama-exam/eligibility" in body
    assert "Figures differ between sources" in body
    assert "$125" in body and "$250" in body


def test_unpublished_credential_is_404(client, certs):
    Certification.objects.filter(slug="ncma").update(published=False)
    assert client.get("/certifications/ncma/").status_code == 404
    assert ">NCMA (" not in client.get("/certifications/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/certifications/",
        "/certifications/cma/",
        "/certifications/eligibility/?diploma=yes&training=other&training_status=completed"
        "&completed_months_ago=3&experience_months=0&military=no",
    ],
)
def test_query_count_does_not_grow_with_routes(client, certs, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    rma = Certification.objects.get(code="RMA")
    for n in range(5):
        EligibilityRoute.objects.create(
            certification=rma,
            slug=f"extra-{n}",
            name=f"Extra {n}",
            description="x",
            source=rma.routes.first().source,
            verified_on="2026-11-22",
        )
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
