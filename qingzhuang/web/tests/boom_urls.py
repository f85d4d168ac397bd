"""A URL that fails on purpose, to see the 500 page a person gets."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urls


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret-internal-detail: KeyError in views.py line 42")


urlpatterns = [path("boom/", boom), *site_urls]
