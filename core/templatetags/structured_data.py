import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data):
    """A JSON-LD block; <, > and & are escaped so no value can close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def breadcrumb_ld(context, crumbs):
    request = context["request"]
    base = context.get("SITE_URL", "")
    items = [{"name": str(_("Home")), "url": base + "/"}]
    items += [{"name": str(label), "url": base + (url or request.path)} for label, url in crumbs]
    return ld_json(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": item["name"], "item": item["url"]}
                for n, item in enumerate(items, 1)
            ],
        }
    )
