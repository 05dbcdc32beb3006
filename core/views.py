from django.contrib import admin
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
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


def permission_denied(request, exception=None):
    """An editor refused a page in admin stays in admin, with a way back to the dashboard."""
    if request.path.startswith(reverse("admin:index")):
        return render(request, "admin/403.html", admin.site.each_context(request), status=403)
    return render(request, "403.html", status=403)
