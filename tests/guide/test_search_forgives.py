"""Site search that forgives: a ZIP code, a known intent or a misspelt word leads somewhere.
Run on SQLite by default and on PostgreSQL with DATABASE_URL: the suggestions come from pg_trgm
there and from difflib here, through the same function."""

import re

import pytest
from django.db import connection

from core import search
from programs.models import Program
from tests.factories import make_program, make_school

pytestmark = pytest.mark.django_db


def found(client, text):
    return client.get("/search/", {"q": text}).context["found"]


def test_a_misspelt_word_gets_did_you_mean_from_the_sites_own_words(client):
    response = client.get("/search/", {"q": "certifcation"})
    assert response.context["found"].suggestion == "certification"
    body = response.content.decode()
    assert 'Did you mean <a href="/search/?q=certification">certification</a>?' in body
    assert found(client, "certification").total > 0


def test_every_misspelt_word_is_corrected_and_the_right_ones_kept(client):
    make_program(school=make_school(name="Lakeshore Institute", city="Chicago", state="IL"))
    assert found(client, "phlebotmy").suggestion == "phlebotomy"
    assert found(client, "lakeshor chicgo").suggestion == "lakeshore chicago"
    # Nothing is suggested for a word like no other, nor when something was found.
    assert found(client, "zzzzqqq").suggestion == ""
    assert found(client, "phlebotomy").suggestion == ""


def test_one_function_picks_pg_trgm_or_difflib_by_database():
    assert search._has_trigrams(connection) == (connection.vendor == "postgresql")
    words = ["certificate", "certification", "phlebotomy"]
    assert search.closest("certifcation", words) == "certification"
    assert search.closest("phlebotmy", words) == "phlebotomy"
    assert search.closest("xylophone", words) is None


def test_a_zip_code_offers_the_finder_at_that_zip_code_nearest_first(client):
    response = client.get("/search/", {"q": "60601"})
    shortcut = response.context["found"].shortcuts[0]
    # No sort parameter: with a ZIP code the finder puts the nearest first.
    assert shortcut.url == "/programs/?zip=60601"
    assert shortcut.title == "Programs nearest to 60601 first, in the program finder"
    assert 'href="/programs/?zip=60601"' in response.content.decode()
    assert "Nothing matched" not in response.content.decode()
    assert found(client, "00000").shortcuts == []


def test_online_programs_leads_to_the_online_filter_with_its_count(client):
    make_program(format=Program.Format.ONLINE, school=make_school(name="Anywhere College"))
    count = Program.objects.published().filter(format=Program.Format.ONLINE).count()
    shortcuts = found(client, "online programs").shortcuts
    assert [s.url for s in shortcuts] == ["/programs/?format=online"]
    assert shortcuts[0].title.startswith(f"{count} online program")
    # Online programs are open from anywhere: a state or ZIP code named too does not hide them.
    urls = [s.url for s in found(client, "online programs texas 60601").shortcuts]
    assert urls == ["/states/texas/", "/programs/?zip=60601", "/programs/?format=online"]


def test_a_filter_that_would_find_nothing_is_not_offered(client):
    Program.objects.filter(format=Program.Format.HYBRID).update(format=Program.Format.CAMPUS)
    make_program(format=Program.Format.HYBRID, school=make_school(state="OH"))
    urls = [s.url for s in found(client, "hybrid programs wyoming").shortcuts]
    assert not any("format=hybrid" in url for url in urls)
    urls = [s.url for s in found(client, "hybrid programs ohio").shortcuts]
    assert "/programs/?format=hybrid&state=OH" in urls


def test_each_address_appears_once_and_a_schools_programs_are_told_apart(client):
    school = make_school(name="Twin Programs College", city="Dayton", state="OH")
    make_program(school=school, credential=Program.Credential.CERTIFICATE)
    make_program(school=school, credential=Program.Credential.ASSOCIATE)
    response = client.get("/search/", {"q": "twin programs college"})
    results = response.context["found"].groups[-1].results
    titles = [r.title for r in results]
    assert len(titles) == 2 and len(set(titles)) == 2
    for text in ("online programs", "texas", "twin programs college", "cma fee"):
        result = found(client, text)
        urls = [s.url for s in result.shortcuts] + [
            r.url for group in result.groups for r in group.results
        ]
        urls += [group.more[0] for group in result.groups if group.more]
        assert len(urls) == len(set(urls)), text


def test_the_vocabulary_is_built_once_for_each_data_version(django_assert_num_queries):
    search.vocabulary()
    with django_assert_num_queries(0):
        words = search.vocabulary()
    assert "certification" in words and "texas" in words
    assert all(re.fullmatch(r"[^\W\d_][^\W_]{3,}", w) for w in words[:50])
