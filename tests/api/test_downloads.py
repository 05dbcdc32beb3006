import csv
import io
import json
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import override_settings

from api.dictionary import DATASETS
from api.serializers import WageFigureSerializer

pytestmark = pytest.mark.django_db


def read(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_the_programs_csv_lists_every_published_program_with_its_sources(client, catalog):
    response = client.get("/api/v1/downloads/programs.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(read(response))))
    assert list(rows[0]) == DATASETS["programs"].names
    assert len(rows) == 8 and "draft" not in {row["slug"] for row in rows}
    by_slug = {row["slug"]: row for row in rows}
    cheap = by_slug[catalog[0].slug]
    assert cheap["total_cost"] == "9000.0" and cheap["tuition_fees"] == "9000.0"
    assert cheap["cost_source"] == "IPEDS Cost 2024-25" and cheap["certifications"] == "CMA"
    assert cheap["graduates_year"] == "2023-24" and cheap["data_built"].startswith("20")
    unknown = by_slug[catalog[7].slug]
    assert unknown["total_cost"] == "" and unknown["length_months"] == ""


def test_the_programs_json_names_sources_periods_and_date_with_the_dictionary(client, catalog):
    document = json.loads(read(client.get("/api/v1/downloads/programs.json")))
    assert document["dataset"] == "programs" and document["data_built"]
    assert document["sources"] == ["IPEDS Cost 2024-25"]
    assert document["periods"] == ["2023-24"]
    assert list(document["dictionary"]) == DATASETS["programs"].names
    assert len(document["rows"]) == 8
    assert document["rows"][0]["school_name"] == "Austin Academy"


def test_the_pay_tables_in_both_formats(client, catalog):
    rows = list(csv.DictReader(io.StringIO(read(client.get("/api/v1/downloads/pay.csv")))))
    assert list(rows[0]) == DATASETS["pay"].names
    assert {row["area_type"] for row in rows} == {"national", "state", "metro"}
    assert {row["period"] for row in rows} == {"May 2025"}
    assert {row["source_title"] for row in rows} == {"OEWS May 2025"}
    assert {row["weak_estimate"] for row in rows} == {"True", "False"}
    document = json.loads(read(client.get("/api/v1/downloads/pay.json")))
    assert document["periods"] == ["May 2025"]
    assert [source["title"] for source in document["sources"]] == ["OEWS May 2025"]
    assert len(document["rows"]) == 3


def test_every_field_of_a_pay_row_is_in_the_dictionary():
    # A field added to the pay serializer needs its meaning in the dictionary.
    fields = set(WageFigureSerializer().fields) - {"source"}
    assert fields <= set(DATASETS["pay"].names)


def test_the_dictionary_endpoint_and_the_page_show_the_same_meanings(client):
    dictionary = client.get("/api/v1/downloads/dictionary.json").json()
    page = client.get("/api/").content.decode()
    for dataset in dictionary.values():
        for name in dataset["columns"]:
            assert f"<code>{name}</code>" in page


def test_downloads_have_their_own_lower_limit(client, catalog):
    # django-ratelimit's hour windows end at a moment of its own for each client; frozen, so the
    # wait left is never the window's last minute (the test failed then, now and again).
    frozen_clock = SimpleNamespace(time=lambda: 1_800_000_000.0)
    with (
        override_settings(API_DOWNLOAD_RATE="1/h"),
        mock.patch("django_ratelimit.core.time", frozen_clock),
    ):
        assert client.get("/api/v1/downloads/pay.csv").status_code == 200
        refused = client.get("/api/v1/downloads/programs.json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 60
    assert client.get("/api/v1/programs/").status_code == 200
