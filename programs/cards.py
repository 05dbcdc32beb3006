"""Result cards for the finder, each rendered once and then reused from the cache.

A card depends only on its program, the language, whether it is on the visitor's shortlist and
its distance, so the same HTML serves every filter, order and page that shows that program.
Rendering 25 cards through templates was the largest part of a finder page; the content version
in the key means an editor's change shows at once.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import data_version
from programs.comparison import accreditation
from programs.models import Program

CARD_TEMPLATE = "programs/result_card.html"
CARD_CACHE_SECONDS = 600


def label_programs(programs):
    """Display labels and addresses worked out once per request rather than once per program."""
    detail = reverse("programs:detail", kwargs={"slug": "SLUG"})
    labels = {
        field: {value: str(label) for value, label in Program._meta.get_field(field).choices}
        for field in ("credential", "format")
    }
    for program in programs:
        program.credential_label = labels["credential"][program.credential]
        program.format_label = labels["format"][program.format]
        program.accreditation_label = accreditation(program)
        program.url = detail.replace("SLUG", program.slug)


@dataclass(frozen=True)
class Hit:
    """One program on a page of results: which one, how far away when a ZIP is given, and
    which of the figures the visitor limited it did not report."""

    pk: int
    slug: str
    distance: float | None = None
    missing: tuple = ()


def card_key(hit, in_shortlist, version, language):
    distance = "" if hit.distance is None else f"{hit.distance:.1f}"
    missing = "-".join(hit.missing)
    return f"card:{version}:{language}:{hit.pk}:{int(in_shortlist)}:{distance}:{missing}"


def result_cards(hits, shortlist):
    """(hit, HTML of its card) in order; cards not in the cache cost two queries."""
    version, language = data_version("programs"), get_language()
    keys = {hit: card_key(hit, hit.slug in shortlist, version, language) for hit in hits}
    cards = cache.get_many(keys.values())
    missing = [hit for hit in hits if keys[hit] not in cards]
    if missing:
        programs = Program.objects.for_listing().in_bulk([hit.pk for hit in missing])
        label_programs(programs.values())
        fresh = {
            keys[hit]: render_to_string(
                CARD_TEMPLATE,
                {
                    "program": programs[hit.pk],
                    "distance": hit.distance,
                    "in_shortlist": hit.slug in shortlist,
                    "missing": hit.missing,
                },
            )
            for hit in missing
            if hit.pk in programs
        }
        cache.set_many(fresh, CARD_CACHE_SECONDS)
        cards.update(fresh)
    return [(hit, mark_safe(cards[keys[hit]])) for hit in hits if keys[hit] in cards]
