"""An editor previews an edit to a published guide page, keeps it as a draft while the public
page stays as it was, then publishes it: at phone and desktop width, JavaScript on and off.
Screenshots of each step go to artifacts/browser/."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in_as_editor

pytestmark = pytest.mark.browser


def open_about_page_form(page):
    page.goto(page.base + "/admin/guide/guidepage/?q=About+this+guide")
    page.get_by_role("link", name="About this guide", exact=True).first.click()
    expect(page.locator("#id_body_en")).to_be_visible()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"preview-{name}.png", full_page=True)


def test_editor_previews_drafts_and_publishes_a_page_edit(site_page, request):
    page = site_page
    run = f"{page.viewport_size['width']}-{'js' if page.javascript else 'nojs'}"
    sentence = f"A sentence added in review {run}."
    sign_in_as_editor(page)
    open_about_page_form(page)
    body = page.locator("#id_body_en")
    body.fill(body.input_value() + f"\n\n{sentence}")

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview", exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.get_by_text("This is the page with your unsaved changes")).to_be_visible()
    expect(preview.get_by_text(sentence)).to_be_visible()
    shot(preview, f"1-preview-{run}")
    preview.close()

    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    expect(page.get_by_text(re.compile("This form shows a draft saved by editor"))).to_be_visible()
    shot(page, f"2-draft-{run}")
    public = page.context.new_page()
    public.goto(page.base + "/about/")
    expect(public.locator("h1")).to_have_text("About this guide")
    expect(public.get_by_text(sentence)).to_have_count(0)

    page.click("input[name=_save]")
    expect(page.get_by_text("The draft is published.")).to_be_visible()
    public.reload()
    expect(public.get_by_text(sentence)).to_be_visible()
    shot(public, f"3-published-{run}")


def test_editor_moves_a_question_down_the_faq_form(site_page):
    page = site_page
    if not page.javascript:
        pytest.skip("without JavaScript the order numbers are typed (no buttons to press)")
    sign_in_as_editor(page)
    page.goto(page.base + "/admin/guide/guidepage/?q=questions+and+answers")
    page.get_by_role("link", name="Medical assistant questions and answers").first.click()
    first = page.locator("#faqs-0")
    question = first.locator(".inline_label").inner_text().strip()
    first.get_by_role("button", name="Move down").click()
    labels = page.locator("#faqs-group .inline-related:not(.empty-form) .inline_label")
    assert labels.nth(1).inner_text().strip() == question
    orders = page.locator("#faqs-group .inline-related:not(.empty-form) input[name$=-sort_order]")
    values = [orders.nth(i).input_value() for i in range(orders.count())]
    assert values == [str(10 * (i + 1)) for i in range(len(values))]
    shot(page, f"4-faq-form-{page.viewport_size['width']}")
