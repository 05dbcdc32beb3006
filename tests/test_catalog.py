"""The Spanish catalog: complete, compiled, and used on every Spanish page."""

import re
import shutil
from html.parser import HTMLParser

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import override_settings

from core.management.commands.compile_catalogs import catalogs, stale
from tests.factories import make_program
from tests.test_spanish import one_of_each_type, sitemap_entries

CATALOG = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"


def spanish_catalog():
    return polib.pofile(str(CATALOG))


def test_every_compiled_catalog_matches_its_po_file():
    found = list(catalogs())
    assert found, "locale/es/LC_MESSAGES/django.po and its .mo are committed"
    out_of_date = [str(po) for po, mo in found if stale(po, mo)]
    assert not out_of_date, f"run `make messages` (or manage.py compile_catalogs): {out_of_date}"


def test_the_spanish_catalog_has_no_untranslated_or_fuzzy_entry():
    catalog = spanish_catalog()
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries() if entry.msgid]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext")
def test_the_spanish_catalog_holds_every_string_of_the_code(tmp_path, monkeypatch):
    # makemessages writes beside any locale/ folder it finds, so it runs on a copy of the code.
    source = tmp_path / "source"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(
            ".*", "locale", "node_modules", "staticfiles", "bench", "tests", "fixtures", "static"
        ),
    )
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["es"], extensions=["html", "txt", "py"], verbosity=0)
    extracted = polib.pofile(str(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = {(entry.msgctxt, entry.msgid) for entry in spanish_catalog()}
    missing = [entry.msgid for entry in extracted if (entry.msgctxt, entry.msgid) not in committed]
    assert not missing, f"{len(missing)} strings not in the catalog (make messages): {missing[:5]}"


# Too short or too generic to say a page left English: a placeholder-only pattern would
# match anything.
MIN_LITERAL = 4


class EnglishStrings:
    """The English msgids whose Spanish differs, to find on a Spanish page: identical words
    (proper nouns, "CMA", "FAQ") and untranslated entries say nothing about a page. A text
    must be the whole msgid, placeholders standing for any words, so English content that
    merely contains an interface word is not taken for interface."""

    def __init__(self, catalog):
        self.exact = set()
        self.patterns = []
        for entry in catalog.translated_entries():
            pairs = [(entry.msgid, entry.msgstr)]
            if entry.msgid_plural:
                pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, None)]
            for english, spanish in pairs:
                if spanish == english:
                    continue
                text = " ".join(english.split())
                parts = re.split(r"%\(\w+\)[sd]|%[sd]", text)
                if len(parts) == 1:
                    self.exact.add(text)
                elif sum(len(part.strip()) for part in parts) >= MIN_LITERAL:
                    self.patterns.append(".+?".join(re.escape(part) for part in parts))
        self.any_pattern = re.compile("|".join(f"(?:{p})" for p in self.patterns) or "(?!)")

    def found_in(self, text):
        return text in self.exact or bool(self.any_pattern.fullmatch(text))


class VisibleText(HTMLParser):
    """The interface text a reader sees or hears: text nodes (not scripts or styles) and the
    attributes read aloud or shown (aria-label, placeholder, title, alt, the description).
    Editors' Markdown (class "prose") is content, which has Spanish fields of its own, and an
    element marked with another language (the switcher's "English") is meant to be in it."""

    SPOKEN = {"aria-label", "placeholder", "title", "alt"}

    def __init__(self):
        super().__init__()
        self.texts = []
        self._skip = 0
        self._prose_divs = 0
        self._other_language = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style"}:
            self._skip += 1
        if attrs.get("lang") and tag != "html" and attrs["lang"] != "es":
            self._other_language.append(tag)
            return
        if tag == "div" and (self._prose_divs or "prose" in (attrs.get("class") or "").split()):
            self._prose_divs += 1
        if self._prose_divs:
            return
        self.texts += [value for name, value in attrs.items() if name in self.SPOKEN and value]
        if tag == "meta" and attrs.get("name") == "description":
            self.texts.append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1
        if self._other_language and self._other_language[-1] == tag:
            self._other_language.pop()
            return
        if tag == "div" and self._prose_divs:
            self._prose_divs -= 1

    def handle_data(self, data):
        hidden = self._skip or self._prose_divs or self._other_language
        if not hidden and data.strip():
            self.texts.append(data)


def content_texts():
    """Editors' words in the database (titles, steps, area names...): shown as written until
    their Spanish fields are filled in, and no sign of an untranslated interface string when
    one happens to read like a msgid ("National")."""
    texts = set()
    for label in ("guide", "certifications", "states", "programs"):
        for model in apps.get_app_config(label).get_models():
            names = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, (models.CharField, models.TextField))
                and not isinstance(field, (models.SlugField, models.URLField))
                and not field.choices
            ]
            if not names:
                continue
            for row in model._default_manager.values_list(*names):
                texts |= {" ".join(value.split()) for value in row if value and len(value) > 3}
    return texts


def english_left(body, strings, content):
    page = VisibleText()
    page.feed(body)
    texts = {" ".join(text.split()) for text in page.texts}
    return {
        text
        for text in texts
        if strings.found_in(text) and not any(value in text for value in content)
    }


# Pages with answers the sitemap does not list: results, an eligibility plan, errors, search.
SPANISH_QUERIES = [
    "/es/programs/?zip=62701&radius=50&max_cost=15000&sort=cost",
    "/es/programs/?max_cost=abc&max_months=-3",
    "/es/programs/?zip=59901&radius=10&format=online",
    (
        "/es/certifications/eligibility/?diploma=yes&training=programmatic"
        "&training_status=completed&completed_months_ago=6&experience_months=0&military=no"
    ),
    "/es/certifications/eligibility/?diploma=maybe&training=x&completed_months_ago=abc",
    "/es/certifications/?differences=1",
    "/es/search/?q=phlebotomy",
    "/es/search/?q=",
    "/es/states/?sort=median",
    "/es/salary-and-outlook/?state=CA",
    "/es/programs/compare/?p=springfield-ma",
    "/es/suggest-an-update/?page=/es/faq/",
    "/es/no-such-page/",
]


@pytest.mark.django_db
def test_no_spanish_page_shows_an_english_interface_string(client):
    make_program(slug="springfield-ma")
    strings = EnglishStrings(spanish_catalog())
    content = content_texts()
    english = [loc for loc, _ in sitemap_entries(client) if not loc.startswith("/es/")]
    pages = ["/es" + path for path in one_of_each_type(english).values()] + SPANISH_QUERIES
    left = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        found = english_left(response.content.decode(), strings, content)
        if found:
            left[path] = sorted(found)
    assert not left, left
