"""Site search: a registry each app fills in its AppConfig.ready(), so the search page asks every
app for its results without importing any of them.

Each app registers a provider: a function that takes a Query and returns ranked Results. The
helpers below match and rank a queryset: PostgreSQL's full-text search in production; on SQLite,
the embedded default, a whole-word regular expression. Both look for the same forms of each word
(singular and plural), drop the same stop words and weight the fields the same way, so they give
the same answers. PostgreSQL's English stemmer is not used: it would make "certificate" (a kind
of program) find "certification" (an exam), two things this site must keep apart.

On a Spanish page the search reads the Spanish texts of translated fields (the English where a
row has no Spanish yet, as the page shows it) and drops Spanish stop words; PostgreSQL matches
them with its `spanish` configuration, whose stemmer also joins "certificación" and
"certificaciones". The SQLite fallback matches the same singular and plural forms as in English.

A provider may also offer shortcuts, places that answer the query outright (the finder at a ZIP
code, the online programs), and the words of its content, so a misspelt word can be answered
with "Did you mean …" from the site's own vocabulary.
"""

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import markdown
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
)
from django.core.cache import cache
from django.db import connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import IRegex
from django.utils.html import strip_tags

from core.cache import data_version
from core.states import all_states
from core.translations import ENGLISH, SPANISH, is_translated, spanish_active, translated_fields

CONFIG = "simple"
SPANISH_CONFIG = "spanish"
MAX_WORDS = 6
PER_GROUP = 10
SNIPPET_LENGTH = 220
# Words shorter than this are not corrected: too many real words lie one letter from them.
SHORTEST_CORRECTED = 4
# How alike a word must be to a word of the vocabulary to be offered in its place: pg_trgm's
# similarity (shared trigrams) on PostgreSQL, difflib's ratio (shared letters) elsewhere.
TRIGRAM_SIMILARITY = 0.4
DIFFLIB_RATIO = 0.8
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's English stop words (tsearch_data/english.stop), dropped before searching, so
# "the" alone searches for nothing on either database.
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# The commonest of PostgreSQL's Spanish stop words (tsearch_data/spanish.stop), dropped on
# Spanish pages, so both databases search for the same words.
_SPANISH_STOP_WORDS_TEXT = """
    de la que el en y a los del se las por un para con no una su al lo como más mas pero sus
    le ya o u e este esta estos estas ese esa esos esas eso esto sí si porque entre cuando muy
    sin sobre también me mi mis hasta hay donde quien quienes desde todo todos nos durante uno
    unos les ni contra otro otra otros otras ante ellos ellas él antes algunos algunas algo qué
    yo tú te ti tu tus mucho muchos nada cual poco ella nosotros nosotras os es son fue era ser
    soy eres está están estar ha han he tiene tienen
"""
SPANISH_STOP_WORDS = frozenset(_SPANISH_STOP_WORDS_TEXT.split())
# PostgreSQL's default weights for A, B, C and D, used by the SQLite ranking too.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


def stop_words_now():
    """The stop words of the language the page is in."""
    return SPANISH_STOP_WORDS if spanish_active() else STOP_WORDS


def config_now():
    """PostgreSQL's text-search configuration for the language the page is in."""
    return SPANISH_CONFIG if spanish_active() else CONFIG


def forms_of(word):
    """The word and its plural or singular: 'fee' finds 'fees', 'salaries' finds 'salary'."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if len(word) > 3:
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("s"):
            forms.add(word[:-1])
    return forms


def _state_names():
    """Each state's name as words, longest first, so "west virginia" wins over "virginia"."""
    names = [(tuple(WORD.findall(s.name.lower())), s) for s in all_states()]
    return sorted(names, key=lambda pair: len(pair[0]), reverse=True)


@dataclass(frozen=True)
class Query:
    """What the visitor typed, read once: its words, and the state it names, if any."""

    text: str

    @cached_property
    def _all_words(self):
        return [word.lower() for word in WORD.findall(self.text)]

    @cached_property
    def _state_match(self):
        words = self._all_words
        for name, state in _state_names():
            for start in range(len(words) - len(name) + 1):
                if tuple(words[start : start + len(name)]) == name:
                    return state, set(range(start, start + len(name)))
        return None, set()

    @cached_property
    def words(self):
        """The words to match, stop words left out, at most MAX_WORDS."""
        stop_words = stop_words_now()
        kept = [w for w in self._all_words if w not in stop_words]
        return tuple(dict.fromkeys(kept))[:MAX_WORDS]

    @property
    def state(self):
        """The state or territory the words name ("salary texas"), or None."""
        return self._state_match[0]

    @cached_property
    def other_words(self):
        """The words besides the state's name."""
        positions = self._state_match[1]
        state_words = {w for i, w in enumerate(self._all_words) if i in positions}
        return tuple(w for w in self.words if w not in state_words)

    @property
    def too_common(self):
        """Words were typed, but every one is too common to search for."""
        return bool(self._all_words) and not self.words

    @cached_property
    def _forms(self):
        return set().union(*(forms_of(w) for w in self.words)) if self.words else set()

    def matches(self, word):
        """Whether a word of a text is one of the query's words, as a whole word."""
        return word.lower() in self._forms


def only(words, vocabulary):
    """Whether every word is in the vocabulary, in its singular or plural form."""
    known = set().union(*(forms_of(w) for w in vocabulary))
    return all(w in known for w in words)


def _tsquery(words, config=CONFIG):
    """Every word, in any of its forms. Words hold only letters and digits, so they are safe in
    a raw tsquery."""
    return SearchQuery(
        " & ".join("(" + " | ".join(sorted(forms_of(w))) + ")" for w in words),
        search_type="raw",
        config=config,
    )


def _pattern(word):
    alternatives = "|".join(sorted(re.escape(f) for f in forms_of(word)))
    return rf"\b(?:{alternatives})\b"


def _expression(source):
    return F(source) if isinstance(source, str) else source


def document(*fields, config=CONFIG):
    """A weighted tsvector of (field or expression, weight) pairs, for ranking and GIN indexes."""
    vectors = [SearchVector(source, weight=weight, config=config) for source, weight in fields]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def _is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def in_page_language(model, fields):
    """The (field, weight) pairs with each translated field read in the page's language: on a
    Spanish page its Spanish text, or its English where the row has none (what the page
    shows); otherwise its English."""
    if not is_translated(model):
        return fields
    translated = set(translated_fields(model))
    localized = []
    for source, weight in fields:
        if isinstance(source, str) and source in translated:
            english = F(f"{source}_{ENGLISH}")
            if spanish_active():
                source = Coalesce(
                    NullIf(F(f"{source}_{SPANISH}"), Value("")), english, output_field=TextField()
                )
            else:
                source = english
        localized.append((source, weight))
    return tuple(localized)


def ranked(queryset, fields, words):
    """The queryset with a `rank` for the words: higher when they are in weightier fields."""
    fields = in_page_language(queryset.model, fields)
    if _is_postgresql(queryset):
        config = config_now()
        return queryset.annotate(
            rank=SearchRank(document(*fields, config=config), _tsquery(words, config))
        )
    rank = Value(0.0)
    for word in words:
        for source, weight in fields:
            rank = rank + Case(
                When(IRegex(_expression(source), _pattern(word)), then=Value(WEIGHTS[weight])),
                default=Value(0.0),
                output_field=FloatField(),
            )
    return queryset.annotate(rank=rank)


def filtered(queryset, fields, words):
    """Rows holding every word, each in one of the fields."""
    fields = in_page_language(queryset.model, fields)
    if _is_postgresql(queryset):
        config = config_now()
        # The condition repeats the indexed expression, so a GIN index on it is used.
        return queryset.filter(
            SearchVectorExact(document(*fields, config=config), _tsquery(words, config))
        )
    for word in words:
        anywhere = Q()
        for source, _weight in fields:
            anywhere |= Q(IRegex(_expression(source), _pattern(word)))
        queryset = queryset.filter(anywhere)
    return queryset


def matching(queryset, fields, words):
    """Rows holding every word in one of the fields, with their rank: best first."""
    return ranked(filtered(queryset, fields, words), fields, words).order_by("-rank")


def excerpt(text, query, length=SNIPPET_LENGTH):
    """About `length` characters of the text, starting a little before the first word found."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    first = next((m.start() for m in WORD.finditer(text) if query.matches(m.group())), 0)
    start = max(0, first - length // 4)
    if start:
        # Start on a word, not inside one.
        start = text.find(" ", start) + 1 or start
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def best_passage(passages, query):
    """Of several passages, the one holding the most different words of the query."""
    passages = [p for p in passages if p]
    if not passages:
        return ""

    def found(passage):
        return len({m.group().lower() for m in WORD.finditer(passage) if query.matches(m.group())})

    return max(passages, key=found)


def highlighted(text, query):
    """The text as (part, is_match) pairs, so a template can wrap whole-word matches in <mark>."""
    parts = []
    position = 0
    for m in WORD.finditer(text):
        if query.matches(m.group()):
            if m.start() > position:
                parts.append((text[position : m.start()], False))
            parts.append((m.group(), True))
            position = m.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    snippet: str = ""
    # What sort of result this is, where a group mixes them: "Question and answer".
    kind: str = ""
    # Where the figure in the snippet comes from, and its date.
    note: str = ""
    title_parts: list = field(default_factory=list)
    snippet_parts: list = field(default_factory=list)


@dataclass(frozen=True)
class Shortcut:
    """A page that answers the query outright, shown above the results."""

    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    results: list
    # A place to go on from the group, as (url, label): the finder filtered to the state.
    more: tuple = ()


def _nothing(*args):
    return []


@dataclass(frozen=True)
class Provider:
    key: str
    heading: str
    order: int
    # find(query) -> (results, more): ranked Results, and an optional (url, label).
    find: Callable
    # shortcuts(query) -> Shortcuts.
    shortcuts: Callable = _nothing
    # vocabulary() -> texts whose words the search may offer for a misspelt word.
    vocabulary: Callable = _nothing


_providers = {}


def register(key, heading, find, order, shortcuts=_nothing, vocabulary=_nothing):
    """Called from an AppConfig.ready(); registering the same key again replaces it."""
    _providers[key] = Provider(key, heading, order, find, shortcuts, vocabulary)


def providers():
    return sorted(_providers.values(), key=lambda p: p.order)


@dataclass(frozen=True)
class Search:
    query: Query
    groups: list
    shortcuts: list = field(default_factory=list)
    # The query with its misspelt words corrected, when nothing was found: "certification".
    suggestion: str = ""

    @property
    def total(self):
        return sum(len(group.results) for group in self.groups)


def _shown(result, query):
    snippet = excerpt(result.snippet, query)
    return replace(
        result,
        snippet=snippet,
        title_parts=highlighted(result.title, query),
        snippet_parts=highlighted(snippet, query),
    )


def search(text):
    """Every provider's shortcuts and results for the text, results grouped in the providers'
    order, empty groups out. Each address is offered once: a result is left out where a
    shortcut or an earlier result already links to it."""
    query = Query(text)
    if not query.words:
        return Search(query, [])
    shortcuts = [shortcut for provider in providers() for shortcut in provider.shortcuts(query)]
    seen = {shortcut.url for shortcut in shortcuts}
    groups = []
    for provider in providers():
        results, more = provider.find(query)
        shown = []
        for result in results:
            if result.url not in seen and len(shown) < PER_GROUP:
                seen.add(result.url)
                shown.append(_shown(result, query))
        if shown:
            groups.append(
                Group(
                    provider.key, provider.heading, shown, () if more and more[0] in seen else more
                )
            )
    suggestion = "" if shortcuts or groups else corrected(query)
    return Search(query, groups, shortcuts, suggestion)


def vocabulary():
    """Every word of the site's content that could be searched for, from every provider and
    the states' names; built once for each version of the data."""
    key = f"search-vocabulary:{config_now()}:{data_version()}"
    words = cache.get(key)
    if words is None:
        texts = [state.name for state in all_states()]
        for provider in providers():
            texts.extend(provider.vocabulary())
        words = sorted(
            {
                word
                for text in texts
                for word in WORD.findall((text or "").lower())
                if len(word) >= SHORTEST_CORRECTED
                and not word.isdigit()
                and word not in stop_words_now()
            }
        )
        cache.set(key, words, None)
    return words


def _has_trigrams(connection):
    """Whether PostgreSQL's pg_trgm extension is installed in this database (the core
    migration installs it where it may)."""
    if connection.vendor != "postgresql":
        return False
    # Asked once for each connection, not for each word.
    if not hasattr(connection, "has_trigrams"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            connection.has_trigrams = cursor.fetchone() is not None
    return connection.has_trigrams


def closest(word, words, using="default"):
    """The word of `words` spelt most like `word`, or None when none is close enough: by
    pg_trgm's similarity where PostgreSQL has it, else by difflib's ratio."""
    connection = connections[using]
    if _has_trigrams(connection):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT known FROM unnest(%s::text[]) AS known WHERE similarity(known, %s) >= %s "
                "ORDER BY similarity(known, %s) DESC, known LIMIT 1",
                [list(words), word, TRIGRAM_SIMILARITY, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    found = difflib.get_close_matches(word, words, n=1, cutoff=DIFFLIB_RATIO)
    return found[0] if found else None


def corrected(query):
    """The query's words with each misspelt one replaced by the closest word the site uses,
    or "" when no word needed or found a correction."""
    words = vocabulary()
    known = set(words)
    changed = False
    result = []
    for word in query.words:
        replacement = None
        if len(word) >= SHORTEST_CORRECTED and not word.isdigit() and not forms_of(word) & known:
            replacement = closest(word, words)
        changed = changed or replacement is not None
        result.append(replacement or word)
    return " ".join(result) if changed else ""


def markdown_to_text(source):
    """What a reader sees of a Markdown text, without its markup: for snippets."""
    return html.unescape(strip_tags(markdown.markdown(source or "")))
