"""Pages of the community's voice: the community's received items (sign, report), the county office's queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.cases import services as case_services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Category, Urgency
from qingzhuang.feedback import errors, selectors, services
from qingzhuang.feedback.errors import FeedbackError
from qingzhuang.feedback.models import ProblemKind, Report, ReportStatus
from qingzhuang.org import access
from qingzhuang.org.models import Unit


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    units = selectors.grassroots_units(user)
    if not units:
        raise PermissionDenied(access.DENIED_MESSAGE)
    wanted = _int(request.GET.get("unit"))
    unit = next((u for u in units if u.pk == wanted), units[0])
    rows = selectors.inbox(user=user, unit=unit)
    context = {"unit": unit, "units": units, "rows": rows, "unsigned": selectors.unsigned_count(user=user, unit=unit),
               "window_days": settings.QZ_SIGN_WINDOW_DAYS}
    return render(request, "feedback/home.html", context)


@login_required
@require_POST
def sign(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    unit = access.get_for_user(user, services.SIGN, Unit.objects.all(), pk=_int(request.POST.get("unit")) or 0)
    try:
        services.receipt_sign(actor=user, unit=unit, item_type=request.POST.get("item_type", ""), item_id=_int(request.POST.get("item_id")) or 0)
    except FeedbackError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Signed for."))
    return redirect(f"/feedback/?unit={unit.pk}")


@login_required
def report_new(request: HttpRequest, unit_id: int, item_type: str, item_id: int) -> HttpResponse:
    user: Any = request.user
    unit = access.get_for_user(user, services.REPORT, Unit.objects.all(), pk=unit_id)
    item = selectors.received_item(unit=unit, item_type=item_type, item_id=item_id)
    if item is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    problem = ""
    values = {"kind": "", "text": ""}
    if request.method == "POST":
        values = {"kind": request.POST.get("kind", ""), "text": request.POST.get("text", "")}
        try:
            services.report_create(actor=user, unit=unit, item_type=item_type, item_id=item_id, kind=values["kind"], text=values["text"])
        except FeedbackError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Your report went to the county office. Its answer will show here."))
            return redirect(f"/feedback/?unit={unit.pk}")
    context = {"unit": unit, "item": item, "item_type": item_type, "title": getattr(item, "title", None) or getattr(item, "topic", ""),
               "issuer": selectors.item_issuer(item), "kinds": ProblemKind.choices, "values": values, "problem": problem}
    return render(request, "feedback/report_new.html", context)


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    status = request.GET.get("status", "")
    found = selectors.reports_visible(user)
    if status in ReportStatus.values:
        found = found.filter(status=status)
    context = {"reports": found.order_by("-reported_at", "-id")[:200], "status": status, "statuses": ReportStatus.choices,
               "open_count": selectors.reports_visible(user).filter(status=ReportStatus.OPEN).count()}
    return render(request, "feedback/reports.html", context)


CASE_FIELDS = ("title", "description", "category", "urgency", "location")


def _case_values(report: Report, data: Any | None) -> dict[str, Any]:
    """The case form's values: what was posted, or the report's own words to start from."""
    if data is None:
        return {"title": report.item_title[:100], "description": report.text, "category": "", "urgency": Urgency.GENERAL, "location": "",
                "beyond_power": False, "beyond_ability": False}
    values: dict[str, Any] = {k: data.get(k, "") for k in CASE_FIELDS}
    values["urgency"] = values["urgency"] or Urgency.GENERAL
    values.update({"beyond_power": data.get("beyond_power") == "1", "beyond_ability": data.get("beyond_ability") == "1"})
    return values


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    report = access.get_for_user(user, selectors.VIEW, Report.objects.select_related("unit", "issuer", "reported_by__person", "case__lead"), pk=pk)
    can_answer = report.status == ReportStatus.OPEN and access.can(user, services.ANSWER, report)
    can_raise = report.case_id is None and access.can(user, case_services.RAISE, report.unit)
    problem = case_problem = ""
    reply = ""
    case_values = _case_values(report, None)
    if request.method == "POST" and request.POST.get("action") == "case":
        if not can_raise:
            raise PermissionDenied(access.DENIED_MESSAGE)
        case_values = _case_values(report, request.POST)
        try:
            case = services.report_raise_case(actor=user, report=report, photos=request.FILES.getlist("photos"), **case_values)
        except (CaseError, FeedbackError) as exc:
            case_problem = exc.message
        else:
            messages.success(request, _("Raised as case %(case)s: the paired departments are asked to accept it.") % {"case": case.pk})
            return redirect("feedback:report", pk=report.pk)
    elif request.method == "POST":
        if not can_answer:
            raise PermissionDenied(access.DENIED_MESSAGE)
        reply = request.POST.get("reply", "")
        decision = request.POST.get("decision")
        try:
            if decision not in ("accept", "reject"):
                raise FeedbackError("decision_unknown", errors.DECISION_UNKNOWN, "decision")
            services.report_answer(actor=user, report=report, accepted=decision == "accept", reply=reply)
        except FeedbackError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Answered: the community sees your reply."))
            return redirect("feedback:reports")
    context = {"report": report, "can_answer": can_answer, "problem": problem, "reply": reply, "can_raise": can_raise,
               "case_problem": case_problem, "case_values": case_values, "categories": Category.choices, "urgencies": Urgency.choices,
               "max_photos": case_services.MAX_PHOTOS}
    return render(request, "feedback/report.html", context, status=400 if problem or case_problem else 200)
