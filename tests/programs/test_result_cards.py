"""Finder result cards: what a visitor sees follows every change at once."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from programs.shortlist import COOKIE
from tests.factories import make_page, make_program, make_school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def card_of(response, school_name):
    body = response.content.decode()
    start = body.index(f">{school_name}</a>")
    return body[start : body.index("</li>", start)]


def test_an_edit_shows_on_a_card_already_cached(client):
    program = make_program(
        school=make_school(name="Loop College"), tuition_fees=Decimal("9000"), books_supplies=None
    )
    assert "$9,000" in card_of(client.get("/programs/"), "Loop College")
    program.tuition_fees = Decimal("7450")
    program.save()
    card = card_of(client.get("/programs/"), "Loop College")
    assert "$7,450" in card and "$9,000" not in card


def test_a_card_says_whether_the_program_is_on_this_visitors_shortlist(client):
    program = make_program(school=make_school(name="Loop College"))
    assert 'name="add"' in card_of(client.get("/programs/"), "Loop College")
    client.cookies[COOKIE] = program.slug
    card = card_of(client.get("/programs/"), "Loop College")
    assert f'name="remove" value="{program.slug}"' in card
    del client.cookies[COOKIE]
    assert 'name="add"' in card_of(client.get("/programs/"), "Loop College")


def test_a_card_shows_the_distance_from_each_visitors_zip(client):
    make_program(school=make_school(name="Loop College", latitude=41.88, longitude=-87.63))
    near = card_of(client.get("/programs/?zip=60601&radius=10"), "Loop College")
    farther = card_of(client.get("/programs/?zip=60007&radius=50"), "Loop College")
    assert "0.7 miles away" in near
    assert "miles away" in farther and "0.7 miles away" not in farther


def test_a_guide_page_edit_keeps_the_finders_cache_and_a_program_edit_renews_it(
    client, django_assert_num_queries
):
    program = make_program(school=make_school(name="Loop College"))
    page = make_page()
    client.get("/programs/?sort=cost")
    page.title = "A new title"
    page.save()
    with django_assert_num_queries(1):  # the page's programs; counts and credentials are kept
        client.get("/programs/?sort=cost")
    program.graduates_per_year = 99
    program.save()
    # The options in use, the counts, the page's programs and the programs' credentials.
    with django_assert_num_queries(4):
        client.get("/programs/?sort=cost")
