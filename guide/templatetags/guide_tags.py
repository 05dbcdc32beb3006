import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from core import formatting

register = template.Library()

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
MARKDOWN_EXTENSIONS = ["tables", "sane_lists"]


@register.filter
def markdown(text):
    """Editors write Markdown; only a small set of tags survives, so no script can get in."""
    html = markdown_lib.markdown(text or "", extensions=MARKDOWN_EXTENSIONS)
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener"))


# The lead's finder templates (programs/result_card.html, program_list.html, includes/) still load
# dollars from here; remove this line once they load core's formatting library.
register.filter("dollars", formatting.dollars)
