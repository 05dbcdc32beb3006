from django.http import HttpResponse
from django.urls import include, path


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/ok", ok), path("", include("config.urls"))]
