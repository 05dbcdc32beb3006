from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("suggest-an-update/", views.FeedbackView.as_view(), name="feedback"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("glossary/", views.GlossaryView.as_view(), name="glossary"),
    path("<slug:slug>/", views.GuidePageView.as_view(), name="page"),
]
