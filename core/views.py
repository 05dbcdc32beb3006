from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.context_processors import site_url


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /programs/shortlist/",
        "Disallow: /programs/export.csv",
        f"Sitemap: {site_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers and crawlers that ask for /favicon.ico before reading the page's icon link."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
