"""Reads of the duty lists: any day's list of a unit, its versions, the adjustments waiting for approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import FloatField, Q, QuerySet, Value
from django.urls import reverse

from qingzhuang.duties import matching
from qingzhuang.duties.models import (
    AdjustmentStatus,
    Basis,
    DutyAdjustment,
    DutyItem,
    DutyList,
    Section,
    Signboard,
    SignboardStatus,
    Task,
    TaskStatus,
)
from qingzhuang.lib.workdays import Deadline
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind
from qingzhuang.workdays.selectors import add_working_days, deadline_on, working_days_between

VIEW = "duties.view"
APPROVE = "duties.approve"


def list_units(user: Any) -> QuerySet[Unit]:
    """The towns/streets, communities and villages whose lists the user may read."""
    return access.scoped_queryset(user, VIEW, Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True)).order_by("path")


def list_on(unit: Unit, day: dt.date) -> DutyList | None:
    """The version of the unit's list in force on ``day`` (None before its first list)."""
    return (
        DutyList.objects.filter(unit=unit, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-version")
        .first()
    )


@dataclass
class SectionItems:
    section: str
    label: str
    items: list[DutyItem] = field(default_factory=list)


def sections_of(duty_list: DutyList | None) -> list[SectionItems]:
    found = [SectionItems(value, str(label)) for value, label in Section.choices]
    if duty_list is None:
        return found
    by_section = {s.section: s for s in found}
    for item in duty_list.items.select_related("department").order_by("section", "number"):
        by_section[item.section].items.append(item)
    return found


def versions(unit: Unit) -> list[DutyList]:
    return list(DutyList.objects.filter(unit=unit).select_related("adjustment").order_by("-version"))


def adjustments_visible(user: Any) -> QuerySet[DutyAdjustment]:
    return access.scoped_queryset(user, VIEW, DutyAdjustment.objects.select_related("unit", "proposed_by__person", "decided_by__person"))


def adjustments_to_decide(user: Any) -> QuerySet[DutyAdjustment]:
    return access.scoped_queryset(user, APPROVE, DutyAdjustment.objects.select_related("unit")).filter(status=AdjustmentStatus.PENDING)


@dataclass
class Change:
    section: str
    title: str
    change: str  # "added" | "removed" | "kept"


def adjustment_changes(adjustment: DutyAdjustment) -> list[Change]:
    """What the adjustment adds to and removes from the list in force the day before it starts."""
    current = list_on(adjustment.unit, adjustment.effective_from - dt.timedelta(days=1))
    old = {(i.section, i.title) for i in current.items.all()} if current else set()
    new = [(i["section"], i["title"]) for i in adjustment.items]
    labels = dict(Section.choices)
    changes = [Change(str(labels.get(s, s)), t, "kept" if (s, t) in old else "added") for s, t in new]
    changes += [Change(str(labels.get(s, s)), t, "removed") for s, t in sorted(old - set(new))]
    return changes


# --- Tasks ---------------------------------------------------------------------------------------------

SEND = "duties.task_send"
REFUSE = "duties.task_refuse"
REVIEW = "duties.entry_review"
MATCH_MIN = 0.35


def tasks_visible(user: Any) -> QuerySet[Task]:
    return access.scoped_queryset(user, VIEW, Task.objects.select_related("issuer", "recipient", "cited_item"))


def tasks_sendable_units(user: Any) -> list[Unit]:
    """The units the user pushes tasks down for: departments, town/street offices."""
    return list(access.scoped_queryset(user, SEND, Unit.objects.filter(is_active=True).exclude(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE)))
                .order_by("path")[:50])


def recipients_for(issuer: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=GRASSROOTS_KINDS, county_id=issuer.county_id, is_active=True).exclude(pk=issuer.pk).order_by("path")


def entry_queue(user: Any) -> QuerySet[Task]:
    return access.scoped_queryset(user, REVIEW, Task.objects.select_related("issuer", "recipient")).filter(status=TaskStatus.APPLIED)


@dataclass
class TaskRow:
    task: Task
    due: Deadline
    working_days_left: int
    applied_late: bool = False
    apply_by: Deadline | None = None
    decision_due: Deadline | None = None


def task_row(task: Task, today: dt.date) -> TaskRow:
    """A task with its deadlines in working days, each flagged when its year has no calendar data."""
    left, missing = working_days_between(today, task.due_on)
    due = Deadline(task.due_on, tuple(sorted(set(missing) | set(deadline_on(task.due_on).missing_years))))
    row = TaskRow(task, due, left)
    if task.basis == Basis.NONE or task.status in (TaskStatus.APPLIED,) or task.applied_on:
        row.apply_by = add_working_days(task.due_on, -settings.QZ_ENTRY_APPLY_WORKDAYS)
        row.applied_late = bool(task.applied_on and task.applied_on > row.apply_by.day)
    if task.decision_due:
        row.decision_due = deadline_on(task.decision_due)
    return row


def tasks_received(user: Any, unit: Unit, today: dt.date) -> list[TaskRow]:
    access.require(user, VIEW, unit)
    tasks = Task.objects.filter(recipient=unit).select_related("issuer", "cited_item").order_by("-sent_on", "-id")[:100]
    return [task_row(t, today) for t in tasks]


def tasks_received_between(user: Any, unit: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[TaskRow]:
    """The tasks sent to the unit in [start, end), each with its basis and its deadline in working days (the ledger's unit page)."""
    access.require(user, VIEW, unit)
    tasks = Task.objects.filter(recipient=unit, sent_on__gte=start, sent_on__lt=end).select_related("issuer", "cited_item")
    return [task_row(t, today) for t in tasks.order_by("-sent_on", "-id")[:200]]


@dataclass
class DutyMatch:
    item: DutyItem
    unit: Unit
    score: float


def issuer_own_duties(task: Task, today: dt.date, limit: int = 5) -> list[DutyMatch]:
    """The issuing department's own duties that match the task (属地管理 abuse: its duty passed down as the community's):
    items of the county's lists in force that name the issuer as the department that leads them or took them back."""
    items = (
        DutyItem.objects.filter(department=task.issuer, duty_list__unit__county_id=task.recipient.county_id, duty_list__valid_from__lte=today)
        .filter(Q(duty_list__valid_to__isnull=True) | Q(duty_list__valid_to__gte=today))
        .select_related("duty_list__unit", "department")[:500]
    )
    text = f"{task.title} {task.content}"
    found = [DutyMatch(i, i.duty_list.unit, matching.similarity(i.title, text)) for i in items]
    seen: set[str] = set()
    best = []
    for m in sorted(found, key=lambda m: -m.score):
        if m.score < MATCH_MIN or m.item.title in seen:
            continue
        seen.add(m.item.title)
        best.append(m)
    return best[:limit]


def recipient_matches(task: Task, today: dt.date, limit: int = 3) -> list[DutyMatch]:
    """Duties on the recipient's own list that the task looks like (it might have cited one)."""
    in_force = list_on(task.recipient, today)
    if in_force is None:
        return []
    text = f"{task.title} {task.content}"
    found = [DutyMatch(i, task.recipient, matching.similarity(i.title, text)) for i in in_force.items.select_related("department")]
    return sorted((m for m in found if m.score >= MATCH_MIN), key=lambda m: -m.score)[:limit]


# --- Ledger rows ---------------------------------------------------------------------------------------


def _task_rows(tasks: QuerySet[Task], day_field: str) -> QuerySet[Any]:
    return tasks.annotate(amount=Value(1.0, output_field=FloatField())).values_list("recipient_id", day_field, "amount", "issuer_id")


def tasks_with_basis_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _task_rows(Task.objects.filter(sent_on__gte=start, sent_on__lt=end, basis__in=(Basis.LISTED, Basis.ADMITTED)), "sent_on")


def tasks_without_basis_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _task_rows(Task.objects.filter(sent_on__gte=start, sent_on__lt=end, basis=Basis.NONE), "sent_on")


def refusals_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _task_rows(Task.objects.filter(refused_on__gte=start, refused_on__lt=end), "refused_on")


def _items(tasks: QuerySet[Task], day_field: str) -> list[tuple[str, str, dt.date, float]]:
    return [(f"{t.title}（{t.issuer.name}）", reverse("duties:task", args=[t.pk]), getattr(t, day_field), 1.0)
            for t in tasks.select_related("issuer").order_by(day_field, "id")[:500]]


def tasks_with_basis_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _items(Task.objects.filter(recipient=unit, sent_on__gte=start, sent_on__lt=end, basis__in=(Basis.LISTED, Basis.ADMITTED)), "sent_on")


def tasks_without_basis_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _items(Task.objects.filter(recipient=unit, sent_on__gte=start, sent_on__lt=end, basis=Basis.NONE), "sent_on")


def refusals_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _items(Task.objects.filter(recipient=unit, refused_on__gte=start, refused_on__lt=end), "refused_on")


# --- Signboards ----------------------------------------------------------------------------------------

SIGN_RECORD = "duties.signboard_record"
SIGN_REQUEST = "duties.signboard_request"
SIGN_DECIDE = "duties.signboard_decide"


def signboards_visible(user: Any) -> QuerySet[Signboard]:
    return access.scoped_queryset(user, VIEW, Signboard.objects.select_related("unit", "issuer"))


def signboard_units(user: Any) -> QuerySet[Unit]:
    return list_units(user).filter(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE))


def excess_for(user: Any) -> QuerySet[Signboard]:
    """Plaques hanging outside the allowed list that concern the user: at their village/community, issued by their
    department, or anywhere in their county for the county office."""
    hung = Signboard.objects.filter(status=SignboardStatus.HUNG, allowed=False)
    mine = access.scoped_queryset(user, SIGN_RECORD, hung) | access.scoped_queryset(user, SIGN_DECIDE, hung)
    issued = hung.filter(issuer__in=access.scoped_queryset(user, SIGN_REQUEST, Unit.objects.all()))
    return Signboard.objects.filter(pk__in=(mine | issued).values("pk")).select_related("unit", "issuer").order_by("unit__path", "name")


def standing_on(unit: Unit, day: dt.date) -> list[Signboard]:
    """The plaques hanging at the unit at the end of ``day``."""
    return list(
        Signboard.objects.filter(unit=unit, since__lte=day, status__in=(SignboardStatus.HUNG, SignboardStatus.REMOVED))
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day)).select_related("issuer").order_by("placement", "name")
    )


def _changes(boards: QuerySet[Signboard], start: dt.date, end: dt.date) -> list[tuple[int, dt.date, float, int | None]]:
    rows: list[tuple[int, dt.date, float, int | None]] = []
    live = boards.filter(status__in=(SignboardStatus.HUNG, SignboardStatus.REMOVED))
    for b in live.filter(since__gte=start, since__lt=end).only("unit_id", "since", "issuer_id"):
        assert b.since is not None
        rows.append((b.unit_id, b.since, 1.0, b.issuer_id))
    for b in live.filter(removed_on__gte=start, removed_on__lt=end).only("unit_id", "removed_on", "issuer_id"):
        assert b.removed_on is not None
        rows.append((b.unit_id, b.removed_on, -1.0, b.issuer_id))
    return rows


def signboards_hung_compute(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, float, int | None]]:
    """A level's changes: +1 the day a plaque went up, −1 the day it came down."""
    return _changes(Signboard.objects.all(), start, end)


def signboards_excess_compute(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, float, int | None]]:
    return _changes(Signboard.objects.filter(allowed=False), start, end)


def signboards_removed_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (Signboard.objects.filter(removed_on__gte=start, removed_on__lt=end).annotate(amount=Value(1.0, output_field=FloatField()))
            .values_list("unit_id", "removed_on", "amount", "issuer_id"))


def _board_items(boards: list[Signboard], day_of: Any) -> list[tuple[str, str, dt.date, float]]:
    return [(f"{b.name}（{b.issuer.name if b.issuer else '—'}）", reverse("duties:signboards") + f"?unit={b.unit_id}", day_of(b), 1.0) for b in boards]


def signboards_hung_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _board_items(standing_on(unit, end - dt.timedelta(days=1)), lambda b: b.since)


def signboards_excess_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _board_items([b for b in standing_on(unit, end - dt.timedelta(days=1)) if not b.allowed], lambda b: b.since)


def signboards_removed_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    boards = list(Signboard.objects.filter(unit=unit, removed_on__gte=start, removed_on__lt=end).select_related("issuer").order_by("removed_on"))
    return _board_items(boards, lambda b: b.removed_on)
