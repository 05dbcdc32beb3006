"""Schools, pay, certifications and states: contents, filters and query counts."""

import pytest

from tests.factories import make_program, make_route, make_school, make_source

pytestmark = pytest.mark.django_db


def test_schools_with_published_programs_and_a_state_filter(client, catalog):
    make_school(name="Empty School", state="IL")
    body = client.get("/api/v1/schools/").json()
    assert [row["name"] for row in body["results"]] == [
        "Austin Academy",
        "Joliet Tech",
        "Loop College",
        "Nowhere Institute",
    ]
    texas = client.get("/api/v1/schools/?state=TX").json()
    assert texas["count"] == 1
    school = texas["results"][0]
    assert len(school["programs"]) == 3 and school["programs"][0].startswith("http://testserver")
    detail = client.get(school["url"]).json()
    assert detail["name"] == "Austin Academy" and "tuition_in_district" in detail
    assert client.get("/api/v1/schools/?state=ZZ").json()["errors"][0]["parameter"] == "state"


def test_pay_with_period_and_source_for_the_nation_states_and_areas(client, catalog):
    body = client.get("/api/v1/pay/").json()
    assert [row["area_type"] for row in body["results"]] == ["national", "state", "metro"]
    state = body["results"][1]
    assert state["period"] == "May 2025" and state["annual_median"] == 48000
    assert state["source"]["url"].startswith("https://")
    illinois = client.get("/api/v1/pay/?state=IL").json()
    assert {row["area_name"] for row in illinois["results"]} == {
        "Illinois",
        "Chicago-Naperville-Elgin, IL-IN",
    }
    metro = client.get("/api/v1/pay/?area_type=metro&state=IN").json()
    assert [row["area_code"] for row in metro["results"]] == ["0016980"]
    assert metro["results"][0]["wage_rse"] == 12.5 and metro["results"][0]["weak_estimate"]
    assert "relative standard error of 12.5%" in metro["results"][0]["weak_reasons"][0]
    assert state["weak_estimate"] is False and state["weak_reasons"] == []
    assert client.get("/api/v1/pay/?year=2019").json()["count"] == 0
    assert client.get("/api/v1/pay/?year=2025").json()["count"] == 3


def test_certifications_with_fees_routes_and_sources(client, catalog):
    route = make_route(certification=catalog[0].certifications.get(), name="Graduates")
    make_route(certification=route.certification, name="Hidden", published=False)
    route.certification.sources.add(make_source(title="AAMA exam page"))
    body = client.get("/api/v1/certifications/").json()
    assert [row["code"] for row in body["results"]] == ["CMA", "RMA"]
    cma = client.get("/api/v1/certifications/cma/").json()
    assert (cma["exam_fee_low"], cma["exam_fee_high"]) == (125, 250)
    assert cma["figures"][0]["source"]["title"]
    assert [r["name"] for r in cma["routes"]] == ["Graduates"]
    assert cma["routes"][0]["source"]["url"]
    assert [s["title"] for s in cma["sources"]] == ["AAMA exam page"]


def test_states_with_their_rules(client, django_assert_num_queries):
    # The count, the profiles with their sources, and every rule with its source.
    with django_assert_num_queries(3):
        body = client.get("/api/v1/states/").json()
    assert body["count"] >= 50
    texas = client.get("/api/v1/states/tx/").json()
    assert texas["name"] == "Texas" and texas["page"].endswith("/states/texas/")
    assert texas["rules"] and all(rule["source"]["url"] for rule in texas["rules"])
    listed = next(row for row in body["results"] if row["state"] == "TX")
    assert listed["rules"] == texas["rules"]


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The limit and data version are cached; then the rows and their prefetches.
        ("/api/v1/schools/", 3),
        ("/api/v1/pay/", 2),
        ("/api/v1/certifications/", 5),
    ],
)
def test_lists_take_the_same_queries_for_few_and_many_rows(
    client, catalog, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    for n in range(5):
        make_program(school=make_school(slug=f"extra-{n}"))
    with django_assert_num_queries(queries):
        client.get(url)


def test_a_program_page_takes_a_fixed_number_of_queries(
    client, catalog, django_assert_num_queries
):
    # The program with its school, its certifications, the exam fees (two), then pay.
    with django_assert_num_queries(5):
        client.get(f"/api/v1/programs/{catalog[0].slug}/")
