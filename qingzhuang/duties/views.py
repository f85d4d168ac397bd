"""Pages of the duty lists: a unit's list on any day, its versions, the .xlsx import, the adjustments to approve."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingzhuang.duties import errors, imports, selectors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import AdjustmentStatus, DutyAdjustment
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.imports import ImportFileError
from qingzhuang.org.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    units = list(selectors.list_units(user)[:300])
    today = clock.today()
    rows = [(u, selectors.list_on(u, today)) for u in units]
    context = {"rows": rows, "can_import": access.can(user, services.PROPOSE), "pending": selectors.adjustments_to_decide(user).count()}
    return render(request, "duties/index.html", context)


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = access.get_for_user(user, selectors.VIEW, Unit.objects.select_related("parent"), pk=pk)
    today = clock.today()
    asked = request.GET.get("on")
    on = _date(asked) or today
    duty_list = selectors.list_on(found, on)
    context = {"unit": found, "on": on, "bad_date": bool(asked) and _date(asked) is None, "list": duty_list,
               "sections": selectors.sections_of(duty_list), "versions": selectors.versions(found)}
    return render(request, "duties/unit.html", context)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, services.PROPOSE)
    report = None
    problem = ""
    values = {"effective_from": "", "reason": ""}
    status = 200
    if request.method == "POST":
        values = {"effective_from": request.POST.get("effective_from", ""), "reason": request.POST.get("reason", "")}
        upload = request.FILES.get("file")
        effective = _date(values["effective_from"])
        try:
            if upload is None:
                raise DutyError("file_missing", errors.FILE_MISSING, "file")
            if effective is None:
                raise DutyError("date_invalid", errors.DATE_INVALID, "effective_from")
            head = upload.read(8)
            upload.seek(0)
            imports.upload_check(name=upload.name or "", size=upload.size or 0, head=head)
            stream: Any = upload.file
            report = imports.import_duty_lists(actor=user, source=stream, filename=(upload.name or "")[:200], effective_from=effective,
                                               reason=values["reason"])
        except (DutyError, ImportFileError) as exc:
            problem = exc.message
            status = 400
        else:
            if report.ok:
                messages.success(request, _("%(count)s duty list adjustments proposed: the county office approves them.") % {"count": report.created["adjustments"]})
                return redirect("duties:adjustments")
            status = 400
    return render(request, "duties/import.html", {"report": report, "problem": problem, "values": values}, status=status)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    access.require(request.user, services.PROPOSE)
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%B1%A5%E8%81%8C%E4%BA%8B%E9%A1%B9%E6%B8%85%E5%8D%95.xlsx"
    return response


@login_required
def adjustments(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    found = selectors.adjustments_visible(user).order_by("-proposed_at", "-id")[:200]
    return render(request, "duties/adjustments.html", {"adjustments": found})


@login_required
def adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = access.get_for_user(user, selectors.VIEW, DutyAdjustment.objects.select_related("unit"), pk=pk)
    can_decide = found.status == AdjustmentStatus.PENDING and access.can(user, services.APPROVE, found)
    problem = ""
    note = ""
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied(access.DENIED_MESSAGE)
        note = request.POST.get("note", "")
        try:
            if request.POST.get("decision") == "approve":
                services.adjustment_approve(actor=user, adjustment=found, note=note)
                messages.success(request, _("Approved: the new list is in force from %(date)s.") % {"date": found.effective_from})
            else:
                services.adjustment_reject(actor=user, adjustment=found, note=note)
                messages.success(request, _("Rejected: the list stays as it is."))
        except DutyError as exc:
            problem = exc.message
        else:
            return redirect("duties:unit", pk=found.unit_id)
    context = {"adjustment": found, "changes": selectors.adjustment_changes(found), "can_decide": can_decide, "problem": problem, "note": note}
    return render(request, "duties/adjustment.html", context, status=400 if problem else 200)
