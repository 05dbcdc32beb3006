"""Site search: run on SQLite by default and on PostgreSQL with DATABASE_URL, where the same
queries must give the same answers."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.search import Query, excerpt, providers
from guide.models import FAQ
from tests.factories import (
    bulk_programs,
    make_certification,
    make_page,
    make_program,
    make_school,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def make_faq(page, **overrides):
    fields = {"slug": f"faq-{FAQ.objects.count()}", "question": "A question?", "answer": "Yes."}
    fields.update(overrides)
    return FAQ.objects.create(page=page, **fields)


def groups_of(response):
    return {group.key: group.results for group in response.context["found"].groups}


def test_cma_fee_finds_the_cma_certification_with_its_fee(client):
    response = client.get("/search/", {"q": "CMA fee"})
    body = response.content.decode()
    top = groups_of(response)["certifications"][0]
    assert [r.url for r in groups_of(response)["certifications"]] == ["/certifications/cma/"]
    assert top.snippet.startswith("CMA exam fee: $125")
    assert "<mark>CMA</mark> exam <mark>fee</mark>: $125" in body
    assert top.note == "Sources on the CMA page; not yet checked against AAMA's own pages."


def test_salary_texas_goes_straight_to_the_state_page_with_its_pay(client):
    response = client.get("/search/", {"q": "salary texas"})
    top = response.context["found"].shortcuts[0]
    assert top.url == "/states/texas/"
    assert top.title == "Texas: pay by city, state rules and programs"
    assert top.note == (
        "Median pay of medical assistants in Texas: $39,520 a year. "
        "Source: U.S. Bureau of Labor Statistics, May 2025."
    )
    assert "$39,520" in client.get(top.url).content.decode()
    assert 'href="/states/texas/"' in response.content.decode()


def test_a_pay_question_in_words_goes_to_the_state_page(client):
    found = client.get("/search/", {"q": "how much do medical assistants make in Ohio"})
    assert found.context["found"].shortcuts[0].url == "/states/ohio/"
    other = groups_of(client.get("/search/", {"q": "texas externship"}))
    assert all("Texas" not in r.title for r in other.get("guide", []))


def test_groups_come_in_a_fixed_order_each_under_its_heading(client):
    make_program(school=make_school(name="Accredited Careers Institute"))
    response = client.get("/search/", {"q": "accredited"})
    assert list(groups_of(response)) == ["certifications", "guide", "programs"]
    body = response.content.decode()
    headings = re.findall(r'<h2 class="h4" id="results-\w+">([^<]+)</h2>', body)
    assert headings == ["Certifications", "Guide pages", "Training programs"]


@pytest.mark.usefixtures("without_reference_data")
def test_guide_results_are_ranked_title_first_and_answers_are_labelled(client):
    page = make_page(slug="faq", title="Questions", body="Venipuncture is mentioned once.")
    make_page(title="Venipuncture basics", body="All about it.")
    make_faq(page, question="What is venipuncture?", answer="Drawing blood.")
    results = groups_of(client.get("/search/", {"q": "venipuncture"}))["guide"]
    assert [r.title for r in results] == [
        "Venipuncture basics",
        "What is venipuncture?",
        "Questions",
    ]
    assert results[1].kind == "Question and answer"
    assert results[1].url == "/faq/#faq-0"


@pytest.mark.usefixtures("without_reference_data")
def test_snippets_are_plain_text_without_markdown(client):
    make_page(
        title="Drawing blood",
        summary="How it is done.",
        body="## Steps\n\n**Phlebotomy** is taught in [many programs](https://example.org/p).",
    )
    response = client.get("/search/", {"q": "phlebotomy"})
    snippet = groups_of(response)["guide"][0].snippet
    assert snippet == "Steps Phlebotomy is taught in many programs."
    body = response.content.decode()
    assert "**" not in body and "](https" not in body and "## Steps" not in body


def test_highlights_mark_whole_words_and_their_plurals_only(client):
    make_page(title="Fees", summary="Listed.", body="Feedback from Stuart on art and each fee.")
    make_page(title="Feedback", summary="Tell Stuart.", body="Nothing else.")
    response = client.get("/search/", {"q": "fee art"})
    assert [r.title for r in groups_of(response)["guide"]] == ["Fees"]
    body = response.content.decode()
    assert '<a href="/page-' in body and "><mark>Fees</mark></a>" in body
    assert "Feedback from Stuart on <mark>art</mark> and each <mark>fee</mark>." in body


def test_words_too_common_to_search_for_get_a_message(client):
    response = client.get("/search/", {"q": "the"})
    assert response.context["found"].groups == []
    assert "too common to search for" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["\x00", "cma\x00fee", "\x01\x1f\x7f", "salary\ttexas\x00", "%00"]
)
def test_control_characters_are_cleaned_before_the_database(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_nul_in_the_query_string_still_finds_the_rest(client):
    response = client.get("/search/?q=cma%00fee")
    assert groups_of(response)["certifications"][0].url == "/certifications/cma/"


@pytest.mark.parametrize("url", ["/programs/?q=%00", "/programs/?q=chicago%00&state=IL"])
def test_finder_keyword_is_cleaned_too(client, url):
    make_program(school=make_school(name="Chicago Health College", city="Chicago"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Null characters are not allowed" not in response.content.decode()
    assert "Chicago Health College" in response.content.decode()


def test_unpublished_content_is_not_found(client):
    hidden_page = make_page(title="Hidden venipuncture", published=False)
    make_faq(hidden_page, question="Hidden venipuncture question?")
    make_certification(code="VEN", summary="Venipuncture credential.", published=False)
    make_program(school=make_school(name="Venipuncture Academy"), published=False)
    assert client.get("/search/", {"q": "venipuncture"}).context["found"].groups == []


def test_a_state_name_lists_its_programs_and_links_to_the_finder(client):
    make_program(school=make_school(name="Lone Star College", city="Houston", state="TX"))
    make_program(school=make_school(name="Prairie College", city="Peoria", state="IL"))
    response = client.get("/search/", {"q": "texas"})
    found = response.context["found"]
    group = found.groups[-1]
    assert [r.title for r in group.results] == [
        "Lone Star College: Certificate (under one academic year)"
    ]
    assert group.results[0].snippet == "Medical Assisting, certificate. Houston, Texas."
    assert [(s.title, s.url) for s in found.shortcuts] == [
        ("Texas: pay by city, state rules and programs", "/states/texas/"),
        ("1 program in Texas, in the program finder", "/programs/?state=TX"),
    ]
    # The finder link is offered once, at the top.
    assert group.more == ()
    assert response.content.decode().count('href="/programs/?state=TX"') == 1


def test_programs_rank_name_matches_above_city_matches(client):
    make_program(school=make_school(name="Peoria Technical Institute", city="Bloomington"))
    make_program(school=make_school(name="Central College", city="Peoria"), graduates_per_year=90)
    results = groups_of(client.get("/search/", {"q": "peoria"}))["programs"]
    assert [r.title.split(":")[0] for r in results] == [
        "Peoria Technical Institute",
        "Central College",
    ]


def test_overlong_search_gets_a_message_and_a_short_echo(client):
    response = client.get("/search/", {"q": "x" * 10240})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please use a shorter search: at most 200 characters." in body
    assert 'value="' + "x" * 200 + '"' in body


def test_search_escapes_what_it_echoes(client):
    body = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize("url", ["/", "/faq/", "/programs/", "/certifications/", "/search/"])
def test_every_page_has_the_header_search_box(client, url):
    body = client.get(url).content.decode()
    header = body.split("</header>", 1)[0]
    assert '<form class="site-search' in header and 'action="/search/"' in header
    assert '<label class="visually-hidden" for="site-search-q">Search the site</label>' in header
    assert 'placeholder="Search the site"' in header
    assert '<input id="site-search-q"' in header and 'name="q"' in header


def search_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_search_uses_the_same_few_queries_at_two_data_sizes(client):
    faq_page = make_page(slug="more-questions", title="More questions")
    urls = ["/search/?q=the", "/search/?q=certificate", "/search/?q=texas", "/search/?q=cma+fee"]

    def grow(n, prefix):
        FAQ.objects.bulk_create(
            FAQ(page=faq_page, slug=f"{prefix}-{i}", question=f"Certificate {i}?", answer="Yes.")
            for i in range(n)
        )
        bulk_programs(n, prefix, school=make_school(slug=f"{prefix}-tx", state="TX"))
        for i in range(n // 10):
            make_certification(code=f"{prefix[0].upper()}{i}", summary="A certificate exam.")

    grow(20, "small")
    small = {url: search_queries(client, url) for url in urls}
    grow(200, "large")
    large = {url: search_queries(client, url) for url in urls}
    assert small == large
    assert max(small.values()) <= 6, small
    assert small["/search/?q=the"] == 0


@pytest.mark.parametrize(
    ("text", "state", "words", "other"),
    [
        ("salary Texas", "TX", ("salary", "texas"), ("salary",)),
        ("pay in West Virginia", "WV", ("pay", "west", "virginia"), ("pay",)),
        ("programs in Arkansas", "AR", ("programs", "arkansas"), ("programs",)),
        ("Puerto Rico", "PR", ("puerto", "rico"), ()),
        ("the of and", None, (), ()),
        ("ma pay", None, ("ma", "pay"), ("ma", "pay")),
    ],
)
def test_a_query_reads_its_words_and_the_state_it_names(text, state, words, other):
    query = Query(text)
    assert (query.state.code if query.state else None) == state
    assert query.words == words
    assert query.other_words == other


def test_each_app_registers_its_provider_and_guide_imports_neither_other_app():
    assert [p.key for p in providers()] == ["certifications", "guide", "programs"]
    guide_sources = "\n".join(p.read_text() for p in (ROOT / "guide").rglob("*.py"))
    assert not re.search(r"^\s*(from|import) (certifications|programs)\b", guide_sources, re.M)


def test_a_long_text_is_cut_around_the_first_word_found_on_word_boundaries():
    text = " ".join(["filler"] * 60) + " the phlebotomy part " + " ".join(["tail"] * 60)
    cut = excerpt(text, Query("phlebotomy"), length=100)
    assert cut.startswith("… filler") and cut.endswith("tail …")
    assert "the phlebotomy part" in cut and len(cut) <= 104
