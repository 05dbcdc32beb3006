"""Caching headers, CORS, rate limits, the JSON errors and the page cache, on every endpoint."""

import pytest
from django.test import override_settings

from tests.api.conftest import slugs_of

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/programs/",
    "/api/v1/schools/",
    "/api/v1/pay/",
    "/api/v1/certifications/",
    "/api/v1/states/",
    "/api/v1/downloads/dictionary.json",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_an_etag_from_the_data_version_gives_304s_until_the_data_changes(client, catalog, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"api-') and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    catalog[0].name = "Renamed"
    catalog[0].save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_an_error_is_not_tagged_with_the_data_version(client, catalog):
    # Only a successful answer can be revalidated against the data version.
    response = client.get("/api/v1/programs/?max_cost=abc")
    assert response.status_code == 400
    assert not response.get("ETag", "").startswith('"api-')


@pytest.mark.parametrize("url", ENDPOINTS)
def test_any_origin_may_read_but_not_write(client, catalog, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        url, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    for method in (client.post, client.put, client.delete, client.patch):
        refused = method(url, HTTP_ORIGIN="https://example.org")
        assert refused.status_code == 405
        assert refused.json()["detail"]


def test_past_the_rate_limit_a_429_says_when_to_come_back(client, catalog):
    with override_settings(API_RATE="3/m"):
        for _n in range(3):
            assert client.get("/api/v1/certifications/").status_code == 200
        refused = client.get("/api/v1/programs/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["status"] == 429 and "try again" in refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_the_limit_is_per_address(client, catalog):
    with override_settings(API_RATE="1/m"):
        assert client.get("/api/v1/states/").status_code == 200
        assert client.get("/api/v1/states/").status_code == 429
        assert client.get("/api/v1/states/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_json_whatever_the_client_accepts(client, catalog):
    response = client.get("/api/v1/programs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/api/v1/nothing/here", "/api/v2/programs/", "/api/x"])
def test_an_address_with_no_endpoint_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "/api/" in response.json()["detail"]


def test_the_page_cache_serves_the_api_and_an_edit_shows_at_once(
    client, catalog, django_assert_num_queries
):
    with override_settings(PAGE_CACHE_SECONDS=600):
        first = client.get("/api/v1/programs/?state=TX")
        with django_assert_num_queries(0):
            second = client.get("/api/v1/programs/?state=TX")
        assert second.content == first.content
        catalog[4].published = False
        catalog[4].save()
        assert catalog[4].slug not in slugs_of(client.get("/api/v1/programs/?state=TX"))
