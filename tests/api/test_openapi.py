import pytest
from django.urls import URLPattern, get_resolver
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def api_routes():
    """The named endpoints under /api/v1/ (the catch-all 404 and the document itself aside)."""
    [api] = [p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "api"]
    return [
        pattern.name
        for pattern in api.url_patterns
        if isinstance(pattern, URLPattern) and pattern.name not in {None, "index", "openapi"}
    ]


def test_the_openapi_document_validates_and_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    operations = {
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    }
    assert len(document["paths"]) == len(api_routes()) == 11
    assert {"programs_list", "programs_retrieve", "download", "dictionary"} <= operations


def test_the_programs_endpoint_documents_the_finders_parameters(client):
    document = client.get("/api/v1/openapi.json").json()
    names = {p["name"] for p in document["paths"]["/api/v1/programs/"]["get"]["parameters"]}
    assert names == {
        "q",
        "state",
        "zip",
        "radius",
        "format",
        "credential",
        "max_months",
        "max_cost",
        "accreditation",
        "certification",
        "schedule",
        "externship",
        "sort",
        "hide_unknown",
        "page",
    }
    listed = document["paths"]["/api/v1/programs/"]["get"]["responses"]["200"]
    reference = listed["content"]["application/json"]["schema"]["$ref"]
    properties = document["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]
    assert {"count", "next", "previous", "unreported", "results"} <= set(properties)


def test_the_finders_options_are_listed(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/programs/"]["get"]["parameters"]
    }
    assert parameters["format"]["items"]["enum"] == ["campus", "hybrid", "online"]
    assert "TX" in parameters["state"]["enum"] and "PR" in parameters["state"]["enum"]
    assert parameters["sort"]["enum"] == sorted(parameters["sort"]["enum"])
