import pytest

pytestmark = pytest.mark.django_db


def test_the_api_page_shows_endpoints_examples_and_fields(client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Open data: the API and downloads</h1>" in page
    assert "curl 'http://testserver/api/v1/programs/?state=CA&amp;format=online" in page
    for address in [
        "/api/v1/programs/",
        "/api/v1/pay/",
        "/api/v1/certifications/",
        "/api/v1/states/",
        "/api/v1/schools/",
        "/api/v1/openapi.json",
    ]:
        assert f"<code>{address}" in page
    assert 'href="/api/v1/downloads/programs.csv"' in page
    assert 'href="/api/v1/downloads/pay.json"' in page
    assert "<code>max_cost</code>" in page and "<code>hide_unknown</code>" in page
    assert "Retry-After" in page


def test_the_footer_and_the_about_our_data_page_link_to_it(client):
    assert 'href="/api/">Open data and API</a>' in client.get("/").content.decode()
    about = client.get("/about-our-data/").content.decode()
    assert 'href="/api/">free JSON API' in about
