"""Values the data keeps in IPEDS's or a body's English (a length's unit, a school's sector,
yes/no cells, a certifying body's name) read as Spanish on Spanish pages and in the Spanish CSV,
and unchanged in English."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from programs.ipeds import NO_COST_SOURCE
from tests.factories import make_body, make_certification, make_program, make_school

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ELIGIBLE_SOMEWHERE = (
    "diploma=yes&training=unaccredited&training_status=completed&completed_months_ago=6"
    "&experience_months=12&military=no"
)


def text(response):
    return response.content.decode()


def test_a_programs_hours_unit_and_sector_read_as_spanish_on_its_page(client):
    program = make_program(
        length_hours=808,
        length_hours_unit="clock hours",
        length_months=12,
        school=make_school(sector="Public, less-than 2-year"),
    )
    spanish = text(client.get(f"/es/programs/{program.slug}/"))
    assert "808 horas reloj" in spanish and "clock hours" not in spanish
    assert "Pública, de menos de 2 años" in spanish and "Public, less-than" not in spanish
    english = text(client.get(f"/programs/{program.slug}/"))
    assert "808 clock hours" in english and "Public, less-than 2-year" in english


def test_credit_hours_and_one_hour_take_their_own_words():
    with translation.override("es"):
        one = make_program(length_hours=1, length_hours_unit="credit hours")
        many = make_program(length_hours=29, length_hours_unit="credit hours")
        assert one.length_shown.note == "(1 hora crédito)"
        assert many.length_shown.note == "(29 horas crédito)"


def test_a_sector_ipeds_adds_later_shows_as_it_is():
    school = make_school(sector="Administrative unit")
    with translation.override("es"):
        assert school.sector_label == "Administrative unit"


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_the_spanish_csv_says_si_and_no_and_spanish_units(client):
    make_program(
        length_hours=900,
        length_hours_unit="clock hours",
        format_confirmed=True,
        cost_source=NO_COST_SOURCE,
    )
    (row,) = csv_rows(client.get("/es/programs/export.csv"))
    assert row["Formato confirmado"] == "sí" and row["cost_is_estimate"] == "no"
    assert row["Tipo de horas"] == "horas reloj"
    assert row["Fuente del costo"] == "No se informó a IPEDS"
    (english,) = csv_rows(client.get("/programs/export.csv"))
    assert english["Format confirmed"] == "yes" and english["cost_is_estimate"] == "no"
    assert english["Hours unit"] == "clock hours"
    assert english["Cost source"] == NO_COST_SOURCE


def test_a_bodys_abbreviation_shares_the_brackets_of_its_spanish_explanation(client):
    body = make_body(name="American Association of Medical Assistants", abbreviation="AAMA")
    certification = make_certification(body=body)
    spanish = text(client.get(f"/es/certifications/{certification.slug}/"))
    assert '<span lang="en">American Association of Medical Assistants</span> (AAMA, ' in spanish
    assert ") (AAMA)" not in spanish
    english = text(client.get(f"/certifications/{certification.slug}/"))
    assert "American Association of Medical Assistants (AAMA)</a>" in english


def test_an_unlisted_name_with_an_abbreviation_has_one_pair_of_brackets():
    template = Template('{% load official_names %}{% official_name "Some Board" "SB" %}')
    with translation.override("es"):
        assert template.render(Context()) == '<span lang="en">Some Board</span> (SB)'
    with translation.override("en"):
        assert template.render(Context()) == "Some Board (SB)"


def test_spanish_source_dates_start_in_lower_case_as_they_sit_mid_sentence():
    # Every citation prints as_of after a comma or inside brackets ("Fuente: X, enero de 2026"),
    # and these start with a month or a common word, never a name.
    capitalised = []
    for path in FIXTURES.glob("*.json"):
        for row in json.loads(path.read_text()):
            as_of = row["fields"].get("as_of_es") or ""
            if as_of[:1].isupper():
                capitalised.append((path.name, as_of))
    assert capitalised == []


def test_a_missing_ipeds_source_reads_as_spanish_in_the_comparison(client):
    program = make_program(cost_source=NO_COST_SOURCE, length_source=NO_COST_SOURCE)
    spanish = text(client.get(f"/es/programs/compare/?p={program.slug}"))
    assert spanish.count("No se informó a IPEDS") >= 2 and NO_COST_SOURCE not in spanish
    english = text(client.get(f"/programs/compare/?p={program.slug}"))
    assert english.count(NO_COST_SOURCE) >= 2


def test_the_checkers_answers_and_the_home_page_explain_a_credential_in_one_pair_of_brackets(
    client,
):
    answers = text(client.get("/es/certifications/eligibility/?" + ELIGIBLE_SOMEWHERE))
    home = text(client.get("/es/"))
    for page in (answers, home):
        assert '<span lang="en">CMA</span> (AAMA, ' in page
        assert ") (" not in page.replace(") (oficial)", "")


def test_english_pages_keep_the_credential_with_its_body():
    template = Template('{% load official_names %}{% official_name "CMA" "AAMA" %}')
    with translation.override("en"):
        assert template.render(Context()) == "CMA (AAMA)"


def test_ee_uu_never_breaks_across_lines_in_the_catalog():
    # "EE." alone at the end of a line on a 390 px phone (a table header, a stat card).
    catalog = (
        Path(__file__).resolve().parent.parent / "locale/es/LC_MESSAGES/django.po"
    ).read_text()
    assert "EE. UU." not in catalog and "EE.\u00a0UU." in catalog


def test_a_career_paths_pay_year_reads_as_spanish(client):
    spanish = text(client.get("/es/career-paths/"))
    assert "mayo de 2025" in spanish and "(May 2025)" not in spanish
    assert "(May 2025)" in text(client.get("/career-paths/"))
