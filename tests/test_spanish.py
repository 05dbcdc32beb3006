"""The Spanish edition's plumbing: /es/ addresses, the language switcher and its cookie,
hreflang in pages and the sitemap, admin kept in English, the page cache kept apart by
language, and Spanish dates, numbers, CSV headings and error pages."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.views.defaults import server_error

from core.formatting import dollars, number
from guide.editors import sync_editors_group
from guide.models import Feedback
from guide.notifications import notify_editors_of_feedback
from tests.factories import make_program

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
SAME_ORIGIN = {"Origin": "http://testserver"}


class HeadAndSwitch(HTMLParser):
    """The parts of a page the language plumbing writes: <html lang>, the hreflang links, and
    the switcher's forms (their language and next address)."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.alternates = {}
        self.switches = {}
        self._switch = None
        self._form_next = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = (
                urlsplit(attrs["href"])._replace(scheme="", netloc="").geturl()
            )
        elif tag == "div" and attrs.get("id") == "language-switch":
            self._switch = True
        elif self._switch and tag == "input" and attrs.get("name") == "next":
            self._form_next = attrs["value"]
        elif self._switch and tag == "button" and attrs.get("name") == "language":
            self.switches[attrs["value"]] = self._form_next

    def handle_endtag(self, tag):
        if tag == "div" and self._switch:
            self._switch = None


def parsed(response):
    page = HeadAndSwitch()
    page.feed(response.content.decode())
    return page


def spanish(path):
    return "/es" + path


def sitemap_entries(client):
    """Each <url> of the sitemap: its address and its hreflang alternates, paths only."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = []
    for url in root.findall("s:url", SITEMAP_NS):
        loc = urlsplit(url.find("s:loc", SITEMAP_NS).text).path
        alternates = {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall("x:link", SITEMAP_NS)
        }
        entries.append((loc, alternates))
    return entries


def page_type(path):
    """Pages of one kind share a view; guide pages each have a template of their own."""
    match = resolve(path)
    if match.view_name == "guide:page":
        return f"guide:page:{match.kwargs['slug']}"
    return match.view_name


def one_of_each_type(paths):
    kinds = {}
    for path in paths:
        kinds.setdefault(page_type(path), path)
    return kinds


@pytest.fixture
def program():
    return make_program(slug="springfield-ma")


def test_the_sitemap_lists_every_page_in_both_languages_with_alternates(client, program):
    entries = sitemap_entries(client)
    locations = {loc for loc, _alternates in entries}
    english = {loc for loc in locations if not loc.startswith("/es/")}
    assert english and {spanish(loc) for loc in english} == locations - english
    for loc, alternates in entries:
        english_path = loc.removeprefix("/es")
        assert alternates == {
            "en": english_path,
            "es": spanish(english_path),
            "x-default": english_path,
        }, loc


def test_every_page_type_answers_in_spanish_with_hreflang_both_ways(client, program):
    english = [loc for loc, _ in sitemap_entries(client) if not loc.startswith("/es/")]
    kinds = one_of_each_type(english)
    assert {"guide:home", "programs:detail", "states:detail", "certifications:detail"} <= set(
        kinds
    )
    for kind, path in kinds.items():
        response = client.get(spanish(path))
        assert response.status_code == 200, kind
        assert response["Content-Language"] == "es", kind
        page = parsed(response)
        assert page.lang == "es", kind
        assert page.alternates == {"en": path, "es": spanish(path), "x-default": path}, kind
        english_page = parsed(client.get(path))
        assert english_page.lang == "en", kind
        assert english_page.alternates == page.alternates, kind


@pytest.mark.parametrize(
    ("path", "other", "target"),
    [
        (
            "/programs/?zip=60601&max_cost=15000",
            "es",
            "/es/programs/?zip=60601&max_cost=15000",
        ),
        (
            "/es/programs/?zip=60601&max_cost=15000",
            "en",
            "/programs/?zip=60601&max_cost=15000",
        ),
        ("/es/", "en", "/"),
        ("/certifications/cma/", "es", "/es/certifications/cma/"),
    ],
)
def test_the_switcher_keeps_the_page_and_its_query(client, path, other, target):
    page = parsed(client.get(path))
    assert page.switches == {other: target}
    response = client.post("/language/", {"language": other, "next": target}, headers=SAME_ORIGIN)
    assert (response.status_code, response["Location"]) == (302, target)
    cookie = response.cookies["django_language"]
    assert cookie.value == other and cookie["max-age"] and cookie["httponly"]


def test_the_switcher_works_from_pages_that_exist_in_one_language(client):
    # The API's page is English only: the switcher offers the Spanish home instead.
    assert parsed(client.get("/api/")).switches == {"es": "/es/"}
    assert parsed(client.get("/api/")).alternates == {}


def test_the_switcher_refuses_other_sites_and_their_addresses(client):
    forged = client.post(
        "/language/", {"language": "es", "next": "/es/"}, headers={"Origin": "https://evil.test"}
    )
    assert forged.status_code == 403 and "django_language" not in forged.cookies
    away = client.post(
        "/language/", {"language": "es", "next": "https://evil.test/"}, headers=SAME_ORIGIN
    )
    assert away["Location"] == "/es/"
    unknown = client.post("/language/", {"language": "xx", "next": "/faq/"}, headers=SAME_ORIGIN)
    assert unknown.cookies["django_language"].value == "en"
    assert client.get("/language/").status_code == 405


def test_a_returning_spanish_reader_is_sent_from_the_root_only(client):
    client.cookies["django_language"] = "es"
    home = client.get("/?page=2")
    assert (home.status_code, home["Location"]) == (302, "/es/?page=2")
    assert "Cookie" in home["Vary"] and "private" in home["Cache-Control"]
    # Any other English address was chosen by the link that led there.
    assert client.get("/faq/").status_code == 200
    client.cookies["django_language"] = "en"
    assert client.get("/").status_code == 200


@override_settings(PAGE_CACHE_SECONDS=600)
def test_the_root_redirect_and_the_cached_english_home_never_mix(client):
    assert client.get("/").status_code == 200
    assert "public" in client.get("/")["Cache-Control"]
    returning = Client()
    returning.cookies["django_language"] = "es"
    assert returning.get("/")["Location"] == "/es/"
    assert client.get("/").status_code == 200
    assert parsed(client.get("/")).lang == "en"


def test_accept_language_alone_never_redirects_or_translates(client):
    response = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert response.status_code == 200
    assert parsed(response).lang == "en" and response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_admin_stays_in_english_for_a_spanish_reader(client):
    client.cookies["django_language"] = "es"
    headers = {"Accept-Language": "es"}
    login = client.get("/admin/login/", headers=headers)
    assert parsed(login).lang == "en" and login["Content-Language"] == "en"
    assert "Log in" in login.content.decode() and "Iniciar sesión" not in login.content.decode()
    editor = get_user_model().objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(sync_editors_group())
    client.force_login(editor)
    with translation.override("es"):
        # Even with Spanish left active in the thread by a reader's request.
        dashboard = client.get("/admin/", headers=headers)
    body = dashboard.content.decode()
    assert dashboard.status_code == 200 and dashboard["Content-Language"] == "en"
    assert 'lang="en"' in body and "Log out" in body and "Cerrar sesión" not in body


def test_error_pages_speak_the_addresses_language(client):
    missing = client.get("/es/no-such-page/")
    assert missing.status_code == 404
    assert parsed(missing).lang == "es"
    assert "No encontramos esa página" in missing.content.decode()
    assert "We couldn't find that page" in client.get("/no-such-page/").content.decode()
    too_many = client.get("/es/programs/?" + "&".join(f"f{n}=1" for n in range(1100)))
    assert too_many.status_code == 400 and parsed(too_many).lang == "es"
    assert 'href="/es/"' in too_many.content.decode()


def test_the_500_page_in_spanish():
    request = RequestFactory().get("/es/faq/")
    with translation.override("es"):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="es">' in body and "Algo salió mal" in body and 'href="/es/"' in body


@override_settings(PAGE_CACHE_SECONDS=600)
def test_the_page_cache_keeps_the_languages_apart(client, django_assert_num_queries):
    for path in ("/faq/", "/es/faq/", "/faq/", "/es/faq/"):
        # The language left active by another request in this thread must not matter.
        translation.activate("es" if path == "/faq/" else "en")
        response = client.get(path)
        expected = "es" if path.startswith("/es/") else "en"
        assert parsed(response).lang == expected, path
        assert response["Content-Language"] == expected, path
    translation.activate("en")
    with django_assert_num_queries(0):
        cached = client.get("/es/faq/")
    assert parsed(cached).lang == "es" and cached["Content-Language"] == "es"


def test_the_finders_partial_answers_in_spanish_and_carries_the_switcher(client, program):
    response = client.get("/es/programs/?zip=62701", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response["Content-Language"] == "es" and "<html" not in body
    assert 'id="language-switch" class="language-switch" data-hx-swap-oob="true"' in body
    assert parsed(response).switches == {"en": "/programs/?zip=62701"}
    assert 'action="/es/programs/"' in body


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_spanish_headings_when_asked_from_a_spanish_page(client, program):
    english = csv_rows(client.get("/programs/export.csv"))
    spanish_rows = csv_rows(client.get("/es/programs/export.csv"))
    assert english[0][:4] == ["School", "City", "State", "Program"]
    assert spanish_rows[0][:4] == ["Escuela", "Ciudad", "Estado", "Programa"]
    assert "Costo total ($)" in spanish_rows[0] and "Total cost ($)" not in spanish_rows[0]
    page = spanish_rows[0].index("Página")
    assert spanish_rows[1][page] == "/es/programs/springfield-ma/"
    total = spanish_rows[0].index("Costo total ($)")
    assert spanish_rows[1][total] == english[1][english[0].index("Total cost ($)")]


def test_dates_and_numbers_read_as_us_spanish_readers_expect():
    day = datetime.date(2026, 12, 5)
    with translation.override("es"):
        assert date_format(day, "DATE_FORMAT") == "5 de diciembre de 2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "5 dic 2026"
        assert number_format(1594, force_grouping=True) == "1,594"
        assert number_format(Decimal("8.5")) == "8.5"
        assert dollars(Decimal("17622")) == "$17,622" and number(1594) == "1,594"
        rendered = Template('{{ day|date:"DATE_FORMAT" }} {{ half }}').render(
            Context({"day": day, "half": Decimal("8.5")})
        )
        assert rendered == "5 de diciembre de 2026 8.5"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "December 5, 2026"
        assert date_format(day, "SHORT_DATE_FORMAT") == "Dec 5, 2026"


def test_spanish_pages_show_money_with_comma_thousands(client):
    body = client.get("/es/cost-and-financial-aid/").content.decode()
    amounts = re.findall(r"\$\d[\d.,]*\d", body)
    assert amounts, "the cost page shows dollar figures"
    assert all(re.fullmatch(r"\$\d{1,3}(,\d{3})*(\.\d{2})?", amount) for amount in amounts), (
        amounts
    )


def test_mail_to_editors_stays_english_when_the_reader_writes_from_a_spanish_page(mailoutbox):
    editor = get_user_model().objects.create_user("ed", "ed@example.com", "x", is_staff=True)
    editor.groups.add(sync_editors_group())
    feedback = Feedback.objects.create(page_url="/es/faq/", message="Una corrección.")
    with translation.override("es"):
        assert translation.gettext("Reader feedback on %(page)s").startswith("Comentario")
        notify_editors_of_feedback(feedback, RequestFactory().get("/es/suggest-an-update/"))
    assert [mail.subject for mail in mailoutbox] == ["Reader feedback on /es/faq/"]
