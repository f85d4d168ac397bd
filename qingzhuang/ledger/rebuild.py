"""Rebuilding the rollups from scratch from every registered measure's ``compute()``.

A measure's ``compute(start, end)`` may return any iterable of rows; the rebuild sums them per unit,
month (and issuer) in Python, one year at a time so memory stays bounded. When it returns a
``values_list`` QuerySet of (unit, day, amount, issuer) instead, the sums are done by the database:
one pass over the raw rows groups them per (unit, month, issuer) into a temporary table, and the five
rollups are summed from that, each inserted in its key order. Nothing crosses into Python, which is
what keeps a province-scale rebuild within minutes.

Each measure is rebuilt in its own transaction (delete then insert), so readers see the old rows or the
new ones, never a half-built measure. Run it while no items change state (writes during the rebuild of
a measure wait on PostgreSQL's row locks only where they touch rows already written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import DateField, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from qingzhuang.ledger.measures import Measure, all_measures
from qingzhuang.ledger.models import (
    EVERYWHERE,
    ROLLUP_KEYS,
    LedgerCountyMonth,
    LedgerFlow,
    LedgerIssuerMonth,
    LedgerMonth,
    LedgerYear,
)
from qingzhuang.ledger.services import rollup_sums, versions_bump
from qingzhuang.org.models import Unit

BULK_BATCH = 5000
REBUILD_WORK_MEM = "256MB"
TEMP_TABLE = "qz_ledger_rebuild"
Progress = Callable[[str], None]
# A level measure (signboards hung) is the sum of every change it ever had: its rebuild and its check read all
# of its raw records, not only the years asked for (a plaque hung in 2019 still hangs).
LEVEL_HISTORY_START = dt.date(1900, 1, 1)


def _start(measure: Measure, first: int) -> dt.date:
    return LEVEL_HISTORY_START if measure.is_level else dt.date(first, 1, 1)


@dataclass
class RebuildReport:
    measures: list[str] = field(default_factory=list)
    month_rows: int = 0
    flow_rows: int = 0
    seconds: float = 0.0


def year_range(first_year: int | None = None, last_year: int | None = None) -> tuple[int, int]:
    today = timezone.localdate()
    first = first_year or getattr(settings, "QZ_LEDGER_FIRST_YEAR", None) or today.year - 10
    last = last_year or today.year + 1
    return int(first), int(last)


def ledger_rebuild(
    *,
    measures: Iterable[Measure] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    progress: Progress | None = None,
) -> RebuildReport:
    """Delete every rollup row of the measures and compute them again from raw records."""
    started = timezone.now()
    report = RebuildReport()
    first, last = year_range(first_year, last_year)
    say = progress or (lambda _message: None)
    chosen = list(measures) if measures is not None else list(all_measures())
    for index, measure in enumerate(chosen, start=1):
        with transaction.atomic():
            versions_bump(scopes=[EVERYWHERE])
            for model in ROLLUP_KEYS:
                model.objects.filter(measure=measure.code).delete()
            whole = measure.compute(_start(measure, first), dt.date(last + 1, 1, 1))
            if _is_values_list(whole):
                # The database sums all years in one pass over the raw table (no rows cross into Python).
                assert isinstance(whole, QuerySet)
                months, flows = _rebuild_in_database(measure, whole)
                report.month_rows += months
                report.flow_rows += flows
                report.measures.append(measure.code)
                say(f"[{index}/{len(chosen)}] {measure.code} {first}–{last}: {months} unit-months, {flows} flows (in the database)")
                continue
            if measure.is_level:
                months, flows = _rebuild_year(measure, LEVEL_HISTORY_START, dt.date(first, 1, 1))
                report.month_rows += months
                report.flow_rows += flows
            for year in range(first, last + 1):
                months, flows = _rebuild_year(measure, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
                report.month_rows += months
                report.flow_rows += flows
                if months:
                    say(f"[{index}/{len(chosen)}] {measure.code} {year}: {months} unit-months, {flows} flows")
        report.measures.append(measure.code)
        say(f"[{index}/{len(chosen)}] {measure.code} done")
    report.seconds = (timezone.now() - started).total_seconds()
    return report


def _rebuild_year(measure: Measure, start: dt.date, end: dt.date) -> tuple[int, int]:
    sums = rollup_sums(_as_rows(measure.compute(start, end)))
    for model, key in ROLLUP_KEYS.items():
        model.objects.bulk_create(
            (model(**dict(zip(key, k, strict=True)), measure=measure.code, value=v) for k, v in sums[model].items() if v),
            batch_size=BULK_BATCH,
        )
    return sum(1 for v in sums[LedgerMonth].values() if v), sum(1 for v in sums[LedgerFlow].values() if v)


def _is_values_list(rows: Any) -> bool:
    fields = getattr(rows, "_fields", None)
    return isinstance(rows, QuerySet) and fields is not None and len(fields) == 4


@dataclass(frozen=True)
class _Spec:
    """One rollup as the database path sees it: its key columns and how its rows come from the grouped raw rows."""

    model: Any
    select: str  # over the temporary table: key columns k1…kn and the amount v, zero sums included

    @property
    def key(self) -> tuple[str, ...]:
        return ROLLUP_KEYS[self.model]


def _specs() -> list[_Spec]:
    units = connection.ops.quote_name(Unit._meta.db_table)
    year, year_params = connection.ops.date_extract_sql("year", "m", ())
    # date_extract_sql returns parameters only on SQLite (the lookup name); inline that one literal.
    year = year % tuple(f"'{p}'" for p in year_params) if year_params else year
    t = TEMP_TABLE
    return [
        _Spec(LedgerFlow, f"SELECT u AS k1, m AS k2, i AS k3, v FROM {t} WHERE i IS NOT NULL"),
        _Spec(LedgerMonth, f"SELECT u AS k1, m AS k2, SUM(v) AS v FROM {t} GROUP BY u, m"),
        _Spec(LedgerYear, f"SELECT u AS k1, {year} AS k2, SUM(v) AS v FROM {t} GROUP BY u, {year}"),
        _Spec(LedgerIssuerMonth, f"SELECT i AS k1, m AS k2, SUM(v) AS v FROM {t} WHERE i IS NOT NULL GROUP BY i, m"),
        _Spec(
            LedgerCountyMonth,
            f"SELECT x.county_id AS k1, t.m AS k2, SUM(t.v) AS v FROM {t} t JOIN {units} x ON x.id = t.u "
            "WHERE x.county_id IS NOT NULL GROUP BY x.county_id, t.m",
        ),
    ]


def _group_raw_rows(cursor: Any, rows: QuerySet[Any]) -> None:
    """Sum the measure's raw rows per (unit, month, issuer) into the temporary table: the one pass over them."""
    unit_f, day_f, amount_f, issuer_f = rows._fields  # type: ignore[attr-defined]
    inner = rows.values(
        _u=F(unit_f), _m=TruncMonth(day_f, output_field=DateField()), _a=F(amount_f), _i=F(issuer_f)
    ).order_by()
    sql, params = inner.query.sql_with_params()
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # Grouping millions of raw rows: let the sort/hash stay in memory for this transaction only.
        cursor.execute(f"SET LOCAL work_mem = '{REBUILD_WORK_MEM}'")
    cursor.execute(f"DROP TABLE IF EXISTS {TEMP_TABLE}")
    # A temporary table writes no WAL and is private to this connection.
    cursor.execute(
        f"CREATE TEMPORARY TABLE {TEMP_TABLE} AS "
        # The issuer is cast: a measure without issuers selects a bare NULL, which PostgreSQL would type as text.
        f"SELECT s._u AS u, s._m AS m, CAST(s._i AS BIGINT) AS i, SUM(s._a) AS v FROM ({sql}) s WHERE s._u IS NOT NULL "
        "GROUP BY s._u, s._m, s._i",
        params,
    )


def _rebuild_in_database(measure: Measure, rows: QuerySet[Any]) -> tuple[int, int]:
    qn = connection.ops.quote_name
    written: dict[Any, int] = {}
    with connection.cursor() as cursor:
        _group_raw_rows(cursor, rows)
        for spec in _specs():
            keys = [f"k{n}" for n in range(1, len(spec.key) + 1)]
            cursor.execute(
                f"INSERT INTO {qn(spec.model._meta.db_table)} ({', '.join(spec.key)}, measure, value) "
                f"SELECT {', '.join(keys)}, %s, v FROM ({spec.select}) e WHERE v <> 0 ORDER BY {', '.join(keys)}",
                [measure.code],
            )
            written[spec.model] = cursor.rowcount
        cursor.execute(f"DROP TABLE {TEMP_TABLE}")
    return written[LedgerMonth], written[LedgerFlow]


def _differences_in_database(measure: Measure, rows: QuerySet[Any], shown: int) -> list[str]:
    """Compare every rollup of ``measure`` with its raw rows inside the database (nothing is loaded into Python)."""
    qn = connection.ops.quote_name
    problems: list[str] = []
    with transaction.atomic(), connection.cursor() as cursor:
        _group_raw_rows(cursor, rows)
        for spec in _specs():
            keys = [f"k{n}" for n in range(1, len(spec.key) + 1)]
            kept = f"SELECT {', '.join(f'{c} AS {k}' for c, k in zip(spec.key, keys, strict=True))}, value FROM {qn(spec.model._meta.db_table)} WHERE measure = %s AND value <> 0"
            expected = f"SELECT * FROM ({spec.select}) x WHERE v <> 0"
            on = " AND ".join(f"e.{k} = r.{k}" for k in keys)
            tolerance = "1e-6 * (CASE WHEN ABS(e.v) > 1 THEN ABS(e.v) ELSE 1 END)"
            differing = (
                f"SELECT {', '.join(f'e.{k}' for k in keys)}, e.v, r.value FROM ({expected}) e LEFT JOIN ({kept}) r ON {on} "
                f"WHERE r.value IS NULL OR ABS(e.v - r.value) > {tolerance} "
                f"UNION ALL SELECT {', '.join(f'r.{k}' for k in keys)}, NULL, r.value FROM ({kept}) r LEFT JOIN ({expected}) e ON {on} "
                "WHERE e.v IS NULL"
            )
            cursor.execute(f"SELECT COUNT(*) FROM ({differing}) d", [measure.code, measure.code])
            count = cursor.fetchone()[0]
            if not count:
                continue
            cursor.execute(f"{differing} LIMIT {int(shown)}", [measure.code, measure.code])
            name = spec.model.__name__
            for *key, want, have in cursor.fetchall():
                problems.append(f"{measure.code} {name} {tuple(key)}: raw records say {want or 0.0}, the rollup keeps {have or 0.0}")
            if count > shown:
                problems.append(f"{measure.code} {name}: {count - shown} more differences")
        cursor.execute(f"DROP TABLE {TEMP_TABLE}")
    return problems


def ledger_differences(
    *,
    measures: Iterable[Measure] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    shown: int = 50,
) -> list[str]:
    """Where the kept rollups differ from what the raw records say (empty: they agree). Writes nothing.

    A measure computed as a QuerySet is compared inside the database (at province scale its flows do
    not fit in Python dictionaries); other measures are summed and compared in Python.
    """
    first, last = year_range(first_year, last_year)
    problems: list[str] = []
    for measure in measures if measures is not None else all_measures():
        whole = measure.compute(_start(measure, first), dt.date(last + 1, 1, 1))
        if _is_values_list(whole):
            assert isinstance(whole, QuerySet)
            problems += _differences_in_database(measure, whole, shown)
            continue
        expected = rollup_sums(_as_rows(whole))
        for model, want in expected.items():
            rows = model.objects.filter(measure=measure.code).values_list(*ROLLUP_KEYS[model], "value")
            have = {tuple(r[:-1]): r[-1] for r in rows}
            problems += _compare(measure.code, model.__name__, want, have)[:shown]
    return problems


def _as_rows(rows: Iterable[Any]) -> Iterable[tuple[int, dt.date, float, int | None]]:
    for unit_id, day, amount, issuer_id in rows:
        yield unit_id, day, float(amount or 0), issuer_id


def _compare(code: str, kind: str, expected: dict[Any, float], kept: dict[Any, float]) -> list[str]:
    problems = []
    for key in sorted(set(expected) | set(kept), key=str):
        want, have = expected.get(key, 0.0), kept.get(key, 0.0)
        if abs(want - have) > 1e-6 * max(1.0, abs(want)):
            problems.append(f"{code} {kind} {key}: raw records say {want}, the rollup keeps {have}")
    return problems
