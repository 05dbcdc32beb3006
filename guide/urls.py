from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("suggest-an-update/", views.FeedbackView.as_view(), name="feedback"),
    path("<slug:slug>/", views.GuidePageView.as_view(), name="page"),
]
