"""Pages of the duty lists: a unit's list on any day, its versions, the .xlsx import, the adjustments to approve."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from qingzhuang.duties import errors, imports, selectors, services
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import (
    AdjustmentStatus,
    Basis,
    DutyAdjustment,
    Placement,
    Signboard,
    SignboardStatus,
    Task,
    TaskStatus,
)
from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.imports import ImportFileError
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit

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


# --- Tasks and entry approval ---------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _received_units(user: Any) -> list[Unit]:
    units = access.scoped_queryset(user, services.REFUSE, Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True))
    mine = access.scoped_queryset(user, selectors.VIEW, Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True, role_assignments__user=user))
    return list((units | mine).distinct().order_by("path")[:50]) if not access.is_system_admin(user) else list(mine.order_by("path")[:50])


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    today = clock.today()
    units = _received_units(user)
    wanted = _int(request.GET.get("unit"))
    unit_shown = next((u for u in units if u.pk == wanted), units[0] if units else None)
    received = selectors.tasks_received(user, unit_shown, today) if unit_shown else []
    senders = selectors.tasks_sendable_units(user)
    sent = [selectors.task_row(t, today) for t in Task.objects.filter(issuer__in=senders).select_related("issuer", "recipient").order_by("-sent_on", "-id")[:100]]
    context = {"units": units, "unit": unit_shown, "received": received, "senders": senders, "sent": sent,
               "queue": selectors.entry_queue(user).count() if access.can(user, services.REVIEW) else None,
               "counts": {b: sum(1 for r in received if r.task.basis == b) for b in Basis.values}}
    return render(request, "duties/tasks.html", context)


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    senders = selectors.tasks_sendable_units(user)
    if not senders:
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    issuer = next((u for u in senders if u.pk == _int(data.get("issuer"))), senders[0])
    recipients = list(selectors.recipients_for(issuer)[:500])
    recipient = next((u for u in recipients if u.pk == _int(data.get("recipient"))), None)
    today = clock.today()
    in_force = selectors.list_on(recipient, today) if recipient else None
    values: dict[str, Any] = {k: data.get(k, "") for k in ("title", "content", "due_on", "effort_hours", "cited_item", "application")}
    values.update({"needs_data": bool(data.get("needs_data")), "needs_traces": bool(data.get("needs_traces"))})
    problem = ""
    if request.method == "POST" and data.get("send"):
        try:
            if recipient is None:
                raise DutyError("not_grassroots", errors.NOT_GRASSROOTS, "recipient")
            due = _date(values["due_on"])
            task = services.task_send(
                actor=user, issuer=issuer, recipient=recipient, title=values["title"], content=values["content"],
                due_on=due if due is not None else values["due_on"], effort_hours=values["effort_hours"], needs_data=values["needs_data"],
                needs_traces=values["needs_traces"], cited_item_id=_int(values["cited_item"]) if values["cited_item"] else None,
                application=values["application"],
            )
        except DutyError as exc:
            problem = exc.message
        else:
            messages.success(request, _("The task went down to %(unit)s.") % {"unit": recipient.name})
            return redirect("duties:task", pk=task.pk)
    context = {"senders": senders, "issuer": issuer, "recipients": recipients, "recipient": recipient,
               "sections": selectors.sections_of(in_force) if in_force else [], "values": values, "problem": problem}
    return render(request, "duties/task_new.html", context, status=400 if problem else 200)


@login_required
def task(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = access.get_for_user(user, selectors.VIEW, Task.objects.select_related("issuer", "recipient", "cited_item__department"), pk=pk)
    today = clock.today()
    can = {
        "refuse": found.basis == Basis.NONE and found.status in services.REFUSABLE and access.can(user, services.REFUSE, found.recipient),
        "apply": found.status == TaskStatus.UNADMITTED and access.can(user, services.SEND, found.issuer),
        "decide": found.status == TaskStatus.APPLIED and access.can(user, services.REVIEW, found.recipient),
        "revoke": found.status == TaskStatus.ACTIVE and found.basis == Basis.ADMITTED and access.can(user, services.REVIEW, found.recipient),
    }
    problem = ""
    text = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if not can.get(action):
            raise PermissionDenied(access.DENIED_MESSAGE)
        text = request.POST.get("text", "")
        try:
            if action == "refuse":
                services.task_refuse(actor=user, task=found, reason=text)
                messages.success(request, _("Refused: the issuer and the county office see your reason."))
            elif action == "apply":
                services.entry_apply(actor=user, task=found, application=text)
                messages.success(request, _("Entry applied for: the county office decides within the working days shown."))
            elif action == "decide":
                admit = request.POST.get("decision") == "admit"
                services.entry_decide(actor=user, task=found, admit=admit, note=text)
                messages.success(request, _("Admitted.") if admit else _("Entry refused."))
            else:
                services.entry_revoke(actor=user, task=found, reason=text)
                messages.success(request, _("Entry revoked."))
        except DutyError as exc:
            problem = exc.message
        else:
            return redirect("duties:task", pk=found.pk)
    context = {"task": found, "row": selectors.task_row(found, today), "can": can, "problem": problem, "text": text,
               "verdicts": verdict_rows(latest_check(found)),
               "own_duties": selectors.issuer_own_duties(found, today) if can["decide"] or can["revoke"] else [],
               "recipient_matches": selectors.recipient_matches(found, today) if can["decide"] else []}
    return render(request, "duties/task.html", context, status=400 if problem else 200)


@login_required
def entry(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, services.REVIEW)
    today = clock.today()
    rows = [selectors.task_row(t, today) for t in selectors.entry_queue(user).order_by("decision_due", "id")[:200]]
    return render(request, "duties/entry.html", {"rows": rows})


# --- Signboards -------------------------------------------------------------------------------------------


@login_required
def signboards(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    today = clock.today()
    units = list(selectors.signboard_units(user)[:300])
    wanted = _int(request.GET.get("unit") or request.POST.get("unit"))
    unit_shown = next((u for u in units if u.pk == wanted), units[0] if units and not request.GET.get("excess") else None)
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "record" and unit_shown is not None:
                if not access.can(user, services.SIGN_RECORD, unit_shown):
                    raise PermissionDenied(access.DENIED_MESSAGE)
                issuer = Unit.objects.filter(pk=_int(request.POST.get("issuer")) or 0, county_id=unit_shown.county_id).first()
                since = _date(request.POST.get("since"))
                services.signboard_record(actor=user, unit=unit_shown, name=request.POST.get("name", ""), placement=request.POST.get("placement", ""),
                                          since=since if since is not None else request.POST.get("since", ""), issuer=issuer)
                messages.success(request, _("The plaque is recorded."))
            elif action in ("remove", "decide"):
                board = access.get_for_user(user, selectors.VIEW, Signboard.objects.select_related("unit"), pk=_int(request.POST.get("board")) or 0)
                if action == "remove":
                    day = _date(request.POST.get("removed_on"))
                    services.signboard_remove(actor=user, board=board, removed_on=day if day is not None else request.POST.get("removed_on", ""),
                                              photo=request.POST.get("photo", ""), note=request.POST.get("note", ""))
                    messages.success(request, _("Recorded: the plaque was taken down (多余牌子被摘下)."))
                else:
                    services.signboard_decide(actor=user, board=board, approve=request.POST.get("decision") == "approve", note=request.POST.get("note", ""))
                    messages.success(request, _("Decided."))
            else:
                raise PermissionDenied(access.DENIED_MESSAGE)
        except DutyError as exc:
            problem = exc.message
        else:
            return redirect(reverse("duties:signboards") + (f"?unit={unit_shown.pk}" if unit_shown else "?excess=1"))
    standing = selectors.standing_on(unit_shown, today) if unit_shown else []
    removed = list(Signboard.objects.filter(unit=unit_shown, status=SignboardStatus.REMOVED).select_related("issuer").order_by("-removed_on")) if unit_shown else []
    requested = list(access.scoped_queryset(user, selectors.VIEW, Signboard.objects.filter(status=SignboardStatus.REQUESTED)).select_related("unit", "issuer"))
    context = {
        "units": units, "unit": unit_shown, "standing": standing, "removed": removed, "requested": requested,
        "excess": list(selectors.excess_for(user)[:200]), "today": today, "problem": problem,
        "can_record": unit_shown is not None and access.can(user, services.SIGN_RECORD, unit_shown),
        "can_decide": access.can(user, services.SIGN_DECIDE), "can_request": access.can(user, services.SIGN_REQUEST),
        "removed_this_year": sum(1 for b in removed if b.removed_on and b.removed_on.year == today.year and not b.allowed),
        "departments": list(Unit.objects.filter(county_id=unit_shown.county_id, kind="department").order_by("path")) if unit_shown else [],
        "placements": Placement.choices,
    }
    return render(request, "duties/signboards.html", context, status=400 if problem else 200)


@login_required
def signboard_request(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    issuers = list(access.scoped_queryset(user, services.SIGN_REQUEST, Unit.objects.filter(is_active=True)).order_by("path")[:50])
    if not issuers:
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    issuer = next((u for u in issuers if u.pk == _int(data.get("issuer"))), issuers[0])
    units = list(Unit.objects.filter(county_id=issuer.county_id, kind__in=("community", "village"), is_active=True).order_by("path")[:500])
    values = {k: data.get(k, "") for k in ("unit", "name", "placement", "reason")}
    problem = ""
    if request.method == "POST":
        unit_chosen = next((u for u in units if u.pk == _int(values["unit"])), None)
        try:
            if unit_chosen is None:
                raise DutyError("not_village", errors.NOT_VILLAGE, "unit")
            services.signboard_request(actor=user, issuer=issuer, unit=unit_chosen, name=values["name"], placement=values["placement"], reason=values["reason"])
        except DutyError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Requested: the county office decides."))
            return redirect("duties:signboards")
    context = {"issuers": issuers, "issuer": issuer, "units": units, "values": values, "problem": problem, "placements": Placement.choices}
    return render(request, "duties/signboard_request.html", context, status=400 if problem else 200)


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """The ledger's page of a community, village or town lists every task it received in the period with its basis
    (listed duty / admitted / neither) and its deadline in working days, and the plaques hanging at the period's end."""
    if unit.kind not in GRASSROOTS_KINDS or not access.can(user, selectors.VIEW, unit):
        return ""
    today = clock.today()
    last_day = min(period.end - dt.timedelta(days=1), today)
    rows = selectors.tasks_received_between(user, unit, period.start, period.end, today)
    plaques = selectors.standing_on(unit, last_day)
    return render_to_string("duties/_unit_section.html", {"received": rows, "plaques": plaques, "on": last_day})
