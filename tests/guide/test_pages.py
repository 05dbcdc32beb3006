import json
import re

import pytest
from django.test import override_settings

from guide.models import Feedback, GuidePage, WageFigure
from tests.factories import make_program

pytestmark = pytest.mark.django_db
PAGES = {
    "/": "Become a Medical Assistant",
    "/become-a-medical-assistant/": "Finish the externship",
    "/what-medical-assistants-do/": "Take patient histories and vital signs",
    "/salary-and-outlook/": "$45,690",
    "/training/": "Questions to ask before you enroll",
    "/career-paths/": "Phlebotomy technician",
    "/faq/": "How long does it take to become a medical assistant?",
    "/resources/": "American Association of Medical Assistants",
    "/about/": "No paid placements",
    "/about-our-data/": "CIP code 51.0801",
}


def ld_blocks(body):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    ]


@pytest.mark.parametrize(("url", "text"), PAGES.items())
def test_every_guide_page_renders_its_content_with_sources_and_review_date(client, url, text):
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert text in body
    # A fresh install: written, never reviewed; the fixtures claim no review.
    assert re.search(r"Written November 2\d, 2026; not yet reviewed by an editor", body)
    assert "Reviewed by" not in body and "Last reviewed" not in body
    assert "Suggest an update" in body
    assert f'<link rel="canonical" href="http://testserver{url}">' in body
    assert '<meta property="og:title"' in body
    titles = re.findall(r"<title>(.*?)</title>", body)
    assert len(titles) == 1 and titles[0]
    assert body.count("<h1") == 1


@pytest.mark.parametrize("url", list(PAGES))
def test_query_count_is_small_and_fixed(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(url)


def test_titles_and_descriptions_are_unique(client):
    seen_titles, seen_descriptions = set(), set()
    for url in PAGES:
        body = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", body).group(1)
        description = re.search(r'<meta name="description" content="(.*?)">', body).group(1)
        assert title not in seen_titles and description not in seen_descriptions
        seen_titles.add(title)
        seen_descriptions.add(description)


def test_breadcrumb_json_ld_parses(client):
    blocks = ld_blocks(client.get("/faq/").content.decode())
    crumbs = next(b for b in blocks if b["@type"] == "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Home",
        "Medical assistant questions and answers",
    ]


def test_salary_page_has_charts_tables_and_occupation_json_ld(client):
    body = client.get("/salary-and-outlook/").content.decode()
    assert body.count('role="img"') == 2
    assert body.count("<rect") >= 51
    assert "Median annual pay by state, May 2025" in body
    occupation = next(b for b in ld_blocks(body) if b["@type"] == "Occupation")
    assert occupation["estimatedSalary"]["median"] == "45690"
    # Every state and territory, each linked to its own page.
    states = set(re.findall(r'<th scope="row"><a href="/states/([a-z-]+)/">', body))
    assert len(states) == 54 and {"puerto-rico", "guam", "virgin-islands"} <= states


def test_state_picker_puts_a_state_beside_the_nation(client):
    response = client.get("/salary-and-outlook/?state=CA")
    body = response.content.decode()
    california = WageFigure.objects.states().get(state_code="CA")
    assert response.context["chosen"] == california
    assert f"${california.annual_median:,.0f}" in body
    assert "▶ California" in body
    assert (
        '<a href="/programs/?state=CA">Find medical assistant programs in California</a>' in body
    )


def test_each_career_path_leads_somewhere(client):
    body = client.get("/career-paths/").content.decode()
    # Medical assistant paths to the salary page; other occupations to BLS's own page.
    assert '<a href="/salary-and-outlook/">' in body
    assert 'href="https://www.bls.gov/oes/current/oes292061.htm"' in body
    assert "(SOC 29-2061)" in body
    sections = [
        part.split("</section>")[0] for part in body.split('<section class="border rounded')[1:]
    ]
    linked = [
        s for s in sections if "/salary-and-outlook/" in s or re.search(r"oes/current/oes\d{6}", s)
    ]
    # Only the path BLS has no occupation for (patient care coordinator) has no such link.
    assert len(sections) - len(linked) == 1


@pytest.mark.parametrize("state", ["ZZ", "<b>x</b>", "ca", "x" * 5000])
def test_state_picker_rejects_bad_input_with_a_message(client, state):
    response = client.get("/salary-and-outlook/", {"state": state})
    assert response.status_code == 200
    assert response.context["picker"].errors
    assert "<b>x</b>" not in response.content.decode()


def test_training_checklist_is_printable_on_its_own(client):
    body = client.get("/training/").content.decode()
    assert 'class="print-checklist-only"' in body
    checklist = body.split('class="print-checklist', 1)[1]
    assert "Is the program accredited by CAAHEP or ABHES?" in checklist


def test_unpublished_pages_are_404_and_left_out_of_sitemap_and_search(client, admin_client):
    GuidePage.objects.filter(slug="career-paths").update(published=False)
    assert client.get("/career-paths/").status_code == 404
    assert admin_client.get("/career-paths/").status_code == 200
    assert "/career-paths/" not in client.get("/sitemap.xml").content.decode()
    found = client.get("/search/?q=phlebotomy").context["found"]
    assert all(r.url != "/career-paths/" for group in found.groups for r in group.results)


def test_sitemap_lists_guide_certification_and_program_pages(client):
    program = make_program()
    make_program(slug="draft-program", published=False)
    body = client.get("/sitemap.xml").content.decode()
    for path in [
        "/faq/",
        "/certifications/cma/",
        "/certifications/eligibility/",
        program.get_absolute_url(),
    ]:
        assert f"{path}</loc>" in body
    assert "draft-program" not in body


def test_robots_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://testserver/sitemap.xml" in body


def test_feedback_is_stored_for_editors_with_a_thank_you(client):
    response = client.post(
        "/suggest-an-update/",
        {"page_url": "/faq/", "message": "The CMA fee changed.", "email": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/faq/"
    assert "Thank you" in response.content.decode()
    assert Feedback.objects.get().status == Feedback.Status.NEW


def test_feedback_honeypot_stores_nothing(client):
    client.post(
        "/suggest-an-update/",
        {"page_url": "/faq/", "message": "Buy now", "website": "http://spam.example"},
    )
    assert not Feedback.objects.exists()


def test_feedback_never_redirects_off_site(client):
    response = client.post(
        "/suggest-an-update/", {"page_url": "https://evil.example/", "message": "Hello"}
    )
    assert response["Location"] == "/"


def test_feedback_form_errors_come_back_with_the_form(client):
    response = client.post("/suggest-an-update/", {"page_url": "/faq/", "message": ""})
    assert response.status_code == 200 and response.context["form"].errors


@override_settings(FEEDBACK_RATE="2/10m")
def test_feedback_is_rate_limited_per_address(client):
    for _ in range(2):
        client.post("/suggest-an-update/", {"page_url": "/faq/", "message": "Note"})
    response = client.post("/suggest-an-update/", {"page_url": "/faq/", "message": "Note"})
    assert response.status_code == 429
    # django-ratelimit's windows are fixed, so the wait is what is left of this one.
    assert 0 < int(response["Retry-After"]) <= 600
    minutes = -(-int(response["Retry-After"]) // 60)
    assert f"wait {minutes} minute" in response.content.decode() or "wait a minute" in (
        response.content.decode()
    )
    assert Feedback.objects.count() == 2


def test_the_front_page_has_one_address(client):
    response = client.get("/home/")
    assert response.status_code == 301 and response["Location"] == "/"


def test_the_menu_marks_the_section_you_are_in(client):
    def menu(body):
        return body[body.index('aria-label="Main"') : body.index("</header>")]

    body = client.get("/salary-and-outlook/").content.decode()
    assert '<a href="/salary-and-outlook/" aria-current="page">' in menu(body)
    assert menu(body).count('aria-current="page"') == 1
    body = client.get("/programs/?state=IL").content.decode()
    assert '<a href="/programs/" aria-current="page">' in menu(body)
    assert '<a href="/suggest-an-update/?page=/programs/">' in body


def test_salary_page_flags_weak_state_estimates_and_about_page_explains_rse(client):
    body = client.get("/salary-and-outlook/?state=PR").content.decode()
    assert "BLS's own measures say the figures for Puerto Rico are uncertain" in body
    rows = body.split("<tr")
    assert [row for row in rows if "Puerto Rico</a>" in row and "weak estimate" in row]
    assert not [row for row in rows if "California</a>" in row and "weak estimate" in row]
    about = client.get("/about-our-data/").content.decode()
    assert 'id="reliability"' in about and "relative standard error" in about
    assert "the RSE of the mean wage is above 10%, the RSE of employment is above 20%" in about


def test_career_paths_state_what_a_role_requires_before_whose_pay_it_is(client):
    body = client.get("/career-paths/").content.decode()
    manager = body.split('id="path-medical-office-manager"')[1].split("</section>")[0]
    requires = manager.index("What it requires")
    pay = manager.index("$117,960")
    assert requires < pay
    assert "usually a bachelor" in manager[requires:pay]
    assert "This is the pay of medical and health services managers" in manager[pay:]
    # A role's own pay needs no such note.
    lpn = body.split('id="path-licensed-practical-nurse"')[1].split("</section>")[0]
    assert "What it requires" in lpn and "This is the pay of" not in lpn
