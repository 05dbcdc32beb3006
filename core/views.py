from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse, HttpResponseForbidden, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core.context_processors import site_url
from core.origin import same_origin


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /programs/shortlist/",
        "Disallow: /programs/export.csv",
        "Disallow: /es/programs/shortlist/",
        "Disallow: /es/programs/export.csv",
        f"Disallow: {reverse('set_language')}",
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


# The switcher's form carries no CSRF token, so that every page stays cacheable for everyone;
# same_origin stops other sites from posting to it, and a forged post could only change a
# visitor's language.
@csrf_exempt
@require_POST
def set_language(request):
    """The language switcher: remembers the reader's choice in Django's language cookie (which
    sends them from / to their language's home next time) and opens the page they were on in
    that language. Unlike Django's set_language, it is given the page's address in the chosen
    language (the page worked it out while its own language was active), so it never has to
    resolve an address in one language while another is active."""
    if not same_origin(request):
        return HttpResponseForbidden(_("This form can only be sent from our own pages."))
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not allowed:
        with override(language):
            target = reverse("guide:home")
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
