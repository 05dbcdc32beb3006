import gzip
import time

import django.middleware.gzip
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import parse_http_date
from django.utils.text import compress_string

from core.cache import ReadRecordingQueryDict, data_version
from tests.factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield


@pytest.mark.usefixtures("without_reference_data")
def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    make_page(slug="faq", title="Questions")
    first = client.get("/faq/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/faq/")
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "must-revalidate" in second["Cache-Control"]
    assert "Cookie" in second["Vary"] and "HX-Request" in second["Vary"]


@pytest.mark.usefixtures("without_reference_data")
def test_an_edit_is_visible_at_once(client):
    page = make_page(slug="faq", title="Questions")
    assert "Questions" in client.get("/faq/").content.decode()
    page.title = "Answers to your questions"
    page.save()
    assert "Answers to your questions" in client.get("/faq/").content.decode()


@pytest.mark.usefixtures("without_reference_data")
def test_a_release_migrating_the_database_serves_nothing_the_last_one_cached(client):
    make_page(slug="faq", title="Questions")
    cached = client.get("/faq/")
    before = {scope: data_version(scope) for scope in settings.DATA_VERSION_SCOPES}
    call_command("migrate", verbosity=0)
    after = {scope: data_version(scope) for scope in settings.DATA_VERSION_SCOPES}
    assert all(after[scope] != before[scope] for scope in before)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/faq/").content == cached.content
    assert queries, "rendered again, not served from the cache"


@pytest.mark.usefixtures("without_reference_data")
def test_a_deleted_page_is_gone_at_once(client):
    page = make_page(slug="faq")
    assert client.get("/faq/").status_code == 200
    page.delete()
    assert client.get("/faq/").status_code == 404


@pytest.mark.usefixtures("without_reference_data")
def test_visitors_with_a_session_are_not_served_cached_pages(client):
    make_page(slug="faq")
    client.get("/faq/")
    client.cookies["sessionid"] = "abc"
    response = client.get("/faq/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_responses_that_set_cookies_are_not_cached(client):
    # The feedback form sets a CSRF cookie: a second visitor must get a page of their own.
    first = client.get("/suggest-an-update/")
    assert first.cookies.get("csrftoken")
    other = Client()
    second = other.get("/suggest-an-update/")
    assert second.cookies.get("csrftoken")
    assert "public" not in second.get("Cache-Control", "")


@pytest.mark.usefixtures("without_reference_data")
def test_etag_gives_not_modified(client):
    make_page(slug="faq")
    first = client.get("/faq/")
    again = client.get("/faq/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.usefixtures("without_reference_data")
def test_a_browser_that_accepts_gzip_gets_the_page_kept_compressed(
    client, django_assert_num_queries, monkeypatch
):
    make_page(slug="faq", title="Questions")
    gzipped = {"Accept-Encoding": "gzip, deflate, br"}
    first = client.get("/faq/", headers=gzipped)
    assert first["Content-Encoding"] == "gzip"
    page = gzip.decompress(first.content)
    compressions = []
    monkeypatch.setattr(
        django.middleware.gzip,
        "compress_string",
        lambda *args, **kwargs: compressions.append(args) or compress_string(*args, **kwargs),
    )
    with django_assert_num_queries(0):
        again = client.get("/faq/", headers=gzipped)
    assert compressions == []
    assert again["Content-Encoding"] == "gzip" and gzip.decompress(again.content) == page
    assert {"Accept-Encoding", "Cookie", "HX-Request"} <= set(again["Vary"].split(", "))
    unchanged = client.get("/faq/", headers={**gzipped, "If-None-Match": again["ETag"]})
    assert unchanged.status_code == 304
    # A client without gzip has its own entry, uncompressed.
    plain = client.get("/faq/")
    assert not plain.has_header("Content-Encoding") and plain.content == page
    assert compressions == []


def test_htmx_partial_and_full_page_are_cached_apart(client):
    full = client.get("/programs/").content.decode()
    partial = client.get("/programs/", headers={"HX-Request": "true"}).content.decode()
    again = client.get("/programs/").content.decode()
    assert "<html" in full and "<html" not in partial and again == full


def test_a_shortlist_gets_its_own_page(client):
    client.get("/programs/")
    client.cookies["shortlist"] = "some-program"
    response = client.get("/programs/")
    assert response.status_code == 200 and "Cookie" in response["Vary"]


@pytest.mark.usefixtures("without_reference_data")
def test_pages_are_not_cached_without_page_cache_seconds(client):
    make_page(slug="faq")
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get("/faq/")
        response = client.get("/faq/")
    assert "public" not in response.get("Cache-Control", "")


def cache_entries():
    from django.core.cache import cache

    return len(cache._cache)


@pytest.mark.usefixtures("without_reference_data")
def test_junk_query_strings_make_no_new_cache_entries(client):
    # The key was the raw query string: /?utm_junk=N stored a page per N.
    make_page(slug="faq")
    for _ in range(2):
        assert client.get("/faq/").status_code == 200
    before = cache_entries()
    for n in range(20):
        assert client.get(f"/faq/?junk{n}={n}").status_code == 200
        tracked = client.get(f"/faq/?utm_source=mail{n}")
        assert (tracked.status_code, tracked["Location"]) == (301, "/faq/")
    assert cache_entries() == before


def test_the_parameters_a_page_reads_share_one_entry_in_any_order(
    client, django_assert_num_queries
):
    for _ in range(2):
        client.get("/programs/?credential=certificate&format=online")
    with django_assert_num_queries(0):
        reordered = client.get("/programs/?format=online&credential=certificate")
    assert reordered.status_code == 200


@pytest.mark.usefixtures("without_reference_data")
def test_cached_pages_expire_as_their_max_age_says(client):
    make_page(slug="faq")
    for _ in range(2):
        response = client.get("/faq/")
        assert "max-age=0" in response["Cache-Control"]
        assert parse_http_date(response["Expires"]) <= time.time() + 1


def test_the_page_reads_the_same_parameters_the_request_sent(rf):
    request = rf.get("/programs/?format=online&format=campus&q=Caf%C3%A9+%26+co&zip=")
    names_read = set()
    recorded = ReadRecordingQueryDict.recording(request.GET, names_read)
    assert recorded.getlist("format") == ["online", "campus"]
    assert recorded["q"] == "Café & co" and recorded["zip"] == ""
    assert recorded.urlencode() == request.GET.urlencode()
    assert names_read == {"format", "q", "zip"}
    with pytest.raises(AttributeError):
        recorded["q"] = "changed"
    recorded.copy().get("sort")
    assert "sort" in names_read
