"""What the Markdown sanitiser will drop from an editor's text, said before it is lost.

The public pages pass Markdown through nh3 with a short list of allowed tags (see the
`markdown` filter); anything else, such as an image, a top-level heading or raw HTML, silently
disappears. The admin runs this check on save and on preview so the editor sees what went.
"""

from html.parser import HTMLParser

import markdown as markdown_lib
from django.utils.translation import gettext as _

from guide.templatetags.guide_tags import ALLOWED_TAGS, MARKDOWN_EXTENSIONS


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)


def _describe(tag):
    if tag == "img":
        return _("images (![…](…))")
    if tag == "h1":
        return _("top-level headings (# …): the page title is the only one, start at ##")
    if tag in {"h5", "h6"}:
        return _("headings deeper than #### (##### …)")
    if tag in {"script", "style"}:
        return _("scripts and styles (<%(tag)s>)") % {"tag": tag}
    return _("raw HTML <%(tag)s>") % {"tag": tag}


def dropped_markup(text):
    """Plain descriptions of the parts of `text` the public page will not show, in order."""
    collector = _TagCollector()
    collector.feed(markdown_lib.markdown(text or "", extensions=MARKDOWN_EXTENSIONS))
    collector.close()
    return list(dict.fromkeys(_describe(tag) for tag in collector.tags if tag not in ALLOWED_TAGS))
