"""Reads of the duty lists: any day's list of a unit, its versions, the adjustments waiting for approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from qingzhuang.duties.models import AdjustmentStatus, DutyAdjustment, DutyItem, DutyList, Section
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit

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
