from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from api import errors, views

app_name = "api"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("v1/programs/", views.ProgramListView.as_view(), name="program-list"),
    path("v1/programs/<slug:slug>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("v1/schools/", views.SchoolListView.as_view(), name="school-list"),
    path("v1/schools/<slug:slug>/", views.SchoolDetailView.as_view(), name="school-detail"),
    path("v1/pay/", views.PayListView.as_view(), name="pay-list"),
    path("v1/certifications/", views.CertificationListView.as_view(), name="certification-list"),
    path(
        "v1/certifications/<slug:slug>/",
        views.CertificationDetailView.as_view(),
        name="certification-detail",
    ),
    path("v1/states/", views.StateListView.as_view(), name="state-list"),
    re_path(
        r"^v1/states/(?P<code>[A-Za-z]{2})/$", views.StateDetailView.as_view(), name="state-detail"
    ),
    path("v1/downloads/dictionary.json", views.DictionaryView.as_view(), name="dictionary"),
    re_path(
        r"^v1/downloads/(?P<table>[a-z]+)\.(?P<file_format>csv|json)$",
        views.DownloadView.as_view(),
        name="download",
    ),
    # Anything else under /api/ answers in JSON too.
    re_path(r"", errors.not_found),
]
