import gzip
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import override_settings

from guide.models import FAQ
from tests.factories import make_page

pytestmark = pytest.mark.django_db

TOO_MANY = "&".join(f"a{n}=1" for n in range(1200))


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("url", ["/", "/programs/", "/search/", "/salary-and-outlook/"])
def test_a_query_string_with_too_many_parameters_is_a_400_in_every_mode(client, url, debug):
    client.raise_request_exception = False
    with override_settings(DEBUG=debug):
        response = client.get(f"{url}?{TOO_MANY}")
    assert response.status_code == 400
    assert "far more search settings" in response.content.decode()


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_pages_are_sent_compressed_to_browsers_that_accept_it(client):
    response = client.get("/programs/", headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    # Django pads each response with up to 100 random bytes against BREACH, so leave room.
    assert "</html>" in html and len(response.content) < len(html) / 2


@pytest.mark.usefixtures("without_reference_data")
def test_links_name_the_request_host_without_site_url(client):
    make_page(slug="home", kind="home")
    response = client.get("/", headers={"Host": "localhost"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<link rel="canonical" href="http://localhost/">' in body
    robots = client.get("/robots.txt", headers={"Host": "localhost"}).content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in robots


@pytest.mark.usefixtures("without_reference_data")
@override_settings(SITE_URL="https://www.example.org")
def test_site_url_wins_when_it_is_set(client):
    make_page(slug="home", kind="home")
    response = client.get("/")
    assert response.status_code == 200
    assert '<link rel="canonical" href="https://www.example.org/">' in response.content.decode()


@pytest.mark.usefixtures("without_reference_data")
def test_a_renamed_guide_page_keeps_its_sections_and_its_old_address_redirects(client):
    page = make_page(slug="faq", kind="faq", title="Questions")
    FAQ.objects.create(page=page, slug="q1", question="How long is training?", answer="A year.")
    page.slug = "questions"
    page.save()
    response = client.get("/questions/")
    assert response.status_code == 200
    assert "How long is training?" in response.content.decode()
    assert [t.name for t in response.templates][0] == "guide/page_faq.html"
    old = client.get("/faq/")
    assert old.status_code == 301 and old["Location"] == "/questions/"


@pytest.mark.usefixtures("without_reference_data")
def test_an_address_no_page_ever_had_is_still_a_404(client):
    make_page(slug="faq", kind="faq")
    assert client.get("/never-was/").status_code == 404


@pytest.mark.usefixtures("without_reference_data")
def test_the_kind_is_read_only_for_editors_in_admin(admin_client):
    page = make_page(slug="faq", kind="faq")
    form = admin_client.get(f"/admin/guide/guidepage/{page.pk}/change/").content.decode()
    assert 'name="kind"' not in form


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "Not reported"), ("", "Not reported"), (0, "0"), ("$1,200", "$1,200")],
)
def test_a_missing_figure_reads_not_reported_and_zero_is_a_figure(value, shown):
    template = Template("{% load formatting %}{{ value|or_not_reported }}")
    assert template.render(Context({"value": value})) == shown


def test_dollars_are_whole_with_separators_and_empty_when_unknown():
    template = Template("{% load formatting %}[{{ a|dollars }}][{{ b|dollars }}]")
    assert template.render(Context({"a": Decimal("12345.60"), "b": None})) == "[$12,346][]"
