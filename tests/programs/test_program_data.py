"""What a student sees of estimates, flagged values, school-wide figures and accreditation."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from guide.models import Source
from programs.models import Program
from tests.factories import make_program, make_school

pytestmark = pytest.mark.django_db


def estimated(**overrides):
    school = make_school(
        name="Lakeside Community College",
        scorecard_year="2023-24",
        tuition_in_district=Decimal("4380"),
        tuition_out_of_state=Decimal("14430"),
        books_supplies_per_year=Decimal("1920"),
    )
    fields = {
        "school": school,
        "credential": Program.Credential.DIPLOMA,
        "tuition_fees": None,
        "books_supplies": None,
        "length_months": None,
        "estimated_cost": Decimal("6300"),
        "estimated_cost_out_of_state": Decimal("16350"),
        "estimate_years": Decimal("1"),
        "cost_source": "Estimate from College Scorecard 2023-24 annual tuition",
    }
    return make_program(**{**fields, **overrides})


def test_an_estimate_is_the_total_cost_and_says_so():
    program = estimated()
    assert program.total_cost == Decimal("6300") and program.cost_is_estimate is True
    program.tuition_fees = Decimal("9000")
    program.save()
    assert program.total_cost == Decimal("9000") and program.cost_is_estimate is False


def test_a_suspect_reported_cost_is_not_replaced_by_an_estimate():
    program = estimated(tuition_fees=Decimal("150455"), cost_suspect=True)
    assert program.total_cost is None and program.cost_is_estimate is False


def test_program_page_shows_the_estimate_with_its_arithmetic(client):
    body = client.get(estimated().get_absolute_url()).content.decode()
    assert "Estimated from the college's 2023-24 tuition: about $6,300" in body
    assert "$16,350 out of state" in body
    assert "($4,380 + $1,920) × 1 = $6,300" in body
    assert "not the program's price" in body


def test_card_compare_and_csv_mark_the_estimate(client):
    program = estimated()
    listing = client.get("/programs/").content.decode()
    assert "about $6,300" in listing and "(estimate from yearly tuition)" in listing
    compare = client.get(f"/programs/compare/?p={program.slug}").content.decode()
    # The comparison reads the cost as the card does (Program.cost_shown).
    assert "about $6,300 (estimate from yearly tuition)" in compare
    response = client.get(f"/programs/export.csv?p={program.slug}")
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["cost_is_estimate"] == "yes" and row["Total cost ($)"] == "6300.00"


def test_estimates_take_part_in_the_cost_filter_and_sort(client):
    cheap = estimated()
    dear = make_program(tuition_fees=Decimal("15000"), books_supplies=None)
    unknown = make_program(tuition_fees=None)
    response = client.get("/programs/?sort=cost")
    slugs = [hit.slug for hit in response.context["result"].programs]
    assert slugs == [cheap.slug, dear.slug, unknown.slug]
    response = client.get("/programs/?max_cost=7000")
    assert [hit.slug for hit in response.context["result"].programs] == [cheap.slug, unknown.slug]
    card = response.content.decode().split(">" + cheap.school.name + "</a>")[1].split("</li>")[0]
    assert "estimate" in card


def test_a_flagged_length_is_shown_as_reported_and_left_out_of_the_length_filter(client):
    flagged = make_program(
        credential=Program.Credential.CERTIFICATE,
        length_months=None,
        reported_length_months=Decimal("32"),
        length_suspect=True,
        length_hours=26,
        length_hours_unit="credit hours",
    )
    short = make_program(length_months=Decimal("9"))
    body = client.get(flagged.get_absolute_url()).content.decode()
    assert "Reported as 32 months: check with the school" in body
    response = client.get("/programs/?max_months=40")
    assert [hit.slug for hit in response.context["result"].programs] == [short.slug, flagged.slug]
    assert response.context["result"].unreported == 1
    listing = client.get("/programs/?sort=length").content.decode()
    assert "Reported as 32 months: check with the school" in listing


def test_a_flagged_cost_is_shown_as_reported_with_a_caveat(client):
    program = make_program(tuition_fees=Decimal("150455"), cost_suspect=True)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Reported as $150,455: check with the school" in body


def test_unreported_length_shows_the_range_of_its_credential_never_a_length(client):
    for months in ("8", "9", "9", "10", "10", "11"):
        make_program(credential=Program.Credential.DIPLOMA, length_months=Decimal(months))
    program = make_program(credential=Program.Credential.DIPLOMA, length_months=None)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Not reported by the school." in body
    assert "usually take 9 to 10 months" in body
    assert "For comparison only, not this program's length" in body


def test_the_credential_label_carries_the_reported_months_and_hours(client):
    program = make_program(
        credential=Program.Credential.DIPLOMA,
        length_months=Decimal("8"),
        length_hours=35,
        length_hours_unit="credit hours",
    )
    body = client.get(program.get_absolute_url()).content.decode()
    assert (
        "Certificate or diploma (one academic year or more) · 8 months (35 credit hours)" in body
    )
    assert "1 to 2 years" not in body
    assert "/about-our-data/#academic-year" in body


def test_school_wide_figures_are_labelled_as_the_whole_schools(client):
    school = make_school(
        scorecard_year="2023-24",
        completion_rate_150pct=Decimal("0.1442"),
        net_price=Decimal("3729"),
        pell_share=Decimal("0.4208"),
        median_debt_completers=Decimal("8375"),
        median_debt_years="FY2020 and FY2021",
    )
    body = client.get(make_program(school=school).get_absolute_url()).content.decode()
    assert "All programs at this school" in body
    assert "14%" in body and "$3,729" in body and "42%" in body
    assert "$8,375" in body and "completers of FY2020 and FY2021" in body


@pytest.mark.usefixtures("without_reference_data")
def test_unchecked_accreditation_links_to_the_directories_editors_keep(client):
    Source.objects.create(
        slug="caahep-program-directory",
        title="CAAHEP directory",
        publisher="CAAHEP",
        url="https://caahep.example/find",
        as_of="current",
    )
    body = client.get(make_program().get_absolute_url()).content.decode()
    assert 'href="https://caahep.example/find"' in body


def test_a_checked_accreditation_says_who_accredits_and_when(client):
    program = make_program(
        accreditation=Program.Accreditation.CAAHEP,
        accreditation_checked_on=datetime.date(2026, 11, 1),
        accreditation_checked_url="https://caahep.example/program/1",
    )
    body = client.get(program.get_absolute_url()).content.decode()
    assert "CAAHEP-accredited (checked Nov 1, 2026)" in body
    assert "https://caahep.example/program/1" in body
    assert "CAAHEP-accredited (checked Nov 1, 2026)" in client.get("/programs/").content.decode()


def test_admin_records_who_checked_accreditation(admin_client, admin_user):
    program = make_program()
    url = f"/admin/programs/program/{program.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "certifications"
    }
    data.update(
        school=program.school.pk,
        accreditation="caahep",
        accreditation_checked_on="2026-11-01",
        accreditation_checked_url="https://caahep.example/program/1",
        format_confirmed="",
    )
    data = {k: v for k, v in data.items() if v is not False}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    program.refresh_from_db()
    assert program.accreditation_checked_by == admin_user
    assert program.accreditation_checked_on == datetime.date(2026, 11, 1)


def test_data_report_counts_overall_and_per_state():
    estimated()
    make_program(school=make_school(state="PR"), length_months=None)
    make_program(tuition_fees=None, length_suspect=True, length_months=None)
    out = io.StringIO()
    call_command("data_report", stdout=out)
    text = out.getvalue()
    counts = Program.objects.published().data_counts()
    assert counts == {
        "programs": 3,
        "reported_cost": 1,
        "estimated_cost": 1,
        "no_cost": 1,
        "reported_length": 0,
        "no_length": 3,
        "flagged": 1,
        "accreditation_checked": 0,
    }
    assert "Puerto Rico (PR)" in text and "estimated cost" in text


def test_about_our_data_shows_the_counts_live(client):
    estimated()
    make_program(school=make_school(state="GU"))
    body = client.get("/about-our-data/").content.decode()
    assert "Counted live from the 2 published programs" in body
    assert "Guam" in body and 'id="academic-year"' in body


def test_territories_are_accepted_by_the_finder(client):
    program = make_program(school=make_school(state="PR", city="San Juan"))
    make_program(school=make_school(state="IL"))
    response = client.get("/programs/?state=PR")
    assert [hit.slug for hit in response.context["result"].programs] == [program.slug]
    assert "Puerto Rico" in client.get(program.get_absolute_url()).content.decode()


def test_program_page_queries_stay_fixed_and_few(client, django_assert_num_queries):
    """The worst case, with the site's credentials: length not reported (its credential's
    range), accreditation unchecked (the directories), and the total to a credential (the
    credentials, their fees, state pay), at two sizes."""
    program = make_program(length_months=None)
    with django_assert_num_queries(7):
        client.get(program.get_absolute_url())
    for n in range(30):
        make_program(length_months=Decimal(8 + n % 4))
    with django_assert_num_queries(7):
        client.get(program.get_absolute_url())


def test_an_editors_estimate_shows_its_own_source_not_the_tuition_arithmetic(client):
    program = estimated(estimated_cost=Decimal("7100"), cost_source="School catalog 2024-25")
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Estimated cost: about $7,100" in body and "School catalog 2024-25" in body
    assert "× 1" not in body and "$4,380 + $1,920" not in body


@pytest.mark.django_db
def test_a_credential_without_a_price_names_the_schools_other_prices_as_theirs(client):
    # Regan Career Institute: IPEDS reports no associate price; the certificate's is $10,475.
    school = make_school()
    certificate = make_program(
        school=school,
        credential=Program.Credential.DIPLOMA,
        tuition_fees=Decimal("10475"),
        length_hours=900,
        length_hours_unit="clock hours",
    )
    associate = make_program(
        school=school,
        credential=Program.Credential.ASSOCIATE,
        name="Medical Assisting, associate degree",
        tuition_fees=None,
        books_supplies=None,
        length_months=None,
    )
    body = client.get(associate.get_absolute_url()).content.decode()
    assert "IPEDS reports no price for this program (Associate degree)" in body
    assert "$10,475 tuition and fees" in body and certificate.get_absolute_url() in body
    assert "they are not this program" in body
    assert "This school reported no program cost" not in body
    assert (
        "other medical assisting programs"
        not in client.get(certificate.get_absolute_url()).content.decode()
    )
