"""Keeping the ledger's rollups: called by domain services inside their own transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerMonth


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def ledger_add(*, measure: str, unit_id: int, day: dt.date, amount: float, issuer_id: int | None = None) -> None:
    """Add ``amount`` (negative to take back) of ``measure`` to ``unit_id`` for the month of ``day``."""
    ledger_add_many(measure=measure, rows=[(unit_id, day, amount, issuer_id)])


def ledger_add_many(*, measure: str, rows: Iterable[tuple[int, dt.date, float, int | None]]) -> None:
    measure_by_code(measure)  # fail loudly on an undeclared measure
    totals: dict[tuple[int, dt.date], float] = defaultdict(float)
    for unit_id, day, amount, _issuer in rows:
        totals[(unit_id, month_of(day))] += amount
    with transaction.atomic():
        for (unit_id, month), amount in sorted(totals.items()):
            updated = LedgerMonth.objects.filter(unit_id=unit_id, measure=measure, month=month).update(value=F("value") + amount)
            if not updated:
                LedgerMonth.objects.create(unit_id=unit_id, measure=measure, month=month, value=amount)
