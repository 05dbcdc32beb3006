from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from tests.api.conftest import slugs_of
from tests.factories import bulk_programs, make_program, make_school

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programs/"


def listing(client, **params):
    response = client.get(LIST + "?" + urlencode(params, doseq=True))
    assert response.status_code == 200, response.content
    return response


def by_graduates(programs, keep=lambda p: True):
    return [p.slug for p in sorted(filter(keep, programs), key=lambda p: -p.graduates_per_year)]


def test_unfiltered_lists_every_published_program_by_graduates(client, catalog):
    response = listing(client)
    body = response.json()
    assert body["count"] == 8 and body["page"] == 1 and body["pages"] == 1
    assert body["next"] is None and body["previous"] is None
    assert body["sort"] == "graduates" and body["limits"] == [] and body["unreported"] == 0
    assert slugs_of(response) == by_graduates(catalog)
    first = body["results"][0]
    assert first["school"]["name"] == "Austin Academy"
    assert first["url"].endswith(f"/api/v1/programs/{first['slug']}/")
    assert first["page"].endswith(f"/programs/{first['slug']}/")
    assert first["certifications"] == ["CMA"]
    assert "draft" not in slugs_of(response)


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"q": "joliet"}, lambda p: p.school.city == "Joliet"),
        ({"state": "TX"}, lambda p: p.school.state == "TX"),
        ({"format": ["online", "hybrid"]}, lambda p: p.format in {"online", "hybrid"}),
        ({"credential": "diploma"}, lambda p: p.credential == "diploma"),
        ({"accreditation": "abhes"}, lambda p: p.accreditation == "abhes"),
        ({"certification": "cma"}, lambda p: p.certifications.filter(code="CMA").exists()),
        ({"schedule": ["evening", "weekend"]}, lambda p: p.evening and p.weekend),
        ({"externship": "1"}, lambda p: p.has_externship),
    ],
    ids=[
        "q",
        "state",
        "format",
        "credential",
        "accreditation",
        "certification",
        "schedule",
        "externship",
    ],
)
def test_each_filter(client, catalog, params, keep):
    assert slugs_of(listing(client, **params)) == by_graduates(catalog, keep)


def test_a_limit_lists_programs_without_the_figure_after_the_others_and_counts_them(
    client, catalog
):
    body = listing(client, max_cost="10000").json()
    within = [p for p in catalog if p.total_cost is not None and p.total_cost <= 10000]
    unknown = [p for p in catalog if p.total_cost is None]
    assert body["limits"] == ["cost"]
    assert body["unreported"] == len(unknown) == 2
    assert body["count"] == len(within) + len(unknown)
    assert [row["slug"] for row in body["results"]] == by_graduates(within) + by_graduates(unknown)
    assert [row["missing"] for row in body["results"]][-2:] == [["cost"], ["cost"]]
    assert all(row["missing"] == [] for row in body["results"][: len(within)])


def test_two_limits_name_each_missing_figure(client, catalog):
    body = listing(client, max_cost="20000", max_months="12").json()
    missing = {row["slug"]: row["missing"] for row in body["results"]}
    assert missing[catalog[7].slug] == ["cost", "length"]
    assert missing[catalog[3].slug] == ["length"]
    assert body["unreported"] == 3


def test_hide_unknown_drops_them_but_still_counts_them(client, catalog):
    body = listing(client, max_cost="10000", hide_unknown="true").json()
    assert body["unreported_hidden"] is True and body["unreported"] == 2
    assert all(row["missing"] == [] for row in body["results"])
    assert body["count"] == 3


def test_zip_and_radius_give_distances_nearest_first(client, catalog):
    body = listing(client, zip="60601", radius="50").json()
    assert body["sort"] == "distance"
    assert [row["school"]["name"] for row in body["results"]] == [
        "Loop College",
        "Loop College",
        "Joliet Tech",
        "Joliet Tech",
    ]
    assert body["results"][0]["distance_miles"] < 1 < body["results"][2]["distance_miles"]
    assert body["without_coordinates"] == 1


@pytest.mark.parametrize("sort", ["cost", "length", "name", "total", "months_of_pay"])
def test_every_sort_is_the_finders(client, catalog, sort):
    api = slugs_of(listing(client, sort=sort))
    page = client.get(f"/programs/?sort={sort}")
    assert api == [program.slug for program in page.context["result"].programs]


def test_pages_have_totals_and_links(client, without_reference_data):
    school = make_school()
    for n in range(30):
        make_program(school=school, slug=f"p-{n:02}", graduates_per_year=n)
    first = listing(client, state="IL").json()
    assert (first["count"], first["pages"], first["page_size"], len(first["results"])) == (
        30,
        2,
        25,
        25,
    )
    assert first["next"] == "http://testserver/api/v1/programs/?page=2&state=IL"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/programs/?state=IL"
    assert {r["slug"] for r in first["results"]}.isdisjoint(r["slug"] for r in second["results"])


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "9" * 50, "1.5"])
def test_a_page_that_does_not_exist_is_a_404_saying_so(client, catalog, page):
    response = client.get(f"{LIST}?page={page}")
    assert response.status_code == 404
    assert "page" in response.json()["detail"]


def test_a_program_with_costs_sources_and_total_to_a_credential(client, catalog):
    program = catalog[0]
    program.books_supplies = Decimal("400")
    program.save()
    response = client.get(f"{LIST}{program.slug}/")
    assert response.status_code == 200
    body = response.json()
    assert body["costs"]["total"] == 9400 and body["costs"]["is_estimate"] is False
    assert [part["amount"] for part in body["costs"]["parts"]] == [9000, 400]
    assert body["sources"]["cost"] == "IPEDS Cost 2024-25"
    total = body["total_to_credential"]
    assert (total["low"], total["high"]) == (9525, 9650)
    assert total["exam_fee"]["certifications"] == ["CMA"]
    assert total["pay"]["area_name"] == "Illinois" and total["pay"]["period"] == "May 2025"
    assert total["pay"]["source"]["title"] == "OEWS May 2025"
    assert total["months_of_pay_low"] == pytest.approx(9525 / 4000, abs=0.05)
    assert body["federal_aid"]["outlook"]


def test_a_program_without_a_cost_says_unknown_not_zero(client, catalog):
    body = client.get(f"{LIST}{catalog[7].slug}/").json()
    assert body["total_cost"] is None and body["costs"]["total"] is None
    assert body["total_to_credential"]["low"] is None


def test_drafts_and_unknown_programs_are_404s(client, catalog):
    assert client.get(f"{LIST}draft/").status_code == 404
    assert client.get(f"{LIST}no-such-program/").json()["status"] == 404


def test_query_count_is_the_same_for_10_and_200_programs(client, django_assert_num_queries):
    school = make_school()
    url = f"{LIST}?format=campus&max_cost=15000&max_months=12&credential=certificate&sort=cost"
    counts = []
    for size in (10, 200):
        bulk_programs(size, f"bulk{size}", school)
        cache.clear()
        # The options in use, the counts, the page's programs and their certifications.
        with django_assert_num_queries(4) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_one_answer_names_every_bad_parameter_with_the_finders_messages(client, catalog):
    response = client.get(
        f"{LIST}?max_cost=-5&zip=abcde&sort=distance&colour=red&state=IL&state=TX"
    )
    assert response.status_code == 400
    messages = {error["parameter"]: error["message"] for error in response.json()["errors"]}
    assert set(messages) == {"max_cost", "zip", "sort", "colour", "state"}
    assert messages["zip"] == "Enter a five-digit US ZIP code."
    assert messages["sort"] == "Enter a ZIP code to sort by distance."
    assert messages["state"] == "Give this parameter once."
