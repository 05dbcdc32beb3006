"""The quality gate: every page type, at phone and desktop width, passes axe-core (WCAG 2.1
A and AA) and the Nu Html Checker, has one h1, and requests nothing from another host."""

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import VIEWPORTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

STATIC_PAGES = {
    "home": "/",
    "career path": "/become-a-medical-assistant/",
    "duties": "/what-medical-assistants-do/",
    "salary": "/salary-and-outlook/",
    "salary with a state": "/salary-and-outlook/?state=CA",
    "salary with a bad state": "/salary-and-outlook/?state=%3Cb%3E",
    "training": "/training/",
    "career paths": "/career-paths/",
    "faq": "/faq/",
    "resources": "/resources/",
    "about": "/about/",
    "about our data": "/about-our-data/",
    "glossary": "/glossary/",
    "cost and financial aid": "/cost-and-financial-aid/",
    "certifications": "/certifications/",
    "certifications, differences": "/certifications/?differences=1",
    "certification": "/certifications/cma/",
    "eligibility form": "/certifications/eligibility/",
    "eligibility answer": (
        "/certifications/eligibility/?diploma=yes&training=programmatic&training_status=completed"
        "&completed_months_ago=6&experience_months=0&military=no"
    ),
    "eligibility, bad input": (
        "/certifications/eligibility/?diploma=maybe&training=x&completed_months_ago=abc"
        "&experience_months=-5"
    ),
    "finder": "/programs/",
    "finder, filtered": (
        "/programs/?format=campus&format=hybrid&max_cost=15000&max_months=12&sort=cost"
    ),
    "finder, distance": "/programs/?zip=60601&radius=25&sort=distance",
    "finder, thin with ways out": "/programs/?zip=59901&max_months=12",
    "finder, no results": "/programs/?zip=59901&radius=10&format=online",
    "finder, bad input": "/programs/?max_cost=abc&max_months=-3&zip=%EF%BC%91&page=zz",
    "search": "/search/?q=phlebotomy",
    "search, empty": "/search/?q=",
    "search, shortcuts": "/search/?q=online+programs+texas+60601",
    "search, did you mean": "/search/?q=certifcation",
    "states": "/states/",
    "states, sorted": "/states/?sort=median",
    "states, bad input": "/states/?state=%3Cb%3E&sort=zz",
    "state": "/states/texas/",
    "territory without areas": "/states/guam/",
    "state with weak estimates": "/states/puerto-rico/",
    "salary with a weak state": "/salary-and-outlook/?state=PR",
    "program naming other prices": "/programs/regan-career-institute-el-monte-associate/",
    "suggest an update": "/suggest-an-update/?page=/faq/",
    "not found": "/no-such-page/",
}


def program_paths(site_server):
    body = urllib.request.urlopen(f"{site_server}/programs/?sort=cost", timeout=10).read()
    slugs = re.findall(r'href="/programs/((?!compare/)[a-z0-9-]+)/"', body.decode())
    return list(dict.fromkeys(slugs))


@pytest.fixture(scope="module")
def pages(site_server):
    slugs = program_paths(site_server)
    assert len(slugs) >= 3, "the finder should list programs from the fixtures"
    compare = "&".join(f"p={slug}" for slug in slugs[:3])
    return {
        **STATIC_PAGES,
        "program": f"/programs/{slugs[0]}/",
        "compare": f"/programs/compare/?{compare}",
        "compare, differences": f"/programs/compare/?{compare}&differences=1",
        "compare, with a ZIP code": f"/programs/compare/?{compare}&zip=60601",
    }


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_type_passes_axe_with_one_h1_and_no_outside_requests(
    browser, site_server, pages, viewport
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    outside = []
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(site_server) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    page = context.new_page()
    failures = {}
    for name, path in pages.items():
        page.goto(site_server + path)
        problems = axe_violations(page)
        h1_count = page.locator("h1").count()
        if h1_count != 1:
            problems.append(f"{h1_count} h1 elements")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        if page_width > VIEWPORTS[viewport]["width"]:
            problems.append(f"the page scrolls sideways ({page_width} px wide)")
        if problems:
            failures[name] = problems
    context.close()
    assert not outside, outside
    assert not failures, json.dumps(failures, indent=2)


def axe_violations(page):
    """axe-core's WCAG 2.1 A and AA violations on the open page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def vnu_errors(site_server, pages, tmp_path):
    """The Nu Html Checker's errors on `pages` (name -> path), as "file:line: message"."""
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java (apt-get install default-jre-headless)"
    files = []
    for name, path in pages.items():
        try:
            body = urllib.request.urlopen(site_server + path, timeout=10).read()
        except urllib.error.HTTPError as error:
            body = error.read()
        target = tmp_path / (re.sub(r"[^a-z0-9]+", "-", name) + ".html")
        target.write_bytes(body)
        files.append(str(target))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_page_type_is_valid_html(site_server, pages, tmp_path):
    errors = vnu_errors(site_server, pages, tmp_path)
    assert not errors, "\n".join(errors)
