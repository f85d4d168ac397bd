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
from qingzhuang.ledger.models import (
    EVERYWHERE,
    ROLLUP_KEYS,
    LedgerCountyMonth,
    LedgerFlow,
    LedgerIssuerMonth,
    LedgerMonth,
    LedgerVersion,
    LedgerYear,
    Rollup,
)
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
    sums = rollup_sums(rows)
    with transaction.atomic():
        for model, key in ROLLUP_KEYS.items():
            _upsert(
                model._meta.db_table,
                (*key, "measure", "value"),
                [(*k, measure, v) for k, v in sorted(sums[model].items()) if v],
            )
        scopes = {county_id for county_id, _month in sums[LedgerCountyMonth]}
        if Unit.objects.filter(id__in={u for u, _m in sums[LedgerMonth]}, county_id__isnull=True).exists():
            scopes.add(EVERYWHERE)
        versions_bump(scopes=scopes)


def versions_bump(*, scopes: Iterable[int]) -> None:
    """Count one more change of the rollups of these scopes (county region ids; 0 for everything).

    In the caller's transaction, in scope order (no deadlock between two writers): the boards cached
    under the old numbers are not read again.
    """
    table = LedgerVersion._meta.db_table
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for scope in sorted(set(scopes)):
            cursor.execute(
                f"INSERT INTO {qn(table)} ({qn('scope')}, {qn('version')}) VALUES (%s, 1)"
                f" ON CONFLICT ({qn('scope')}) DO UPDATE SET {qn('version')} = {qn(table)}.{qn('version')} + 1",
                [scope],
            )


def boards_stale(county_ids: Iterable[int | None]) -> None:
    """Something the boards of these counties show changed outside the rollups (a unit renamed, a community's staff):
    their cached boards are not read again (None: a unit above any county, whose boards are everywhere's)."""
    versions_bump(scopes={EVERYWHERE if county_id is None else county_id for county_id in county_ids})


Sums = dict[tuple[Any, ...], float]


def rollup_sums(rows: Iterable[tuple[int, dt.date, float, int | None]]) -> dict[type[Rollup], Sums]:
    """Raw rows (receiving unit, day, amount, issuer or None) summed for each rollup, keyed as ROLLUP_KEYS say."""
    months: Sums = defaultdict(float)
    flows: Sums = defaultdict(float)
    for unit_id, day, amount, issuer_id in rows:
        month = month_of(day)
        months[(unit_id, month)] += float(amount or 0)
        if issuer_id is not None:
            flows[(unit_id, month, issuer_id)] += float(amount or 0)
    years: Sums = defaultdict(float)
    counties: Sums = defaultdict(float)
    county_of = dict(Unit.objects.filter(id__in={u for u, _m in months}).values_list("id", "county_id"))
    for (unit_id, month), value in months.items():
        years[(unit_id, month.year)] += value
        if county_of.get(unit_id) is not None:
            counties[(county_of[unit_id], month)] += value
    issued: Sums = defaultdict(float)
    for (_unit_id, month, issuer_id), value in flows.items():
        issued[(issuer_id, month)] += value
    return {LedgerFlow: flows, LedgerMonth: months, LedgerYear: years, LedgerIssuerMonth: issued, LedgerCountyMonth: counties}


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
