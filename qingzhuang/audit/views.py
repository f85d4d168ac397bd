from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from qingzhuang.audit import exports, selectors
from qingzhuang.audit.forms import EventFilterForm
from qingzhuang.jobs.models import Job
from qingzhuang.org import access

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[EventFilterForm, Any]:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    form = EventFilterForm(request.GET or None, user=user)
    return form, selectors.event_search(user=user, filters=form.filters())


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.event_rows(user=request.user, events=page.object_list),
        "columns": selectors.COLUMNS,
        "query": _querystring(request),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }
    return render(request, "audit/list.html", context)


@login_required
@require_GET
def object_history(request: HttpRequest, model: str, object_id: str) -> HttpResponse:
    events = selectors.object_history(user=request.user, model=model, object_id=object_id)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.event_rows(user=request.user, events=page.object_list)
    latest = rows[0] if rows else None
    context = {
        "page": page,
        "rows": rows,
        "columns": selectors.COLUMNS,
        "object_type": selectors.model_label(model),
        "object_repr": latest.object if latest else object_id,
        "query": "",
    }
    return render(request, "audit/object.html", context)


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    _form, events = _filtered(request)
    outcome = exports.xlsx_export(user=request.user, events=events, query=_querystring(request))
    if isinstance(outcome, Job):
        return redirect("jobs:detail", pk=outcome.pk)
    return outcome


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, events = _filtered(request)
    return exports.csv_export(user=request.user, events=events, query=_querystring(request))
