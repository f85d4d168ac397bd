"""Reads of the burden ledger: boards, the community page, drill-down, the province summary.

Every figure comes from the rollups (qingzhuang.ledger.models), never from raw records, and every read
goes through the user's scope (``qingzhuang.org.access``). Boards, exports, reports and the article's
figures all call these same functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, QuerySet, Sum, When
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qingzhuang.ledger.index import Capacity, IndexResult, capacities_for, index_compute
from qingzhuang.ledger.measures import Direction, Measure, all_measures, measure_by_code, weight_of
from qingzhuang.ledger.models import (
    EVERYWHERE,
    LedgerCountyMonth,
    LedgerFlow,
    LedgerIssuerMonth,
    LedgerMonth,
    LedgerReport,
    LedgerVersion,
    LedgerYear,
)
from qingzhuang.ledger.periods import YEAR, Comparison, Period, Window, comparison_for, year_earlier
from qingzhuang.ledger.tables import BLANK, NUMBER, PERCENT, Column, Table
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Region, RegionLevel, Unit, UnitKind

BOARD_PERM = "ledger.view_board"
UNIT_PERM = "ledger.view_unit"
REPORT_PERM = "ledger.view_reports"
HEAVIEST = 10
CHART_ROWS = 15
BOARD_KINDS = (UnitKind.PARTY_GOV_OFFICE, UnitKind.TOWN_OFFICE, UnitKind.DEPARTMENT)


def change(this: float | None, last: float | None) -> float | None:
    """Year-on-year change as a fraction (−0.176 for −17.6%); None when last year had nothing."""
    if this is None or last is None or last == 0:
        return None
    return (this - last) / last


def _label(measure: Measure) -> str:
    return str(measure.label)


def _unit_url(unit_id: int, period: Period, measure: Measure | None = None) -> str:
    url = reverse("ledger:unit", args=[unit_id]) + f"?p={period.key}"
    return url + (f"&m={measure.code}" if measure else "")


# --- Scope ------------------------------------------------------------------------------------------


def board_roots(user: Any) -> list[Unit]:
    """The units whose board ``user`` may open: county offices, town/street offices, departments."""
    units = access.scoped_queryset(user, BOARD_PERM, Unit.objects.filter(kind__in=BOARD_KINDS, is_active=True))
    return list(units.select_related("region").order_by("path")[:500])


def board_default_root(user: Any) -> Unit | None:
    scopes = access.user_scopes(user, BOARD_PERM)
    if scopes is access.ALL:
        return Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE).order_by("path").first()
    assert isinstance(scopes, list)
    if not scopes:
        return None
    widest = sorted(scopes, key=lambda s: (not s.below, len(s.unit_path)))[0]
    return Unit.objects.get(pk=widest.unit_id)


def board_root_get(user: Any, pk: int) -> Unit:
    return access.get_for_user(user, BOARD_PERM, Unit.objects.select_related("region"), pk=pk)


def board_root_for(user: Any, pk: int | None) -> Unit:
    """The board's unit: the one asked for (404/403 as usual), else the user's widest; 403 with no board at all."""
    if not access.can(user, BOARD_PERM):
        raise PermissionDenied(access.DENIED_MESSAGE)
    root = board_root_get(user, pk) if pk is not None else board_default_root(user)
    if root is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    return root


def unit_get(user: Any, pk: int) -> Unit:
    return access.get_for_user(user, UNIT_PERM, Unit.objects.select_related("region", "parent"), pk=pk)


def _subtree(user: Any, perm: str, root: Unit) -> QuerySet[Unit]:
    return access.scoped_queryset(user, perm, Unit.objects.filter(path__startswith=root.path))


def _grassroots(user: Any, perm: str, root: Unit) -> QuerySet[Unit]:
    return _subtree(user, perm, root).filter(kind__in=GRASSROOTS_KINDS)


# --- Sums from the rollups ----------------------------------------------------------------------------


def _in(period: Period) -> dict[str, dt.date]:
    return {"month__gte": period.start, "month__lt": period.end}


Sums = dict[int, dict[str, float]]


def _this_and_last(rows: QuerySet[Any], period: Period, previous: Period) -> QuerySet[Any]:
    """Rollup rows of ``period`` and of ``previous`` (the same period a year before), marked ``current``: one query for both."""
    if period.kind == YEAR and rows.model is LedgerYear:
        both = rows.filter(year__in=[period.year, previous.year])
        return both.annotate(current=Case(When(year=period.year, then=True), default=False, output_field=BooleanField()))
    both = rows.filter(Q(**_in(period)) | Q(**_in(previous)))
    return both.annotate(current=Case(When(month__gte=period.start, then=True), default=False, output_field=BooleanField()))


def _raw_sums(measure: Measure, start: dt.date, end: dt.date, *, key: str, among: QuerySet[Unit]) -> dict[int, float]:
    """The measure's amounts on days [start, end) from its raw records, per receiving unit (``key`` "unit")
    or issuing unit ("issuer"), for the units ``among``: the part of a month the rollups cannot split."""
    if start >= end:
        return {}
    rows = measure.compute(start, end)
    fields = getattr(rows, "_fields", None)
    if isinstance(rows, QuerySet) and fields is not None and len(fields) == 4:
        unit_f, _day_f, amount_f, issuer_f = fields
        by = unit_f if key == "unit" else issuer_f
        found = rows.filter(**{f"{by}__in": among.values("id")}).values_list(by).annotate(total=Sum(amount_f)).order_by()
        return {k: float(total or 0) for k, total in found if k is not None}
    ids = set(among.values_list("id", flat=True))
    sums: dict[int, float] = defaultdict(float)
    for unit_id, _day, amount, issuer_id in rows:
        k = unit_id if key == "unit" else issuer_id
        if k in ids:
            sums[k] += float(amount)
    return dict(sums)


def _levels(measures: Iterable[Measure]) -> list[Measure]:
    return [m for m in measures if m.is_level]


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _levels_at(units: QuerySet[Unit], levels: list[Measure], end: dt.date) -> Sums:
    """Per unit: each level measure's value on the day before ``end`` — all its changes before ``end`` summed
    (whole months from the rollup, the days of ``end``'s month from raw records)."""
    sums: Sums = defaultdict(dict)
    if not levels:
        return sums
    whole_months_end = _first_of_month(end)
    rows = (
        LedgerMonth.objects.filter(unit_id__in=units.values("id"), measure__in=[m.code for m in levels], month__lt=whole_months_end)
        .values_list("unit_id", "measure")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for unit_id, code, total in rows:
        sums[unit_id][code] = float(total or 0)
    for m in levels:
        for unit_id, amount in _raw_sums(m, whole_months_end, end, key="unit", among=units).items():
            sums[unit_id][m.code] = sums[unit_id].get(m.code, 0.0) + amount
    return sums


def _put_levels(sums: Sums, units: QuerySet[Unit], end: dt.date, measures: Iterable[Measure] | None = None) -> Sums:
    """Replace the level measures' changes in ``sums`` by their values at ``end`` (the latest on or before the period's end)."""
    levels = _levels(measures if measures is not None else all_measures())
    if not levels:
        return sums
    codes = {m.code for m in levels}
    for per_unit in sums.values():
        for code in codes & set(per_unit):
            del per_unit[code]
    for unit_id, values in _levels_at(units, levels, end).items():
        sums.setdefault(unit_id, {}).update(values)
    return sums


def _window_sums(units: QuerySet[Unit], window: Window, measures: Iterable[Measure]) -> Sums:
    """Per unit and measure over days [start, end): whole months from the rollup, the rest from raw records."""
    sums: Sums = defaultdict(dict)
    months = (
        LedgerMonth.objects.filter(unit_id__in=units.values("id"), month__gte=window.start, month__lt=window.full_months_end)
        .values_list("unit_id", "measure")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for unit_id, code, total in months:
        sums[unit_id][code] = float(total or 0)
    if window.end > window.full_months_end:
        for m in measures:
            for unit_id, amount in _raw_sums(m, window.full_months_end, window.end, key="unit", among=units).items():
                sums[unit_id][m.code] = sums[unit_id].get(m.code, 0.0) + amount
    return _put_levels(sums, units, window.end, measures)


def _sums_compared(units: QuerySet[Unit], cmp: Comparison) -> tuple[Sums, Sums]:
    """Per unit and measure: this period's amounts and last year's, the same days of both while the period runs."""
    if not cmp.partial:
        return _sums_by_unit_measure(units, cmp.period, cmp.previous)
    measures = list(all_measures())
    return _window_sums(units, cmp.this, measures), _window_sums(units, cmp.last, measures)


def _sums_by_unit_measure(units: QuerySet[Unit], period: Period, previous: Period) -> tuple[Sums, Sums]:
    """Per unit and measure: the amounts of ``period`` and of ``previous``."""
    model = LedgerYear if period.kind == YEAR else LedgerMonth
    rows = (
        _this_and_last(model.objects.filter(unit_id__in=units.values("id")), period, previous)
        .values_list("unit_id", "measure", "current")
        .annotate(total=Sum("value"))
        .order_by()
    )
    this: Sums = defaultdict(dict)
    last: Sums = defaultdict(dict)
    for unit_id, code, current, total in rows:
        (this if current else last)[unit_id][code] = float(total or 0)
    return _put_levels(this, units, period.end), _put_levels(last, units, previous.end)


def _sums_by_measure_month(
    units: QuerySet[Unit], start: dt.date, end: dt.date, codes: Iterable[str] | None = None
) -> dict[tuple[str, dt.date], float]:
    months = LedgerMonth.objects.filter(unit_id__in=units.values("id"), month__gte=start, month__lt=end)
    if codes is not None:
        months = months.filter(measure__in=list(codes))
    rows = (
        months
        .values_list("measure", "month")
        .annotate(total=Sum("value"))
        .order_by()
    )
    sums = {(code, month): float(total or 0) for code, month, total in rows}
    wanted = set(codes) if codes is not None else None
    for m in _levels(all_measures()):
        if wanted is not None and m.code not in wanted:
            continue
        # A level's month reads its value at the month's end: the changes before ``start`` and those up to the month.
        running = sum(v.get(m.code, 0.0) for v in _levels_at(units, [m], start).values())
        month = start
        while month < end:
            running += sums.get((m.code, month), 0.0)
            sums[(m.code, month)] = running
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return sums


def _flows_compared(issuers: QuerySet[Unit], measure: Measure, cmp: Comparison) -> tuple[dict[int, float], dict[int, float]]:
    """Per issuing unit: what it pushed down of one measure this period and last year (the same days while it runs)."""
    if measure.is_level:
        ends = (cmp.this.end, cmp.last.end) if cmp.partial else (cmp.period.end, cmp.previous.end)
        return _issuer_level_at(issuers, measure, ends[0]), _issuer_level_at(issuers, measure, ends[1])
    if not cmp.partial:
        return _flows_by_issuer(issuers, measure.code, cmp.period, cmp.previous)
    found: list[dict[int, float]] = []
    for window in (cmp.this, cmp.last):
        sums: dict[int, float] = defaultdict(float)
        months = (
            LedgerIssuerMonth.objects.filter(
                issuer_id__in=issuers.values("id"), measure=measure.code, month__gte=window.start, month__lt=window.full_months_end
            )
            .values_list("issuer_id")
            .annotate(total=Sum("value"))
            .order_by()
        )
        for issuer_id, total in months:
            sums[issuer_id] += float(total or 0)
        for issuer_id, amount in _raw_sums(measure, window.full_months_end, window.end, key="issuer", among=issuers).items():
            sums[issuer_id] += amount
        found.append(dict(sums))
    return found[0], found[1]


def _issuer_level_at(issuers: QuerySet[Unit], measure: Measure, end: dt.date) -> dict[int, float]:
    """Per issuing unit: a level measure's value on the day before ``end`` (its changes before ``end`` summed)."""
    whole_months_end = _first_of_month(end)
    sums: dict[int, float] = defaultdict(float)
    rows = (
        LedgerIssuerMonth.objects.filter(issuer_id__in=issuers.values("id"), measure=measure.code, month__lt=whole_months_end)
        .values_list("issuer_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for issuer_id, total in rows:
        sums[issuer_id] += float(total or 0)
    for issuer_id, amount in _raw_sums(measure, whole_months_end, end, key="issuer", among=issuers).items():
        sums[issuer_id] += amount
    return dict(sums)


def _flows_by_issuer(issuers: QuerySet[Unit], code: str, period: Period, previous: Period) -> tuple[dict[int, float], dict[int, float]]:
    """Per issuing unit: what it pushed down of one measure in ``period`` and in ``previous``."""
    rows = (
        _this_and_last(LedgerIssuerMonth.objects.filter(issuer_id__in=issuers.values("id"), measure=code), period, previous)
        .values_list("issuer_id", "current")
        .annotate(total=Sum("value"))
        .order_by()
    )
    this: dict[int, float] = {}
    last: dict[int, float] = {}
    for issuer_id, current, total in rows:
        (this if current else last)[issuer_id] = float(total or 0)
    return this, last


def items_pushed_down(*, user: Any, root: Unit, period: Period) -> dict[str, tuple[int, int]]:
    """Per measure that counts its items: how many items (documents issued, meetings held) the units
    under ``root`` pushed down in ``period`` and in the same period a year before — counts of items
    from the raw records, where the rollups count receipts."""
    issuers = _subtree(user, BOARD_PERM, root)
    previous = period.previous_year()
    return {
        m.code: (m.count_items(issuers, period.start, period.end), m.count_items(issuers, previous.start, previous.end))
        for m in all_measures()
        if m.count_items is not None
    }


# --- The board ----------------------------------------------------------------------------------------


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar" | "line"
    categories: list[str]
    series: list[dict[str, Any]]
    horizontal: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "categories": self.categories,
            "series": self.series,
            "horizontal": self.horizontal,
        }


@dataclass
class Board:
    root: Unit
    period: Period
    previous: Period
    measures: list[Measure]
    measure: Measure
    summary: Table
    issuers: Table
    receivers: Table
    heaviest: Table
    trend: Table
    quotas: Table | None
    charts: dict[str, Chart] = field(default_factory=dict)
    gate_board_url: str = ""
    # Unrounded totals per measure code: (this period, same period last year).
    totals: dict[str, tuple[float, float]] = field(default_factory=dict)
    # What is compared: while the period runs, its days up to today against the same days of last year.
    comparison: Comparison | None = None
    # The cache key its tables are kept under (pages may keep what they render from them under it too).
    cache_key: str = ""

    @property
    def tables(self) -> list[Table]:
        found = [self.summary, self.issuers, self.receivers, self.heaviest, self.trend]
        return [*found, self.quotas] if self.quotas is not None else found

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)

    @property
    def is_county(self) -> bool:
        return self.root.kind == UnitKind.PARTY_GOV_OFFICE


@dataclass
class BoardTables:
    """What a board computes from the rollups: cached per root, period, measure, day, language and scope."""

    comparison: Comparison
    summary: Table
    issuers: Table
    receivers: Table
    heaviest: Table
    trend: Table
    charts: dict[str, Chart]
    totals: dict[str, tuple[float, float]]


def board(*, user: Any, root: Unit, period: Period, measure_code: str | None = None, today: dt.date | None = None) -> Board:
    """The 减负 board of ``root`` (a county office, a town/street office, a department) for ``period``.

    A period not yet over is compared day for day: its days up to today against the same days of last
    year, the columns say so ("(截至11月27日)"), and the months not reached are blank.

    The tables are cached (Django's cache: per process by default, Redis when configured) under the
    rollups' version of the root's county (``LedgerVersion``, bumped in the transaction of every rollup
    change and by the rebuild): a new figure shows at once. The key also holds the period, the measure,
    today, the language and the user's scope. What does not go through the rollups — a unit renamed, a
    community profile changed, a secondment — bumps the same number through ``components.board_inputs_changed``.
    The quota table is read fresh each time (quotas change without the ledger).
    """
    measures = list(all_measures())
    if not measures:
        raise LookupError("no ledger measures are registered")
    measure = _pick(measures, measure_code)
    today = today or clock.today()
    key = _board_key(user, root, period, measure, today)
    tables = cache.get(key)
    if tables is None:
        tables = _board_tables(user, root, period, measure, measures, today)
        cache.set(key, tables, getattr(settings, "QZ_BOARD_CACHE_SECONDS", 600))
    return Board(
        root=root,
        period=period,
        previous=tables.comparison.previous,
        measures=measures,
        measure=measure,
        summary=tables.summary,
        issuers=tables.issuers,
        receivers=tables.receivers,
        heaviest=tables.heaviest,
        trend=tables.trend,
        quotas=_quota_table(user, root, period.year),
        charts=tables.charts,
        gate_board_url=_gate_board_url(),
        totals=tables.totals,
        comparison=tables.comparison,
        cache_key=key,
    )


def _board_key(user: Any, root: Unit, period: Period, measure: Measure, today: dt.date) -> str:
    scopes = access.user_scopes(user, BOARD_PERM)
    scope = "all" if scopes is access.ALL else repr(sorted((s.unit_path, s.below, str(s.reach), s.county_region_path) for s in scopes))  # type: ignore[union-attr]
    versions = dict(LedgerVersion.objects.filter(scope__in={EVERYWHERE, root.county_id or EVERYWHERE}).values_list("scope", "version"))
    version = f"{versions.get(EVERYWHERE, 0)}.{versions.get(root.county_id, 0) if root.county_id else 0}"
    parts = f"{root.pk}|{period.key}|{measure.code}|{today.isoformat()}|{translation.get_language()}|{scope}"
    return f"ledger:board:v{version}:{hashlib.sha256(parts.encode()).hexdigest()[:32]}"


def board_uncached(*, user: Any, root: Unit, period: Period, measure_code: str | None = None, today: dt.date | None = None) -> BoardTables:
    """The board's tables computed afresh (what the cache holds; for the benchmark and the tests)."""
    measures = list(all_measures())
    return _board_tables(user, root, period, _pick(measures, measure_code), measures, today or clock.today())


def _board_tables(user: Any, root: Unit, period: Period, measure: Measure, measures: list[Measure], today: dt.date) -> BoardTables:
    cmp = comparison_for(period, today=today)
    grassroots = _grassroots(user, BOARD_PERM, root)
    units = {u.id: u for u in grassroots.only("id", "name", "kind", "path")}

    this_sums, last_sums = _sums_compared(grassroots, cmp)
    summary = _summary_table(measures, cmp, this_sums, last_sums)
    receivers = _receivers_table(units, measure, cmp, this_sums, last_sums)

    issuers_qs = _subtree(user, BOARD_PERM, root)
    this_issued, last_issued = _flows_compared(issuers_qs, measure, cmp)
    names = dict(Unit.objects.filter(id__in=set(this_issued) | set(last_issued)).values_list("id", "name"))
    issuers = Table(
        key="issuers",
        title=_("By issuing unit: %(measure)s") % {"measure": _label(measure)},
        columns=_compare_columns(_("Issuing unit"), measure, cmp),
    )
    for issuer_id in sorted(names, key=lambda i: (-this_issued.get(i, 0), -last_issued.get(i, 0), names[i])):
        this, last = this_issued.get(issuer_id, 0.0), last_issued.get(issuer_id, 0.0)
        issuers.add([names[issuer_id], this, last, change(this, last)])

    heaviest = _heaviest_table(units, measures, cmp, this_sums, last_sums)
    trend = _trend_table(root, grassroots, measure, period, today=today)
    charts = {
        # The legend names the years; the tables below say up to which day.
        "issuers": _bar_from(issuers, horizontal=True, names=(cmp.period.label, cmp.previous.label)),
        "receivers": _bar_from(receivers, horizontal=True, names=(cmp.period.label, cmp.previous.label)),
        "heaviest": Chart(
            key="heaviest",
            title=heaviest.title,
            kind="bar",
            categories=[r[0].text for r in heaviest.rows][::-1],
            series=[{"name": heaviest.columns[4].label, "data": [r[4].value for r in heaviest.rows][::-1]}],
            horizontal=True,
        ),
        "trend": Chart(
            key="trend",
            title=trend.title,
            kind="line",
            categories=[r[0].text.rstrip("*") for r in trend.rows],
            series=[{"name": trend.columns[i].label, "data": trend.column_values(i)} for i in (1, 2)],
        ),
    }
    totals = {
        m.code: (sum(v.get(m.code, 0.0) for v in this_sums.values()), sum(v.get(m.code, 0.0) for v in last_sums.values()))
        for m in measures
    }
    return BoardTables(cmp, summary, issuers, receivers, heaviest, trend, charts, totals)


def _pick(measures: list[Measure], code: str | None) -> Measure:
    return next((m for m in measures if m.code == code), measures[0])


def _compare_columns(first: str, measure: Measure, cmp: Comparison) -> list[Column]:
    return [
        Column(first),
        Column(cmp.this_label, NUMBER, measure.decimals),
        Column(cmp.last_label, NUMBER, measure.decimals),
        Column(_("Year-on-year"), PERCENT, 1),
    ]


def _summary_table(
    measures: list[Measure],
    cmp: Comparison,
    this_sums: dict[int, dict[str, float]],
    last_sums: dict[int, dict[str, float]],
) -> Table:
    table = Table(
        key="summary",
        title=_("What was pushed down: %(period)s against %(previous)s") % {"period": cmp.this_label, "previous": cmp.last_label},
        columns=[
            Column(_("Measure")),
            Column(_("Counted in")),
            Column(_("Burden or help")),
            Column(cmp.this_label, NUMBER, 1),
            Column(cmp.last_label, NUMBER, 1),
            Column(_("Year-on-year"), PERCENT, 1),
        ],
    )
    for m in measures:
        this = sum(s.get(m.code, 0.0) for s in this_sums.values())
        last = sum(s.get(m.code, 0.0) for s in last_sums.values())
        kind = _("Burden") if m.direction == Direction.BURDEN else _("Help")
        table.rows.append(_row(table, [_label(m), str(m.unit_label), kind, this, last, change(this, last)], decimals=m.decimals))
    return table


def _row(table: Table, values: list[Any], *, decimals: int) -> list[Any]:
    """A row whose numbers use the measure's own decimals (a summary mixes counts and hours)."""
    from qingzhuang.ledger.tables import cell

    cols = [Column(c.label, c.kind, decimals if c.kind == NUMBER else c.decimals) for c in table.columns]
    return [cell(c, v) for c, v in zip(cols, values, strict=True)]


def _receivers_table(
    units: dict[int, Unit],
    measure: Measure,
    cmp: Comparison,
    this_sums: dict[int, dict[str, float]],
    last_sums: dict[int, dict[str, float]],
) -> Table:
    period = cmp.period
    table = Table(
        key="receivers",
        title=_("By receiving unit: %(measure)s") % {"measure": _label(measure)},
        columns=_compare_columns(_("Receiving unit"), measure, cmp),
    )

    def order(unit_id: int) -> tuple[float, float, str]:
        return (-this_sums.get(unit_id, {}).get(measure.code, 0.0), -last_sums.get(unit_id, {}).get(measure.code, 0.0), units[unit_id].path)

    for unit_id in sorted(units, key=order):
        this = this_sums.get(unit_id, {}).get(measure.code, 0.0)
        last = last_sums.get(unit_id, {}).get(measure.code, 0.0)
        url = _unit_url(unit_id, period)
        table.add([units[unit_id].name, this, last, change(this, last)], [url, "", "", ""])
    return table


def _heaviest_table(
    units: dict[int, Unit],
    measures: list[Measure],
    cmp: Comparison,
    this_sums: dict[int, dict[str, float]],
    last_sums: dict[int, dict[str, float]],
) -> Table:
    period, previous = cmp.period, cmp.previous
    caps = capacities_for(units, period)
    caps_last = capacities_for(units, previous)
    # While the period runs, the load is per month of the days counted (the same share both years).
    months = period.month_count * cmp.covered
    results = []
    for unit_id, unit in units.items():
        now = index_compute(amounts=this_sums.get(unit_id, {}), capacity=caps.get(unit_id), period=period, measures=measures, months=months)
        if now.value is None:
            continue
        before = index_compute(
            amounts=last_sums.get(unit_id, {}), capacity=caps_last.get(unit_id), period=previous, measures=measures, months=months
        )
        results.append((unit, now, before.value))
    results.sort(key=lambda r: (-(r[1].value or 0.0), r[0].path))
    results = results[:HEAVIEST]
    table = Table(
        key="heaviest",
        title=_("Heaviest-loaded grassroots units (small horse, big cart index)"),
        columns=[
            Column(_("Unit")),
            Column(_("Staff on the roll"), NUMBER),
            Column(_("Seconded away"), NUMBER),
            Column(_("On duty"), NUMBER),
            Column(_("Residents"), NUMBER),
            Column(_("Weighted load"), NUMBER, 1),
            Column(_("Index %(period)s") % {"period": cmp.this_label}, NUMBER, 2),
            Column(_("Index %(period)s") % {"period": cmp.last_label}, NUMBER, 2),
            Column(_("Year-on-year"), PERCENT, 1),
        ],
        note=_("Index = weighted load ÷ staff on duty (on the roll, less those seconded away at the period's end) ÷ months in the period: "
               "the load each member of staff at the post carries per month."),
    )
    for unit, now, before_value in results:
        assert now.capacity is not None
        table.add(
            [unit.name, now.capacity.staff, now.capacity.away, now.capacity.on_duty, now.capacity.residents, now.load, now.value, before_value,
             change(now.value, before_value)],
            [_unit_url(unit.id, period), "", "", "", "", "", "", "", ""],
        )
    return table


def _whole_county(root: Unit, grassroots: QuerySet[Unit]) -> bool:
    """Whether ``grassroots`` are all the grassroots units of ``root``'s county (then its county rollup applies)."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None:
        return False
    return grassroots.count() == Unit.objects.filter(county_id=root.county_id, kind__in=GRASSROOTS_KINDS).count()


def _trend_table(root: Unit, grassroots: QuerySet[Unit], measure: Measure, period: Period, *, today: dt.date) -> Table:
    """The 12 months of the period's year against last year's. In the current year the months not yet
    reached are blank, and the current month is compared with the same days of last year's month."""
    year, last_year = period.year, period.year - 1
    start, end = dt.date(last_year, 1, 1), dt.date(year + 1, 1, 1)
    if _whole_county(root, grassroots) and not measure.is_level:
        # A county's 24 months from the county rollup rather than its communities' months.
        rows = LedgerCountyMonth.objects.filter(county_id=root.county_id, measure=measure.code, month__gte=start, month__lt=end)
        sums = {(measure.code, month): value for month, value in rows.values_list("month", "value")}
    else:
        sums = _sums_by_measure_month(grassroots, start, end, codes=[measure.code])
    table = Table(
        key="trend",
        title=_("Trend by month: %(measure)s") % {"measure": _label(measure)},
        columns=[
            Column(_("Month")),
            Column(_("Year %(year)s") % {"year": year}, NUMBER, measure.decimals),
            Column(_("Year %(year)s") % {"year": last_year}, NUMBER, measure.decimals),
            Column(_("Year-on-year"), PERCENT, 1),
        ],
    )
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        label = _("Month %(month)s") % {"month": month}
        if first > today:
            table.add([label, BLANK, BLANK, BLANK])
            continue
        this = sums.get((measure.code, first), 0.0)
        last = sums.get((measure.code, dt.date(last_year, month, 1)), 0.0)
        if (today.year, today.month) == (year, month) and today.day < _days_in_month(first):
            # The month runs: its days so far against the same days of last year's month.
            until = today + dt.timedelta(days=1)
            if measure.is_level:
                last = sum(v.get(measure.code, 0.0) for v in _levels_at(grassroots, [measure], year_earlier(until)).values())
            else:
                last = sum(_raw_sums(measure, dt.date(last_year, month, 1), year_earlier(until), key="unit", among=grassroots).values())
            label = f"{label}*"
            table.note = _("* Month %(month)s up to day %(day)s, against the same days of %(last_year)s; months not reached are blank.") % {
                "month": month, "day": today.day, "last_year": last_year,
            }
        table.add([label, this, last, change(this, last)])
    return table


def _days_in_month(first: dt.date) -> int:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (following - first).days


def _quota_table(user: Any, root: Unit, year: int) -> Table | None:
    """The gate's red/yellow quota board for the units under ``root`` (None when the user may not see quotas)."""
    if not access.can(user, "gate.view_quota"):
        return None
    from qingzhuang.gate.models import Colour, Quota

    quotas = access.scoped_queryset(
        user, "gate.view_quota", Quota.objects.filter(year=year, unit__path__startswith=root.path).select_related("unit")
    ).order_by("unit__path", "kind")
    table = Table(
        key="quotas",
        title=_("Quotas %(year)s: red and yellow warnings") % {"year": year},
        columns=[Column(_("Unit")), Column(_("Kind of item")), Column(_("Limit"), NUMBER), Column(_("Used"), NUMBER), Column(_("Warning"))],
    )
    colours = dict(Colour.choices)
    for quota in quotas[:300]:
        table.add([quota.unit.name, quota.kind_label, quota.limit, quota.used, str(colours.get(quota.colour, quota.colour))])
    return table


def _gate_board_url() -> str:
    try:
        return reverse("gate:board")
    except NoReverseMatch:
        return ""


def _bar_from(table: Table, *, horizontal: bool, names: tuple[str, str] | None = None) -> Chart:
    """A bar chart of the table's first two number columns (``names``: shorter legend names, for phones)."""
    rows = table.rows[:CHART_ROWS][::-1] if horizontal else table.rows[:CHART_ROWS]
    legend = names or (table.columns[1].label, table.columns[2].label)
    return Chart(
        key=table.key,
        title=table.title,
        kind="bar",
        categories=[r[0].text for r in rows],
        series=[{"name": legend[i - 1], "data": [r[i].value for r in rows]} for i in (1, 2)],
        horizontal=horizontal,
    )


# --- The community page -------------------------------------------------------------------------------


@dataclass
class UnitLedger:
    unit: Unit
    period: Period
    previous: Period
    measures: list[Measure]
    index: IndexResult
    index_last: IndexResult
    inputs: Table
    by_issuer: Table
    trend: Table
    chart: Chart

    @property
    def tables(self) -> list[Table]:
        return [self.inputs, self.by_issuer, self.trend]

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)

    @property
    def index_change(self) -> float | None:
        return change(self.index.value, self.index_last.value)


def unit_ledger(*, user: Any, unit: Unit, period: Period, today: dt.date | None = None) -> UnitLedger:
    """Everything pushed to ``unit`` in ``period``: per measure with the index and its inputs, per issuer.

    A period not yet over is compared with the same days of last year, as on the boards."""
    measures = list(all_measures())
    today = today or clock.today()
    cmp = comparison_for(period, today=today)
    previous = cmp.previous
    only = Unit.objects.filter(pk=unit.pk)
    this_sums, last_sums = _sums_compared(only, cmp)
    this, last = this_sums.get(unit.pk, {}), last_sums.get(unit.pk, {})
    months = period.month_count * cmp.covered
    index_now = index_compute(
        amounts=this, capacity=capacities_for([unit.pk], period).get(unit.pk), period=period, measures=measures, months=months
    )
    index_last = index_compute(
        amounts=last, capacity=capacities_for([unit.pk], previous).get(unit.pk), period=previous, measures=measures, months=months
    )

    inputs = Table(
        key="inputs",
        title=_("The index and its inputs"),
        columns=[
            Column(_("Measure")),
            Column(_("Counted in")),
            Column(cmp.this_label, NUMBER, 1),
            Column(_("Weight"), NUMBER, 4),
            Column(_("Weighted"), NUMBER, 1),
            Column(cmp.last_label, NUMBER, 1),
            Column(_("Year-on-year"), PERCENT, 1),
        ],
    )
    for item in index_now.inputs:
        m = item.measure
        last_amount = last.get(m.code, 0.0)
        inputs.rows.append(
            _row(inputs, [_label(m), str(m.unit_label), item.amount, weight_of(m), item.weighted, last_amount, change(item.amount, last_amount)], decimals=m.decimals)
        )

    flows = (
        LedgerFlow.objects.filter(unit=unit, **_in(period)).values_list("issuer_id", "measure").annotate(total=Sum("value")).order_by()
    )
    per_issuer: dict[int, dict[str, float]] = defaultdict(dict)
    for issuer_id, code, total in flows:
        per_issuer[issuer_id][code] = float(total or 0)
    for m in _levels(measures):
        # A level per issuer: its value at the period's end, every change before it.
        standing = LedgerFlow.objects.filter(unit=unit, measure=m.code, month__lt=period.end).values_list("issuer_id").annotate(total=Sum("value")).order_by()
        for values in per_issuer.values():
            values.pop(m.code, None)
        for issuer_id, total in standing:
            per_issuer[issuer_id][m.code] = float(total or 0)
    names = dict(Unit.objects.filter(id__in=per_issuer).values_list("id", "name"))
    by_issuer = Table(
        key="by_issuer",
        title=_("Pushed down by issuing unit and kind"),
        columns=[Column(_("Issuing unit")), *(Column(_label(m), NUMBER, m.decimals) for m in measures)],
    )
    first = measures[0].code if measures else ""
    for issuer_id in sorted(per_issuer, key=lambda i: (-per_issuer[i].get(first, 0.0), names.get(i, ""))):
        by_issuer.add([names.get(issuer_id, "?"), *(per_issuer[issuer_id].get(m.code, 0.0) for m in measures)])
    whole = _sums_by_unit_measure(only, period, previous)[0].get(unit.pk, {}) if cmp.partial else this
    unknown = [whole.get(m.code, 0.0) - sum(v.get(m.code, 0.0) for v in per_issuer.values()) for m in measures]
    if any(abs(x) > 1e-9 for x in unknown):
        by_issuer.add([_("Issuer not recorded"), *unknown])

    trend_sums = _sums_by_measure_month(only, dt.date(period.year, 1, 1), dt.date(period.year + 1, 1, 1))
    trend = Table(
        key="trend",
        title=_("By month, %(year)s") % {"year": period.year},
        columns=[Column(_("Month")), *(Column(_label(m), NUMBER, m.decimals) for m in measures)],
    )
    for month in range(1, 13):
        day = dt.date(period.year, month, 1)
        reached = day <= today
        trend.add([_("Month %(month)s") % {"month": month}, *(trend_sums.get((m.code, day), 0.0) if reached else BLANK for m in measures)])
    chart = Chart(
        key="unit-trend",
        title=trend.title,
        kind="bar",
        categories=[r[0].text for r in trend.rows],
        # Measures weighing nothing in the index (e.g. characters of text) would dwarf the others: table only.
        series=[
            {"name": trend.columns[i].label, "data": trend.column_values(i)}
            for i, m in enumerate(measures, start=1)
            if weight_of(m) > 0
        ],
    )
    return UnitLedger(
        unit=unit,
        period=period,
        previous=previous,
        measures=measures,
        index=index_now,
        index_last=index_last,
        inputs=inputs,
        by_issuer=by_issuer,
        trend=trend,
        chart=chart,
    )


def unit_items(*, unit: Unit, period: Period, measure: Measure) -> Table:
    """The items behind a unit's figure for one measure (the measure's own drill-down)."""
    table = Table(
        key=f"items-{measure.code}",
        title=_("%(measure)s: the items") % {"measure": _label(measure)},
        columns=[Column(_("Item")), Column(_("Date")), Column(str(measure.unit_label), NUMBER, measure.decimals)],
    )
    if measure.items is None:
        table.note = _("This measure does not list its items.")
        return table
    for title, url, day, amount in measure.items(unit, period.start, period.end):
        table.add([title, day.isoformat(), amount], [url, "", ""])
    return table


def measure_get(code: str | None) -> Measure | None:
    if not code:
        return None
    try:
        return measure_by_code(code)
    except KeyError:
        return None


# --- Above the county ---------------------------------------------------------------------------------


def province_summary(*, user: Any, period: Period, region: Region | None = None) -> Table:
    """Per county: every measure this period against the same period last year.

    A user who sees every unit reads the county rollup (a province is ~100 counties × 12 months per
    measure, whatever the number of communities); anyone else sums the monthly rows of the units in
    their scope, which are few. ``region`` narrows to the counties under a province or city.
    """
    measures = list(all_measures())
    cmp = comparison_for(period, today=clock.today())
    whole = access.user_scopes(user, BOARD_PERM) is access.ALL
    sums: dict[tuple[int, str, bool], float] = defaultdict(float)
    for window, is_this in ((cmp.this, True), (cmp.last, False)):
        # Whole months from the rollups; while the period runs, the days of the current month from raw records.
        level_codes = [m.code for m in _levels(measures)]
        for months in ({"month__gte": window.start, "month__lt": window.full_months_end}, {"month__lt": window.full_months_end}):
            # First the flows within the window, then the levels: every change before the window's end.
            levels_pass = "month__gte" not in months
            if levels_pass and not level_codes:
                continue
            found: QuerySet[Any]
            if whole:
                rows = LedgerCountyMonth.objects.filter(**months)
                if region is not None:
                    rows = rows.filter(county__path__startswith=region.path)
                rows = rows.filter(measure__in=level_codes) if levels_pass else rows.exclude(measure__in=level_codes)
                found = rows.values_list("county_id", "measure").annotate(total=Sum("value")).order_by()
            else:
                received = LedgerMonth.objects.filter(unit_id__in=access.unit_ids_for(user, BOARD_PERM), **months)
                if region is not None:
                    received = received.filter(unit__county__path__startswith=region.path)
                received = received.filter(measure__in=level_codes) if levels_pass else received.exclude(measure__in=level_codes)
                found = received.values_list("unit__county_id", "measure").annotate(total=Sum("value")).order_by()
            for county_id, code, total in found:
                if county_id is not None:
                    sums[(county_id, code, is_this)] += float(total or 0)
        if window.end > window.full_months_end:
            among = Unit.objects.filter(kind__in=GRASSROOTS_KINDS)
            if not whole:
                among = among.filter(id__in=access.unit_ids_for(user, BOARD_PERM))
            if region is not None:
                among = among.filter(county__path__startswith=region.path)
            for m in measures:
                raw = _raw_sums(m, window.full_months_end, window.end, key="unit", among=among)
                county_of = dict(Unit.objects.filter(id__in=list(raw)).values_list("id", "county_id"))
                for unit_id, amount in raw.items():
                    if county_of.get(unit_id) is not None:
                        sums[(county_of[unit_id], m.code, is_this)] += amount
    # In the official order of the division codes (GB/T 2260), as county lists are printed.
    counties = dict(Region.objects.filter(id__in={k[0] for k in sums}).order_by("code").values_list("id", "name"))
    offices = dict(
        Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, county_id__in=counties).order_by("-path").values_list("county_id", "id")
    )
    columns = [Column(_("County"))]
    for m in measures:
        columns += [Column(f"{_label(m)} {cmp.this_label}", NUMBER, m.decimals), Column(_("Year-on-year"), PERCENT, 1)]
    table = Table(key="counties", title=_("Summary by county: %(period)s") % {"period": cmp.this_label}, columns=columns)
    if not whole:
        table.note = _("Only the units within your scope are counted.")
    totals: dict[tuple[str, bool], float] = defaultdict(float)
    for county_id, name in counties.items():
        values: list[Any] = [name]
        for m in measures:
            this, last = sums.get((county_id, m.code, True), 0.0), sums.get((county_id, m.code, False), 0.0)
            totals[(m.code, True)] += this
            totals[(m.code, False)] += last
            values += [this, change(this, last)]
        office = offices.get(county_id)
        link = reverse("ledger:board") + f"?unit={office}&p={period.key}" if office else ""
        table.add(values, [link] + [""] * (len(values) - 1))
    if len(counties) > 1:
        total_row: list[Any] = [_("All counties")]
        for m in measures:
            total_row += [totals[(m.code, True)], change(totals[(m.code, True)], totals[(m.code, False)])]
        table.add(total_row)
    return table


def counties_summary(*, user: Any, period: Period, region_id: int | None = None) -> tuple[Table, Region | None]:
    """The summary by county as the page and the API serve it: 403 without a board, 404 for a region that is no province."""
    if not access.can(user, BOARD_PERM):
        raise PermissionDenied(access.DENIED_MESSAGE)
    region = get_object_or_404(Region, pk=region_id, level=RegionLevel.PROVINCE) if region_id is not None else None
    return province_summary(user=user, period=period, region=region), region


def summary_regions() -> list[Region]:
    """The provinces a user who sees every unit may narrow the summary to."""
    return list(Region.objects.filter(level=1).order_by("code"))


def reports_visible(user: Any, root: Unit) -> list[LedgerReport]:
    reports = access.scoped_queryset(user, REPORT_PERM, LedgerReport.objects.filter(unit=root))
    return list(reports.order_by("-created")[:12])


def capacity_text(capacity: Capacity | None) -> str:
    if capacity is None:
        return _("No community profile for this period")
    return _("%(staff)s community staff on the roll, %(away)s seconded away, %(on_duty)s on duty; %(residents)s residents, "
             "%(households)s households (profile from %(day)s)") % {
        "staff": capacity.staff,
        "away": capacity.away,
        "on_duty": capacity.on_duty,
        "residents": capacity.residents,
        "households": capacity.households,
        "day": capacity.valid_from.isoformat(),
    }


def units_choices(user: Any, units: Iterable[Unit]) -> list[tuple[int, str]]:
    return [(u.pk, u.name) for u in units]
