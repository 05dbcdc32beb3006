"""The finder answers on the first screen and keeps the visitor's place, on the seeded site at
phone and desktop width, with JavaScript on and off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_chicago_limits_list_the_nine_nearby_programs_with_what_each_lacks(site_page):
    page = site_page
    page.goto(page.base + "/programs/?zip=60601&radius=25&max_cost=15000&max_months=12")
    count = page.locator("#result-count")
    expect(count).to_contain_text("more that did not report their cost or length")
    assert count.bounding_box()["y"] < page.viewport_size["height"]
    expect(page.get_by_role("list", name="Active filters")).to_be_visible()
    expect(page.get_by_role("heading", name="Programs that did not report their cost or length"))
    cards = page.locator(".result-card")
    assert cards.count() == 9
    for n in range(9):
        expect(cards.nth(n)).to_contain_text("Did not report its")
    expect(page.get_by_role("link", name=re.compile("Malcolm X College"))).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_zip_comes_back_nearest_first(site_page):
    page = site_page
    page.goto(page.base + "/programs/?zip=10001&radius=25")
    miles = [
        float(m)
        for m in re.findall(r"([\d.]+) miles away", page.locator("ol.results").inner_text())
    ]
    assert len(miles) > 5 and miles == sorted(miles)
    expect(page.locator("#id_sort")).to_have_value("distance")


def test_a_bad_zip_is_summarised_on_the_first_screen_and_links_to_its_field(site_page):
    page = site_page
    page.goto(page.base + "/programs/?zip=abcde")
    summary = page.locator("#error-summary")
    assert summary.bounding_box()["y"] < page.viewport_size["height"]
    summary.get_by_role("link", name="Enter a five-digit US ZIP code.").click()
    expect(page.locator("#id_zip")).to_be_visible()


def test_adding_to_compare_keeps_the_visitors_place(site_page):
    page = site_page
    page.goto(page.base + "/programs/?state=IL")
    card = page.locator(".result-card").nth(12)
    card_id = card.get_attribute("id")
    button = card.get_by_role("button", name=re.compile("^Add to compare"))
    if page.javascript:
        button.click()
        expect(page.locator("#" + card_id).get_by_role("button")).to_contain_text("Remove")
    else:
        with page.expect_navigation():
            button.click()
        assert page.url.endswith("#" + card_id)
    # Chromium scrolls to a fragment once the page has settled, after the load event.
    expect(page.locator("#" + card_id)).to_be_in_viewport()
    expect(page.locator("#shortlist-link")).to_contain_text("My shortlist (1)")
    page.goto(page.base + "/faq/")
    page.locator("#shortlist-link").click()
    expect(page.locator("thead th")).to_have_count(2)


@pytest.mark.parametrize(
    ("query", "first_link"),
    [("CMA fee", re.compile("CMA")), ("salary texas", re.compile("Texas"))],
)
def test_the_header_search_finds_what_students_ask_from_any_page(site_page, query, first_link):
    page = site_page
    page.goto(page.base + "/faq/")
    header = page.locator("header")
    header.get_by_role("searchbox").fill(query)
    with page.expect_navigation():
        header.get_by_role("searchbox").press("Enter")
    assert "/search/?" in page.url
    results = page.locator("main")
    expect(results.get_by_role("link", name=first_link).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_compare_shows_how_far_each_shortlisted_program_is_from_the_visitor(site_page):
    page = site_page
    page.goto(page.base + "/programs/?zip=60601&radius=25")
    for n in range(2):
        button = page.locator(".result-card").nth(n).get_by_role("button")
        if page.javascript:
            button.click()
            expect(page.locator(".result-card").nth(n).get_by_role("button")).to_contain_text(
                "Remove"
            )
        else:
            with page.expect_navigation():
                button.click()
    page.get_by_role("link", name="Compare side by side").click()
    distance = page.get_by_role("row", name=re.compile("^Distance"))
    expect(distance).to_contain_text("miles from 60601")
    page.get_by_label("ZIP code").fill("10001")
    with page.expect_navigation():
        page.get_by_role("button", name="Show distances").click()
    expect(page.get_by_role("row", name=re.compile("^Distance"))).to_contain_text(
        "miles from 10001"
    )
