"""An editor undoes a rule change on a freshly seeded row and fixes a figure with its source,
at phone and desktop width, with JavaScript on and off. Screenshots go to artifacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, sign_in_as_editor

pytestmark = pytest.mark.browser


def shot(page, name, full_page=True):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    js = "js" if page.javascript else "nojs"
    page.screenshot(path=ARTIFACTS / f"history-{name}-{width}-{js}.png", full_page=full_page)


def test_editor_reverts_a_rule_change_made_on_a_seeded_route(site_page):
    page = site_page
    sign_in_as_editor(page)
    page.goto(page.base + "/admin/certifications/eligibilityroute/?q=work+experience")
    page.locator("#result_list tbody tr", has_text="RMA (AMT)").locator("th a").click()
    expect(page.locator("#id_min_experience_months")).to_have_value("36")
    note = f"Trying 24 months ({page.viewport_size['width']}, js={page.javascript})"
    page.fill("#id_min_experience_months", "24")
    page.check("#id_same_source")
    page.fill("#id_change_note", note)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#result_list tbody tr", has_text="RMA (AMT)").locator("th a").click()
    page.get_by_role("link", name="History", exact=True).first.click()
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text(note)
    expect(latest).to_contain_text("36 → 24")
    shot(page, "list")

    seeded = page.locator("#change-history tbody tr", has_text="Starting version")
    expect(seeded).to_have_count(1)
    seeded.get_by_role("link").click()
    expect(page.locator("#id_min_experience_months")).to_have_value("36")
    shot(page, "revert")
    page.locator("input[name=_save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Reverted to the version of")
    expect(page.locator(".messagelist")).to_contain_text("loaded from the site's data")
    expect(page.locator("#change-history tbody tr").first).to_contain_text("24 → 36")
    page.goto(page.base + "/certifications/rma/")
    expect(page.locator("main")).to_contain_text("36")


def test_editor_fixes_a_figure_with_its_source(site_page):
    page = site_page
    sign_in_as_editor(page)
    page.goto(page.base + "/admin/programs/program/?q=Academy+of+Allied+Health+Careers")
    page.locator("#result_list tbody th a").first.click()
    tuition = 9000 + page.viewport_size["width"] + (1 if page.javascript else 0)
    page.fill("#id_tuition_fees", str(tuition))
    page.click("input[name=_save]")

    error = page.locator(".field-cost_source .errorlist")
    expect(error).to_contain_text("You changed Tuition fees but not its source")
    error.scroll_into_view_if_needed()
    shot(page, "needs-source", full_page=False)
    source = f"School catalog 2026-27 ({page.viewport_size['width']}, js={page.javascript})"
    page.fill("#id_cost_source", source)
    page.fill("#id_change_note", "Catalog price for 2026-27")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#result_list tbody th a").first.click()
    page.get_by_role("link", name="View on site").click()
    expect(page.locator("main")).to_contain_text(f"${tuition + 675:,}")
    expect(page.locator("main")).to_contain_text(source)
