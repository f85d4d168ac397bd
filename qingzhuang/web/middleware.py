"""Refuse a query string no database can compare: a NUL in a search box was a 500 on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.lib.validate import UNSTORABLE, UNSTORABLE_MESSAGE

# Endpoints that refuse such a query themselves, in the error format their clients expect (Open311's errors/error).
OWN_CHECK_PREFIXES = ("/open311/v2/",)


class RefuseUnstorableQueryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OWN_CHECK_PREFIXES):
            return self.get_response(request)
        for key, values in request.GET.lists():
            if has_unstorable(key) or any(has_unstorable(v) for v in values):
                name = key.replace("\x00", "")[:40] or "?"
                message = str(UNSTORABLE_MESSAGE % {"field": name})
                if request.path.startswith("/api/"):
                    error = {"code": UNSTORABLE, "message": message, "fields": [{"loc": ["query", name], "message": message}]}
                    return JsonResponse({"error": error}, status=400)
                return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
