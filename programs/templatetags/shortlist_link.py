"""The shortlist's count for the site header, on every page (the page cache varies on Cookie)."""

from django import template
from django.urls import reverse

from programs import shortlist

register = template.Library()


@register.inclusion_tag("programs/includes/shortlist_link.html", takes_context=True)
def shortlist_link(context, oob=False):
    # A shortlist just changed is in the context; the request still carries the old cookie.
    slugs = context.get("shortlist")
    if slugs is None:
        request = context.get("request")
        slugs = shortlist.read(request) if request else []
    # The comparison's own address, with the ZIP code where the page has one.
    href = context.get("compare_url") or shortlist.compare_url(slugs)
    return {
        "count": len(slugs),
        "oob": oob,
        "href": href if slugs else reverse("programs:compare"),
    }
