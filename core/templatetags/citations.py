from django import template
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context):
    """The plain values includes/source_note.html places, read once from its parameters (see
    there). A page quotes fifty sources at most; each parameter the template tested itself cost
    a lookup through every level of the page's context, and a caught error where it was not
    given. Text only: the template escapes it and writes the markup."""
    source = context.get("source")
    body = context.get("body")
    checked_on = context.get("checked_on")
    brief = context.get("brief")
    label = f"{source.publisher}, {source.title}" if context.get("titled") else source.publisher
    return {
        "source": gettext("Source:"),
        "url": source.url,
        "label": label,
        "period": "" if brief else context.get("period") or source.as_of,
        "kind": source.kind_beside_citation,
        "verified_on": checked_on if body else None,
        # Worded here rather than by {% blocktranslate %} in the template, which costs a table
        # of fifty citations more than the rest of each.
        "unchecked": (
            gettext("not yet checked against %(body)s") % {"body": body.abbreviation}
            if body and not checked_on and not brief
            else ""
        ),
    }
