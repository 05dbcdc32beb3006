import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.states import all_states
from guide.models import WageFigure
from programs.models import Program
from states.models import StateProfile, TaskRule
from tests.factories import bulk_programs, make_program, make_school

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
METROS = ROOT / "fixtures" / "sources" / "bls" / "oews_may2025_medical_assistants_metros.csv"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_texas_shows_the_state_and_every_area_median_as_published(client):
    html = page(client, "/states/texas/")
    texas = WageFigure.objects.states().get(state_code="TX")
    assert f"${texas.annual_median:,.0f}" in html
    with METROS.open(encoding="utf-8", newline="") as stream:
        texas_areas = [row for row in csv.DictReader(stream) if row["state_fips"] == "48"]
    assert len(texas_areas) == 32
    for row in texas_areas:
        assert row["area_name"] in html
        assert f"${int(row['annual_median']):,}" in html
    assert re.search(r"Houston-Pasadena-The Woodlands, TX</th>.*?\$42,110", html, re.S)


def test_every_state_page_answers_with_a_chart_and_its_table(client):
    assert len(all_states()) == 54
    for state in all_states():
        html = page(client, f"/states/{state.slug}/")
        assert '<svg class="chart chart-narrow"' in html, state.slug
        assert "<caption>" in html and 'scope="row"' in html, state.slug
        assert f"<title>Medical assistants in {state.name}" in html, state.slug


def test_a_metro_that_crosses_a_state_line_is_on_each_state_page(client):
    for slug in ("new-york", "new-jersey"):
        assert "New York-Newark-Jersey City, NY-NJ" in page(client, f"/states/{slug}/")
    assert "New York-Newark-Jersey City, NY-NJ" not in page(client, "/states/connecticut/")


def test_values_bls_did_not_release_say_not_published(client):
    html = page(client, "/states/puerto-rico/")
    assert re.search(r"San Juan-Bayamon-Caguas, PR</th>\s*<td[^>]*>not published", html)
    assert "$46,120" in html


def test_territories_without_areas_still_compare_with_the_nation(client):
    html = page(client, "/states/guam/")
    assert "BLS publishes no metro or nonmetropolitan figures for Guam" in html
    assert "United States" in html and "$33,570" in html
    assert "We have not yet researched the rules" in html


def test_rules_are_shown_with_their_source_and_confidence(client):
    html = page(client, "/states/washington/")
    rule = TaskRule.objects.get(slug="scope-7-wa-work-only-with-a-state-credential")
    assert rule.title in html and rule.source.url in html
    assert "How sure we are: Official text." in html
    assert "Not yet reviewed by an editor." in html


def test_every_confirmed_state_has_a_sourced_rule_summary():
    profiles = StateProfile.objects.select_related("rules_source")
    assert profiles.count() == 51
    by_regulation = dict.fromkeys(StateProfile.Regulation.values, 0)
    for profile in profiles:
        by_regulation[profile.regulation] += 1
        assert profile.rules_source.url.startswith("http")
        # Fixtures never claim an editor's check: only editors set these dates.
        assert profile.reviewed_on is None
    assert by_regulation[StateProfile.Regulation.CREDENTIAL] == 3
    assert not TaskRule.objects.exclude(reviewed_on=None).exists()


def test_a_state_with_no_ma_law_says_so_and_points_to_the_board(client):
    html = page(client, "/states/hawaii/")
    assert "We found no law or board rule written for medical assistants in Hawaii" in html
    assert "fsmb.org" in html


def test_outlook_is_the_state_projection_or_the_labelled_national_one(client):
    california = page(client, "/states/california/")
    assert "113,600" in california and "139,400" in california and "22.7%" in california
    assert "175,850 openings are expected over the whole ten years" in california
    texas = page(client, "/states/texas/")
    assert "We have no projection for Texas alone, so this is the national one." in texas
    assert "12.5%" in texas


def test_program_count_matches_the_finder_and_cheapest_are_reported_first(client):
    school = make_school(state="TX", city="Austin")
    cheap = make_program(school=school, tuition_fees=Decimal("3000"), books_supplies=None)
    make_program(school=school, tuition_fees=Decimal("20000"))
    make_program(school=school, tuition_fees=Decimal("1"), cost_suspect=True)
    make_program(school=school, published=False, tuition_fees=Decimal("2"))
    make_program(school=make_school(state="OK"), tuition_fees=Decimal("5"))
    html = page(client, "/states/texas/")
    finder = client.get("/programs/", {"state": "TX"})
    assert finder.context["result"].total == 3
    assert "Our finder lists 3 medical assisting programs in Texas." in html
    assert "?state=TX" in html
    cheapest = html.split("Lowest total cost")[1].split("</ol>")[0]
    assert cheapest.index(cheap.get_absolute_url()) < cheapest.index("$20,800")
    assert "$1.00" not in cheapest and "$5" not in cheapest
    assert "too few for a typical figure (we need at least 8)" in html


def test_estimates_come_after_reported_costs_and_are_labelled(client):
    school = make_school(state="TX", city="Austin")
    estimate = make_program(school=school, tuition_fees=None, estimated_cost=Decimal("2000"))
    reported = make_program(school=school, tuition_fees=Decimal("9000"), books_supplies=None)
    html = page(client, "/states/texas/")
    cheapest = html.split("Lowest total cost")[1].split("</ol>")[0]
    # The cheaper estimate still follows the reported price, with its label.
    assert cheapest.index(reported.get_absolute_url()) < cheapest.index(
        estimate.get_absolute_url()
    )
    assert '$2,000 <span class="badge text-bg-warning">estimate</span>' in cheapest
    assert "1 estimated cost: too few for a typical figure." in html


def test_typical_cost_and_months_of_pay_show_their_arithmetic(client):
    school = make_school(state="TX")
    for dollars in (10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000):
        make_program(school=school, tuition_fees=Decimal(dollars), books_supplies=None)
    texas = WageFigure.objects.states().get(state_code="TX")
    html = page(client, "/states/texas/")
    assert "Median of the 8 reported costs: $13,500." in html
    months = (Decimal(13500) / (texas.annual_median / 12)).quantize(Decimal("0.1"))
    monthly = (texas.annual_median / 12).quantize(Decimal(1))
    assert f"About {months} months of median pay in Texas" in html
    assert f"${texas.annual_median:,.0f} ÷ 12 = ${monthly:,.0f}" in html


def test_state_list_sorts_by_each_column_and_survives_bad_input(client):
    rows = re.findall(r'<th scope="row"><a href="/states/([a-z-]+)/">', page(client, "/states/"))
    assert len(rows) == 54 and rows[0] == "alabama"
    by_median = re.findall(
        r'<th scope="row"><a href="/states/([a-z-]+)/">', page(client, "/states/?sort=median")
    )
    medians = {w.state_code: w.annual_median for w in WageFigure.objects.states()}
    top = max(medians, key=medians.get)
    assert by_median[0] == {s.code: s.slug for s in all_states()}[top]
    bad = page(client, "/states/?sort=" + "x" * 5000)
    assert "The table can be sorted by its columns only." in bad
    for query in ("?sort=regulation", "?sort=programs", "?sort=employment", "?sort=a&sort=b"):
        page(client, "/states/" + query)


def test_state_picker_redirects_and_rejects_unknown_codes(client):
    response = client.get("/states/", {"state": "TX"})
    assert response.status_code == 302 and response["Location"] == "/states/texas/"
    for bad in ("ZZ", "", "<script>", "T" * 10000):
        response = client.get("/states/", {"state": bad})
        assert response.status_code == 400
        assert "Choose a state" in response.content.decode()
    assert client.get("/states/atlantis/").status_code == 404


def test_links_in_from_the_guide_home_salary_page_and_sitemap(client):
    home = page(client, "/")
    assert 'action="/states/"' in home and '<option value="PR">Puerto Rico</option>' in home
    salary = page(client, "/salary-and-outlook/?state=PR")
    assert 'href="/states/puerto-rico/"' in salary and 'href="/states/guam/"' in salary
    duties = page(client, "/what-medical-assistants-do/")
    assert 'href="/states/virgin-islands/"' in duties
    sitemap = page(client, "/sitemap.xml")
    assert "/states/texas/</loc>" in sitemap and "/states/</loc>" in sitemap


def test_breadcrumbs_name_the_state_for_search_engines(client):
    html = page(client, "/states/district-of-columbia/")
    data = re.search(r'"@type": "BreadcrumbList".*?</script>', html, re.S).group(0)
    data = json.loads("{" + data.removesuffix("</script>"))
    names = [item["name"] for item in data["itemListElement"]]
    assert names == ["Home", "States", "District of Columbia"]
    assert data["itemListElement"][1]["item"].endswith("/states/")


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_state_pages_use_a_fixed_few_queries_whatever_the_data_size(client):
    school = make_school(state="TX")
    make_program(school=school, length_months=Decimal("6"))
    small = {url: count_queries(client, url) for url in ("/states/texas/", "/states/")}
    bulk_programs(300, "many", school=school)
    for n in range(40):
        WageFigure.objects.create(
            area_type=WageFigure.AreaType.METRO,
            area_code=f"99{n:05d}",
            area_name=f"Extra metro {n}, TX-OK",
            state_code="TX",
            state_codes="TX OK",
            year=2025,
            annual_median=Decimal(40000 + n),
            source=WageFigure.objects.national().get().source,
        )
    large = {url: count_queries(client, url) for url in ("/states/texas/", "/states/")}
    assert large == small
    assert max(large.values()) <= 6


def test_a_state_page_is_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/states/ohio/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/states/ohio/").status_code == 200
    assert len(queries) == 0


def test_the_states_fixture_loads_twice_without_duplicates():
    before = (StateProfile.objects.count(), TaskRule.objects.count())
    call_command("seed", str(FIXTURES / "states.json"), stdout=io.StringIO())
    assert (StateProfile.objects.count(), TaskRule.objects.count()) == before
    assert Program.objects.count() == 0


def test_editors_keep_state_rules_in_admin_with_history(admin_client):
    rule = TaskRule.objects.get(slug="tx-xray-non-certified-technician")
    assert admin_client.get(f"/admin/states/taskrule/{rule.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/states/taskrule/{rule.pk}/history/").status_code == 200
    profile = StateProfile.objects.get(state="TX")
    assert admin_client.get(f"/admin/states/stateprofile/{profile.pk}/change/").status_code == 200
    stale = admin_client.get("/admin/states/taskrule/?review=stale").content.decode()
    assert "X-rays only after registering" in stale


def test_a_program_page_links_to_its_state(client):
    program = make_program(school=make_school(state="PR", city="San Juan"))
    html = page(client, program.get_absolute_url())
    assert '<a href="/states/puerto-rico/">Puerto Rico</a>' in html


def test_weak_bls_estimates_are_flagged_where_pay_is_shown(client):
    # Puerto Rico's median ($46,120) has a 31.8% employment RSE; Ponce's 25th percentile,
    # median and 75th percentile are all $59,990, with BLS footnote 8.
    puerto_rico = WageFigure.objects.states().get(state_code="PR")
    assert (puerto_rico.employment_rse, puerto_rico.wage_rse) == (Decimal("31.8"), Decimal("10.6"))
    ponce = WageFigure.objects.get(area_name="Ponce, PR")
    assert ponce.footnote_codes == "8" and ponce.employment_rse is None
    assert ponce.annual_p25 == ponce.annual_median == ponce.annual_p75 == 59990
    html = page(client, "/states/puerto-rico/")
    assert "BLS's own measures say the figures for Puerto Rico are uncertain" in html
    assert "the employment estimate has a relative standard error of 31.8%" in html
    assert re.search(r"Ponce, PR</th>.*?weak estimate.*?</tr>", html, re.S)
    assert "BLS footnote 8: estimate not released" in html
    assert "weak estimate" not in page(client, "/states/texas/").split("Pay by metro")[0]
    rows = page(client, "/states/").split("<tr>")
    assert [row for row in rows if "weak estimate" in row and "Puerto Rico" in row]
    assert not [row for row in rows if "weak estimate" in row and "Texas</a>" in row]


def test_the_weak_estimate_rule_is_one_threshold_per_rse():
    def figure(**fields):
        return WageFigure(**{"employment_rse": None, "wage_rse": None, **fields})

    assert not figure(employment_rse=Decimal("20.0"), wage_rse=Decimal("10.0")).is_weak
    assert figure(employment_rse=Decimal("20.1")).is_weak
    assert figure(wage_rse=Decimal("10.1")).is_weak
    assert figure(footnote_codes="8").is_weak


def test_the_weak_query_and_the_shown_reasons_follow_the_same_rule():
    rows = list(WageFigure.objects.all())
    assert {w.pk for w in rows if w.is_weak} == set(
        WageFigure.objects.weak().values_list("pk", flat=True)
    )
    assert {w.area_name for w in WageFigure.objects.weak()} >= {"Puerto Rico", "Ponce, PR"}
