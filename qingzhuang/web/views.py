from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from qingzhuang.org import selectors as org_selectors
from qingzhuang.web import health
from qingzhuang.web.navigation import attention_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    assignments = org_selectors.assignments_of(user)
    primary = assignments[0] if assignments else None
    context = {
        "assignments": assignments,
        "primary": primary,
        "breadcrumb": org_selectors.unit_breadcrumb(user=user, unit=primary.unit) if primary else [],
        "attention": attention_for(user),
    }
    return render(request, "web/home.html", context)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else None
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@never_cache
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers (a load balancer restarts it when this fails)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers and, when one is configured, the broker; 503 names what is not."""
    problems = health.readiness_problems()
    if problems:
        return HttpResponse("\n".join(problems) + "\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ready", content_type="text/plain")
