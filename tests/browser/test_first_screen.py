"""The first screen answers, a comparison can be shared and search forgives: on the seeded site
at phone and desktop width, with JavaScript on and off, checking where things land and where
focus is, not only the text."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def on_first_screen(locator):
    box = locator.bounding_box()
    viewport = locator.page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def submit(page, locator):
    with page.expect_navigation():
        locator.press("Enter")


def search_from_the_header(page, text):
    page.goto(page.base + "/faq/")
    box = page.get_by_role("searchbox", name="Search the site")
    expect(box).to_have_attribute("placeholder", "Search the site")
    box.fill(text)
    submit(page, box)


def test_the_home_pages_zip_box_opens_the_finder_nearest_first(site_page):
    page = site_page
    page.goto(page.base + "/")
    zip_box = page.get_by_label("ZIP code")
    assert on_first_screen(zip_box)
    zip_box.focus()
    zip_box.fill("60601")
    # Tab reaches the school box, then the button: the form reads in order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "home-q"
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show programs")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/programs/\?zip=60601&q=$", page.url)
    assert "sort=" not in page.url
    miles = [
        float(m)
        for m in re.findall(r"([\d.]+) miles away", page.locator("ol.results").inner_text())
    ]
    assert len(miles) > 5 and miles == sorted(miles)


def test_the_main_sections_are_in_the_header_without_pushing_the_page_down(site_page):
    page = site_page
    page.goto(page.base + "/")
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Cost and financial aid", "States", "Find a program", "My shortlist (0)"):
        assert on_first_screen(nav.get_by_role("link", name=name)), name
    header = page.locator("header").bounding_box()
    assert header["height"] <= (180 if page.viewport_size["width"] < 500 else 100)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    nav.get_by_role("link", name="States").click()
    expect(page.locator("h1")).to_have_text("Medical assistants by state")
    expect(nav.get_by_role("link", name="States")).to_have_attribute("aria-current", "page")


def test_a_shared_comparison_shows_the_same_programs_in_a_fresh_browser(site_page, browser):
    page = site_page
    if page.javascript:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + "/programs/?zip=60601")
    for added in (1, 2):
        button = page.locator("ol.results button[name=add]").first
        if page.javascript:
            button.click()
        else:
            with page.expect_navigation():
                button.click()
        expect(page.locator("#shortlist-link")).to_have_text(
            re.compile(rf"My shortlist \({added}\)")
        )
    page.locator("#shortlist-link").click()
    page.wait_for_url(re.compile(r"/programs/compare/\?p=.+&p=.+&zip=60601$"))
    names = page.locator("thead th a[id^=program-]").all_inner_texts()
    assert len(names) == 2
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(2)
    link = page.get_by_label("Link to this comparison")
    shared = link.input_value()
    assert shared == page.url
    copy = page.get_by_role("button", name="Copy link")
    if page.javascript:
        copy.click()
        expect(page.get_by_role("status")).to_have_text("Link copied")
        assert page.evaluate("navigator.clipboard.readText()") == shared
    else:
        expect(copy).to_be_hidden()

    context = browser.new_context(viewport=page.viewport_size, java_script_enabled=page.javascript)
    friend = context.new_page()
    friend.goto(shared)
    assert friend.locator("thead th a[id^=program-]").all_inner_texts() == names
    expect(friend.get_by_role("row", name=re.compile("Distance"))).to_contain_text("from 60601")
    adds = friend.get_by_role("button", name=re.compile("^Add to my shortlist"))
    expect(adds).to_have_count(2)
    expect(friend.get_by_role("button", name=re.compile("Remove"))).to_have_count(0)
    expect(friend.locator("#shortlist-link")).to_have_text(re.compile(r"My shortlist \(0\)"))
    with friend.expect_navigation():
        adds.first.click()
    # Back on the same comparison, now with one of its programs on the friend's own shortlist.
    assert friend.url.split("#")[0] == shared
    assert friend.locator("thead th a[id^=program-]").all_inner_texts() == names
    expect(friend.get_by_text("On your shortlist")).to_have_count(1)
    expect(friend.locator("#shortlist-link")).to_have_text(re.compile(r"My shortlist \(1\)"))
    context.close()


def test_a_misspelt_word_gets_a_suggestion_that_finds_it(site_page):
    page = site_page
    search_from_the_header(page, "certifcation")
    suggestion = page.get_by_role("link", name="certification", exact=True)
    assert on_first_screen(suggestion)
    suggestion.focus()
    expect(suggestion).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search/?q=certification")
    expect(page.get_by_text(re.compile(r"\d+ results? for “certification”"))).to_be_visible()


def test_a_zip_code_in_search_links_to_the_finder_at_that_zip_code(site_page):
    page = site_page
    search_from_the_header(page, "60601")
    shortcut = page.get_by_role(
        "link", name="Programs nearest to 60601 first, in the program finder"
    )
    assert on_first_screen(shortcut)
    shortcut.click()
    page.wait_for_url(re.compile(r"/programs/\?zip=60601$"))
    expect(page.locator("#id_zip")).to_have_value("60601")


def test_online_programs_in_search_leads_to_the_online_filter(site_page):
    page = site_page
    search_from_the_header(page, "online programs")
    shortcut = page.get_by_role("link", name=re.compile(r"^\d+ online programs"))
    assert on_first_screen(shortcut)
    titles = page.locator(".search-results a").all_inner_texts()
    assert len(titles) == len(set(titles))
    shortcut.click()
    page.wait_for_url(re.compile(r"/programs/\?format=online$"))


@pytest.mark.parametrize("path", ["/cost-and-financial-aid/", "/states/", "/salary-and-outlook/"])
def test_wide_tables_scroll_in_their_box_and_keep_their_first_column(site_page, path):
    page = site_page
    if page.viewport_size["width"] > 400:
        pytest.skip("the tables fit a laptop's width")
    page.goto(page.base + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    wide = [
        box
        for box in page.locator(".table-responsive").all()
        if box.evaluate("e => e.scrollWidth > e.clientWidth + 2")
    ]
    assert wide, "no table is wider than a phone here: the test would prove nothing"
    for box in wide:
        box.scroll_into_view_if_needed()
        # The box is inside the page, and says there is more to its right: the shadow.
        frame = box.bounding_box()
        assert frame["x"] >= 0 and frame["x"] + frame["width"] <= page.viewport_size["width"]
        assert "radial-gradient" in box.evaluate("e => getComputedStyle(e).backgroundImage")
        first = box.locator("tbody tr").first.locator("th, td").first
        second = box.locator("tbody tr").first.locator("th, td").nth(1)
        before = first.bounding_box()["x"]
        box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        assert abs(first.bounding_box()["x"] - before) < 1
        assert second.bounding_box()["x"] < before + first.bounding_box()["width"]
        last = box.locator("tbody tr").first.locator("th, td").last.bounding_box()
        assert last["x"] + last["width"] <= frame["x"] + frame["width"] + 1
