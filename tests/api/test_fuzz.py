"""Hostile values in every parameter of every endpoint: a 4xx naming the parameter, never a 5xx.

Run on SQLite and on PostgreSQL (DATABASE_URL), which refuses NUL characters and overflowing
numbers where SQLite does not.
"""

from urllib.parse import quote, urlencode

import pytest
from django.urls import resolve

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "-99999999999999999999",
    "9" * 5000,
    "1e309",
    "NaN",
    "Infinity",
    "1.5",
    "１２３４５",
    "٣٤٥٦٧",
    "\x00",
    "a\x01b\x1fc\x7f",
    "\u202e\ufeff",
    "1' OR '1'='1",
    "cma'; DROP TABLE programs_program;--",
    "school__name__icontains",
    "pk__gt",
    "__class__",
    "%00",
    "<script>alert(1)</script>",
    "ñ" * 300,
]
LISTS = [
    "/api/v1/programs/",
    "/api/v1/schools/",
    "/api/v1/pay/",
    "/api/v1/certifications/",
    "/api/v1/states/",
    "/api/v1/downloads/dictionary.json",
]


def parameters(url):
    view = resolve(url).func.view_class()
    names, _several = view.parameters()
    return sorted(names)


CASES = [(url, name) for url in LISTS for name in parameters(url)]


def check(response, parameter):
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    if response.status_code == 400:
        assert body["errors"] and all(error["message"] for error in body["errors"])
        assert parameter in {error["parameter"] for error in body["errors"]}
    return body


@pytest.mark.parametrize(("url", "parameter"), CASES, ids=lambda value: value.strip("/"))
def test_hostile_values_in_each_parameter(client, catalog, url, parameter):
    for value in HOSTILE:
        check(client.get(url + "?" + urlencode({parameter: value})), parameter)
    repeated = client.get(url + "?" + urlencode({parameter: ["1", "abc"]}, doseq=True))
    assert repeated.status_code in {400, 404}
    if repeated.status_code == 400:
        check(repeated, parameter)


@pytest.mark.parametrize("url", LISTS)
def test_unknown_and_lookup_parameters_are_named(client, catalog, url):
    for name in ["unknown", "school__name__icontains", "pk__in", "format[]", "\x00", "x" * 500]:
        response = client.get(url + "?" + urlencode({name: "1"}))
        assert response.status_code == 400
        named = {error["parameter"] for error in response.json()["errors"]}
        assert name[:40] in named


def test_a_huge_query_string_is_refused(client, catalog):
    response = client.get(
        "/api/v1/programs/?" + "&".join(f"format=campus{n}" for n in range(2000))
    )
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programs/%00/",
        "/api/v1/programs/" + quote("x" * 3000) + "/",
        "/api/v1/schools/..%2F..%2Fetc/",
        "/api/v1/certifications/" + quote("cma' OR 1=1--") + "/",
        "/api/v1/states/%00%00/",
        "/api/v1/states/zz/",
        "/api/v1/states/ÑÑ/",
        "/api/v1/downloads/secret.csv",
        "/api/v1/downloads/programs.exe",
        "/api/v1/" + quote("\u202e"),
    ],
)
def test_hostile_paths_are_json_404s(client, catalog, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"]
