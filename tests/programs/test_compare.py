import csv
import io
from decimal import Decimal

import pytest

from programs import shortlist
from tests.factories import make_program, make_school

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def programs():
    school = make_school(name="Loop College", city="Chicago", state="IL")
    return [
        make_program(school=school, slug=f"prog-{n}", tuition_fees=Decimal(9000 + n * 1000))
        for n in range(5)
    ]


def add(client, slug):
    return client.post("/programs/shortlist/", {"add": slug, "next": "/programs/"}, **SAME_SITE)


def test_shortlist_survives_navigation_and_mirrors_the_compare_url(client, programs):
    for program in programs[:3]:
        assert add(client, program.slug).status_code == 302
    assert shortlist.read(client.get("/programs/").wsgi_request) == ["prog-0", "prog-1", "prog-2"]
    page = client.get("/programs/prog-4/")
    assert "3 programs on your shortlist" in page.content.decode()
    assert page.context["compare_url"] == "/programs/compare/?p=prog-0&p=prog-1&p=prog-2"


def test_a_fifth_program_is_refused_with_a_message(client, programs):
    for program in programs[:4]:
        add(client, program.slug)
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-4", "next": "/programs/"},
        follow=True,
        **SAME_SITE,
    )
    assert "up to 4 programs" in response.content.decode()
    assert "prog-4" not in shortlist.read(response.wsgi_request)


def test_other_sites_cannot_change_a_shortlist(client, programs):
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-0"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert "shortlist" not in response.cookies


def test_next_cannot_redirect_off_site(client, programs):
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-0", "next": "https://evil.example/"},
        **SAME_SITE,
    )
    assert response["Location"] == "/programs/#program-prog-0"


def test_compare_shows_the_requested_programs_side_by_side(client, programs):
    response = client.get("/programs/compare/?p=prog-0&p=prog-2&p=nope")
    assert [p.slug for p in response.context["programs"]] == ["prog-0", "prog-2"]
    assert response.context["unknown"] == 1
    body = response.content.decode()
    assert "$9,800" in body and "$11,800" in body


def test_only_differences_keeps_rows_that_differ(client, programs):
    response = client.get("/programs/compare/?p=prog-0&p=prog-1&differences=1")
    labels = [row.label for row in response.context["rows"]]
    assert "Total cost" in labels and "School" not in labels


def test_remove_from_compare_returns_to_the_smaller_comparison(client, programs):
    add(client, "prog-0")
    add(client, "prog-1")
    response = client.post(
        "/programs/shortlist/",
        {"remove": "prog-0", "to_compare": "1"},
        **SAME_SITE,
    )
    assert response["Location"] == "/programs/compare/?p=prog-1"


def test_compare_csv_matches_the_shortlist(client, programs):
    response = client.get("/programs/export.csv?p=prog-1&p=prog-3")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Total cost ($)"] for row in rows] == ["10800.00", "12800.00"]
    assert response["Content-Type"].startswith("text/csv")


def test_filtered_csv_has_every_match(client, programs):
    make_program(slug="texas", school=make_school(state="TX"))
    response = client.get("/programs/export.csv?state=IL")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 5 and {row["State"] for row in rows} == {"IL"}


def test_program_page_shows_every_figure_with_its_source(client, django_assert_max_num_queries):
    program = make_program(
        tuition_fees=Decimal("12000"),
        books_supplies=None,
        cost_source="IPEDS 2023-24 program-cost survey (IC2023_PY)",
        length_months=None,
        length_source="Not reported to IPEDS",
        graduates_source="IPEDS Completions 2023-24",
    )
    # Program and school, its exams, the length range of its credential, the directory links,
    # then the total to a credential: the credentials, their fees and the pay figures.
    with django_assert_max_num_queries(7):
        body = client.get(program.get_absolute_url()).content.decode()
    assert "$12,000" in body
    assert "IPEDS 2023-24 program-cost survey" in body
    assert "Not reported by the school" in body
    assert "Not yet confirmed by the school" in body
    assert "IPEDS Completions 2023-24" in body


def test_unknown_cost_links_to_the_net_price_calculator(client):
    school = make_school(net_price_calculator_url="https://school.example/npc")
    program = make_program(school=school, tuition_fees=None)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "reported no program cost" in body and "https://school.example/npc" in body


def test_drafts_are_404_for_the_public_and_visible_to_editors(client, admin_client):
    program = make_program(published=False)
    assert client.get(program.get_absolute_url()).status_code == 404
    assert "Draft: only editors" in admin_client.get(program.get_absolute_url()).content.decode()
    assert program.slug not in client.get("/programs/").content.decode()


def test_without_javascript_a_card_button_brings_the_visitor_back_to_that_card(client, programs):
    response = add(client, "prog-3")
    assert response["Location"] == "/programs/#program-prog-3"
    body = client.get("/programs/").content.decode()
    assert 'id="program-prog-3"' in body
    removed = client.post(
        "/programs/shortlist/", {"remove": "prog-3", "next": "/programs/?page=1"}, **SAME_SITE
    )
    assert removed["Location"] == "/programs/?page=1#program-prog-3"


def test_with_htmx_the_button_and_the_counts_change_in_place(client, programs):
    add(client, "prog-0")
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-1", "next": "/programs/?state=IL"},
        headers={"HX-Request": "true"},
        **SAME_SITE,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<button type="submit" id="toggle-prog-1"')
    assert 'name="remove" value="prog-1"' in body
    assert 'id="shortlist-bar" data-hx-swap-oob="true"' in body
    assert "2 programs on your shortlist" in body
    assert 'value="/programs/?state=IL"' in body
    assert 'id="shortlist-link"' in body and "My shortlist (2)" in body
    assert shortlist.read(client.get("/").wsgi_request) == ["prog-0", "prog-1"]


def test_with_htmx_a_fifth_program_is_refused_in_place(client, programs):
    for program in programs[:4]:
        add(client, program.slug)
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-4", "next": "/programs/"},
        headers={"HX-Request": "true"},
        **SAME_SITE,
    )
    body = response.content.decode()
    assert "up to 4 programs" in body and 'name="add" value="prog-4"' in body


def test_the_header_counts_the_shortlist_on_every_page_and_links_to_compare(client, programs):
    for program in programs[:3]:
        add(client, program.slug)
    for url in ("/", "/certifications/", "/programs/prog-4/"):
        body = client.get(url).content.decode()
        link = '<a id="shortlist-link" href="/programs/compare/?p=prog-0&amp;p=prog-1&amp;p=prog-2'
        assert link + '"' in body, url
        assert "My shortlist (3)" in body, url
    finder = client.get("/programs/?zip=60601").content.decode()
    assert f'{link}&amp;zip=60601"' in finder


def test_an_empty_shortlist_links_to_the_empty_comparison(client, programs):
    body = client.get("/faq/").content.decode()
    assert '<a id="shortlist-link" href="/programs/compare/">My shortlist (0)' in body
    page = client.get("/programs/compare/")
    assert page.status_code == 200
    assert "No programs to compare yet" in page.content.decode()


def test_compare_without_a_link_redirects_to_the_address_naming_the_shortlist(client, programs):
    add(client, "prog-2")
    add(client, "prog-0")
    response = client.get("/programs/compare/")
    assert response.status_code == 302
    assert response["Location"] == "/programs/compare/?p=prog-2&p=prog-0"
    shown = client.get(response["Location"])
    assert [p.slug for p in shown.context["programs"]] == ["prog-2", "prog-0"]
    assert client.get("/programs/compare/?p=prog-4").context["programs"][0].slug == "prog-4"


def test_the_redirect_keeps_a_known_zip_code_and_drops_an_unknown_one(client, programs):
    add(client, "prog-1")
    kept = client.get("/programs/compare/?zip=60601")
    assert kept["Location"] == "/programs/compare/?p=prog-1&zip=60601"
    dropped = client.get("/programs/compare/?zip=abcde")
    assert dropped["Location"] == "/programs/compare/?p=prog-1"


def test_the_page_shows_its_own_address_to_copy(client, programs):
    body = client.get("/programs/compare/?p=prog-0&p=prog-1&zip=60601&differences=1").content
    body = body.decode()
    link = "http://testserver/programs/compare/?p=prog-0&amp;p=prog-1&amp;zip=60601"
    assert (
        f'<input id="share-link" class="form-control" type="text" readonly value="{link}"' in body
    )
    assert "with distances from 60601" in body
    # The button needs JavaScript, so the page sends it hidden and copy_link.js shows it.
    assert 'data-copy-target="share-link"' in body and "js/copy_link.js" in body


def test_someone_elses_comparison_offers_add_to_my_shortlist(client, programs):
    add(client, "prog-0")
    response = client.get("/programs/compare/?p=prog-0&p=prog-1&zip=60601")
    body = response.content.decode()
    assert 'name="add" value="prog-1"' in body and "Add to my shortlist" in body
    assert 'name="remove" value="prog-0"' in body and "On your shortlist" in body
    assert 'name="to_compare"' not in body
    assert "My shortlist (1)" in body
    added = client.post(
        "/programs/shortlist/",
        {"add": "prog-1", "next": "/programs/compare/?p=prog-0&p=prog-1&zip=60601"},
        **SAME_SITE,
    )
    # Back to the comparison the visitor was looking at, at the program just added.
    assert added["Location"] == "/programs/compare/?p=prog-0&p=prog-1&zip=60601#program-prog-1"
    assert shortlist.read(client.get("/").wsgi_request) == ["prog-0", "prog-1"]


def test_a_fresh_visitor_sees_the_shared_programs_and_no_remove(client, programs):
    body = client.get("/programs/compare/?p=prog-3&p=prog-1").content.decode()
    assert body.count("Add to my shortlist") == 2
    assert ">Remove" not in body and "My shortlist (0)" in body


def test_the_visitors_own_comparison_offers_remove_and_keeps_the_zip_code(client, programs):
    add(client, "prog-0")
    add(client, "prog-1")
    body = client.get("/programs/compare/?p=prog-1&p=prog-0&zip=60601").content.decode()
    assert body.count('name="to_compare"') == 2 and "Add to my shortlist" not in body
    response = client.post(
        "/programs/shortlist/",
        {"remove": "prog-0", "to_compare": "1", "next": "/programs/compare/?p=prog-0&zip=60601"},
        **SAME_SITE,
    )
    assert response["Location"] == "/programs/compare/?p=prog-1&zip=60601"


def test_compare_hides_rows_no_program_reports_and_can_show_them(client):
    first = make_program(onsite_hours=None, other_costs=None)
    second = make_program(onsite_hours=None, other_costs=None)
    url = f"/programs/compare/?p={first.slug}&p={second.slug}"
    labels = [row.label for row in client.get(url).context["rows"]]
    assert "Hours on site" not in labels and "Other costs" not in labels
    assert labels[2:6] == ["Total cost", "Total to a credential", "Length", "Accreditation"]
    page = client.get(url).content.decode()
    assert "all_rows=1" in page and 'href="/about-our-data/#ipeds"' in page
    every = [row.label for row in client.get(url + "&all_rows=1").context["rows"]]
    assert "Hours on site" in every and "Other costs" in every


def test_a_zip_code_adds_a_distance_row_second_only_to_the_location(client):
    near = make_program(
        school=make_school(name="Loop College", latitude=41.88, longitude=-87.63), slug="near"
    )
    unplaced = make_program(
        school=make_school(name="Nowhere College", latitude=None, longitude=None), slug="unplaced"
    )
    response = client.get(f"/programs/compare/?p={near.slug}&p={unplaced.slug}&zip=60601")
    labels = [str(row.label) for row in response.context["rows"]]
    assert labels[:3] == ["School", "Location", "Distance"]
    distance = response.context["rows"][2]
    assert distance.cells == ["0.7 miles from 60601", None]
    # Showing every row or only differences keeps the distances.
    assert "zip=60601" in response.context["slugs_query"]


def test_without_a_zip_code_or_with_an_unknown_one_there_is_no_distance_row(client, programs):
    without = client.get("/programs/compare/?p=prog-0&p=prog-1")
    assert "Distance" not in [str(row.label) for row in without.context["rows"]]
    unknown = client.get("/programs/compare/?p=prog-0&p=prog-1&zip=00000")
    assert "Distance" not in [str(row.label) for row in unknown.context["rows"]]
    assert "We don’t know that ZIP code" in unknown.content.decode().replace(
        "&#x27;", "’"
    ).replace("'", "’")


def test_the_finders_compare_link_carries_the_visitors_zip_code(client, programs):
    add(client, programs[0].slug)
    page = client.get("/programs/?zip=60601&radius=25")
    assert page.context["compare_url"] == "/programs/compare/?p=prog-0&zip=60601"


def test_adding_in_place_keeps_the_zip_code_in_the_compare_link(client, programs):
    response = client.post(
        "/programs/shortlist/",
        {"add": "prog-0", "next": "/programs/?zip=60601&radius=25"},
        headers={"HX-Request": "true"},
        **SAME_SITE,
    )
    assert "/programs/compare/?p=prog-0&amp;zip=60601" in response.content.decode()


def test_compare_grid_shows_not_reported_where_one_program_lacks_a_figure(client):
    reported = make_program(slug="with-books", books_supplies=Decimal("800"))
    missing = make_program(slug="no-books", books_supplies=None)
    response = client.get("/programs/compare/", {"p": [reported.slug, missing.slug]})
    books = next(row for row in response.context["rows"] if row.label == "Books and supplies")
    assert books.cells == ["$800", ""]
    body = response.content.decode()
    assert "<td>$800</td><td>Not reported</td>" in body


def test_a_row_no_compared_program_reports_is_hidden_until_asked_for(client):
    first = make_program(slug="first", other_costs=None)
    second = make_program(slug="second", other_costs=None)
    slugs = {"p": [first.slug, second.slug]}
    shown = [str(row.label) for row in client.get("/programs/compare/", slugs).context["rows"]]
    assert "Other costs" not in shown
    every = client.get("/programs/compare/", {**slugs, "all_rows": "1"}).context["rows"]
    other = next(row for row in every if row.label == "Other costs")
    assert other.cells == ["", ""]
