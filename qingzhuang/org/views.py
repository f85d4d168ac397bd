from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qingzhuang.org import access
from qingzhuang.org import selectors as org_selectors
from qingzhuang.org.models import Region, Unit


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    q = request.GET.get("q", "").strip()
    context = {
        "q": q,
        "roots": org_selectors.root_regions_for(user),
        "units": org_selectors.unit_search(user=user, q=q) if q else [],
        "regions": org_selectors.region_search(user=user, q=q) if q else [],
    }
    htmx = getattr(request, "htmx", None)
    template = "org/_search_results.html" if htmx and htmx.target == "search-results" else "org/tree.html"
    return render(request, template, context)


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    region = access.get_for_user(user, "org.view_unit", Region.objects.all(), pk=pk)
    context = {
        "region": region,
        "ancestors": region.ancestors(),
        "children": org_selectors.region_children(user=user, region=region),
        "units": org_selectors.units_in_region(user=user, region=region),
    }
    return render(request, "org/region.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    unit = access.get_for_user(user, "org.view_unit", Unit.objects.select_related("region", "parent"), pk=pk)
    context = {
        "unit": unit,
        "breadcrumb": org_selectors.unit_breadcrumb(user=user, unit=unit),
        "children": org_selectors.unit_children(user=user, unit=unit),
        "profiles": list(unit.profiles.order_by("-valid_from")),
        "people": org_selectors.people_of(user=user, unit=unit),
        "parent_visible": unit.parent is not None and access.can(user, "org.view_unit", unit.parent),
    }
    return render(request, "org/unit.html", context)
