from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("export.csv", views.export_csv, name="export"),
    path("shortlist/", views.update_shortlist, name="shortlist"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="detail"),
]
