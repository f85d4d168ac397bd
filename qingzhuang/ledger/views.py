"""The ledger's pages: thin, every read through selectors and the user's scope."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.ledger import article, selectors
from qingzhuang.ledger.models import LedgerReport, ReportKind
from qingzhuang.ledger.periods import MONTH, YEAR, Period, period_parse
from qingzhuang.ledger.tables import Table, percent_text, tables_to_xlsx
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: HttpRequest) -> Period:
    today = clock.today()
    if "p" in request.GET:
        return period_parse(request.GET.get("p"), today=today)
    year, part = request.GET.get("year", ""), request.GET.get("part", "")
    return period_parse(f"{year}-{part}" if part else year, today=today)


def _filters(period: Period) -> dict[str, Any]:
    today = clock.today()
    parts = [("", _("Whole year"))]
    parts += [(f"Q{q}", _("Quarter %(quarter)s") % {"quarter": q}) for q in range(1, 5)]
    parts += [(f"{m:02d}", _("Month %(month)s") % {"month": m}) for m in range(1, 13)]
    current = "" if period.kind == YEAR else (f"{period.number:02d}" if period.kind == MONTH else f"Q{period.number}")
    return {"years": list(range(today.year, today.year - 6, -1)), "parts": parts, "part": current}


def _export(table: Table | None, *, filename: str, subtitle: str) -> HttpResponse:
    if table is None:
        raise Http404
    response = HttpResponse(tables_to_xlsx([table], subtitle=subtitle), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _app_sections(hook: str, user: Any, unit: Any, period: Any) -> list[str]:
    """The sections other apps show on a ledger page (Component.board_section / unit_section), in component order."""
    from qingzhuang.components import all_components

    found = [getattr(c, hook)(user, unit, period) for c in all_components() if getattr(c, hook, None)]
    return [mark_safe(s) for s in found if s]  # each app renders its section through its own template


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can(user, selectors.BOARD_PERM):
        return redirect("ledger:mine")
    raw_unit = request.GET.get("unit", "")
    root = selectors.board_root_for(user, int(raw_unit) if raw_unit.isdigit() else None)
    period = _period(request)
    data = selectors.board(user=user, root=root, period=period, measure_code=request.GET.get("m"))
    if "export" in request.GET:
        return _export(
            data.table(request.GET["export"]),
            filename=f"ledger-{request.GET['export']}-{root.pk}-{period.key}",
            subtitle=f"{root.name} · {period.label}",
        )
    query = f"unit={root.pk}&p={period.key}&m={data.measure.code}"
    context = {
        "data": data,
        "roots": selectors.board_roots(user),
        "period": period,
        "charts": {key: chart.as_json() for key, chart in data.charts.items()},
        "can_report": access.can(user, "ledger.generate_reports", root),
        "reports": selectors.reports_visible(user, root),
        "query": query,
        "tables": _rendered_tables(data, query),
        "sections": _app_sections("board_section", user, root, period),
        **_filters(period),
    }
    return render(request, "ledger/board.html", context)


SCROLLED = {"issuers", "receivers", "quotas"}


def _rendered_tables(data: selectors.Board, query: str) -> dict[str, str]:
    """The board's tables as HTML, kept in the cache beside the tables they show (rendering them is most of
    the page's time). The quota table is rendered afresh: quotas change without the ledger."""
    key = f"{data.cache_key}:html:{query}" if data.cache_key else ""
    found: dict[str, str] | None = cache.get(key) if key else None
    if found is None:
        found = {
            t.key: render_to_string("ledger/_table.html", {"table": t, "query": query, "scroll": t.key in SCROLLED})
            for t in (data.summary, data.issuers, data.receivers, data.heaviest, data.trend)
        }
        if key:
            cache.set(key, found, getattr(settings, "QZ_BOARD_CACHE_SECONDS", 600))
    return {k: mark_safe(v) for k, v in found.items()}


@login_required
def counties(request: HttpRequest) -> HttpResponse:
    """The summary by county (a province's counties for a user who sees them all; else the user's own)."""
    user: Any = request.user
    period = _period(request)
    raw_region = request.GET.get("region", "")
    table, region = selectors.counties_summary(user=user, period=period, region_id=int(raw_region) if raw_region.isdigit() else None)
    if "export" in request.GET:
        return _export(table, filename=f"ledger-counties-{period.key}", subtitle=f"{region.name if region else ''} {period.label}".strip())
    regions = selectors.summary_regions() if access.user_scopes(user, selectors.BOARD_PERM) is access.ALL else []
    context = {
        "table": table,
        "period": period,
        "regions": regions,
        "region": region,
        "query": f"p={period.key}" + (f"&region={region.pk}" if region else ""),
        **_filters(period),
    }
    return render(request, "ledger/counties.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The user's own unit: the grassroots unit they work in (the first such assignment)."""
    user: Any = request.user
    units = access.scoped_queryset(user, selectors.UNIT_PERM, selectors.Unit.objects.filter(kind__in=GRASSROOTS_KINDS))
    unit = units.order_by("path").first()
    if unit is None:
        if access.can(user, selectors.BOARD_PERM):
            return redirect("ledger:board")
        raise PermissionDenied(access.DENIED_MESSAGE)
    return redirect("ledger:unit", pk=unit.pk)


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    target = selectors.unit_get(user, pk)
    period = _period(request)
    data = selectors.unit_ledger(user=user, unit=target, period=period)
    if "export" in request.GET:
        return _export(
            data.table(request.GET["export"]),
            filename=f"ledger-{request.GET['export']}-{target.pk}-{period.key}",
            subtitle=f"{target.name} · {period.label}",
        )
    context = {
        "data": data,
        "unit": target,
        "period": period,
        "capacity": selectors.capacity_text(data.index.capacity),
        "chart": data.chart.as_json(),
        "query": f"p={period.key}",
        "back_to_board": access.can(user, selectors.BOARD_PERM),
        "index_change_text": percent_text(data.index_change) if data.index_change is not None else "",
        "sections": _app_sections("unit_section", user, target, period),
        **_filters(period),
    }
    return render(request, "ledger/unit.html", context)


@login_required
def unit_items(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    target = selectors.unit_get(user, pk)
    period = _period(request)
    measure = selectors.measure_get(request.GET.get("m"))
    if measure is None:
        raise Http404
    table = selectors.unit_items(unit=target, period=period, measure=measure)
    if "export" in request.GET:
        return _export(table, filename=f"ledger-items-{target.pk}-{period.key}", subtitle=f"{target.name} · {period.label}")
    context = {"unit": target, "period": period, "measure": measure, "table": table, "query": f"p={period.key}&m={measure.code}"}
    return render(request, "ledger/items.html", context)


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    """Generate a report in the background and show its progress (qingzhuang.jobs)."""
    from qingzhuang.jobs.services import job_start

    user: Any = request.user
    raw = request.POST.get("unit", "")
    if not raw.isdigit():
        raise Http404
    root = access.get_for_user(user, "ledger.generate_reports", selectors.Unit.objects.all(), pk=int(raw))
    kind = request.POST.get("kind", ReportKind.ANNUAL)
    if kind not in ReportKind.values:
        raise Http404
    period = period_parse(request.POST.get("p"), today=clock.today())
    if kind == ReportKind.ANNUAL:
        period = Period(YEAR, period.year)
    elif period.kind != MONTH:
        period = Period(MONTH, period.year, 12 if period.kind == YEAR else period.number * 3)
    job = job_start(
        actor=user,
        kind="ledger.report",
        func="qingzhuang.ledger.tasks.report_job",
        payload={"unit_id": root.pk, "kind": kind, "period": period.key, "user_id": user.pk},
        unit=root,
    )
    return redirect("jobs:detail", pk=job.pk)


@login_required
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    user: Any = request.user
    report = access.get_for_user(user, selectors.REPORT_PERM, LedgerReport.objects.all(), pk=pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    field = report.pdf if fmt == "pdf" else report.xlsx
    if not field:
        raise Http404
    name = f"{report.unit.name}-{report.get_kind_display()}-{report.period}.{fmt}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def report_now(request: HttpRequest) -> HttpResponse:
    """The board as PDF, made in the background (WeasyPrint takes seconds: no web worker waits on it); the job's page
    offers the file when it is ready."""
    from qingzhuang.jobs.services import job_start

    user: Any = request.user
    raw = request.POST.get("unit", "")
    if not raw.isdigit():
        raise Http404
    root = access.get_for_user(user, selectors.REPORT_PERM, selectors.Unit.objects.all(), pk=int(raw))
    period = period_parse(request.POST.get("p"), today=clock.today())
    job = job_start(actor=user, kind="ledger.board_pdf", func="qingzhuang.ledger.tasks.board_pdf_job",
                    payload={"unit_id": root.pk, "period": period.key, "user_id": user.pk}, unit=root)
    return redirect("jobs:detail", pk=job.pk)


@login_required
def article_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    office = article.county_office()
    if office is None or not access.can(user, selectors.BOARD_PERM, office):
        raise PermissionDenied(access.DENIED_MESSAGE)
    result = article.article_figures(user=user, office=office)

    def row(f: article.Figure) -> dict[str, str]:
        return {
            "label": f.label,
            "last": f"{f.last:,.0f}",
            "this": f"{f.this:,.0f}",
            "change": percent_text(f.change) if f.change is not None else "—",
            "published": percent_text(f.published) if f.published is not None else "—",
        }

    rows = [row(f) for f in result.figures]
    burden = [row(f) for f in result.burden]
    hours = f"{result.hours_per_meeting:.2f}" if result.hours_per_meeting is not None else ""
    over = f"{result.over_an_hour:.0f}" if result.over_an_hour is not None else ""
    return render(
        request, "ledger/article.html", {"result": result, "office": office, "rows": rows, "burden": burden, "hours": hours, "over": over}
    )
