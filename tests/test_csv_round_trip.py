"""The programs spreadsheet: exported and imported back unchanged it changes nothing; every
column is in it; yes/no columns take only yes/no words."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certifications.models import Certification
from programs.models import Program
from programs.resources import ProgramResource, PublicProgramResource
from tests.factories import make_certification, make_program, make_school

pytestmark = pytest.mark.django_db


def export_all(client):
    url = reverse("admin:programs_program_export")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith("programresource_")})
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def import_csv(client, text, encoding="utf-8"):
    upload = io.BytesIO(text.encode(encoding))
    upload.name = "programs.csv"
    return client.post(
        reverse("admin:programs_program_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )


def one_row(column, value):
    """A spreadsheet that sets one column of program "good" at springfield-college."""
    return (
        f"slug,school,name,credential,format,{column}\n"
        f"good,springfield-college,MA,certificate,campus,{value}\n"
    )


def make_rich_programs():
    school = make_school(slug="springfield-college")
    cma = make_certification(slug="cma")
    full = make_program(
        school=school,
        slug="full",
        format=Program.Format.HYBRID,
        has_externship=True,
        externship_hours=160,
        exam_fee_included=None,
        evening=True,
        accreditation=Program.Accreditation.CAAHEP,
        accreditation_checked_on=datetime.date(2026, 3, 2),
        last_verified=datetime.date(2026, 3, 2),
    )
    full.certifications.add(cma)
    make_program(school=school, slug="bare", tuition_fees=None, books_supplies=None)


@pytest.mark.usefixtures("without_reference_data")
def test_export_has_every_column_including_format(admin_client):
    make_rich_programs()
    header = export_all(admin_client).splitlines()[0].split(",")
    assert header == [field.column_name for field in ProgramResource().get_export_fields()]
    assert "format" in header and "has_externship" in header


@pytest.mark.usefixtures("without_reference_data")
def test_export_then_import_unchanged_changes_nothing(admin_client):
    make_rich_programs()
    before = {p.slug: p.history.count() for p in Program.objects.all()}
    text = export_all(admin_client)
    assert ",hybrid," in text
    preview = import_csv(admin_client, text)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip", "skip"]
    after = {p.slug: p.history.count() for p in Program.objects.all()}
    assert after == before


def test_an_import_looks_each_certifications_cell_up_once(admin_client):
    make_school(slug="springfield-college")
    rows = "".join(
        f"p{n},springfield-college,MA,certificate,campus,{'cma|rma' if n % 2 else 'cma'}\n"
        for n in range(6)
    )
    text = "slug,school,name,credential,format,certifications\n" + rows
    with CaptureQueriesContext(connection) as queries:
        result = import_csv(admin_client, text).context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new"] * 6
    table = Certification._meta.db_table
    by_slug = f'WHERE "{table}"."slug" IN'
    lookups = [q for q in queries.captured_queries if by_slug in q["sql"]]
    assert len(lookups) == 2  # "cma" and "cma|rma"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False)],
)
def test_boolean_columns_take_yes_no_words(admin_client, word, expected):
    make_program(school=make_school(slug="springfield-college"), slug="good")
    preview = import_csv(admin_client, one_row("evening", word))
    confirm = preview.context["confirm_form"]
    admin_client.post(reverse("admin:programs_program_process_import"), confirm.initial)
    assert Program.objects.get(slug="good").evening is expected


@pytest.mark.parametrize("word", ["maybe", "y", "2", ""])
def test_any_other_boolean_word_is_an_error_that_names_the_allowed_words(admin_client, word):
    make_program(
        school=make_school(slug="springfield-college"), slug="good", tuition_fees=Decimal("1")
    )
    preview = import_csv(admin_client, one_row("evening", word))
    result = preview.context["result"]
    assert result.has_validation_errors()
    assert "yes, no, true, false, 1 or 0" in preview.content.decode()
    assert Program.objects.get(slug="good").evening is False


def test_blank_means_not_known_where_the_field_allows_it(admin_client):
    make_program(school=make_school(slug="springfield-college"), slug="good")
    preview = import_csv(admin_client, one_row("exam_fee_included", ""))
    assert not preview.context["result"].has_validation_errors()


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", ""), ("utf-8", "\ufeff"), ("cp1252", "")],
)
def test_utf8_with_or_without_bom_and_windows_1252_are_read(admin_client, encoding, prefix):
    make_program(school=make_school(slug="springfield-college"), slug="good")
    text = prefix + one_row("accreditation_note", "Checked with the école’s registrar")
    preview = import_csv(admin_client, text, encoding=encoding)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    confirm = preview.context["confirm_form"]
    admin_client.post(reverse("admin:programs_program_process_import"), confirm.initial)
    note = Program.objects.get(slug="good").accreditation_note
    assert note == "Checked with the école’s registrar"


def test_a_file_in_neither_encoding_is_refused_with_a_message(admin_client):
    upload = io.BytesIO(b"slug,name\ngood,\x81\x8d\n")
    upload.name = "programs.csv"
    response = admin_client.post(
        reverse("admin:programs_program_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert response.status_code == 200
    assert "neither UTF-8 nor Windows-1252" in response.content.decode()


def test_export_page_has_no_inline_handlers_or_styles(admin_client):
    body = admin_client.get(reverse("admin:programs_program_export")).content.decode()
    assert 'id="select-all-toggle"' in body and "js/admin_export.js" in body
    assert " onchange=" not in body and " onclick=" not in body and ' style="' not in body


ONE_ERROR_OF_EACH_KIND = (
    "slug,school,name,credential,format,tuition_fees,evening,certifications,"
    "accreditation_checked_on\n"
    "good,springfield-college,MA,certificate,campus,10000,no,cma,\n"
    "p2,springfield-college,MA,certificate,campus,abc,no,cma,\n"
    "p3,no-such-school,MA,certificate,campus,9000,no,cma,\n"
    "p4,springfield-college,MA,certificate,campus,9000,maybe,cma,\n"
    "p5,springfield-college,MA,phd,campus,9000,no,cma,\n"
    "p6,springfield-college,MA,certificate,campus,9000,no,cma|xyz,\n"
    "p7,springfield-college,MA,certificate,campus,-500,no,cma,\n"
    "p8,springfield-college,MA,certificate,campus,9000,no,cma,31/03/2026\n"
    "p9,springfield-college,MA,certificate,by post,abc,perhaps,,\n"
)


@pytest.mark.usefixtures("without_reference_data")
def test_every_error_is_listed_at_once_with_row_column_and_value(admin_client):
    school = make_school(slug="springfield-college")
    make_certification(slug="cma")
    make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    response = import_csv(admin_client, ONE_ERROR_OF_EACH_KIND)
    problems = [(p.row, p.column, p.value) for p in response.context["problems"]]
    assert problems == [
        (3, "tuition_fees", "abc"),
        (4, "school", "no-such-school"),
        (5, "evening", "maybe"),
        (6, "credential", "phd"),
        (7, "certifications", "cma|xyz"),
        (8, "tuition_fees", "-500"),
        (9, "accreditation_checked_on", "31/03/2026"),
        (10, "format", "by post"),
        (10, "tuition_fees", "abc"),
        (10, "evening", "perhaps"),
    ]
    body = response.content.decode()
    assert "10 problems in the file: nothing was imported." in body
    assert "Row 3, column tuition_fees</strong>: “abc” is not a number" in body
    assert "Row 4, column school</strong>: no school with the slug “no-such-school”" in body
    assert "Row 5, column evening</strong>: “maybe” is not allowed here: write yes, no" in body
    assert (
        "Row 6, column credential</strong>: “phd” is not allowed here: write one of "
        "short_certificate, certificate, diploma, associate" in body
    )
    assert (
        "Row 7, column certifications</strong> (“cma|xyz”): no certification with the slug “xyz”"
        in body
    )
    assert "write cma, separated by “|”" in body
    assert (
        "Row 8, column tuition_fees</strong> (“-500”): Enter a figure from $0 to $500,000." in body
    )
    assert "Row 10, column format</strong>: “by post” is not allowed here: write one of " in body
    assert "Row 9, column accreditation_checked_on</strong>: “31/03/2026” is not a date" in body
    # The library's wide table of every value (sideways scrolling on a phone) is gone.
    assert 'class="import-preview"' not in body


@pytest.mark.usefixtures("without_reference_data")
def test_nothing_is_saved_when_any_row_has_an_error(admin_client):
    school = make_school(slug="springfield-college")
    make_certification(slug="cma")
    make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    response = import_csv(
        admin_client, ONE_ERROR_OF_EACH_KIND.replace(",9000,no,cma,\n", ",8000,no,cma,\n", 1)
    )
    assert response.context.get("confirm_form") is None
    assert Program.objects.get(slug="good").tuition_fees == Decimal("10000")
    assert not Program.objects.filter(slug__in=[f"p{n}" for n in range(2, 10)]).exists()


def test_a_misspelt_column_is_an_error_naming_the_columns(admin_client):
    make_program(school=make_school(slug="springfield-college"), slug="good")
    response = import_csv(admin_client, one_row("tution_fees", "9000"))
    (problem,) = response.context["problems"]
    assert (problem.row, problem.column) == (1, "tution_fees")
    body = response.content.decode()
    assert "Row 1, column tution_fees</strong>: “tution_fees” is not a column here" in body
    assert "the columns are slug, school, school_name, city, state, name, credential," in body
    assert response.context.get("confirm_form") is None


def test_a_file_without_the_slug_column_says_so(admin_client):
    response = import_csv(admin_client, "name,credential\nMA,certificate\n")
    body = response.content.decode()
    assert "<strong>The file</strong>: " in body and "file headers: slug" in body


def test_the_readers_export_takes_its_columns_from_the_editors_resource():
    editors = ProgramResource().fields
    readers = PublicProgramResource()
    # Distance is measured by the finder for one search; every other column is the editors'.
    assert set(readers.headings) - {"distance"} <= set(editors)
    assert [field.column_name for field in readers.get_export_fields()] == [
        editors[name].column_name if name in editors else name for name in readers.headings
    ]


def test_the_editors_export_says_which_school_and_page_a_row_is(admin_client):
    make_program(school=make_school(slug="springfield-college", name="Springfield College"))
    rows = list(csv.DictReader(io.StringIO(export_all(admin_client))))
    assert rows[0]["school_name"] == "Springfield College"
    assert rows[0]["state"] == "IL" and rows[0]["page"].startswith("/programs/")


def test_the_import_page_lists_only_the_columns_an_import_reads(admin_client):
    response = admin_client.get(reverse("admin:programs_program_import"))
    (_resource, columns) = response.context["fields_list"][0]
    assert "tuition_fees" in columns and "format" in columns
    assert not {"school_name", "total_cost", "page"} & set(columns)


def confirm_import(client, preview):
    assert not preview.context.get("problems"), preview.context.get("problems")
    confirm = preview.context["confirm_form"]
    client.post(reverse("admin:programs_program_process_import"), confirm.initial)


def problems_of(response):
    return [(p.row, p.column, p.value, p.message) for p in response.context["problems"]]


@pytest.mark.usefixtures("without_reference_data")
def test_a_changed_figure_needs_its_source_or_the_same_source_column(admin_client):
    school = make_school(slug="springfield-college")
    program = make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    refused = problems_of(import_csv(admin_client, one_row("tuition_fees", "9000")))
    assert [(row, column) for row, column, _value, _message in refused] == [(2, "cost_source")]
    assert "tuition_fees changed but cost_source did not" in refused[0][3]

    text = one_row("tuition_fees,same_source", "9000,yes")
    confirm_import(admin_client, import_csv(admin_client, text))
    program.refresh_from_db()
    assert program.tuition_fees == Decimal("9000")


@pytest.mark.usefixtures("without_reference_data")
def test_a_number_with_thousands_separators_is_read(admin_client):
    school = make_school(slug="springfield-college")
    program = make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    text = one_row("tuition_fees,cost_source", '"1,857.00",Catalog 2026')
    confirm_import(admin_client, import_csv(admin_client, text))
    program.refresh_from_db()
    assert program.tuition_fees == Decimal("1857.00")


@pytest.mark.usefixtures("without_reference_data")
def test_an_edited_read_only_column_is_reported_not_ignored(admin_client):
    school = make_school(slug="springfield-college", state="DE")
    make_program(school=school, slug="good")
    problems = problems_of(import_csv(admin_client, one_row("state", "MD")))
    assert [(row, column, value) for row, column, value, _message in problems] == [
        (2, "state", "MD")
    ]
    assert "this column is read-only" in problems[0][3]
    # The cell as exported is no change.
    assert not problems_of(import_csv(admin_client, one_row("state", "DE")))


@pytest.mark.usefixtures("without_reference_data")
def test_an_implausible_figure_is_refused_naming_the_column_and_range(admin_client):
    school = make_school(slug="springfield-college")
    make_program(school=school, slug="good", tuition_fees=Decimal("10000"))
    text = one_row("tuition_fees,cost_source", "9999999,Catalog")
    problems = problems_of(import_csv(admin_client, text))
    assert problems == [(2, "tuition_fees", "9999999", "Enter a figure from $0 to $500,000.")]


@pytest.mark.usefixtures("without_reference_data")
def test_a_refused_figure_is_not_also_reported_as_lacking_its_source(admin_client):
    school = make_school(slug="springfield-college")
    make_program(school=school, slug="good", books_supplies=Decimal("800"))
    problems = problems_of(import_csv(admin_client, one_row("books_supplies", "-500")))
    assert [(row, column) for row, column, _value, _message in problems] == [(2, "books_supplies")]
