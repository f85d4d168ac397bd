"""Reads: which items a user may see, overlaps and merge proposals, the cap board and the figures.

The figures are counts of items (inspections and assessments carried out) from the raw records, and
receipts per unit (items received, on-site days) from the ledger's rollups of this component's measures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Sum

from qingzhuang.gate.models import Quota
from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.selectors import VerdictRow, county_office, verdict_rows
from qingzhuang.gate.services import warning_params
from qingzhuang.gate.warnings import quota_warning
from qingzhuang.inspections.models import (
    LIVE,
    RELATED_KINDS,
    InspectionKind,
    InspectionPlan,
    Item,
    ItemStatus,
)
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Region, Unit, UnitKind

VIEW = "inspections.view"
PROPOSE = "inspections.propose"
REVIEW = "inspections.review"
RESPOND = "inspections.respond"

# The ledger measures this component registers (see component.py and ledger.py).
RECEIVED = "inspections.received"  # 督查 and 检查 received
ASSESSMENTS_RECEIVED = "inspections.assessments_received"
ON_SITE_DAYS = "inspections.on_site_days"
INSPECTION_KINDS = (InspectionKind.SUPERVISION, InspectionKind.INSPECTION)


# States in which an item is announced to the units it inspects.
ANNOUNCED = (ItemStatus.FILED, ItemStatus.CARRIED_OUT)


def items_visible(user: Any) -> QuerySet[Item]:
    """Items led by, joined by or aimed at the user's units (a county office: its whole tree).

    A unit that is only inspected sees an item once it is announced (filed): proposals, refusals and
    merges are the lead department's and the county office's business.
    """
    scoped = access.scoped_queryset(user, VIEW, Item.objects.all()).select_related("lead", "plan", "plan__office")
    if access.is_system_admin(user):
        return scoped
    condition = Q(status__in=ANNOUNCED)
    if access.can(user, PROPOSE):
        leads = access.unit_ids_for(user, PROPOSE)
        condition |= Q(lead_id__in=leads) | Q(partners__in=leads)
    if access.can(user, REVIEW):
        condition |= Q(plan__office_id__in=access.unit_ids_for(user, REVIEW))
    return scoped.filter(pk__in=Item.objects.filter(condition).values("pk"))


def item_for(user: Any, pk: int) -> Item:
    """The one way to fetch an item for a user: 404 if unknown, 403 outside scope (or not yet announced to an inspected unit)."""
    item = access.get_for_user(user, VIEW, Item.objects.select_related("lead", "lead__county", "plan", "plan__office"), pk=pk)
    if not items_visible(user).filter(pk=pk).exists():
        raise PermissionDenied(access.DENIED_MESSAGE)
    return item




def can_review(user: Any, item: Item) -> bool:
    return access.can(user, REVIEW, item.plan.office)


def can_lead(user: Any, item: Item) -> bool:
    return access.can(user, PROPOSE, item.lead)


def units_to_respond(user: Any, item: Item) -> list[Unit]:
    """The inspected units of ``item`` the user may answer for (findings, feedback)."""
    ids = access.unit_ids_for(user, RESPOND)
    targets = item.targets.all()
    if ids is not None:
        targets = targets.filter(id__in=ids)
    return list(targets.order_by("path"))


def plan_get(office: Unit, year: int) -> InspectionPlan | None:
    return InspectionPlan.objects.filter(office=office, year=year).first()


def offices_for(user: Any, perm: str = VIEW) -> list[Unit]:
    """County offices whose plans the user may open: their own county's (every role), or all (admin)."""
    offices = Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE, county__isnull=False).order_by("path")
    if access.is_system_admin(user):
        return list(offices)
    counties = {s.county_id for s in access.user_scopes(user, perm) if s.county_id}  # type: ignore[union-attr]
    return [o for o in offices if o.county_id in counties]


def units_in_scope(county: Region, scope: str) -> QuerySet[Unit]:
    kinds = {"all_towns": [UnitKind.TOWN_OFFICE], "all_communities": [UnitKind.COMMUNITY, UnitKind.VILLAGE]}[scope]
    return Unit.objects.filter(county=county, kind__in=kinds, is_active=True).order_by("path")


def is_grassroots_assessment(item: Item) -> bool:
    return item.kind == InspectionKind.ASSESSMENT and item.targets.filter(kind__in=GRASSROOTS_KINDS).exists()


def overlapping(item: Item) -> QuerySet[Item]:
    """Live items of a related kind, of the same county and year, aimed at one of the same units, in an overlapping window."""
    if item.pk is None:
        return Item.objects.none()
    return (
        Item.objects.filter(
            plan__office_id=item.plan.office_id,
            plan__year=item.plan.year,
            status__in=LIVE,
            kind__in=RELATED_KINDS[InspectionKind(item.kind)],
            window_start__lte=item.window_end,
            window_end__gte=item.window_start,
            targets__in=item.targets.all(),
        )
        .exclude(pk=item.pk)
        .select_related("lead")
        .distinct()
        .order_by("window_start", "id")
    )


@dataclass(frozen=True)
class MergeProposal:
    items: list[Item]
    units: list[str]


def merge_proposals(plan: InspectionPlan) -> list[MergeProposal]:
    """Groups of overlapping live items (connected through overlaps), each a proposal to merge into one."""
    items = list(plan.items.filter(status__in=LIVE).select_related("lead", "plan").prefetch_related("targets"))
    by_id = {i.pk: i for i in items}
    links: dict[int, set[int]] = {i.pk: set() for i in items}
    for item in items:
        for other in overlapping(item):
            if other.pk in by_id:
                links[item.pk].add(other.pk)
    seen: set[int] = set()
    proposals = []
    for item in items:
        if item.pk in seen or not links[item.pk]:
            continue
        group, todo = set(), [item.pk]
        while todo:
            pk = todo.pop()
            if pk in group:
                continue
            group.add(pk)
            todo.extend(links[pk] - group)
        seen |= group
        members = [by_id[pk] for pk in sorted(group)]
        shared = set.intersection(*({t.pk for t in m.targets.all()} for m in members))
        names = sorted({t.name for m in members for t in m.targets.all() if t.pk in shared})
        proposals.append(MergeProposal(items=members, units=names))
    return proposals


def verdicts(item: Item) -> list[VerdictRow]:
    return verdict_rows(latest_check(item))


@dataclass
class CapRow:
    label: str
    used: int
    limit: int | None
    colour: str
    text: str


def cap_board(office: Unit, year: int, today: dt.date | None = None) -> list[CapRow]:
    """The county's 督检考 caps with red/yellow: the county totals per kind, then each department's cap."""
    from qingzhuang.gate.kinds import kind_label
    from qingzhuang.gate.rules import render_message

    today = today or clock.today()
    params = warning_params(office.county)
    rows = []
    county_kinds = ["inspection.supervision", "inspection.inspection", "inspection.assessment", "inspection.grassroots_assess"]
    quotas = {q.kind: q for q in Quota.objects.filter(unit=office, year=year, kind__in=county_kinds)}
    dept = list(Quota.objects.filter(unit__county=office.county, year=year, kind="inspection").select_related("unit").order_by("unit__path"))
    for kind in county_kinds:
        rows.append(_cap_row(str(kind_label(kind)), quotas.get(kind), year, today, params, render_message))
    for q in dept:
        rows.append(_cap_row(q.unit.name, q, year, today, params, render_message))
    return rows


def _cap_row(label: str, quota: Quota | None, year: int, today: dt.date, params: dict[str, Any], render: Any) -> CapRow:
    if quota is None:
        return CapRow(label=label, used=0, limit=None, colour="", text="")
    warning = quota_warning(limit=quota.limit, used=quota.used, year=year, today=today, params=params)
    return CapRow(label=label, used=quota.used, limit=quota.limit, colour=str(warning.colour), text=render(warning.message, warning.params))


def carried_out(county: Region, start: dt.date, end: dt.date, kinds: tuple[str, ...] | None = None, issuers: Any = None) -> QuerySet[Item]:
    """Items of the county carried out on days in [start, end): a joint inspection once, what it replaced never."""
    qs = Item.objects.filter(plan__office__county=county, status=ItemStatus.CARRIED_OUT, carried_out_on__gte=start, carried_out_on__lt=end)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if issuers is not None:
        qs = qs.filter(lead_id__in=issuers.values("id"))
    return qs


def count_carried_out(*, issuers: QuerySet[Unit], start: dt.date, end: dt.date, kinds: tuple[str, ...]) -> int:
    """For the ledger's count_items: items led by ``issuers`` carried out in [start, end)."""
    return Item.objects.filter(
        lead_id__in=issuers.values("id"), status=ItemStatus.CARRIED_OUT, carried_out_on__gte=start, carried_out_on__lt=end, kind__in=kinds
    ).count()


@dataclass
class UnitReceipts:
    unit: Unit
    items: float
    items_last: float
    on_site_days: float
    on_site_days_last: float


@dataclass
class Figures:
    county: Region
    year: int
    inspections: int
    inspections_last: int
    assessments: int
    assessments_last: int
    # 督检考 items received by the county's departments and towns/streets (the article's −12%).
    received: float
    received_last: float
    units: list[UnitReceipts] = field(default_factory=list)
    merged: int = 0
    traces_refused: int = 0

    @property
    def received_change(self) -> float | None:
        return (self.received - self.received_last) / self.received_last if self.received_last else None

    @property
    def received_change_text(self) -> str:
        change = self.received_change
        return "—" if change is None else f"{change * 100:+.1f}%"


def _year_sums(units: QuerySet[Unit], year: int, codes: tuple[str, ...]) -> dict[int, float]:
    from qingzhuang.ledger.models import LedgerYear

    rows = LedgerYear.objects.filter(unit_id__in=units.values("id"), year=year, measure__in=codes).values("unit_id").annotate(total=Sum("value"))
    return {r["unit_id"]: float(r["total"] or 0) for r in rows}


def figures(*, county: Region, year: int) -> Figures:
    """The county's 督检考 figures for ``year`` against the year before (the figures page and the board section)."""
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    last_start = dt.date(year - 1, 1, 1)
    receivers = Unit.objects.filter(county=county, kind__in=[UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE])
    everyone = Unit.objects.filter(county=county)
    items = (RECEIVED, ASSESSMENTS_RECEIVED)
    this_items, last_items = _year_sums(everyone, year, items), _year_sums(everyone, year - 1, items)
    this_days, last_days = _year_sums(everyone, year, (ON_SITE_DAYS,)), _year_sums(everyone, year - 1, (ON_SITE_DAYS,))
    receiver_ids = set(receivers.values_list("id", flat=True))
    ids = set(this_items) | set(last_items) | set(this_days) | set(last_days)
    units = Unit.objects.in_bulk(ids)
    rows = [
        UnitReceipts(units[i], this_items.get(i, 0.0), last_items.get(i, 0.0), this_days.get(i, 0.0), last_days.get(i, 0.0))
        for i in ids if i in units
    ]
    rows.sort(key=lambda r: (-r.items, -r.items_last, r.unit.path))
    office = county_office(county)
    return Figures(
        county=county,
        year=year,
        inspections=carried_out(county, start, end, INSPECTION_KINDS).count(),
        inspections_last=carried_out(county, last_start, start, INSPECTION_KINDS).count(),
        assessments=carried_out(county, start, end, (InspectionKind.ASSESSMENT,)).count(),
        assessments_last=carried_out(county, last_start, start, (InspectionKind.ASSESSMENT,)).count(),
        received=sum(v for k, v in this_items.items() if k in receiver_ids),
        received_last=sum(v for k, v in last_items.items() if k in receiver_ids),
        units=rows,
        merged=Item.objects.filter(plan__office=office, plan__year=year, status=ItemStatus.MERGED).count() if office else 0,
        traces_refused=traces_refused_count(office, year) if office else 0,
    )


def traces_refused_count(office: Unit, year: int) -> int:
    from qingzhuang.inspections.rules import TRACES_RULE

    return Item.objects.filter(plan__office=office, plan__year=year, status=ItemStatus.REFUSED, refused_by_rule=TRACES_RULE).count()


def items_for_unit(unit: Unit) -> QuerySet[Item]:
    """Every item aimed at ``unit`` that is going ahead or went ahead (the unit's page lists them, with the announced window)."""
    return (
        Item.objects.filter(targets=unit, status__in=(*LIVE, ItemStatus.CARRIED_OUT))
        .filter(~Q(status=ItemStatus.PROPOSED))
        .select_related("lead")
        .order_by("-window_start", "-id")
    )


def review_queue(user: Any) -> QuerySet[Item]:
    """Proposals and items outside the plan awaiting a county office the user reviews for."""
    ids = access.unit_ids_for(user, REVIEW)
    if ids is not None and not access.can(user, REVIEW):
        return Item.objects.none()
    qs = Item.objects.filter(status__in=(ItemStatus.PROPOSED, ItemStatus.MONTHLY_REVIEW))
    return qs if ids is None else qs.filter(plan__office_id__in=ids)


def coming_to_my_units(user: Any) -> QuerySet[Item]:
    """Filed items not yet carried out, aimed at a unit the user answers for (the announced window)."""
    ids = access.unit_ids_for(user, RESPOND)
    if ids is not None and not access.can(user, RESPOND):
        return Item.objects.none()
    qs = Item.objects.filter(status=ItemStatus.FILED, window_end__gte=clock.today())
    return (qs if ids is None else qs.filter(targets__in=ids)).distinct()
