"""A rider's points ledger (积分): award for an act by the county's rule, take an award back, spend at the store and
give a spending back (a redemption cancelled).

Every act has a kind (a confirmed hazard report, a patrol, a help visit, a course completed) whose points the county
sets on the gate's settings page (rule ``riders.points``), and a reference unique per rider ("patrol:12"): the ledger's
unique constraint makes an act earn once whatever the race. The balance is the sum of the lines and never goes below
zero: a take-back takes at most what is left, and spending more than the balance is refused.

Call these inside the caller's transaction: each locks the rider's row first, so two writers for one rider queue.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.utils import timezone

from qingzhuang.audit.services import audit_created
from qingzhuang.riders import errors
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import PointsEntry, Rider
from qingzhuang.riders.rules import KINDS

MAX_POINTS = 10_000


def points_for(county: Any, kind: str) -> int:
    """The points an act of ``kind`` earns in ``county`` (0 when the rule is off or the setting is not a number)."""
    from qingzhuang.gate.rules import rule_by_code, rule_params

    enabled, params = rule_params(rule_by_code("riders.points"), county)
    try:
        points = int(params.get(KINDS[kind], 0))
    except (TypeError, ValueError):
        return 0
    return max(0, min(points, MAX_POINTS)) if enabled else 0


def balance(rider: Rider) -> int:
    return PointsEntry.objects.filter(rider=rider).aggregate(total=Sum("points"))["total"] or 0


def _locked(rider: Rider | int) -> Rider:
    return Rider.objects.select_for_update().select_related("community").get(pk=getattr(rider, "pk", rider))


def points_award(*, actor: Any, rider: Rider | int, kind: str, act: str, reason: str, county: Any = None) -> PointsEntry | None:
    """Award the points of ``kind`` for ``act`` (e.g. "patrol:12") once; None when already awarded or worth nothing."""
    locked = _locked(rider)
    points = points_for(county if county is not None else locked.community.county, kind)
    if points <= 0 or PointsEntry.objects.filter(rider=locked, act=act).exists():
        return None
    entry = PointsEntry.objects.create(rider=locked, points=points, act=act[:60], reason=reason[:200], at=timezone.now())
    audit_created(actor=actor, obj=entry, unit=locked.community)
    return entry


def points_take_back(*, actor: Any, rider: Rider | int, award_act: str, act: str, reason: str) -> PointsEntry | None:
    """Take back the award for ``award_act`` once (as ``act``), never below a zero balance; None when nothing to take."""
    locked = _locked(rider)
    award = PointsEntry.objects.filter(rider=locked, act=award_act).first()
    if award is None or PointsEntry.objects.filter(rider=locked, act=act).exists():
        return None
    taken = min(award.points, max(0, balance(locked)))
    if taken <= 0:
        return None
    entry = PointsEntry.objects.create(rider=locked, points=-taken, act=act[:60], reason=reason[:200], at=timezone.now())
    audit_created(actor=actor, obj=entry, unit=locked.community)
    return entry


def points_spend(*, actor: Any, rider: Rider | int, points: int, act: str, reason: str) -> PointsEntry:
    """Spend ``points`` (e.g. at the community's store) once for ``act``; refused (RiderError) beyond the balance."""
    if not isinstance(points, int) or isinstance(points, bool) or not 0 < points <= MAX_POINTS:
        raise RiderError("points_invalid", errors.POINTS_INVALID % {"max": MAX_POINTS}, "points")
    locked = _locked(rider)
    if PointsEntry.objects.filter(rider=locked, act=act).exists():
        raise RiderError("points_spent", errors.POINTS_ALREADY_SPENT, "points")
    left = balance(locked)
    if points > left:
        raise RiderError("points_short", errors.POINTS_SHORT % {"points": points, "balance": left}, "points")
    entry = PointsEntry.objects.create(rider=locked, points=-points, act=act[:60], reason=reason[:200], at=timezone.now())
    audit_created(actor=actor, obj=entry, unit=locked.community)
    return entry


def points_refund(*, actor: Any, rider: Rider | int, spent_act: str, act: str, reason: str) -> PointsEntry | None:
    """Give back what ``spent_act`` spent (a redemption cancelled) once, as ``act``; None when nothing was spent."""
    locked = _locked(rider)
    spent = PointsEntry.objects.filter(rider=locked, act=spent_act, points__lt=0).first()
    if spent is None or PointsEntry.objects.filter(rider=locked, act=act).exists():
        return None
    entry = PointsEntry.objects.create(rider=locked, points=-spent.points, act=act[:60], reason=reason[:200], at=timezone.now())
    audit_created(actor=actor, obj=entry, unit=locked.community)
    return entry
