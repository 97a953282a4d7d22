"""The platform's URLs plus the benchmark's trivial view (no database, every middleware)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as platform_urlpatterns


def ping(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping), *platform_urlpatterns]
