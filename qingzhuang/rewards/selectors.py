"""Reads of training and the store: the courses a user sees, a rider's own things, a community's riders and store,
the county's and a community's figures for the ledger's pages, and the training-completions measure from raw records."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, F, FloatField, Q, QuerySet, Value
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.rewards.models import Completion, Course, Redemption, RedemptionStatus, Session, StoreItem
from qingzhuang.rewards.services import COMMUNITY_KINDS, TRAIN
from qingzhuang.rewards.store import REDEEM, STORE, rider_of
from qingzhuang.riders.models import PointsEntry, Rider

VIEW = "rewards.view"
__all__ = ["REDEEM", "STORE", "TRAIN", "VIEW", "rider_of"]
# The points ledger's acts by kind (the act's prefix), as the boards show them.
POINT_LABELS = {
    "hazard_confirmed": _("Confirmed hazard reports"), "hazard_rejected": _("Taken back: reports rejected as false"),
    "patrol": _("Patrols"), "help": _("Help given to households"), "course": _("Courses completed"),
    "store": _("Spent at the store (爱心超市)"), "store_refund": _("Refunded: store redemptions cancelled"),
}
POINT_KINDS = tuple(POINT_LABELS)


def courses_for(user: Any) -> QuerySet[Course]:
    """Staff: the courses in their scope. A rider: their community's and their county office's courses."""
    rider = rider_of(user)
    if rider is not None and not access.can(user, VIEW):
        return Course.objects.filter(Q(offered_by=rider.community) | Q(offered_by__kind=UnitKind.PARTY_GOV_OFFICE,
                                                                         offered_by__county_id=rider.community.county_id))
    return access.scoped_queryset(user, VIEW, Course.objects.all())


def course_for(user: Any, pk: int) -> Course:
    found = courses_for(user).select_related("offered_by").filter(pk=pk).first()
    if found is None:
        if Course.objects.filter(pk=pk).exists():
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(access.DENIED_MESSAGE)
        raise Http404
    return found


def riders_for(user: Any, course: Course | None = None) -> QuerySet[Rider]:
    """The riders a member of staff sees (their communities'), narrowed to those a course serves."""
    qs = access.scoped_queryset(user, VIEW, Rider.objects.select_related("community"))
    if course is not None:
        offerer = course.offered_by
        qs = qs.filter(community__county_id=offerer.county_id) if offerer.kind == UnitKind.PARTY_GOV_OFFICE else qs.filter(community=offerer)
    return qs.order_by("community__path", "name", "id")


def rider_for(user: Any, pk: int) -> Rider:
    """A rider's record: the rider themselves, or staff of their community (403 for others, 404 if missing)."""
    own = rider_of(user)
    if own is not None and own.pk == pk:
        return own
    return access.get_for_user(user, VIEW, Rider.objects.select_related("community"), pk=pk)


def sessions_of(course: Course) -> list[Session]:
    return list(course.sessions.annotate(present=Count("attendances")).order_by("starts_at", "id"))


def stores_for(user: Any) -> list[Unit]:
    """The communities whose store the user keeps."""
    return list(access.scoped_queryset(user, STORE, Unit.objects.filter(kind__in=COMMUNITY_KINDS, is_active=True)).order_by("path")[:300])


def shelf(community: Unit) -> QuerySet[StoreItem]:
    return StoreItem.objects.filter(community=community, is_active=True).order_by("price", "name", "id")


def item_for(user: Any, pk: int) -> StoreItem:
    """An item: a rider sees their own community's shelf, staff the stores they keep."""
    found = StoreItem.objects.select_related("community").filter(pk=pk).first()
    if found is None:
        raise Http404
    rider = rider_of(user)
    if rider is not None and rider.community_id == found.community_id and found.is_active:
        return found
    return access.get_for_user(user, STORE, StoreItem.objects.select_related("community"), pk=pk)


def my_redemptions(user: Any) -> QuerySet[Redemption]:
    rider = rider_of(user)
    if rider is None:
        return Redemption.objects.none()
    return Redemption.objects.filter(rider=rider).select_related("item")


def redemption_for(user: Any, pk: int) -> Redemption:
    found = my_redemptions(user).filter(pk=pk).first()
    return found or access.get_for_user(user, STORE, Redemption.objects.select_related("item__community", "rider"), pk=pk)


def waiting(community: Unit) -> QuerySet[Redemption]:
    return Redemption.objects.filter(item__community=community, status=RedemptionStatus.RESERVED).select_related("item", "rider")


def points_by_kind(entries: QuerySet[PointsEntry]) -> list[tuple[str, int, int]]:
    """(kind, points awarded or refunded, points spent or taken back) per act prefix."""
    plus: Counter[str] = Counter()
    minus: Counter[str] = Counter()
    for act, amount in entries.values_list("act", "points").iterator():
        kind = act.partition(":")[0]
        if amount >= 0:
            plus[kind] += amount
        else:
            minus[kind] -= amount
    return [(kind, plus[kind], minus[kind]) for kind in POINT_KINDS if plus[kind] or minus[kind]]


def figures(*, riders: Q, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Training and store figures, in [start, end), of the riders ``riders`` selects (a county's, a community's)."""
    chosen = Rider.objects.filter(riders)
    completions = Completion.objects.filter(rider__in=chosen, completed_on__gte=start, completed_on__lt=end)
    sessions = Session.objects.filter(attendances__rider__in=chosen, starts_at__date__gte=start, starts_at__date__lt=end).distinct()
    redemptions = Redemption.objects.filter(rider__in=chosen, redeemed_at__date__gte=start, redeemed_at__date__lt=end)
    entries = PointsEntry.objects.filter(rider__in=chosen, at__date__gte=start, at__date__lt=end)
    return {
        "courses": sessions.values("course_id").distinct().count(), "sessions": sessions.count(), "completions": completions.count(),
        "completed_riders": completions.values("rider_id").distinct().count(), "points": points_by_kind(entries),
        "redemptions": Counter(redemptions.values_list("status", flat=True)), "redeemed_points": sum(redemptions.exclude(
            status=RedemptionStatus.CANCELLED).values_list("points", flat=True)),
    }


# --- Ledger rows ---------------------------------------------------------------------------------------------


def completions_compute(start: dt.date, end: dt.date) -> Any:
    """Training completions per community (the rider's), on the day completed, the course's offerer as the issuer."""
    return (Completion.objects.filter(completed_on__gte=start, completed_on__lt=end).annotate(amount=Value(1.0, output_field=FloatField()))
            .values_list(F("rider__community_id"), "completed_on", "amount", F("course__offered_by_id")))


def completions_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    found = (Completion.objects.filter(rider__community=unit, completed_on__gte=start, completed_on__lt=end).select_related("course", "rider")
             .order_by("completed_on", "id")[:500])
    return [(f"{c.rider.name} · {c.course.title}", reverse("rewards:course", args=[c.course_id]), c.completed_on, 1.0) for c in found]
