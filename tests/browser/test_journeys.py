"""What people do on the site, end to end, in Chromium: at phone and desktop width, with
JavaScript on and off. Failing journeys leave a screenshot in artifacts/browser/."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_as_editor

pytestmark = pytest.mark.browser


def test_reader_follows_the_career_path_to_pay_and_the_faq(site_page):
    page = site_page
    page.goto(page.base + "/")
    page.get_by_role("link", name="Read the full path, with time and cost at each step").click()
    expect(page.locator("h1")).to_have_text("How to become a medical assistant")
    page.get_by_role("link", name="What MAs earn").click()
    page.get_by_label("Compare a state with the nation").select_option("TX")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile("state=TX"))
    expect(page.get_by_role("row", name=re.compile("Texas")).first).to_be_visible()
    page.get_by_role("link", name="FAQ", exact=True).first.click()
    page.get_by_text("How long does it take to become a medical assistant?").click()
    expect(
        page.get_by_text("certificate and diploma programs usually take 9 to 12 months")
    ).to_be_visible()


def open_filters_on_a_phone(page):
    """With JavaScript on a phone the filter panel, above the results, starts closed (and
    closes again after each update of the results); its summary opens it."""
    if not page.locator("#id_zip").is_visible():
        page.locator(".filters-panel > summary").click()


def add_to_compare(page, button):
    """Without JavaScript the form posts and the page comes back; with it htmx swaps in place."""
    if page.javascript:
        button.click()
    else:
        with page.expect_navigation():
            button.click()


def test_student_filters_shortlists_three_and_compares(site_page):
    page = site_page
    page.goto(page.base + "/programs/")
    open_filters_on_a_phone(page)
    page.get_by_label("ZIP code").fill("90001")
    page.get_by_label("Within").select_option("25")
    page.get_by_label("Highest total cost ($)").fill("15000")
    page.get_by_label("Sort by").select_option("cost")
    page.get_by_role("button", name="Show programs").click()
    page.wait_for_url(re.compile(r"zip=90001"))
    # The results have landed once the count has focus and, with JavaScript on a phone, the
    # filter panel has closed again.
    expect(page.locator("#result-count")).to_be_focused()
    if page.javascript and page.viewport_size["width"] < 992:
        expect(page.locator(".filters-panel")).not_to_have_attribute("open", "")
    open_filters_on_a_phone(page)
    page.locator("#f-format-campus").check()
    if not page.javascript:
        page.get_by_role("button", name="Show programs").click()
    page.wait_for_url(re.compile(r"format=campus"))
    count = page.locator("#result-count").inner_text()
    assert re.match(r"\d+ programs?", count) and not count.startswith("0 ")
    costs = [
        int(text.replace("$", "").replace(",", ""))
        for text in page.locator(".result-facts dd").all_inner_texts()
        if text.startswith("$")
    ]
    assert costs == sorted(costs) and all(cost <= 15000 for cost in costs)
    for added in range(1, 4):
        add_to_compare(page, page.get_by_role("button", name=re.compile("^Add to compare")).first)
        expect(page.locator("#shortlist-link")).to_contain_text(f"My shortlist ({added})")
    expect(page.get_by_text("3 programs on your shortlist")).to_be_visible()
    page.get_by_role("link", name="Compare side by side").click()
    expect(page.locator("thead th")).to_have_count(4)
    page.get_by_role("link", name="Show only differences").click()
    page.wait_for_url(re.compile("differences=1"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert len(rows) == 3


def test_reader_suggests_an_update_and_an_editor_fixes_it(site_page):
    page = site_page
    page.goto(page.base + "/faq/")
    page.get_by_role("link", name="Suggest an update to this page").click()
    message = f"Please re-check the CMA fee ({page.viewport_size['width']}, js={page.javascript})"
    page.get_by_label("What should we check or change?").fill(message)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"/faq/$"))
    expect(page.get_by_text("Thank you. An editor will read your note")).to_be_visible()

    sign_in_as_editor(page)
    expect(page.get_by_text(message[:40])).to_be_visible()
    page.goto(page.base + "/admin/guide/guidepage/?q=questions+and+answers")
    page.get_by_role("link", name="Medical assistant questions and answers").first.click()
    page.fill("#id_summary_en", "Straight answers, checked by an editor after a reader's note.")
    page.click("input[name=_save]")
    page.goto(page.base + "/admin/guide/feedback/?status__exact=new")
    page.locator("tr", has_text=message[:40]).locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "mark_fixed")
    page.click("button[name=index]")
    expect(page.get_by_text("marked “Fixed”")).to_be_visible()
    page.goto(page.base + "/faq/")
    assert "checked by an editor after a reader" in page.content()


def test_editor_changes_a_cost_and_the_public_page_shows_the_total(site_page):
    page = site_page
    sign_in_as_editor(page)
    page.goto(page.base + "/admin/programs/program/?q=Downey+Adult")
    page.locator("#result_list tbody th a").first.click()
    tuition = 5000 + page.viewport_size["width"] + (1 if page.javascript else 0)
    page.fill("#id_tuition_fees", str(tuition))
    page.fill("#id_books_supplies", "500")
    # Each run changes the cost, so each names a source of its own (the same one would be refused).
    page.fill("#id_cost_source", f"School catalog, 2026-27 (price {tuition})")
    page.click("input[name=_save]")
    page.locator("#result_list tbody th a").first.click()
    page.get_by_role("link", name="View on site").click()
    expect(page.locator("main")).to_contain_text(f"${tuition + 500:,}")


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_only_through_filters_shortlist_and_compare(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_server + "/programs/")
    if width < 992:
        page.locator(".filters-panel > summary").focus()
        page.keyboard.press("Enter")
    page.locator("#f-format-online").focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"format=online"))
    assert page.locator("#f-format-online").is_checked()
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused.startswith("Add to compare"):
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    # htmx swaps the button in place and keeps the focus on it.
    expect(page.locator(":focus")).to_contain_text("Remove from compare")
    link = page.get_by_role("link", name="Compare side by side")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/programs/compare/"))
    page.get_by_role("button", name=re.compile("^Remove")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "No programs to compare yet" in page.content()
    context.close()
