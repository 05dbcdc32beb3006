from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.GuidePageView.as_view(), name="page"),
]
