"""What inspections put into the burden ledger (see qingzhuang.ledger.measures).

- ``inspections.received`` / ``inspections.assessments_received``: 1 per inspected unit of an item
  carried out (督查 and 检查 in the first, 考核 in the second), on the day it was carried out, issued by the
  lead department. A joint inspection counts once; the items it replaced never count.
- ``inspections.on_site_days``: the days on site of each visit, on the day of the visit.

Receiving units are every unit an item inspects — departments and town offices as well as communities;
the ledger's grassroots boards show the towns, communities and villages, the inspections' figures page
the departments too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import F, FloatField, QuerySet, Value
from django.urls import reverse

from qingzhuang.inspections.models import InspectionKind, Item, ItemStatus, Visit
from qingzhuang.inspections.selectors import ASSESSMENTS_RECEIVED, INSPECTION_KINDS, RECEIVED

Row = tuple[int, dt.date, float, int | None]
Targets = Item.targets.through

KINDS_OF = {RECEIVED: INSPECTION_KINDS, ASSESSMENTS_RECEIVED: (InspectionKind.ASSESSMENT,)}


def received_measure(item: Item) -> str:
    return ASSESSMENTS_RECEIVED if item.kind == InspectionKind.ASSESSMENT else RECEIVED


def received_rows(item: Item) -> list[Row]:
    if item.status != ItemStatus.CARRIED_OUT or item.carried_out_on is None:
        return []
    return [(unit_id, item.carried_out_on, 1.0, item.lead_id) for unit_id in item.targets.values_list("id", flat=True)]


def visit_rows(visit: Visit) -> list[Row]:
    return [(visit.unit_id, visit.day, float(visit.on_site_days), visit.item.lead_id)]


def _received(measure: str, start: dt.date, end: dt.date) -> QuerySet[Any]:
    rows: QuerySet[Any] = (
        Targets.objects.filter(
            item__status=ItemStatus.CARRIED_OUT, item__carried_out_on__gte=start, item__carried_out_on__lt=end, item__kind__in=KINDS_OF[measure]
        )
        .annotate(amount=Value(1.0, output_field=FloatField()))
    )
    return rows.values_list("unit_id", "item__carried_out_on", "amount", "item__lead_id")


def compute_received(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _received(RECEIVED, start, end)


def compute_assessments_received(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _received(ASSESSMENTS_RECEIVED, start, end)


def compute_on_site_days(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (
        Visit.objects.filter(day__gte=start, day__lt=end)
        .annotate(amount=F("on_site_days") * Value(1.0, output_field=FloatField()))
        .values_list("unit_id", "day", "amount", "item__lead_id")
    )


def _items_received(measure: str, unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    qs = Item.objects.filter(
        targets=unit, status=ItemStatus.CARRIED_OUT, carried_out_on__gte=start, carried_out_on__lt=end, kind__in=KINDS_OF[measure]
    ).order_by("carried_out_on", "id")
    for item in qs:
        yield item.subject, reverse("inspections:detail", args=[item.pk]), item.carried_out_on, 1.0  # type: ignore[misc]


def items_received(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    return _items_received(RECEIVED, unit, start, end)


def items_assessments_received(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    return _items_received(ASSESSMENTS_RECEIVED, unit, start, end)


def items_on_site_days(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    for visit in Visit.objects.filter(unit=unit, day__gte=start, day__lt=end).select_related("item").order_by("day", "id"):
        yield visit.item.subject, reverse("inspections:detail", args=[visit.item_id]), visit.day, float(visit.on_site_days)
