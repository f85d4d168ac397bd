"""Reads of the gate: the county's red/yellow board, quota plans, rule settings, notices."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from qingzhuang.gate.fields import ITEM_KINDS, param_for, shown
from qingzhuang.gate.kinds import QUOTA_KINDS, kind_label
from qingzhuang.gate.models import GateCheck, Notice, Quota, QuotaUse, RuleSetting
from qingzhuang.gate.rules import all_rules, render_message, rule_by_code
from qingzhuang.gate.services import notice_text, warning_params
from qingzhuang.gate.warnings import quarter_of, quota_warning
from qingzhuang.org import access
from qingzhuang.org.models import Region, Unit, UnitKind

ISSUER_KINDS = (UnitKind.PARTY_GOV_OFFICE, UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE)


def county_office(county: Region | None) -> Unit | None:
    if county is None:
        return None
    return Unit.objects.filter(county=county, kind=UnitKind.PARTY_GOV_OFFICE).order_by("id").first()


def counties_for(user: Any, perm: str) -> list[Region]:
    """Counties whose office unit ``user`` holds ``perm`` on: the counties they may run the gate for."""
    offices = access.scoped_queryset(user, perm, Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, county__isnull=False))
    ids = offices.values_list("county_id", flat=True).distinct()
    return list(Region.objects.filter(id__in=ids).order_by("code"))


def pick_county(user: Any, perm: str, county_id: str | int | None) -> tuple[Region | None, list[Region]]:
    counties = counties_for(user, perm)
    chosen = next((c for c in counties if str(c.pk) == str(county_id)), None) if county_id else None
    return chosen or (counties[0] if counties else None), counties


@dataclass
class Cell:
    kind: str
    label: str
    quota: Quota | None
    colour: str = ""
    used: int = 0
    limit: int = 0
    pace: int | None = None
    text: str = ""


@dataclass
class BoardRow:
    unit: Unit
    cells: list[Cell] = field(default_factory=list)

    @property
    def worst(self) -> int:
        order = {"red": 2, "yellow": 1}
        return max((order.get(c.colour, 0) for c in self.cells), default=0)


@dataclass
class Board:
    county: Region
    year: int
    kinds: list[tuple[str, str]]
    rows: list[BoardRow]
    totals: list[Cell]
    counts: dict[str, int]
    overrides: list[QuotaUse]


def pace_for(limit: int, year: int, today: dt.date) -> int | None:
    """How many items the quarters gone by allow (quarterly reconciliation); None outside the year."""
    if today.year != year:
        return None
    return math.ceil(limit * quarter_of(today) / 4)


def _cell(kind: str, quota: Quota | None, year: int, today: dt.date, params: dict[str, Any]) -> Cell:
    cell = Cell(kind=kind, label=kind_label(kind), quota=quota)
    if quota is None:
        return cell
    warning = quota_warning(limit=quota.limit, used=quota.used, year=year, today=today, params=params)
    cell.colour, cell.used, cell.limit = str(warning.colour), quota.used, quota.limit
    cell.pace = pace_for(quota.limit, year, today)
    cell.text = render_message(warning.message, warning.params)
    return cell


def issuing_units(county: Region) -> QuerySet[Unit]:
    return Unit.objects.filter(county=county, kind__in=ISSUER_KINDS, is_active=True).order_by("path")


def board(*, county: Region, year: int, today: dt.date | None = None, colour: str = "") -> Board:
    """Every issuing unit of the county with its quota per kind (colour from usage and pace), and totals."""
    today = today or timezone.localdate()
    params = warning_params(county)
    units = list(issuing_units(county))
    quotas = {(q.unit_id, q.kind): q for q in Quota.objects.filter(unit__county=county, year=year)}
    extra_ids = {uid for uid, _k in quotas} - {u.pk for u in units}
    units += list(Unit.objects.filter(pk__in=extra_ids).order_by("path"))
    kinds = list(QUOTA_KINDS) + sorted({k for _u, k in quotas} - set(QUOTA_KINDS))
    rows = [BoardRow(unit=u, cells=[_cell(k, quotas.get((u.pk, k)), year, today, params) for k in kinds]) for u in units]
    totals = []
    for kind in kinds:
        limit = sum(q.limit for (_u, k), q in quotas.items() if k == kind)
        used = sum(q.used for (_u, k), q in quotas.items() if k == kind)
        total = Cell(kind=kind, label=kind_label(kind), quota=None, used=used, limit=limit, pace=pace_for(limit, year, today))
        if limit:
            warning = quota_warning(limit=limit, used=used, year=year, today=today, params=params)
            total.colour, total.text = str(warning.colour), render_message(warning.message, warning.params)
        totals.append(total)
    counts = {c: sum(1 for r in rows for cell in r.cells if cell.colour == c) for c in ("green", "yellow", "red")}
    if colour:
        rows = [r for r in rows if any(cell.colour == colour for cell in r.cells)]
    rows.sort(key=lambda r: -r.worst)
    overrides = list(
        QuotaUse.objects.filter(quota__unit__county=county, quota__year=year).exclude(override_reason="").select_related("quota__unit", "by").order_by("-at")[:20]
    )
    return Board(county=county, year=year, kinds=[(k, kind_label(k)) for k in kinds], rows=rows, totals=totals, counts=counts, overrides=overrides)


def quotas_visible(user: Any) -> QuerySet[Quota]:
    return access.scoped_queryset(user, "gate.view_quota", Quota.objects.select_related("unit"))


@dataclass(frozen=True)
class ParamRow:
    """One setting of a rule in words: its label, this county's value and the default, with units."""

    name: str
    label: str
    help: str
    value: str
    default: str
    changed: bool


@dataclass
class RuleRow:
    code: str
    title: str
    kinds: list[str]
    defaults: dict[str, Any]
    values: dict[str, Any]
    enabled: bool
    customised: bool
    choices: dict[str, tuple[str, ...]]
    params: list[ParamRow] = field(default_factory=list)

    @property
    def kind_labels(self) -> list[str]:
        return [str(ITEM_KINDS.get(k, k)) for k in self.kinds]


def param_rows(rule: Any, values: dict[str, Any]) -> list[ParamRow]:
    rows = []
    for name, default in rule.defaults.items():
        spec = param_for(rule, name)
        value = values.get(name, default)
        rows.append(ParamRow(name, str(spec.label), str(spec.help), shown(spec, default, value), shown(spec, default, default), value != default))
    return rows


def rule_rows(county: Region | None) -> list[RuleRow]:
    settings = {s.rule: s for s in RuleSetting.objects.filter(county=county)} if county else {}
    national = {s.rule: s for s in RuleSetting.objects.filter(county__isnull=True)}
    rows = []
    for rule in sorted(all_rules(), key=lambda r: r.code):
        values = dict(rule.defaults)
        enabled = True
        for source in (national.get(rule.code), settings.get(rule.code)):
            if source is not None:
                values.update(source.params)
                enabled = source.enabled
        rows.append(RuleRow(rule.code, str(rule.title), sorted(rule.item_kinds), dict(rule.defaults), values, enabled,
                            rule.code in settings, dict(getattr(rule, "choices", {}) or {}), param_rows(rule, values)))
    return rows


@dataclass
class NoticeRow:
    notice: Notice
    text: str


def notices_for(user: Any, *, unread_only: bool = False, limit: int = 50) -> list[NoticeRow]:
    """The notices addressed to the user's units, one per event."""
    notices = access.scoped_queryset(user, "gate.view_quota", Notice.objects.select_related("unit"))
    if access.is_system_admin(user):
        # Every event has exactly one copy at a county office (or at the unit itself when it has no
        # county): an administrator sees all of them, each once.
        notices = notices.filter(Q(unit__kind=UnitKind.PARTY_GOV_OFFICE) | Q(unit__county__isnull=True))
    if unread_only:
        notices = notices.filter(read=False)
    return [NoticeRow(n, notice_text(n)) for n in notices.order_by("-created", "-id")[:limit]]


@dataclass(frozen=True)
class VerdictRow:
    """One stored verdict as a reader sees it: the rule's title and the message in their language."""

    rule: str
    title: str
    outcome: str
    text: str
    evidence: dict[str, Any]


def verdict_rows(check: GateCheck | None) -> list[VerdictRow]:
    rows = []
    for v in check.verdicts if check else []:
        try:
            title = str(rule_by_code(v["rule"]).title)
        except KeyError:
            title = v["rule"]
        rows.append(VerdictRow(v["rule"], title, v["outcome"], render_message(v["message"], v.get("params") or {}), v.get("evidence") or {}))
    return rows
