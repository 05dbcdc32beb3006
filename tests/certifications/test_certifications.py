import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from certifications import fees, report
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


def fee_row(body, label="Exam fee"):
    row = body[body.index(f">{label}</th>") :]
    return row[: row.index("</tr>")]


def test_fees_come_from_the_best_source_and_test_prep_fees_are_not_confirmed(client):
    body = client.get("/certifications/").content.decode()
    assert "trantor" not in body and "Textbook copy" not in body
    fees = fee_row(body)
    # CMA: the AAMA's own page; RMA: a job board beats the test-prep sellers.
    assert "$125 to $250" in fees and "(official)" in fees
    assert "$135" in fees and "Vivian Health" in fees and "(a secondary page)" in fees
    assert "$150" not in fees and "Open Exam Prep" not in fees
    # CCMA: only test-prep sellers give a fee, so no number; NCMA: no source at all.
    assert "$165" not in fees and "$155" not in fees
    assert "Only a test-prep or marketing page gives a fee here, so we show none." in fees
    assert "https://mangostudy.com/blog-ma-certification-guide.html" in fees
    assert "Not confirmed: no source we could read gives it" in fees
    assert "$185" not in fee_row(body, "Renewal fee")
    # Other figures from test-prep pages still show, with their kind as a caveat.
    assert "At most 4 attempts; wait at least 45 days after a failed attempt" in body
    assert "(a test-prep or marketing page: treat with care)" in body


def test_fee_range_for_other_pages_leaves_out_test_prep_fees():
    ranges = {c.code: c.exam_fee_bounds for c in fees.exam_fees().certifications}
    assert ranges == {
        "CMA": (Decimal("125.00"), Decimal("250.00")),
        "RMA": (Decimal("135.00"), Decimal("135.00")),
        "NCMA": None,
        "CCMA": None,
    }


def test_a_better_source_takes_a_figure_over_from_a_test_prep_page(client):
    ccma = Certification.objects.get(code="CCMA")
    ExamFigure.objects.create(
        certification=ccma,
        slug="ccma-fee-nha",
        kind="exam_fee",
        value="$160",
        amount_low=160,
        source=Source.objects.get(slug="cert-nha-handbook"),
    )
    fees_cell = fee_row(client.get("/certifications/").content.decode())
    assert "$160" in fees_cell
    assert "mangostudy" not in fees_cell and "Only a test-prep" not in fees_cell


def test_every_figure_and_fact_on_the_certification_pages_has_its_source_beside_it(client):
    for url in ("/certifications/", "/certifications/rma/", "/certifications/ncma/"):
        body = client.get(url).content.decode()
        figures = re.findall(r'<li class="mb-1 figure">(.*?)</li>', body, re.S)
        assert figures
        for figure in figures:
            assert 'class="source-note"' in figure and 'class="source-kind"' in figure
        assert "No source recorded" not in body
    body = client.get("/certifications/").content.decode()
    labels = ("Who may sit for the exam", "Where it is taken", "Renewal", "What renewal takes")
    for label in labels:
        row = body[body.index(f">{label}</th>") :]
        row = row[: row.index("</tr>")]
        assert row.count('class="source-note"') >= 4, label
    assert report.unsourced_figures() == []


def test_a_fact_without_its_source_says_so_and_is_counted():
    Certification.objects.filter(code="NCMA").update(renewal_source=None)
    assert report.unsourced_figures() == [("NCMA", "renewal")]
    out = io.StringIO()
    with pytest.raises(CommandError, match="without a source beside them"):
        call_command("data_report", "--check", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.startswith("Figures without"))
    assert line.split()[-5:] == ["1", "FAULT", "(must", "be", "0)"]


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
    Certification.objects.filter(accreditation_source=source).update(accreditation_source=None)
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
    assert "aún no verificado con AAMA" in client.get("/es/certifications/cma/").content.decode()


def test_an_editors_check_shows_its_date(client, admin_user):
    routes = EligibilityRoute.objects.filter(slug="cma-category-1")
    routes.update(verified_on="2026-12-01", verified_by=admin_user)
    body = client.get("/certifications/cma/").content.decode()
    assert "Verified against AAMA's official page on Dec 1, 2026." in body
    # A date nobody recorded through admin (a script, an import) claims nothing.
    routes.update(verified_by=None)
    body = client.get("/certifications/cma/").content.decode()
    assert "Verified against AAMA's official page" not in body


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
