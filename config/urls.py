from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.views import healthz

admin.site.site_header = _("Medical Assistant Career Guide: editors")
admin.site.site_title = _("MA Career Guide editors")
admin.site.index_title = _("Keep the guide true")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("certifications/", include("certifications.urls")),
    path("programs/", include("programs.urls")),
    path("", include("guide.urls")),
]
