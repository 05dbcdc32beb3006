from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from certifications.sitemaps import CertificationSitemap
from config.views import healthz
from core.sitemaps import FixedPageSitemap
from core.views import favicon, permission_denied, robots_txt, set_language
from guide.sitemaps import GuidePageSitemap
from programs.sitemaps import ProgramSitemap
from states.sitemaps import StateSitemap

SITEMAPS = {
    "guide": GuidePageSitemap,
    "pages": FixedPageSitemap,
    "certifications": CertificationSitemap,
    "programs": ProgramSitemap,
    "states": StateSitemap,
}

handler403 = permission_denied

# One language for editors and machines: admin, the API, and the site's plumbing.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("language/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

# Readers' pages: English at the addresses they always had, Spanish at the same words under
# /es/ (LocaleMiddleware activates the address's language).
urlpatterns += i18n_patterns(
    path("certifications/", include("certifications.urls")),
    path("programs/", include("programs.urls")),
    path("states/", include("states.urls")),
    path("", include("guide.urls")),
    prefix_default_language=False,
)
