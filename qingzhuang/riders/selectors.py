"""Reads of the riders: rosters and membership over time from the status history, a rider's own reports, the reports
a unit must act on, and open reports of the same kind nearby."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery, Sum

from qingzhuang.lib import coords
from qingzhuang.org import access
from qingzhuang.riders.models import (
    MEMBER_STATUSES,
    OPEN_STATUSES,
    HazardReport,
    Patrol,
    PatrolStatus,
    Publicity,
    Rider,
    StatusChange,
)
from qingzhuang.riders.services import HANDLE, MANAGE, REPORT

VIEW = "riders.view"
FOLLOW = "riders.follow"
__all__ = ["FOLLOW", "HANDLE", "MANAGE", "REPORT", "VIEW"]


def _status_on(day: dt.date) -> Subquery:
    return Subquery(StatusChange.objects.filter(rider=OuterRef("pk"), since__lte=day).order_by("-since", "-id").values("status")[:1])


def riders_for(user: Any, *, community: Any = None) -> QuerySet[Rider]:
    qs = access.scoped_queryset(user, VIEW, Rider.objects.select_related("community"))
    if community is not None:
        qs = qs.filter(community=community)
    return qs


def with_status(qs: QuerySet[Rider], day: dt.date) -> QuerySet[Any]:
    return qs.annotate(status_now=_status_on(day))


def members_on(user: Any, community: Any, day: dt.date) -> int:
    """Riders and volunteers of ``community`` on ``day``: joined by then and not left (paused ones still belong)."""
    return with_status(riders_for(user, community=community), day).filter(status_now__in=MEMBER_STATUSES).count()


def membership_series(user: Any, community: Any, days: list[dt.date]) -> list[tuple[dt.date, int]]:
    return [(day, members_on(user, community, day)) for day in days]


def joined_and_left(user: Any, community: Any, start: dt.date, end: dt.date) -> tuple[int, int]:
    """Riders who joined, and who left, in [start, end)."""
    riders = riders_for(user, community=community)
    joined = riders.filter(joined_on__gte=start, joined_on__lt=end).count()
    left = StatusChange.objects.filter(rider__in=riders, status="left", since__gte=start, since__lt=end).count()
    return joined, left


def points_balance(rider: Rider) -> int:
    return int(rider.points.aggregate(total=Sum("points"))["total"] or 0)


def my_reports(user: Any) -> QuerySet[HazardReport]:
    """The reports a rider filed themselves: a rider sees only their own."""
    if not getattr(user, "is_authenticated", False):
        return HazardReport.objects.none()
    return HazardReport.objects.filter(reporter=user).select_related("category", "unit")


def reports_to_handle(user: Any) -> QuerySet[HazardReport]:
    return access.scoped_queryset(user, HANDLE, HazardReport.objects.select_related("category", "unit", "reporter"))


def reports_for_department(user: Any) -> QuerySet[HazardReport]:
    """Reports whose category the user's department answers for (the county office names it on the category list)."""
    units = access.unit_ids_for(user, FOLLOW)
    qs = HazardReport.objects.select_related("category", "unit", "reporter", "category__department")
    return qs if units is None else qs.filter(category__department_id__in=units)


def report_for(user: Any, pk: int) -> HazardReport:
    """One report: its reporter sees it, staff of the unit it was routed to see it, and the department answerable for its
    category; others get 403 (404 if missing)."""
    qs = HazardReport.objects.select_related("category", "unit", "reporter", "category__department")
    found = qs.filter(pk=pk, reporter=user).first() if getattr(user, "is_authenticated", False) else None
    if found is None and access.can(user, FOLLOW):
        found = reports_for_department(user).filter(pk=pk).first()
    return found or access.get_for_user(user, HANDLE, qs, pk=pk)


def own_rider(user: Any) -> Rider | None:
    return Rider.objects.filter(user=user).select_related("community").first() if getattr(user, "is_authenticated", False) else None


def patrols_for(user: Any) -> QuerySet[Patrol]:
    """Patrols the user may see: a rider their own, the community's staff (and the county) those of their scope."""
    qs = Patrol.objects.select_related("rider", "community")
    if access.can(user, VIEW):
        return access.scoped_queryset(user, VIEW, qs)
    rider = own_rider(user)
    return qs.filter(rider=rider) if rider is not None else qs.none()


def patrols_to_decide(user: Any) -> QuerySet[Patrol]:
    return access.scoped_queryset(user, HANDLE, Patrol.objects.filter(status=PatrolStatus.RECORDED))


def patrol_for(user: Any, pk: int) -> Patrol:
    """One patrol: its rider sees it, and staff of its community; others get 403 (404 if missing)."""
    qs = Patrol.objects.select_related("rider", "community")
    rider = own_rider(user)
    found = qs.filter(pk=pk, rider=rider).first() if rider is not None else None
    return found or access.get_for_user(user, VIEW, qs, pk=pk)


def publicity_for(user: Any) -> QuerySet[Publicity]:
    qs = Publicity.objects.select_related("rider", "community")
    if access.can(user, VIEW):
        return access.scoped_queryset(user, VIEW, qs)
    rider = own_rider(user)
    return qs.filter(rider=rider) if rider is not None else qs.none()


def nearby_open(*, category_id: int, lat: float, lng: float, radius_m: float, exclude: int | None = None) -> list[tuple[HazardReport, float]]:
    """Open reports of the same category within ``radius_m`` of the point, nearest first (是这个吗？)."""
    d_lat = radius_m / 111_195
    d_lng = radius_m / (111_195 * max(0.1, math.cos(math.radians(lat))))
    qs = HazardReport.objects.filter(category_id=category_id, status__in=OPEN_STATUSES, lat__range=(lat - d_lat, lat + d_lat),
                                     lng__range=(lng - d_lng, lng + d_lng)).select_related("category", "unit")
    if exclude:
        qs = qs.exclude(pk=exclude)
    found = []
    for report in qs[:200]:
        assert report.lat is not None and report.lng is not None
        d = coords.distance_m(lat, lng, report.lat, report.lng)
        if d <= radius_m:
            found.append((report, d))
    return sorted(found, key=lambda pair: pair[1])[:5]
