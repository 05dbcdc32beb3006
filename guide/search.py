"""Site search: plain case-insensitive matching of every word, across the public content."""

import re

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from certifications.models import Certification
from guide.models import FAQ, GuidePage
from programs.models import Program

MAX_QUERY = 200
MAX_TERMS = 6
PER_GROUP = 10


def terms_of(query):
    words = [word for word in re.split(r"\s+", query.strip()) if word]
    return [word[:50] for word in words[:MAX_TERMS]]


def matching(queryset, fields, terms):
    for term in terms:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset


def highlight(text, terms, length=None):
    """Escaped text with every term wrapped in <mark>; optionally an excerpt around the first."""
    text = text or ""
    if length and len(text) > length:
        first = min(
            (m.start() for t in terms if (m := re.search(re.escape(t), text, re.IGNORECASE))),
            default=0,
        )
        start = max(0, first - length // 3)
        text = ("…" if start else "") + text[start : start + length] + "…"
    escaped = escape(text)
    pattern = "|".join(re.escape(escape(t)) for t in sorted(terms, key=len, reverse=True))
    if pattern:
        escaped = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(escaped)


def search(query):
    terms = terms_of(query)
    pages = matching(GuidePage.objects.published(), ["title", "summary", "body"], terms)
    faqs = matching(
        FAQ.objects.published().filter(page__published=True), ["question", "answer"], terms
    )
    certifications = matching(
        Certification.objects.published().select_related("body"),
        ["code", "name", "summary", "body__name"],
        terms,
    )
    programs = matching(
        Program.objects.published().select_related("school"),
        ["name", "school__name", "school__city"],
        terms,
    ).order_by("-graduates_per_year", "pk")
    return {
        "pages": [
            {
                "title": highlight(p.title, terms),
                "url": p.get_absolute_url(),
                "excerpt": highlight(p.summary + " " + p.body, terms, 220),
            }
            for p in pages[:PER_GROUP]
        ],
        "faqs": [
            {
                "title": highlight(f.question, terms),
                "url": f"{f.page.get_absolute_url()}#{f.slug}",
                "excerpt": highlight(f.answer, terms, 220),
            }
            for f in faqs[:PER_GROUP]
        ],
        "certifications": [
            {
                "title": highlight(f"{c.code}: {c.name}", terms),
                "url": c.get_absolute_url(),
                "excerpt": highlight(c.summary, terms, 220),
            }
            for c in certifications[:PER_GROUP]
        ],
        "programs": [
            {
                "title": highlight(p.school.name, terms),
                "url": p.get_absolute_url(),
                "excerpt": highlight(f"{p.name}, {p.school.city}, {p.school.state}", terms),
            }
            for p in programs[:PER_GROUP]
        ],
    }
