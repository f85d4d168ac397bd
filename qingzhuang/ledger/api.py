"""The ledger's API: the same selectors (and scope) as the boards, with raw numbers instead of formatted text.

For a department's or a province's own system: the measures, one unit's ledger with its index, a board's
tables, and the summary by county. A table comes as its columns and rows; a percent is a fraction
rounded to the shown decimals (-0.176 for -17.6%, -0.007 for -0.7%: no float noise such as
-0.006999999999999999), a missing value is null. The index and its change are rounded to 4 decimals.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.ledger import selectors
from qingzhuang.ledger.measures import all_measures, weight_of
from qingzhuang.ledger.periods import Period, period_parse_strict
from qingzhuang.ledger.tables import Table
from qingzhuang.lib import clock

router = Router()


class MeasureOut(Schema):
    code: str
    label: str
    unit_label: str
    direction: str
    weight: float
    decimals: int


class ColumnOut(Schema):
    label: str
    kind: str  # text, number, percent
    decimals: int


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[list[Any]]
    note: str


class IndexOut(Schema):
    value: float | None
    last_year: float | None
    change: float | None
    staff: int | None  # on the roll (the community profile)
    staff_away: int | None  # seconded away on the period's last day
    staff_on_duty: int | None  # the index's divisor
    residents: int | None
    households: int | None


class UnitLedgerOut(Schema):
    unit_id: int
    unit_name: str
    period: str
    previous: str
    index: IndexOut
    tables: list[TableOut]


class BoardOut(Schema):
    root_id: int
    root_name: str
    period: str
    previous: str
    measure: str
    tables: list[TableOut]


def _period(p: str | None) -> Period:
    return period_parse_strict(p, today=clock.today())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _table(table: Table) -> TableOut:
    return TableOut(
        key=table.key,
        title=table.title,
        columns=[ColumnOut(label=c.label, kind=c.kind, decimals=c.decimals) for c in table.columns],
        rows=[[c.value for c in row] for row in table.rows],
        note=table.note,
    )


@router.get("/measures", response=list[MeasureOut], summary="What the ledger counts: every registered measure")
def measures(request: HttpRequest) -> Any:
    return [
        MeasureOut(code=m.code, label=str(m.label), unit_label=str(m.unit_label), direction=str(m.direction), weight=weight_of(m), decimals=m.decimals)
        for m in all_measures()
    ]


@router.get("/units/{unit_id}", response=UnitLedgerOut, summary="Everything pushed to one unit in a period, with its index")
def unit_ledger(request: HttpRequest, unit_id: int, p: str | None = None) -> Any:
    unit = selectors.unit_get(request.user, unit_id)
    data = selectors.unit_ledger(user=request.user, unit=unit, period=_period(p))
    capacity = data.index.capacity
    return UnitLedgerOut(
        unit_id=unit.pk,
        unit_name=unit.name,
        period=data.period.key,
        previous=data.previous.key,
        index=IndexOut(
            value=_round(data.index.value),
            last_year=_round(data.index_last.value),
            change=_round(data.index_change),
            staff=capacity.staff if capacity else None,
            staff_away=capacity.away if capacity else None,
            staff_on_duty=capacity.on_duty if capacity else None,
            residents=capacity.residents if capacity else None,
            households=capacity.households if capacity else None,
        ),
        tables=[_table(t) for t in data.tables],
    )


@router.get("/board", response=BoardOut, summary="A county's, town's or department's burden board (unit: the board's unit; m: a measure code)")
def board(request: HttpRequest, unit: int | None = None, p: str | None = None, m: str | None = None) -> Any:
    user: Any = request.user
    root = selectors.board_root_for(user, unit)
    data = selectors.board(user=user, root=root, period=_period(p), measure_code=m)
    return BoardOut(
        root_id=root.pk,
        root_name=root.name,
        period=data.period.key,
        previous=data.previous.key,
        measure=data.measure.code,
        tables=[_table(t) for t in data.tables],
    )


@router.get("/counties", response=TableOut, summary="The summary by county (region: a province's id, for those who see every unit)")
def counties(request: HttpRequest, p: str | None = None, region: int | None = None) -> Any:
    table, _region = selectors.counties_summary(user=request.user, period=_period(p), region_id=region)
    return _table(table)
