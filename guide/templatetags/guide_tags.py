import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

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
