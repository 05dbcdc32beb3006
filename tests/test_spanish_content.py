"""The Spanish texts of content rows: which English they translate, what a Spanish page says when
the English changed or no Spanish exists yet, the editors' filter, queue and preview, the search
in Spanish, the history and the seed."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.translation import gettext, override

from certifications.models import Certification
from core import search
from core.management.commands.seed import app_fixtures
from core.translations import SPANISH, SpanishStatus
from guide.models import FAQ, GuidePage
from tests.admin_forms import change_form_data
from tests.test_query_counts import PAGES

pytestmark = pytest.mark.django_db


def spanish_get(client, url):
    """The page as a Spanish reader gets it: at its Spanish address."""
    cache.clear()
    spanish_url = translate_url(url, SPANISH)
    assert spanish_url.startswith("/es/"), spanish_url
    return client.get(spanish_url)


def seeded_faq():
    return FAQ.objects.published().filter(page__slug="faq").order_by("sort_order").first()


def faq_change_url(faq):
    return reverse("admin:guide_faq_change", args=[faq.pk])


def queued(client):
    """The rows the editors' Spanish queue lists."""
    groups = client.get(reverse("admin:spanish_queue")).context["groups"]
    return [row["object"] for group in groups for row in group["rows"]]


def in_spanish(msgid, **values):
    with override(SPANISH):
        return gettext(msgid) % values


def test_the_seeded_rows_are_translated_from_their_english():
    faq = seeded_faq()
    assert faq.answer_es and faq.answer_es != faq.answer_en
    assert faq.spanish_status == SpanishStatus.CURRENT
    with override(SPANISH):
        assert faq.answer == faq.answer_es


def test_an_english_faq_changed_in_admin_marks_its_spanish_out_of_date(admin_client):
    faq = seeded_faq()
    new_answer = f"{faq.answer_en}\n\nA sentence an editor added."
    data = change_form_data(admin_client, faq_change_url(faq), answer_en=new_answer)

    assert admin_client.post(faq_change_url(faq), data).status_code == 302

    faq.refresh_from_db()
    assert faq.spanish_status == SpanishStatus.OUTDATED
    assert faq.english_changed_at is not None
    changelist = reverse("admin:guide_faq_changelist")
    outdated = admin_client.get(changelist, {"spanish": "outdated"}).context["cl"].result_list
    current = admin_client.get(changelist, {"spanish": "current"}).context["cl"].result_list
    assert faq in outdated and faq not in current
    assert faq in queued(admin_client)
    page = spanish_get(admin_client, "/faq/").content.decode()
    with override(SPANISH):
        date = formats.date_format(timezone.localtime(faq.english_changed_at), "DATE_FORMAT")
    assert in_spanish("The English version was updated on %(date)s.", date=date) in page
    assert faq.answer_es.split("\n")[0][:40] in page


def test_saving_the_spanish_marks_it_as_translated_from_the_current_english(admin_client):
    faq = seeded_faq()
    url = faq_change_url(faq)
    admin_client.post(url, change_form_data(admin_client, url, answer_en="A new English answer."))
    data = change_form_data(admin_client, url, answer_es="Una respuesta nueva en español.")

    assert admin_client.post(url, data).status_code == 302

    faq.refresh_from_db()
    assert faq.spanish_status == SpanishStatus.CURRENT
    assert faq not in queued(admin_client)


def test_the_editors_index_links_to_the_spanish_queue(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:spanish_queue") in index


def test_a_row_without_spanish_shows_its_english_with_a_note(client):
    page = GuidePage.objects.get(slug="faq")
    FAQ.objects.create(
        page=page, slug="untranslated", question="An untranslated question?", answer="Its answer."
    )

    content = spanish_get(client, "/faq/").content.decode()

    assert "An untranslated question?" in content
    assert "Its answer." in content
    assert in_spanish("This part is not translated yet; it is shown in English.") in content
    english = client.get("/faq/").content.decode()
    assert "not translated yet" not in english


def test_the_preview_shows_either_language(admin_client):
    faq = seeded_faq()
    preview = reverse("admin:guide_faq_preview", args=[faq.pk])
    data = change_form_data(admin_client, faq_change_url(faq), answer_es="Respuesta en borrador.")

    spanish = admin_client.post(f"{preview}?language=es", data)
    english = admin_client.post(preview, data)

    assert spanish.status_code == english.status_code == 200
    assert "Respuesta en borrador." in spanish.content.decode()
    assert "Respuesta en borrador." not in english.content.decode()
    assert admin_client.post(f"{preview}?language=fr", data).status_code == 400
    faq.refresh_from_db()
    assert faq.answer_es != "Respuesta en borrador."


def test_the_change_form_offers_a_spanish_preview_and_both_languages_side_by_side(admin_client):
    response = admin_client.get(faq_change_url(seeded_faq()))
    content = response.content.decode()
    assert "?language=es" in content
    lines = [
        line.fields
        for fieldset in response.context["adminform"]
        for line in fieldset
        if "answer_en" in line.fields
    ]
    assert lines == [("answer_en", "answer_es")]


def make_faq_in_spanish(question_es, answer_es):
    return FAQ.objects.create(
        page=GuidePage.objects.get(slug="faq"),
        slug="spanish-only-words",
        question="Which shots may I give?",
        answer="Ask the clinic.",
        question_es=question_es,
        answer_es=answer_es,
    )


def found_urls(text):
    return [result.url for group in search.search(text).groups for result in group.results]


@pytest.mark.parametrize("typed", ["vacunas", "vacuna", "las vacunas de gripe"])
def test_search_finds_spanish_words_on_spanish_pages(typed):
    faq = make_faq_in_spanish("¿Qué vacunas puedo poner?", "Pregunte en la clínica por la gripe.")
    with override(SPANISH):
        spanish_url = f"{faq.page.get_absolute_url()}#{faq.slug}"
        assert spanish_url.startswith("/es/")
        assert spanish_url in found_urls(typed)
    assert not any(url.endswith(f"#{faq.slug}") for url in found_urls(typed))


def test_spanish_search_falls_back_to_the_english_of_untranslated_rows():
    faq = FAQ.objects.create(
        page=GuidePage.objects.get(slug="faq"),
        slug="english-only",
        question="Is phlebotomy training separate?",
        answer="Often.",
    )
    with override(SPANISH):
        assert f"{faq.page.get_absolute_url()}#{faq.slug}" in found_urls("phlebotomy")


def test_spanish_search_uses_the_spanish_configuration_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's text-search configurations")
    faq = make_faq_in_spanish("¿Necesito certificación?", "Muchas clínicas piden certificaciones.")
    with override(SPANISH):
        url = f"{faq.page.get_absolute_url()}#{faq.slug}"
        # The Spanish stemmer joins forms the singular/plural rule cannot: the accent moves.
        assert url in found_urls("certificaciones clínica")


def test_history_keeps_the_spanish_and_a_revert_brings_it_back(admin_client):
    faq = seeded_faq()
    original_es = faq.answer_es
    url = faq_change_url(faq)
    admin_client.post(url, change_form_data(admin_client, url, answer_es="Texto cambiado."))

    records = list(faq.history.order_by("-history_id")[:2])
    assert records[0].answer_es == "Texto cambiado."
    assert records[1].answer_es == original_es
    assert records[1].instance.answer_es == original_es
    delta = records[0].diff_against(records[1])
    assert "answer_es" in delta.changed_fields


def test_seed_fills_blank_spanish_but_keeps_an_editors_english():
    kept, blanked = FAQ.objects.published().order_by("sort_order")[:2]
    for faq in (kept, blanked):
        faq.question_es = faq.answer_es = ""
        faq.save()
    kept.answer_en = "An editor rewrote this answer."
    kept.save()

    call_command(
        "seed", *[p for p in app_fixtures() if p.name == "guide.json"], stdout=io.StringIO()
    )

    blanked.refresh_from_db()
    kept.refresh_from_db()
    assert blanked.answer_es and blanked.spanish_status == SpanishStatus.CURRENT
    assert kept.answer_es == "" and kept.spanish_status == SpanishStatus.MISSING


def test_spanish_pages_use_the_same_queries_as_english(client):
    english, spanish = {}, {}
    for url in PAGES:
        if url.startswith("/programs/"):
            # The finder's pages translate no content rows; their counts are tested elsewhere.
            continue
        if url.startswith("/search/"):
            # A word found in both languages: a search that finds nothing asks for more
            # (the words to suggest instead).
            url = "/search/?q=cma"
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        english[url] = len(queries)
        with CaptureQueriesContext(connection) as queries:
            assert spanish_get(client, url).status_code == 200, url
        spanish[url] = len(queries)
    assert spanish == english


def test_a_translated_model_makes_its_querysets_from_one_class_and_they_still_translate():
    # django-modeltranslation would build a new class for each; core shares one per process.
    assert type(Certification.objects.all()) is type(Certification.objects.published())
    with override(SPANISH):
        assert "summary_es" in str(Certification.objects.order_by("summary").query)
