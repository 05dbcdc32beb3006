"""The first screen answers: the home page opens the finder at a ZIP code, and the header leads
to every main section."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_for_a_zip_code_and_sends_no_sort(client):
    body = client.get("/").content.decode()
    form = re.search(r'<form class="home-finder.*?</form>', body, re.S).group()
    assert 'method="get" action="/programs/"' in form
    assert re.findall(r'name="(\w+)"', form) == ["zip", "q"]
    assert '<label class="form-label" for="home-zip">ZIP code</label>' in form
    assert '<label class="form-label" for="home-q">School or city</label>' in form


def test_the_finder_opened_from_the_home_page_lists_the_nearest_first(client):
    response = client.get("/programs/", {"zip": "60601", "q": ""})
    assert response.status_code == 200
    assert response.context["result"].sort == "distance"


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/states/", "States"),
        ("/states/illinois/", "States"),
        ("/cost-and-financial-aid/", "Cost and financial aid"),
        ("/", None),
    ],
)
def test_states_and_cost_are_in_the_main_navigation(client, url, current):
    header = client.get(url).content.decode().split("</header>", 1)[0]
    nav = re.search(r'<nav class="site-nav-box" aria-label="Main">.*?</nav>', header, re.S).group()
    assert '<a href="/states/"' in nav and '<a href="/cost-and-financial-aid/"' in nav
    marked = re.findall(r'aria-current="page">([^<]+)<', nav)
    assert marked == ([current] if current else [])
