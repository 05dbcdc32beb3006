"""Rows every visitor sees alike are read once per data version (core.cache.kept_per_data_version):
a second visit reads none of them again, and an edit shows at once."""

import html
from decimal import Decimal

import pytest
from django.db import transaction

import core.cache
from certifications.models import Certification, ExamFigure
from core.cache import VERSION_KEY, data_version
from guide.models import GuidePage, WageFigure
from tests.factories import make_exam_fee, make_page, make_program

pytestmark = pytest.mark.django_db


def test_the_certifications_table_reads_its_rows_once_then_shows_an_edit_at_once(
    client, django_assert_num_queries
):
    cma = Certification.objects.get(slug="cma")
    fee = make_exam_fee(cma, 711)
    assert "$711" in client.get("/certifications/").content.decode()
    with django_assert_num_queries(0):
        again = client.get("/certifications/")
    assert "$711" in again.content.decode()

    fee.amount_low, fee.value = Decimal("733"), "$733"
    fee.save()
    page = client.get("/certifications/").content.decode()
    assert "$733" in page and "$711" not in page


def test_an_unpublished_figure_leaves_the_kept_table(client):
    fee = make_exam_fee(Certification.objects.get(slug="cma"), 987)
    assert "$987" in client.get("/certifications/").content.decode()
    ExamFigure.objects.get(pk=fee.pk).delete()
    assert "$987" not in client.get("/certifications/").content.decode()


def test_the_salary_page_reads_its_pay_rows_once_then_shows_an_edit_at_once(
    client, django_assert_max_num_queries
):
    first = client.get("/salary-and-outlook/?state=TX")
    assert first.status_code == 200
    # The guide page and its sources only: the pay rows are kept.
    with django_assert_max_num_queries(2):
        client.get("/salary-and-outlook/?state=TX")

    texas = WageFigure.objects.states().latest_year().get(state_code="TX")
    texas.annual_median = Decimal("39999")
    texas.save()
    assert "$39,999" in client.get("/salary-and-outlook/?state=TX").content.decode()


def test_the_data_version_changes_again_when_an_edit_commits(django_capture_on_commit_callbacks):
    """A page read between the save and the commit saw the old rows; the version it kept them
    under must not outlive the commit."""
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        figure = ExamFigure.objects.filter(certification__slug="cma").first()
        figure.save()
        at_save = data_version()
        assert at_save != before
    assert data_version() not in (before, at_save)


def test_the_front_page_and_a_comparison_read_kept_pay_and_fees(
    client, django_assert_max_num_queries
):
    client.get("/")
    # The front page's own text and the career steps only.
    with django_assert_max_num_queries(3):
        client.get("/")
    national = WageFigure.objects.national().latest_year().get()
    national.annual_median = Decimal("47777")
    national.save()
    assert "$47,777" in client.get("/").content.decode()


def test_a_comparison_reads_only_its_programs(client, django_assert_max_num_queries):
    make_program(slug="first")
    make_program(slug="second")
    url = "/programs/compare/?p=first&p=second"
    assert client.get(url).status_code == 200
    # The programs and their certifications: the fees and the pay are kept.
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200


def test_a_guide_page_is_read_once_and_unpublishing_it_shows_at_once(
    client, admin_client, django_assert_num_queries
):
    page = make_page(slug="kept-page", title="A kept page")
    assert "A kept page" in client.get("/kept-page/").content.decode()
    with django_assert_num_queries(0):
        assert client.get("/kept-page/").status_code == 200

    page.published = False
    page.save()
    assert client.get("/kept-page/").status_code == 404
    # Editors still see the draft, read fresh.
    assert admin_client.get("/kept-page/").status_code == 200


def test_a_kept_guide_page_speaks_the_language_of_each_request(client):
    faq = GuidePage.objects.get(kind=GuidePage.Kind.FAQ)
    assert faq.title_es and faq.title_es != faq.title_en
    for path, title in [
        ("/faq/", faq.title_en),
        ("/es/faq/", faq.title_es),
        ("/faq/", faq.title_en),
    ]:
        assert title in html.unescape(client.get(path).content.decode()), path


def test_result_cards_name_credentials_without_a_query_then_show_an_edit_at_once(
    client, django_assert_num_queries
):
    program = make_program()
    card = f'id="program-{program.slug}"'
    assert card in client.get("/programs/").content.decode()
    with django_assert_num_queries(1):  # the page's programs; the credentials are kept
        client.get("/programs/")

    rma = Certification.objects.get(slug="rma")
    program.certifications.add(rma)
    assert prepares_for(client.get("/programs/"), card) == "RMA"

    rma.published = False
    rma.save()
    assert prepares_for(client.get("/programs/"), card) == "Not reported"


def prepares_for(response, card):
    page = response.content.decode()
    return page[page.index(card) :].split("Prepares for</dt><dd>", 1)[1].split("</dd>", 1)[0]


class VersionReads:
    """The cache, counting the reads of the data versions."""

    def __init__(self, cache):
        self.cache = cache
        self.reads = []

    def get(self, key, *args, **kwargs):
        if key.startswith(VERSION_KEY):
            self.reads.append(key)
        return self.cache.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_request_reads_each_data_version_once(client, monkeypatch):
    """The finder's two counts and its kept credential codes follow one version of the program
    data, read once for the request."""
    url = "/programs/?max_cost=15000&format=online"
    client.get(url)
    counting = VersionReads(core.cache.cache)
    monkeypatch.setattr(core.cache, "cache", counting)
    client.get(url)
    assert counting.reads.count(f"{VERSION_KEY}:programs") == 1
    # Between requests the version is read again, so an edit on any server shows.
    client.get(url)
    assert counting.reads.count(f"{VERSION_KEY}:programs") == 2
