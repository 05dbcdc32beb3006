"""The Spanish edition on a 390 px phone, JavaScript on and off: the finder, the eligibility
checker with its plan, a state page and the cost page at /es/, the language switcher keeping the
search, and axe-core and the Nu Html Checker at zero. Selectors are ids and attributes, not
words, so the test reads the same before and after the catalog is translated."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS
from tests.browser.test_quality import axe_violations, vnu_errors

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS["phone"]
ELIGIBILITY_ANSWER = (
    "/es/certifications/eligibility/?diploma=yes&training=unaccredited&training_status=completed"
    "&completed_months_ago=6&experience_months=12&military=no"
)
SPANISH_PAGES = {
    "finder": "/es/programs/",
    "finder, searched": "/es/programs/?zip=60601&radius=25&max_cost=15000&sort=distance",
    "finder, bad input": "/es/programs/?max_cost=abc&max_months=-3",
    "eligibility form": "/es/certifications/eligibility/",
    "eligibility plan": ELIGIBILITY_ANSWER,
    "state": "/es/states/texas/",
    "cost": "/es/cost-and-financial-aid/",
    "home": "/es/",
    "not found": "/es/no-such-page/",
}


def query(url):
    return parse_qs(urlsplit(url).query)


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_spanish_finder_search_switches_to_english_and_back_keeping_the_search(phone):
    page = phone
    page.goto(page.base + "/es/programs/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    if page.javascript:
        page.locator(".filters-panel > summary").click()
    page.locator("#finder-form [name=zip]").fill("60601")
    page.locator("#finder-form [name=max_cost]").fill("15000")
    submit = page.locator("#finder-form button[type=submit]").first
    if page.javascript:
        with page.expect_response(re.compile(r"/es/programs/\?")):
            submit.click()
    else:
        with page.expect_navigation():
            submit.click()
    expect(page.locator("#finder [autofocus]")).to_be_focused()
    assert urlsplit(page.url).path == "/es/programs/"
    searched = query(page.url)
    assert searched["zip"] == ["60601"] and searched["max_cost"] == ["15000"]
    expect(page.locator(".result-card").first).to_be_visible()
    assert fits(page)
    # The switcher carries the search just made, even when htmx made it without a reload.
    with page.expect_navigation():
        page.locator('#language-switch button[value="en"]').click()
    assert urlsplit(page.url).path == "/programs/" and query(page.url) == searched
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(page.base + "/")
    assert urlsplit(page.url).path == "/"
    page.goto(page.base + "/programs/?zip=60601")
    with page.expect_navigation():
        page.locator('#language-switch button[value="es"]').click()
    assert urlsplit(page.url).path == "/es/programs/" and query(page.url) == {"zip": ["60601"]}
    # The choice is remembered: the site's root now opens the Spanish home.
    page.goto(page.base + "/")
    assert urlsplit(page.url).path == "/es/"
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_the_spanish_eligibility_checker_gives_its_plan(phone):
    page = phone
    page.goto(page.base + "/es/certifications/eligibility/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator("#id_diploma_0").check()
    page.locator("input[name=training][value=unaccredited]").check()
    page.locator("input[name=training_status][value=completed]").check()
    page.locator("[name=completed_months_ago]").fill("6")
    page.locator("#id_military_1").check()
    page.locator("[name=experience_months]").fill("12")
    with page.expect_navigation():
        page.locator("form[method=get] button[type=submit]").last.click()
    assert urlsplit(page.url).path == "/es/certifications/eligibility/"
    expect(page.locator("#plan")).to_be_visible()
    expect(page.locator('[data-credential="ccma"]')).to_have_attribute("data-verdict", "now")
    if page.javascript:
        expect(page.locator("#answers")).to_be_focused()
    assert fits(page)
    # The credential's link stays in Spanish.
    href = page.locator('[data-credential="ccma"] a[href*="/certifications/"]').first
    assert href.get_attribute("href").startswith("/es/certifications/")


@pytest.mark.parametrize("path", ["/es/states/texas/", "/es/cost-and-financial-aid/"])
def test_a_state_page_and_the_cost_page_in_spanish(phone, path):
    page = phone
    response = page.goto(page.base + path)
    assert response.status == 200 and response.headers["content-language"] == "es"
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_count(1)
    english = page.locator('link[rel=alternate][hreflang="en"]')
    assert english.get_attribute("href").endswith(path.removeprefix("/es"))
    assert fits(page)


def test_spanish_pages_pass_axe_at_phone_width_with_and_without_javascript(browser, site_server):
    failures = {}
    for javascript in (True, False):
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        if not javascript:
            # axe needs script, so "off" is the site's own scripts refused: the page as it
            # stands without them (the site has no <noscript> content).
            context.route(re.compile(r"\.js(\?.*)?$"), lambda route: route.abort())
        page = context.new_page()
        for name, path in SPANISH_PAGES.items():
            page.goto(site_server + path)
            problems = axe_violations(page)
            if page.locator("html").get_attribute("lang") != "es":
                problems.append("not lang=es")
            if not fits(page):
                problems.append("scrolls sideways")
            if problems:
                failures[f"{name} ({'js' if javascript else 'nojs'})"] = problems
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)


def test_spanish_pages_are_valid_html(site_server, tmp_path):
    errors = vnu_errors(site_server, SPANISH_PAGES, tmp_path)
    assert not errors, "\n".join(errors)
