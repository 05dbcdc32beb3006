from pathlib import Path

import pytest
from django.core.management import call_command

from certifications.models import Certification, EligibilityRoute, ExamFigure
from guide.models import Source

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "certifications.json"


def test_fixture_loads_twice_without_duplicates():
    counts = (Certification.objects.count(), EligibilityRoute.objects.count())
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert (Certification.objects.count(), EligibilityRoute.objects.count()) == counts
    assert set(Certification.objects.values_list("code", flat=True)) == {
        "CMA",
        "RMA",
        "NCMA",
        "CCMA",
    }


@pytest.mark.parametrize(
    "query",
    [
        "diploma=maybe&training=x&experience_months=abc",
        "experience_months=-5&diploma=yes&training=none&military=no",
        "experience_months=" + "9" * 10000,
        "completed_months_ago=1e309&diploma=yes&training=other&training_status=completed",
        "diploma=yes&diploma=no&training=%00&military=%F0%9F%92%A5",
        "training_status=enrolled",
        "diploma=yes&training=programmatic&military=no&experience_months=0",
        "diploma=yes&training=none&military=no&experience_months=3&program_hours=99999",
        "diploma=yes&training=none&military=no&experience_months=3&cpr=perhaps",
        "diploma=yes&training=none&military=no&experience_months=3&finish_in_days=-1",
    ],
)
def test_bad_input_gives_the_form_back_with_an_error_summary(client, query):
    response = client.get("/certifications/eligibility/?" + query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["answers"] is None
    body = response.content.decode()
    assert 'value="abc"' not in body
    summary = body.split('id="error-summary"')[1].split("</div>")[0]
    for name in response.context["form"].errors:
        assert f'href="#id_{name}' in summary
    assert body.index('id="error-summary"') < body.index('id="eligibility-form"')


def test_comparison_shows_every_credential_and_hides_equal_rows(client):
    full = client.get("/certifications/")
    body = full.content.decode()
    for code in ("CMA", "RMA", "NCMA", "CCMA"):
        assert f">{code} (" in body
    assert "Credential accredited by" in body
    labels = [str(row.label) for row in full.context["rows"]]
    differences = [
        str(row.label) for row in client.get("/certifications/?differences=1").context["rows"]
    ]
    checked = "Checked against the body's own pages"
    assert checked in labels and checked not in differences
    assert "Exam fee" in differences


def test_fee_conflicts_are_ranges_with_every_source(client):
    body = client.get("/certifications/").content.decode()
    assert "$135 to $165" in body  # CCMA
    assert "$120 to $150" in body  # RMA
    assert "$90 to $135" in body and "$90 for students, $135 for others" in body  # NCMA
    assert "https://mangostudy.com/blog-ma-certification-guide.html" in body
    assert "a single unofficial source: treat with care" in body
    assert "At most 4 attempts; wait at least 45 days after a failed attempt" in body


def test_a_fifth_credential_is_named_with_its_source(client):
    for url in ("/certifications/", "/certifications/cma/", "/certifications/eligibility/"):
        body = client.get(url).content.decode()
        assert "CMAC" in body and "AMCA" in body
        assert "https://www.surveymonkey.com/r/InitialAccreditation" in body


def test_the_fifth_credentials_note_cites_its_source_row_and_is_left_out_without_it(client):
    source = Source.objects.get(slug="cert-maerb-credentials")
    source.url = "https://example.org/maerb-list"
    source.save()
    body = client.get("/certifications/").content.decode()
    note = body[body.index('id="cmac-note"') :]
    assert "https://example.org/maerb-list" in note[: note.index("</p>")]
    source.delete()
    for url in ("/certifications/", "/certifications/cma/", "/certifications/eligibility/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "CMAC" not in response.content.decode()


def test_fixtures_claim_no_editor_checks():
    assert not Certification.objects.filter(verified_on__isnull=False).exists()
    assert not EligibilityRoute.objects.filter(verified_on__isnull=False).exists()
    assert not ExamFigure.objects.filter(verified_on__isnull=False).exists()


def test_detail_page_shows_routes_figures_and_their_sources(client):
    body = client.get("/certifications/cma/").content.decode()
    assert "Category 1: student or recent graduate of an accredited program" in body
    assert "https://www.aama-ntl.org/cma-aama-exam/eligibility" in body
    assert "not yet checked against AAMA" in body
    assert "Verified" not in body
    assert "$125 to $250" in body
    assert "At most 3 attempts" in body
    assert "https://www.jobtestprep.com/certified-medical-assistant-exam-preparation" in body


def test_an_editors_check_shows_its_date(client):
    EligibilityRoute.objects.filter(slug="cma-category-1").update(verified_on="2026-12-01")
    body = client.get("/certifications/cma/").content.decode()
    assert "Verified against AAMA's official page on Dec 1, 2026." in body


def test_unpublished_credential_is_404(client):
    Certification.objects.filter(slug="ncma").update(published=False)
    assert client.get("/certifications/ncma/").status_code == 404
    assert ">NCMA (" not in client.get("/certifications/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/certifications/",
        "/certifications/cma/",
        "/certifications/eligibility/?diploma=yes&training=institutional"
        "&training_status=completed&completed_months_ago=3&program_hours=800"
        "&practicum_hours=160&experience_months=0&military=no",
    ],
)
def test_query_count_does_not_grow_with_routes(client, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    rma = Certification.objects.get(code="RMA")
    for n in range(5):
        EligibilityRoute.objects.create(
            certification=rma,
            slug=f"extra-{n}",
            name=f"Extra {n}",
            description="x",
            training="program",
            min_program_hours=100,
            source=rma.routes.first().source,
        )
        ExamFigure.objects.create(
            certification=rma,
            slug=f"extra-figure-{n}",
            kind="exam_fee",
            value="$1",
            source=rma.routes.first().source,
        )
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
