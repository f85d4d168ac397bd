"""Writes of the duty lists: propose a new version (an adjustment), approve or reject it.

A list changes only through an approved adjustment: the approval closes the current version the day before the
new one starts and writes the new version's items, in one transaction with its audit events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.duties import errors
from qingzhuang.duties.errors import DutyError
from qingzhuang.duties.models import AdjustmentStatus, DutyAdjustment, DutyItem, DutyList, Section
from qingzhuang.lib.validate import choice_value, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind

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
