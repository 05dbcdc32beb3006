"""The glossary: every entry explained with working links, linked from the footer and from the
pages where its words appear, in the sitemap, and giving the English word on Spanish pages."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from guide.glossary import TERMS
from guide.views import GlossaryView

pytestmark = pytest.mark.django_db


def test_every_entry_has_an_anchor_an_explanation_and_links_that_answer(client):
    html = client.get("/glossary/").content.decode()
    assert len(TERMS) >= 15
    assert len({term.key for term in TERMS}) == len(TERMS)
    for term in TERMS:
        assert f'<dt id="{term.key}"' in html
        assert str(term.explanation) in html.replace("&#x27;", "'")
        for link in term.links:
            assert client.get(link.url).status_code == 200, (term.key, link.url)


def test_english_entries_do_not_repeat_the_word_in_english(client):
    html = client.get("/glossary/").content.decode()
    assert "in English:" not in html


def test_a_translated_entry_gives_the_english_word_marked_as_english(monkeypatch):
    clock = next(term for term in TERMS if term.key == "clock-hours")
    spanish = {"clock hours": "horas reloj"}
    monkeypatch.setattr("guide.glossary.gettext", lambda message: spanish.get(message, message))
    with translation.override("es"):
        response = GlossaryView.as_view()(RequestFactory().get("/glossary/"))
        html = response.render().content.decode()
    assert re.search(r'horas reloj <span[^>]*>\(.*?<span lang="en">clock hours</span>\)', html)
    assert clock.english == "clock hours"


@pytest.mark.parametrize(
    ("url", "anchors"),
    [
        ("/", []),
        ("/certifications/", ["certification", "certifying-body", "renewal"]),
        ("/programs/", ["clock-hours", "credit-hours", "academic-year", "tuition"]),
        ("/cost-and-financial-aid/", ["tuition", "federal-aid", "fafsa", "clock-hours"]),
    ],
)
def test_pages_link_to_the_glossary_where_its_words_appear(client, url, anchors):
    html = client.get(url).content.decode()
    glossary = reverse("guide:glossary")
    # The footer, on every page.
    assert f'<a href="{glossary}">Glossary</a>' in html
    for anchor in anchors:
        assert f'href="{glossary}#{anchor}"' in html, anchor


def test_the_glossary_is_in_the_sitemap(client):
    assert "/glossary/</loc>" in client.get("/sitemap.xml").content.decode()
