"""An editor round-trips the programs spreadsheet in Chromium at desktop and phone width:
exported and imported back unchanged it changes nothing; a file with one error of each kind
lists every error, with its row, column and value, readable without sideways scrolling."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, VIEWPORTS, sign_in_as_editor

pytestmark = pytest.mark.browser

# Column, bad value, and what the editor is told: one error of each kind.
BAD_VALUES = [
    ("tuition_fees", "abc", "column tuition_fees: “abc” is not a number"),
    ("school", "no-such-school", "column school: no school with the slug “no-such-school”"),
    ("evening", "maybe", "column evening: “maybe” is not allowed here: write yes, no"),
    ("credential", "phd", "column credential: “phd” is not allowed here: write one of"),
    ("certifications", "cma|xyz", "no certification with the slug “xyz”: write"),
    ("books_supplies", "-500", "column books_supplies (“-500”): Enter a figure from $0 to $500,"),
    ("last_verified", "31/03/2026", "column last_verified: “31/03/2026” is not a date"),
]


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def editor_page(request, browser, site_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True)
    page = context.new_page()
    page.base = site_server
    sign_in_as_editor(page)
    yield page
    context.close()


def export_programs(page, search):
    page.goto(f"{page.base}/admin/programs/program/?q={search}")
    page.get_by_role("link", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    return download.value.path().read_text(encoding="utf-8")


def upload(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.goto(page.base + "/admin/programs/program/import/")
    page.set_input_files("#id_import_file", path)
    page.get_by_role("button", name="Submit").click()


def test_editor_round_trips_the_programs_csv_and_sees_every_error(editor_page, tmp_path):
    page = editor_page
    width = page.viewport_size["width"]
    exported = export_programs(page, "Downey+Adult")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows and "format" in rows[0] and "school_name" in rows[0]

    upload(page, tmp_path, "unchanged.csv", exported)
    expect(page.locator("table.import-preview tr.skip")).to_have_count(len(rows))
    page.get_by_role("button", name="Confirm import").click()
    expect(
        page.get_by_text(f"0 new, 0 updated, 0 deleted and {len(rows)} skipped")
    ).to_be_visible()

    bad = io.StringIO()
    writer = csv.DictWriter(bad, fieldnames=list(rows[0]))
    writer.writeheader()
    for column, value, _message in BAD_VALUES:
        writer.writerow({**rows[0], column: value})
    upload(page, tmp_path, "with-errors.csv", bad.getvalue())
    problems = page.locator(".import-problems")
    expect(problems.get_by_role("heading")).to_have_text(
        f"{len(BAD_VALUES)} problems in the file: nothing was imported."
    )
    items = problems.locator("li")
    expect(items).to_have_count(len(BAD_VALUES))
    for number, (_column, _value, message) in enumerate(BAD_VALUES, start=2):
        expect(items.nth(number - 2)).to_contain_text(f"Row {number}, ")
        expect(items.nth(number - 2)).to_contain_text(message)
    # Every error reads without sideways scrolling, even at 390 px.
    overflow = problems.evaluate("el => el.scrollWidth - el.clientWidth")
    right = problems.evaluate("el => el.getBoundingClientRect().right")
    assert overflow == 0 and right <= width
    assert page.get_by_role("button", name="Confirm import").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"csv-import-errors-{width}.png", full_page=True)
