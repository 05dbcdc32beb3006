from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from certifications.sitemaps import CertificationSitemap
from config.views import healthz
from core.sitemaps import FixedPageSitemap
from core.views import favicon, permission_denied, robots_txt
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

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("certifications/", include("certifications.urls")),
    path("programs/", include("programs.urls")),
    path("states/", include("states.urls")),
    path("", include("guide.urls")),
]
