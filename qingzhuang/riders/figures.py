"""The riders' figures for the ledger and the boards, from raw records: members (a level: +1 the day a rider joins, −1
the day they leave), joined and left; publicity copies handed out; patrols (declined ones not counted); hazards
reported, confirmed (and not later rejected), fixed; and the median time from report to fix."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

from django.db.models import F, FloatField, IntegerField, QuerySet, Sum, Value
from django.urls import reverse
from django.utils import timezone

from qingzhuang.lib import clock
from qingzhuang.riders.models import (
    HazardReport,
    HazardStatus,
    MemberStatus,
    Patrol,
    PatrolStatus,
    Publicity,
    Rider,
    StatusChange,
)

Row = tuple[int, dt.date, float, int | None]
Item = tuple[str, str, dt.date, float]
CONFIRMED_STATUSES = (HazardStatus.CONFIRMED, HazardStatus.FIXED)


def _one(qs: QuerySet[Any], unit: str, day: str) -> QuerySet[Any]:
    return qs.annotate(amount=Value(1.0, output_field=FloatField()), issuer=Value(None, output_field=IntegerField())) \
        .values_list(unit, day, "amount", "issuer")


def joined_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _one(Rider.objects.filter(joined_on__gte=start, joined_on__lt=end), "community_id", "joined_on")


def left_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return _one(StatusChange.objects.filter(status=MemberStatus.LEFT, since__gte=start, since__lt=end), "rider__community_id", "since")


def members_compute(start: dt.date, end: dt.date) -> list[Row]:
    """The changes of the level: +1 the day a rider joined, −1 the day they left (a pause keeps them a member)."""
    return [*joined_compute(start, end), *((u, d, -a, i) for u, d, a, i in left_compute(start, end))]


def materials_rows(qs: QuerySet[Publicity]) -> QuerySet[Any]:
    return qs.annotate(amount=F("count") * Value(1.0, output_field=FloatField()), issuer=Value(None, output_field=IntegerField())) \
        .values_list("community_id", "day", "amount", "issuer")


def materials_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return materials_rows(Publicity.objects.filter(day__gte=start, day__lt=end))


def patrols_rows(qs: QuerySet[Patrol]) -> QuerySet[Any]:
    return _one(qs.exclude(status=PatrolStatus.DECLINED), "community_id", "day")


def patrols_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return patrols_rows(Patrol.objects.filter(day__gte=start, day__lt=end))


def _day_rows(qs: QuerySet[HazardReport], field: str) -> list[Row]:
    return [(unit, timezone.localdate(at), 1.0, None) for unit, at in qs.values_list("unit_id", field).iterator()]


def _between(field: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    tz = timezone.get_current_timezone()
    return {f"{field}__gte": dt.datetime.combine(start, dt.time(), tz), f"{field}__lt": dt.datetime.combine(end, dt.time(), tz)}


def reported_rows(qs: QuerySet[HazardReport]) -> list[Row]:
    return _day_rows(qs, "reported_at")


def confirmed_rows(qs: QuerySet[HazardReport]) -> list[Row]:
    return _day_rows(qs.filter(status__in=CONFIRMED_STATUSES, confirmed_at__isnull=False), "confirmed_at")


def fixed_rows(qs: QuerySet[HazardReport]) -> list[Row]:
    return _day_rows(qs.filter(status=HazardStatus.FIXED, fixed_at__isnull=False), "fixed_at")


def reported_compute(start: dt.date, end: dt.date) -> list[Row]:
    return reported_rows(HazardReport.objects.filter(**_between("reported_at", start, end)))


def confirmed_compute(start: dt.date, end: dt.date) -> list[Row]:
    return confirmed_rows(HazardReport.objects.filter(**_between("confirmed_at", start, end)))


def fixed_compute(start: dt.date, end: dt.date) -> list[Row]:
    return fixed_rows(HazardReport.objects.filter(**_between("fixed_at", start, end)))


def _report_items(qs: QuerySet[HazardReport], field: str) -> list[Item]:
    return [(f"{r.category.name}：{r.description[:40]}", reverse("riders:report_detail", args=[r.pk]), timezone.localdate(getattr(r, field)), 1.0)
            for r in qs.select_related("category").order_by(field, "id")[:500]]


def reported_items(unit: Any, start: dt.date, end: dt.date) -> list[Item]:
    return _report_items(HazardReport.objects.filter(unit=unit, **_between("reported_at", start, end)), "reported_at")


def confirmed_items(unit: Any, start: dt.date, end: dt.date) -> list[Item]:
    qs = HazardReport.objects.filter(unit=unit, status__in=CONFIRMED_STATUSES, **_between("confirmed_at", start, end))
    return _report_items(qs, "confirmed_at")


def fixed_items(unit: Any, start: dt.date, end: dt.date) -> list[Item]:
    return _report_items(HazardReport.objects.filter(unit=unit, status=HazardStatus.FIXED, **_between("fixed_at", start, end)), "fixed_at")


def materials_items(unit: Any, start: dt.date, end: dt.date) -> list[Item]:
    found = Publicity.objects.filter(community=unit, day__gte=start, day__lt=end).select_related("rider").order_by("day", "id")[:500]
    return [(f"{p.material}（{p.place}）", reverse("riders:publicity") + f"?community={unit.pk}", p.day, float(p.count)) for p in found]


def patrols_items(unit: Any, start: dt.date, end: dt.date) -> list[Item]:
    found = Patrol.objects.filter(community=unit, day__gte=start, day__lt=end).exclude(status=PatrolStatus.DECLINED).order_by("day", "id")[:500]
    return [(p.area, reverse("riders:patrol_detail", args=[p.pk]), p.day, 1.0) for p in found]


def median_days_to_fix(reports: Iterable[HazardReport]) -> float | None:
    """The median of (fixed − reported) in days over the fixed reports given; None when none was fixed."""
    spans = [(r.fixed_at - r.reported_at).total_seconds() / 86400 for r in reports if r.fixed_at is not None]
    return round(statistics.median(spans), 1) if spans else None


def community_figures(community_ids: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The riders' figures for these communities (ids or a QuerySet of ids) and the period [start, end), from raw records."""
    riders = Rider.objects.filter(community_id__in=community_ids)
    left = StatusChange.objects.filter(rider__in=riders, status=MemberStatus.LEFT)
    # Members on the period's first day and on the day after it (1 January to 1 January: the article's "60 → 136").
    until = min(end, clock.today())
    reports = HazardReport.objects.filter(unit_id__in=community_ids)
    fixed = reports.filter(status=HazardStatus.FIXED, **_between("fixed_at", start, end))
    return {
        "members_start": riders.filter(joined_on__lte=start).count() - left.filter(since__lte=start).count(),
        "members_end": riders.filter(joined_on__lte=until).count() - left.filter(since__lte=until).count(),
        "start": start, "until": until,
        "joined": riders.filter(joined_on__gte=start, joined_on__lt=end).count(),
        "left": left.filter(since__gte=start, since__lt=end).count(),
        "materials": Publicity.objects.filter(community_id__in=community_ids, day__gte=start, day__lt=end)
        .aggregate(n=Sum("count"))["n"] or 0,
        "handouts": Publicity.objects.filter(community_id__in=community_ids, day__gte=start, day__lt=end).count(),
        "patrols": Patrol.objects.filter(community_id__in=community_ids, day__gte=start, day__lt=end)
        .exclude(status=PatrolStatus.DECLINED).count(),
        "reported": reports.filter(**_between("reported_at", start, end)).count(),
        "confirmed": reports.filter(status__in=CONFIRMED_STATUSES, **_between("confirmed_at", start, end)).count(),
        "fixed": fixed.count(),
        "rejected": reports.filter(status=HazardStatus.REJECTED, **_between("reported_at", start, end)).count(),
        "median_days_to_fix": median_days_to_fix(fixed.only("reported_at", "fixed_at")),
    }
