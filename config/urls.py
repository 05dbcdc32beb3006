from django.contrib import admin
from django.urls import include, path

from config.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("certifications/", include("certifications.urls")),
    path("programs/", include("programs.urls")),
    path("", include("guide.urls")),
]
