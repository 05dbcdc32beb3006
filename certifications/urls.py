from django.urls import path

from . import views

app_name = "certifications"

urlpatterns = [
    path("", views.CertificationListView.as_view(), name="list"),
    path("eligibility/", views.EligibilityView.as_view(), name="eligibility"),
    path("<slug:slug>/", views.CertificationDetailView.as_view(), name="detail"),
]
