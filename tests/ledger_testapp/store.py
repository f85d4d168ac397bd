"""Raw records of the test measure, kept in memory: (id, receiving unit, day, amount, issuing unit)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from qingzhuang.ledger.services import ledger_add

MEASURE = "testapp.visits"
_ids = itertools.count(1)


@dataclass(frozen=True)
class Visit:
    id: int
    unit_id: int
    day: dt.date
    people: float
    issuer_id: int | None
    title: str


RECORDS: dict[int, Visit] = {}


def visit_create(*, unit_id: int, day: dt.date, people: float, issuer_id: int | None, title: str = "") -> Visit:
    visit = Visit(next(_ids), unit_id, day, people, issuer_id, title or f"调研 {day:%Y-%m-%d}")
    RECORDS[visit.id] = visit
    ledger_add(measure=MEASURE, unit_id=unit_id, day=day, amount=people, issuer_id=issuer_id)
    return visit


def visit_delete(*, visit_id: int) -> None:
    visit = RECORDS.pop(visit_id)
    ledger_add(measure=MEASURE, unit_id=visit.unit_id, day=visit.day, amount=-visit.people, issuer_id=visit.issuer_id)


def compute(start: dt.date, end: dt.date) -> Iterator[tuple[int, dt.date, float, int | None]]:
    for visit in list(RECORDS.values()):
        if start <= visit.day < end:
            yield visit.unit_id, visit.day, visit.people, visit.issuer_id


def items(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    for visit in sorted(RECORDS.values(), key=lambda v: (v.day, v.id)):
        if visit.unit_id == unit.pk and start <= visit.day < end:
            yield visit.title, f"/testapp/visits/{visit.id}/", visit.day, visit.people
