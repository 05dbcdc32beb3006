from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_patterns


def ok(request):
    return HttpResponse("ok")


# The site's patterns are spliced in, not included: Django refuses i18n_patterns in an include.
urlpatterns = [path("bench/ok", ok), *site_patterns]
