import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Data as JSON for a JSON-LD script element; <, > and & are escaped, so no value can close
    the element: <script type="application/ld+json">{{ data|ld_json }}</script>."""
    return mark_safe(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


@register.simple_tag(takes_context=True)
def breadcrumb_ld(context, crumbs):
    """The BreadcrumbList of a page's crumbs, for ld_json."""
    request = context["request"]
    base = context.get("SITE_URL", "")
    items = [{"name": str(_("Home")), "url": base + "/"}]
    items += [{"name": str(label), "url": base + (url or request.path)} for label, url in crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": item["name"], "item": item["url"]}
            for n, item in enumerate(items, 1)
        ],
    }
