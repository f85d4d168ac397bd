"""Keeping the ledger's rollups: called by domain services inside their own transaction.

``ledger_add_many`` is an upsert (``INSERT … ON CONFLICT DO UPDATE SET value = value + excluded.value``,
the same statement on PostgreSQL and SQLite ≥ 3.24): two transactions adding to the same unit, month and
measure for the first time both succeed and both amounts count, with no read-then-write window.
Rows are written in key order so concurrent callers take row locks in the same order (no deadlock).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from qingzhuang.ledger.measures import measure_by_code
from qingzhuang.ledger.models import LedgerCountyMonth, LedgerFlow, LedgerIssuerMonth, LedgerMonth, LedgerYear
from qingzhuang.org.models import Unit

# Rows per INSERT statement: well under SQLite's limit of 32,766 bound parameters.
UPSERT_CHUNK = 500


def month_of(day: dt.date) -> dt.date:
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.replace(day=1)


def ledger_add(*, measure: str, unit_id: int, day: dt.date, amount: float, issuer_id: int | None = None) -> None:
    """Add ``amount`` (negative to take back) of ``measure`` to ``unit_id`` for the month of ``day``."""
    ledger_add_many(measure=measure, rows=[(unit_id, day, amount, issuer_id)])


def ledger_add_many(*, measure: str, rows: Iterable[tuple[int, dt.date, float, int | None]]) -> None:
    """Add many rows (receiving unit, day, amount, issuing unit or None) of one measure to the rollups."""
    measure_by_code(measure)  # fail loudly on an undeclared measure
    months: dict[tuple[int, dt.date], float] = defaultdict(float)
    flows: dict[tuple[int, dt.date, int], float] = defaultdict(float)
    issued: dict[tuple[int, dt.date], float] = defaultdict(float)
    for unit_id, day, amount, issuer_id in rows:
        month = month_of(day)
        months[(unit_id, month)] += amount
        if issuer_id is not None:
            flows[(unit_id, month, issuer_id)] += amount
            issued[(issuer_id, month)] += amount
    years: dict[tuple[int, int], float] = defaultdict(float)
    for (unit_id, month), value in months.items():
        years[(unit_id, month.year)] += value
    counties: dict[tuple[int, dt.date], float] = defaultdict(float)
    county_of = dict(Unit.objects.filter(id__in={u for u, _m in months}).values_list("id", "county_id"))
    for (unit_id, month), value in months.items():
        if county_of.get(unit_id) is not None:
            counties[(county_of[unit_id], month)] += value
    with transaction.atomic():
        _upsert(
            LedgerMonth._meta.db_table,
            ("unit_id", "month", "measure", "value"),
            [(u, m, measure, v) for (u, m), v in sorted(months.items()) if v],
        )
        _upsert(
            LedgerYear._meta.db_table,
            ("unit_id", "year", "measure", "value"),
            [(u, y, measure, v) for (u, y), v in sorted(years.items()) if v],
        )
        _upsert(
            LedgerFlow._meta.db_table,
            ("unit_id", "month", "measure", "issuer_id", "value"),
            [(u, m, measure, i, v) for (u, m, i), v in sorted(flows.items()) if v],
        )
        _upsert(
            LedgerIssuerMonth._meta.db_table,
            ("issuer_id", "month", "measure", "value"),
            [(i, m, measure, v) for (i, m), v in sorted(issued.items()) if v],
        )
        _upsert(
            LedgerCountyMonth._meta.db_table,
            ("county_id", "month", "measure", "value"),
            [(c, m, measure, v) for (c, m), v in sorted(counties.items()) if v],
        )


def _upsert(table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """Insert rows or add their value to the existing row with the same key (every column but the last)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) VALUES "
    tail = (
        f" ON CONFLICT ({', '.join(qn(c) for c in columns[:-1])}) DO UPDATE SET"
        f" {qn('value')} = {qn(table)}.{qn('value')} + excluded.{qn('value')}"
    )
    date_index = columns.index("month") if "month" in columns else None
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_CHUNK):
            chunk = rows[start : start + UPSERT_CHUNK]
            params: list[Any] = []
            for row in chunk:
                values = list(row)
                if date_index is not None:
                    values[date_index] = connection.ops.adapt_datefield_value(values[date_index])  # type: ignore[arg-type]
                params.extend(values)
            cursor.execute(head + ", ".join([placeholders] * len(chunk)) + tail, params)
