"""Writes of the duty lists: propose a new version (an adjustment), approve or reject it.

A list changes only through an approved adjustment: the approval closes the current version the day before the
new one starts and writes the new version's items, in one transaction with its audit events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.duties import errors, selectors
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import (
    AdjustmentStatus,
    Basis,
    DutyAdjustment,
    DutyItem,
    DutyList,
    Placement,
    Section,
    Signboard,
    SignboardStatus,
    Task,
    TaskStatus,
)
from qingzhuang.duties.rules import SIGNBOARD, TASK, SignboardAllowedRule, is_allowed_outside
from qingzhuang.gate.rules import GateContext, gate_record, gate_run, rule_by_code, rule_params
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.validate import choice_value, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind
from qingzhuang.workdays.selectors import add_working_days

PROPOSE = "duties.propose"
APPROVE = "duties.approve"
MAX_ITEMS = 500


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def items_clean(*, unit: Unit, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The list's items as stored: section known, title and basis clean, department a department of the unit's county."""
    if not items:
        raise DutyError("no_items", errors.NO_ITEMS, "items")
    if len(items) > MAX_ITEMS:
        raise DutyError("too_many_items", errors.TOO_MANY_ITEMS % {"max": MAX_ITEMS}, "items")
    cleaned = []
    seen = set()
    for raw in items:
        section = choice_value(raw.get("section"), field="section", label=DutyItem._meta.get_field("section").verbose_name,
                               choices=Section.choices, error=DutyError)
        values = clean_values(DutyItem, {"title": raw.get("title"), "basis": raw.get("basis") or ""}, error=DutyError)
        department_id = raw.get("department_id")
        if department_id is not None and (not isinstance(department_id, int) or not Unit.objects.filter(
            pk=department_id, county_id=unit.county_id, kind__in=(UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE, UnitKind.PARTY_GOV_OFFICE)
        ).exists()):
            raise DutyError("department_unknown", errors.DEPARTMENT_UNKNOWN % {"name": str(department_id)[:20]}, "department_id")
        key = (section, values["title"])
        if key in seen:
            raise DutyError("item_twice", errors.ITEM_TWICE % {"title": values["title"][:40]}, "items")
        seen.add(key)
        cleaned.append({"section": section, "title": values["title"], "basis": values["basis"], "department_id": department_id})
    if not any(i["section"] == Section.BASIC for i in cleaned):
        raise DutyError("no_items", errors.NO_ITEMS, "items")
    return cleaned


def current_version(unit: Unit) -> DutyList | None:
    return DutyList.objects.filter(unit=unit).order_by("-version").first()


def adjustment_propose(*, actor: Any, unit: Unit, effective_from: dt.date, reason: str, items: list[dict[str, Any]], filename: str = "") -> DutyAdjustment:
    """Propose a new version of the unit's whole duty list, from a given day; the county office approves it."""
    if actor is not None:
        access.require(actor, PROPOSE, unit)
    if unit.kind not in GRASSROOTS_KINDS:
        raise DutyError("not_grassroots", errors.NOT_GRASSROOTS, "unit")
    if not isinstance(effective_from, dt.date):
        raise DutyError("date_invalid", errors.DATE_INVALID, "effective_from")
    values = clean_values(DutyAdjustment, {"reason": reason, "filename": filename[:200]}, error=DutyError)
    cleaned = items_clean(unit=unit, items=items)
    with transaction.atomic():
        adjustment = DutyAdjustment.objects.create(unit=unit, effective_from=effective_from, reason=values["reason"], items=cleaned,
                                                   filename=values["filename"], proposed_by=_user(actor))
        audit_created(actor=actor, obj=adjustment, unit=unit)
    return adjustment


def adjustment_approve(*, actor: Any, adjustment: DutyAdjustment, note: str = "") -> DutyList:
    """Approve: the current version ends the day before, the adjustment's list becomes the next version."""
    if actor is not None:
        access.require(actor, APPROVE, adjustment.unit)
    values = clean_values(DutyAdjustment, {"note": note}, error=DutyError)
    with transaction.atomic():
        locked = DutyAdjustment.objects.select_for_update().get(pk=adjustment.pk)
        if locked.status != AdjustmentStatus.PENDING:
            raise DutyError("not_pending", errors.NOT_PENDING)
        current = DutyList.objects.select_for_update().filter(unit=locked.unit).order_by("-version").first()
        if current is not None and locked.effective_from <= current.valid_from:
            raise DutyError("effective_too_early", errors.EFFECTIVE_TOO_EARLY % {"version": current.version, "date": current.valid_from}, "effective_from")
        if current is not None:
            before = snapshot(current)
            current.valid_to = locked.effective_from - dt.timedelta(days=1)
            current.save(update_fields=["valid_to"])
            audit_updated(actor=actor, obj=current, before=before, unit=current.unit)
        made = DutyList.objects.create(unit=locked.unit, version=(current.version + 1) if current else 1, valid_from=locked.effective_from,
                                       adjustment=locked)
        numbers: dict[str, int] = {}
        for item in locked.items:
            numbers[item["section"]] = numbers.get(item["section"], 0) + 1
            DutyItem.objects.create(duty_list=made, section=item["section"], number=numbers[item["section"]], title=item["title"],
                                    basis=item.get("basis") or "", department_id=item.get("department_id"))
        audit_created(actor=actor, obj=made, unit=made.unit, reason=f"{len(locked.items)} duties")
        before = snapshot(locked)
        locked.status, locked.decided_by, locked.decided_at, locked.note = AdjustmentStatus.APPROVED, _user(actor), timezone.now(), values["note"]
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return made


def adjustment_reject(*, actor: Any, adjustment: DutyAdjustment, note: str) -> DutyAdjustment:
    if actor is not None:
        access.require(actor, APPROVE, adjustment.unit)
    note = text_value(note, field="note", label=DutyAdjustment._meta.get_field("note").verbose_name, max_length=2000, multiline=True, error=DutyError)
    with transaction.atomic():
        locked = DutyAdjustment.objects.select_for_update().get(pk=adjustment.pk)
        if locked.status != AdjustmentStatus.PENDING:
            raise DutyError("not_pending", errors.NOT_PENDING)
        before = snapshot(locked)
        locked.status, locked.decided_by, locked.decided_at, locked.note = AdjustmentStatus.REJECTED, _user(actor), timezone.now(), note
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return locked


# --- Tasks and entry approval (准入) ------------------------------------------------------------------

SEND = "duties.task_send"
REFUSE = "duties.task_refuse"
REVIEW = "duties.entry_review"
WITH_BASIS = "duties.tasks_with_basis"
WITHOUT_BASIS = "duties.tasks_without_basis"
REFUSALS = "duties.tasks_refused"
MAX_EFFORT_HOURS = 10_000
REFUSABLE = (TaskStatus.UNADMITTED, TaskStatus.APPLIED, TaskStatus.REVOKED)


def _today() -> dt.date:
    return clock.today()


def _move_basis(task: Task, *, to_basis: bool) -> None:
    """The task counts with a basis (admitted) or without one (revoked) from its sent day on."""
    sign = 1.0 if to_basis else -1.0
    ledger_add(measure=WITHOUT_BASIS, unit_id=task.recipient_id, day=task.sent_on, amount=-sign, issuer_id=task.issuer_id)
    ledger_add(measure=WITH_BASIS, unit_id=task.recipient_id, day=task.sent_on, amount=sign, issuer_id=task.issuer_id)


def task_send(
    *, actor: Any, issuer: Unit, recipient: Unit, title: str, content: str, due_on: Any, effort_hours: Any,
    needs_data: bool = False, needs_traces: bool = False, cited_item_id: Any = None, application: str = "",
) -> Task:
    """Push a task down to a town/street, community or village through the gate.

    Citing a duty on the recipient's list in force, it goes down with that basis; citing an item taken back by an
    upper department, the gate refuses it and nothing is written; citing nothing, it goes down without a basis
    (the unit may refuse it) and, with an ``application``, its entry approval starts at once.
    """
    if actor is not None:
        access.require(actor, SEND, issuer)
    if recipient.kind not in GRASSROOTS_KINDS:
        raise DutyError("not_grassroots", errors.NOT_GRASSROOTS, "recipient")
    if recipient.county_id is None or recipient.county_id != issuer.county_id or recipient.pk == issuer.pk:
        raise DutyError("outside_county", errors.ISSUER_NOT_ABOVE % {"issuer": issuer.name, "recipient": recipient.name}, "recipient")
    values = clean_values(Task, {"title": title, "content": content, "effort_hours": effort_hours},
                          ranges={"effort_hours": (0, MAX_EFFORT_HOURS)}, error=DutyError)
    today = _today()
    if not isinstance(due_on, dt.date):
        raise DutyError("date_invalid", errors.DATE_INVALID, "due_on")
    if due_on < today:
        raise DutyError("due_before_sent", errors.DUE_BEFORE_SENT, "due_on")
    cited = None
    if cited_item_id not in (None, ""):
        in_force = selectors.list_on(recipient, today)
        if not isinstance(cited_item_id, int) or in_force is None:
            raise DutyError("not_listed", errors.CITED_NOT_LISTED % {"unit": recipient.name}, "cited_item_id")
        cited = DutyItem.objects.select_related("department").filter(pk=cited_item_id, duty_list=in_force).first()
        if cited is None:
            raise DutyError("not_listed", errors.CITED_NOT_LISTED % {"unit": recipient.name}, "cited_item_id")
    listed = cited is not None
    task = Task(issuer=issuer, recipient=recipient, title=values["title"], content=values["content"], due_on=due_on,
                effort_hours=values["effort_hours"], needs_data=bool(needs_data), needs_traces=bool(needs_traces), cited_item=cited,
                basis=Basis.LISTED if listed else Basis.NONE, status=TaskStatus.ACTIVE if listed else TaskStatus.UNADMITTED,
                sent_on=today, sent_by=_user(actor))
    report = gate_run(ctx=GateContext(item=task, item_kind=TASK, issuer=issuer, county=issuer.county, today=today, actor=actor))
    if report.blocked:
        if cited is not None and cited.section == Section.TAKEN_BACK:
            department = cited.department.name if cited.department else ""
            raise DutyError("taken_back", errors.TAKEN_BACK % {"title": cited.title, "department": department}, "cited_item_id")
        raise DutyError("gate_blocked", errors.GATE_BLOCKED % {"reason": "；".join(v.text() for v in report.blocking())})
    with transaction.atomic():
        task.save()
        audit_created(actor=actor, obj=task, unit=recipient)
        gate_record(item=task, report=report, actor=actor)
        ledger_add(measure=WITH_BASIS if listed else WITHOUT_BASIS, unit_id=recipient.pk, day=today, amount=1.0, issuer_id=issuer.pk)
        if not listed and application.strip():
            entry_apply(actor=actor, task=task, application=application)
    task.refresh_from_db()
    return task


def entry_apply(*, actor: Any, task: Task, application: str) -> Task:
    """The issuer applies for entry (准入) of a task citing no listed duty; the decision is due in working days."""
    if actor is not None:
        access.require(actor, SEND, task.issuer)
    reason = text_value(application, field="application", label=Task._meta.get_field("application").verbose_name, max_length=2000,
                        multiline=True, error=DutyError)
    today = _today()
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.status != TaskStatus.UNADMITTED:
            raise DutyError("not_unadmitted", errors.NOT_UNADMITTED)
        before = snapshot(locked)
        locked.status, locked.applied_on, locked.application = TaskStatus.APPLIED, today, reason
        locked.decision_due = add_working_days(today, settings.QZ_ENTRY_DECISION_WORKDAYS).day
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.recipient)
    return locked


def entry_decide(*, actor: Any, task: Task, admit: bool, note: str = "") -> Task:
    """The county's 准入 office admits the task (it counts with a basis from then on) or refuses it (with a reason)."""
    if actor is not None:
        access.require(actor, REVIEW, task.recipient)
    note = text_value(note, field="note", label=Task._meta.get_field("decision_note").verbose_name, max_length=2000, multiline=True,
                      required=not admit, error=DutyError)
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.status != TaskStatus.APPLIED:
            raise DutyError("not_applied", errors.NOT_APPLIED)
        before = snapshot(locked)
        locked.decided_by, locked.decided_on, locked.decision_note = _user(actor), _today(), note
        if admit:
            locked.status, locked.basis = TaskStatus.ACTIVE, Basis.ADMITTED
            _move_basis(locked, to_basis=True)
        else:
            locked.status = TaskStatus.ENTRY_REFUSED
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.recipient)
    return locked


def entry_revoke(*, actor: Any, task: Task, reason: str) -> Task:
    """The 准入 office revokes an admitted task's entry: it has no basis again and the unit may refuse it."""
    if actor is not None:
        access.require(actor, REVIEW, task.recipient)
    reason = text_value(reason, field="reason", label=Task._meta.get_field("decision_note").verbose_name, max_length=2000, multiline=True, error=DutyError)
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.basis != Basis.ADMITTED or locked.status != TaskStatus.ACTIVE:
            raise DutyError("not_admitted", errors.NOT_ADMITTED)
        before = snapshot(locked)
        locked.status, locked.basis, locked.decision_note = TaskStatus.REVOKED, Basis.NONE, reason
        locked.decided_by, locked.decided_on = _user(actor), _today()
        _move_basis(locked, to_basis=False)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.recipient)
    return locked


def task_refuse(*, actor: Any, task: Task, reason: str) -> Task:
    """The receiving unit refuses a task that is neither listed nor admitted, in one step; the refusal is counted."""
    if actor is not None:
        access.require(actor, REFUSE, task.recipient)
    reason = text_value(reason, field="reason", label=Task._meta.get_field("refusal_reason").verbose_name, max_length=2000, multiline=True,
                        error=DutyError)
    today = _today()
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.status not in REFUSABLE or locked.basis != Basis.NONE:
            raise DutyError("not_refusable", errors.NOT_REFUSABLE)
        before = snapshot(locked)
        locked.status, locked.refused_on, locked.refusal_reason = TaskStatus.REFUSED, today, reason
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.recipient)
        ledger_add(measure=REFUSALS, unit_id=locked.recipient_id, day=today, amount=1.0, issuer_id=locked.issuer_id)
    return locked


# --- Signboards (挂牌) -------------------------------------------------------------------------------------

SIGN_RECORD = "duties.signboard_record"
SIGN_REQUEST = "duties.signboard_request"
SIGN_DECIDE = "duties.signboard_decide"
HUNG = "duties.signboards_hung"
EXCESS = "duties.signboards_excess"
REMOVED = "duties.signboards_removed"
PLAQUE_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)


def _allowed(board: Signboard) -> bool:
    enabled, params = rule_params(rule_by_code(SignboardAllowedRule.code), board.unit.county)
    return board.placement != Placement.OUTSIDE or not enabled or is_allowed_outside(board.name, params.get("allowed_outside"))


def _hung(board: Signboard, day: dt.date, amount: float) -> None:
    ledger_add(measure=HUNG, unit_id=board.unit_id, day=day, amount=amount, issuer_id=board.issuer_id)
    if not board.allowed:
        ledger_add(measure=EXCESS, unit_id=board.unit_id, day=day, amount=amount, issuer_id=board.issuer_id)


def _signboard_values(unit: Unit, name: str, placement: str) -> dict[str, Any]:
    if unit.kind not in PLAQUE_KINDS:
        raise DutyError("not_village", errors.NOT_VILLAGE, "unit")
    return clean_values(Signboard, {"name": name, "placement": placement}, error=DutyError)


def signboard_record(*, actor: Any, unit: Unit, name: str, placement: str, since: Any, issuer: Unit | None = None) -> Signboard:
    """Record a plaque hanging at a village or community (the inventory); one outside the allowed list is flagged."""
    if actor is not None:
        access.require(actor, SIGN_RECORD, unit)
    values = _signboard_values(unit, name, placement)
    if not isinstance(since, dt.date):
        raise DutyError("date_invalid", errors.DATE_INVALID, "since")
    if since > _today():
        raise DutyError("since_in_future", errors.SINCE_IN_FUTURE, "since")
    if issuer is not None and issuer.county_id != unit.county_id:
        raise DutyError("department_unknown", errors.DEPARTMENT_UNKNOWN % {"name": issuer.name}, "issuer")
    board = Signboard(unit=unit, issuer=issuer, status=SignboardStatus.HUNG, since=since, recorded_by=_user(actor), **values)
    board.allowed = _allowed(board)
    with transaction.atomic():
        board.save()
        audit_created(actor=actor, obj=board, unit=unit)
        _hung(board, since, 1.0)
    return board


def signboard_request(*, actor: Any, issuer: Unit, unit: Unit, name: str, placement: str, reason: str) -> Signboard:
    """A department asks to hang a new plaque: the gate refuses one outside the allowed list, the county office decides the rest."""
    if actor is not None:
        access.require(actor, SIGN_REQUEST, issuer)
    if unit.county_id is None or unit.county_id != issuer.county_id:
        raise DutyError("outside_county", errors.ISSUER_NOT_ABOVE % {"issuer": issuer.name, "recipient": unit.name}, "unit")
    values = _signboard_values(unit, name, placement)
    reason = text_value(reason, field="reason", label=Signboard._meta.get_field("reason").verbose_name, max_length=2000, multiline=True, error=DutyError)
    board = Signboard(unit=unit, issuer=issuer, status=SignboardStatus.REQUESTED, requested_on=_today(), reason=reason,
                      recorded_by=_user(actor), **values)
    board.allowed = _allowed(board)
    report = gate_run(ctx=GateContext(item=board, item_kind=SIGNBOARD, issuer=issuer, county=issuer.county, today=_today(), actor=actor))
    if report.blocked:
        raise DutyError("signboard_excess", errors.SIGNBOARD_EXCESS % {"reason": "；".join(v.text() for v in report.blocking())}, "name")
    with transaction.atomic():
        board.save()
        audit_created(actor=actor, obj=board, unit=unit)
        gate_record(item=board, report=report, actor=actor)
    return board


def signboard_decide(*, actor: Any, board: Signboard, approve: bool, note: str = "") -> Signboard:
    if actor is not None:
        access.require(actor, SIGN_DECIDE, board.unit)
    note = text_value(note, field="note", label=Signboard._meta.get_field("decision_note").verbose_name, max_length=2000, multiline=True,
                      required=not approve, error=DutyError)
    with transaction.atomic():
        locked = Signboard.objects.select_for_update().select_related("unit").get(pk=board.pk)
        if locked.status != SignboardStatus.REQUESTED:
            raise DutyError("not_requested", errors.NOT_REQUESTED)
        before = snapshot(locked)
        locked.decided_by, locked.decision_note = _user(actor), note
        if approve:
            locked.status, locked.since = SignboardStatus.HUNG, _today()
            locked.allowed = _allowed(locked)
            _hung(locked, locked.since, 1.0)
        else:
            locked.status = SignboardStatus.REFUSED
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return locked


def signboard_remove(*, actor: Any, board: Signboard, removed_on: Any, photo: str, note: str = "") -> Signboard:
    """Take a plaque down (多余牌子被摘下), with the day and the photo's reference: the figures count it."""
    if actor is not None:
        access.require(actor, SIGN_RECORD, board.unit)
    values = clean_values(Signboard, {"removal_photo": photo, "removal_note": note}, error=DutyError)
    if not values["removal_photo"]:
        raise DutyError("photo_needed", errors.PHOTO_NEEDED, "removal_photo")
    if not isinstance(removed_on, dt.date):
        raise DutyError("date_invalid", errors.DATE_INVALID, "removed_on")
    if removed_on > _today():
        raise DutyError("removed_in_future", errors.REMOVED_IN_FUTURE, "removed_on")
    with transaction.atomic():
        locked = Signboard.objects.select_for_update().get(pk=board.pk)
        if locked.status != SignboardStatus.HUNG:
            raise DutyError("not_hung", errors.NOT_HUNG)
        if locked.since and removed_on < locked.since:
            raise DutyError("removed_before_hung", errors.REMOVED_BEFORE_HUNG % {"since": locked.since}, "removed_on")
        before = snapshot(locked)
        locked.status, locked.removed_on = SignboardStatus.REMOVED, removed_on
        locked.removal_photo, locked.removal_note = values["removal_photo"], values["removal_note"]
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
        _hung(locked, removed_on, -1.0)
        ledger_add(measure=REMOVED, unit_id=locked.unit_id, day=removed_on, amount=1.0, issuer_id=locked.issuer_id)
    return locked
