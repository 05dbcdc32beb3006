"""The eligibility checker in Chromium, at phone and desktop width, with JavaScript on and off:
the same answers either way, errors summarised at the top, focus on the answer with JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_graduate_checks_eligibility_and_opens_a_credential(site_page):
    page = site_page
    page.goto(page.base + "/certifications/eligibility/")
    page.locator("#id_diploma_0").check()
    page.get_by_label("A medical assisting program at an accredited school").check()
    page.get_by_label("I've finished it").check()
    page.get_by_label("How many months ago did you finish?").fill("6")
    page.get_by_label("How many clock hours was the whole program").fill("900")
    page.get_by_label("How many of those hours were practicum").fill("160")
    page.locator("#id_military_1").check()
    page.get_by_label("How many months have you worked as a medical assistant?").fill("0")
    if page.javascript:
        expect(page.get_by_label("In how many days will you finish")).to_be_hidden()
        expect(
            page.get_by_label("How many months ago did that military training end?")
        ).to_be_hidden()
    page.get_by_role("button", name="Check my eligibility").click()
    page.wait_for_url(re.compile("program_hours=900"))
    expect(page.locator('[data-credential="rma"]')).to_have_attribute("data-verdict", "now")
    expect(page.locator('[data-credential="cma"]')).to_have_attribute("data-verdict", "maybe")
    if page.javascript:
        expect(page.locator("#answers")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_role("link", name="RMA (AMT)").click()
    expect(page.locator("h1")).to_contain_text("Registered Medical Assistant")


def test_a_missing_answer_is_summarised_at_the_top(site_page):
    page = site_page
    page.goto(
        page.base + "/certifications/eligibility/?diploma=yes&training=programmatic&military=no"
    )
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Tell us whether you are still in your training")
    expect(summary).to_contain_text("Enter how many months you have worked as an MA")
    if page.javascript:
        expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("Tell us whether")).click()
    expect(page.locator("#id_training_status_0")).to_be_in_viewport()


def test_the_plan_and_the_credential_open_now_come_first(site_page):
    """A graduate of an unaccredited program with a year of work: on a phone the page opens on
    the plan, then the CCMA (open now); the CMA (not yet) comes after it."""
    page = site_page
    page.goto(page.base + "/certifications/eligibility/")
    page.locator("#id_diploma_0").check()
    page.get_by_label("Another program, or I'm not sure").check()
    page.get_by_label("I've finished it").check()
    page.get_by_label("How many months ago did you finish?").fill("6")
    page.get_by_label("How many clock hours was the whole program").fill("600")
    page.get_by_label("How many of those hours were practicum").fill("120")
    page.locator("#id_military_1").check()
    page.get_by_label("How many months have you worked as a medical assistant?").fill("12")
    page.get_by_label("How many months ago did that work end?").fill("0")
    page.locator("#id_cpr_1").check()
    page.get_by_role("button", name="Check my eligibility").click()
    page.wait_for_url(re.compile("experience_months=12"))
    plan = page.locator("#plan")
    expect(plan).to_contain_text("You can take the CCMA now;")
    expect(plan).to_contain_text("the CMA needs an accredited program")
    expect(plan).to_be_in_viewport()
    cards = page.locator(".answer-card")
    expect(cards.first).to_have_attribute("data-credential", "ccma")
    expect(cards.first).to_have_attribute("data-verdict", "now")
    top = page.evaluate(
        "document.querySelector('.answer-card').getBoundingClientRect().top + window.scrollY"
    )
    # Near the top of the page at any width: above the form on a phone, beside it on a desktop.
    assert top < 900
    cma = page.locator('[data-credential="cma"]')
    expect(cma.locator(".status-label")).to_have_text("Not yet")
    expect(cma).to_contain_text("What would fix it: a different program")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
