"""The finder on a 390 × 844 phone, used as a student uses it: filling in the form, with
JavaScript on and off. Positions and focus are asserted, not only the text."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS["phone"]


def search(page, **fields):
    """Open /programs/, open the filters from the top, fill them in and press the button."""
    page.goto(page.base + "/programs/")
    summary = page.locator(".filters-panel > summary")
    assert summary.bounding_box()["y"] < PHONE["height"]
    if page.javascript:
        expect(page.get_by_label("ZIP code")).to_be_hidden()
        summary.click()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    button = page.get_by_role("button", name="Show programs")
    if page.javascript:
        with page.expect_response(re.compile(r"/programs/\?")):
            button.click()
    else:
        with page.expect_navigation():
            button.click()
    # The answer (the result count, or the error summary) is marked autofocus.
    expect(page.locator("#finder [autofocus]")).to_be_focused()


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def test_a_zip_and_a_length_answer_on_the_first_screen_nearest_first(phone):
    search(phone, **{"ZIP code": "60601", "Longest length (months)": "12"})
    count = phone.locator("#result-count")
    expect(count).to_contain_text("within your limits")
    assert focused_id(phone) == "result-count"
    # Focus scrolls it into view (with JavaScript off, as Chromium handles autofocus).
    expect(count).to_be_in_viewport(ratio=0.9)
    first = phone.locator(".result-card").first
    assert first.bounding_box()["y"] < PHONE["height"]
    # Those within the limits, then those that did not report a length: each nearest first.
    lists = phone.locator("ol.results")
    assert lists.count() == 2
    for n in range(2):
        text = lists.nth(n).inner_text()
        miles = [float(m) for m in re.findall(r"([\d.]+) miles away", text)]
        assert miles and miles == sorted(miles)
    # Nearest first is the default, so it is neither an active filter nor a chip.
    expect(phone.locator("#id_sort")).to_have_value("")
    expect(phone.locator("#id_sort option:checked")).to_have_text("Nearest first")
    chips = phone.get_by_role("list", name="Active filters")
    expect(chips).not_to_contain_text("first")
    expect(phone.locator(".filters-panel > summary")).to_contain_text("(2 active)")


def test_enter_in_a_typed_field_puts_the_whole_answer_at_the_top(phone):
    """The phone keyboard's Go key: the browser was still scrolling to the field typed in when
    the results arrived, and that scroll must not move the answer after it is placed."""
    phone.goto(phone.base + "/programs/")
    if phone.javascript:
        phone.locator(".filters-panel > summary").click()
    field = phone.get_by_label("Longest length (months)", exact=True)
    field.fill("12")
    if phone.javascript:
        with phone.expect_response(re.compile(r"/programs/\?")):
            field.press("Enter")
    else:
        with phone.expect_navigation():
            field.press("Enter")
    count = phone.locator("#result-count")
    expect(count).to_be_focused()
    expect(count).to_contain_text("within your limits")
    # Whole, first line included (to a fraction of a pixel); with JavaScript, at the very top
    # (finder.js), once past the frames a running smooth scroll would still take.
    expect(count).to_be_in_viewport(ratio=0.95)
    if phone.javascript:
        phone.wait_for_timeout(300)
        assert abs(count.bounding_box()["y"]) <= 1


def test_a_bad_zip_focuses_its_error_summary_on_screen(phone):
    search(phone, **{"ZIP code": "abcde"})
    summary = phone.locator("#error-summary")
    expect(summary).to_contain_text("Enter a five-digit US ZIP code.")
    assert focused_id(phone) == "error-summary"
    expect(summary.get_by_role("heading")).to_be_in_viewport(ratio=0.9)


def test_a_thin_search_offers_ways_out_and_no_option_leads_to_nothing(phone):
    search(phone, **{"ZIP code": "59901"})
    expect(phone.locator("#result-count")).to_have_text(re.compile(r"^\s*1 program\s*$"))
    options = phone.locator("#finder-form input[type=checkbox]")
    for n in range(options.count()):
        option = options.nth(n)
        label = phone.locator(f"label[for={option.get_attribute('id')}]").text_content()
        assert option.is_disabled() == ("(0)" in label), label
    ways = phone.locator("#ways-out")
    wider = ways.get_by_role("link", name=re.compile(r"^\d+ within 100 miles$"))
    online = ways.get_by_role("link", name=re.compile(r"^\d+ online, open to you anywhere$"))
    expect(wider).to_be_visible()
    expect(online).to_be_visible()
    within_100 = int(wider.inner_text().split()[0])
    assert within_100 > 1
    with phone.expect_navigation():
        wider.click()
    expect(phone.locator(".result-card")).to_have_count(within_100)
    assert focused_id(phone) == "result-count"


def test_the_first_result_is_fewer_than_15_tab_presses_from_the_top(phone):
    phone.goto(phone.base + "/programs/")
    first = phone.locator(".result-card a").first
    presses = 0
    while not first.evaluate("link => link === document.activeElement"):
        assert presses < 14, "15 Tab presses do not reach the first result"
        phone.keyboard.press("Tab")
        presses += 1
        if phone.evaluate("document.activeElement.textContent.trim()") == "Skip to results":
            phone.keyboard.press("Enter")
    expect(first).to_be_in_viewport()
