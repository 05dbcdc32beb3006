"""`{% official_name name %}`: a credential's or body's official name as the body writes it. On
a page in another language than English it is marked `lang="en"`, and the first time a credential
or body appears on the page its explanation follows (core.official_names); English pages get the
name alone."""

from django import template
from django.utils.translation import get_language

from core.official_names import BY_NAME, ENGLISH

register = template.Library()

# Which credentials and bodies a page has explained so far: kept on the request, so includes
# rendered with a context of their own (`only`, inclusion tags) share it.
EXPLAINED = "_official_names_explained"


def first_time_on_page(context, key):
    request = context.get("request")
    holder = request if request is not None else context.render_context
    explained = getattr(holder, EXPLAINED, None)
    if explained is None:
        explained = set()
        setattr(holder, EXPLAINED, explained)
    if key in explained:
        return False
    explained.add(key)
    return True


@register.inclusion_tag("includes/official_name.html", takes_context=True)
def official_name(context, name, abbreviation=""):
    """`abbreviation`, when given, goes in the same brackets as the explanation: one pair."""
    entry = BY_NAME.get(str(name))
    english = (get_language() or ENGLISH).split("-")[0] == ENGLISH
    explanation = None
    if entry is not None and not english and first_time_on_page(context, entry.key):
        explanation = entry.explanation
    return {
        "name": name,
        "abbreviation": abbreviation,
        "foreign": not english,
        "explanation": explanation,
    }
