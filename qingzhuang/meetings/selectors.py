"""Reads: which meetings a user may see, the review queue, and the figures (from raw records only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from qingzhuang.gate.models import GateCheck
from qingzhuang.gate.rules import latest_check, latest_checks, rule_by_code, rule_params
from qingzhuang.gate.selectors import VerdictRow as GateVerdictRow
from qingzhuang.gate.selectors import verdict_rows as gate_verdict_rows
from qingzhuang.meetings.models import PUBLISHED, Decision, FeedToken, Meeting, MeetingPlan, MeetingStatus
from qingzhuang.org import access
from qingzhuang.org.models import Unit

VIEW = "meetings.view"
ORGANISE = "meetings.organise"
REVIEW = "meetings.review"


def _organiser_in(user: Any, perm: str) -> Q:
    ids = access.unit_ids_for(user, perm)
    return Q() if ids is None else Q(organiser_id__in=ids)


def meetings_visible(user: Any) -> QuerySet[Meeting]:
    """Meetings organised by or summoning the user's units. Units that are only summoned see a
    meeting once it is approved (drafts and meetings under review are the organiser's and reviewer's)."""
    scoped = access.scoped_queryset(user, VIEW, Meeting.objects.all())
    if access.is_system_admin(user):
        return scoped.select_related("organiser")
    condition = Q(status__in=PUBLISHED)
    for perm in (ORGANISE, REVIEW):
        if access.can(user, perm):
            condition |= _organiser_in(user, perm)
    return scoped.filter(condition).select_related("organiser")


def meeting_for(user: Any, pk: int, action: str = VIEW) -> Meeting:
    """The one way to fetch a meeting for a user: 404 if unknown, 403 outside scope.

    Organising and reviewing are rights on the *organiser* unit: a unit summoned to a meeting
    sees it, but never edits or reviews it.
    """
    meeting = access.get_for_user(user, VIEW, Meeting.objects.select_related("organiser", "organiser__county"), pk=pk)
    if not meetings_visible(user).filter(pk=pk).exists():
        raise PermissionDenied(access.DENIED_MESSAGE)
    if action != VIEW:
        access.require(user, action, meeting.organiser)
    return meeting


def can_on(user: Any, perm: str, meeting: Meeting) -> bool:
    return access.can(user, perm, meeting.organiser)


def review_queue(user: Any) -> QuerySet[Meeting]:
    if not access.can(user, REVIEW):
        return Meeting.objects.none()
    return meetings_visible(user).filter(_organiser_in(user, REVIEW), status=MeetingStatus.SUBMITTED).order_by("starts_at")


def plans_visible(user: Any) -> QuerySet[MeetingPlan]:
    return access.scoped_queryset(user, VIEW, MeetingPlan.objects.select_related("unit")).annotate(line_count=Count("lines"))


def organiser_units(user: Any) -> QuerySet[Unit]:
    return access.scoped_queryset(user, ORGANISE, Unit.objects.filter(is_active=True))


def feed_tokens_of(user: Any) -> QuerySet[FeedToken]:
    return FeedToken.objects.filter(user=user, revoked=False).select_related("unit")


# --- Figures -------------------------------------------------------------------------------------


def max_minutes_for(county: Any) -> int:
    _enabled, params = rule_params(rule_by_code("meeting.length"), county)
    return int(params["max_minutes"])


def counted(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings the figures count: held and closed, a follow-on (套开) merged into the one it follows."""
    return meetings.filter(status=MeetingStatus.CLOSED, follows_meeting__isnull=True, follows_upper="")


def held_count(*, organisers: QuerySet[Unit], start: dt.date, end: dt.date) -> int:
    """Meetings held by ``organisers`` on days in [start, end), as the figures count them (a follow-on merged)."""
    return counted(Meeting.objects.filter(organiser_id__in=organisers.values("id"), held_on__gte=start, held_on__lt=end)).count()


@dataclass(frozen=True)
class YearFigures:
    label: str
    unit_id: int | None
    year: int
    count: int
    previous: int
    overruns: int
    without_decisions: int
    follow_ons: int

    @property
    def change(self) -> float | None:
        """Year-on-year change in percent, one decimal (None when there is nothing to compare with)."""
        if not self.previous:
            return None
        return round((self.count - self.previous) * 100 / self.previous, 1)


def year_figures(*, meetings: QuerySet[Meeting], year: int, max_minutes: int = 60, label: str = "", unit_id: int | None = None) -> YearFigures:
    held = counted(meetings)
    this_year = held.filter(held_on__year=year)
    no_decision = ~Exists(Decision.objects.filter(meeting=OuterRef("pk")))
    figures = this_year.aggregate(
        count=Count("pk"),
        overruns=Count("pk", filter=Q(actual_minutes__gt=F("planned_minutes")) | Q(actual_minutes__gt=max_minutes)),
    )
    return YearFigures(
        label=label,
        unit_id=unit_id,
        year=year,
        count=figures["count"],
        previous=held.filter(held_on__year=year - 1).count(),
        overruns=figures["overruns"],
        without_decisions=this_year.filter(no_decision).count(),
        follow_ons=meetings.filter(status=MeetingStatus.CLOSED, held_on__year=year).exclude(follows_meeting__isnull=True, follows_upper="").count(),
    )


def county_year_figures(*, county: Any, year: int) -> YearFigures:
    """The county's meetings (organised by any of its units) in ``year`` against the year before."""
    return year_figures(
        meetings=Meeting.objects.filter(organiser__county=county), year=year, max_minutes=max_minutes_for(county), label=county.name
    )


def unit_year_figures(*, user: Any, year: int) -> list[YearFigures]:
    """One row per organising unit the user may see, busiest first."""
    ids = access.unit_ids_for(user, VIEW)
    organisers = Unit.objects.filter(pk__in=Meeting.objects.filter(held_on__year__in=[year, year - 1]).values("organiser_id"))
    if ids is not None:
        organisers = organisers.filter(pk__in=ids)
    rows = [
        year_figures(meetings=Meeting.objects.filter(organiser=unit), year=year, max_minutes=max_minutes_for(unit.county), label=unit.name, unit_id=unit.pk)
        for unit in organisers.select_related("county")
    ]
    return sorted(rows, key=lambda r: (-r.count, r.label))


def counties_for_figures(user: Any) -> list[Any]:
    """The counties whose totals the user may see: those where they review."""
    from qingzhuang.org.models import Region

    ids = access.unit_ids_for(user, REVIEW)
    units = Unit.objects.filter(kind="office") if ids is None else Unit.objects.filter(pk__in=ids, kind="office")
    return list(Region.objects.filter(pk__in=units.values("county_id")).order_by("code"))


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def meetings_to_close(user: Any) -> QuerySet[Meeting]:
    """Approved meetings whose start has passed, organised by the user's units: waiting for their closing record."""
    from django.utils import timezone

    if not access.can(user, ORGANISE):
        return Meeting.objects.none()
    return meetings_visible(user).filter(_organiser_in(user, ORGANISE), status=MeetingStatus.APPROVED, starts_at__lte=timezone.now())


def meetings_returned(user: Any) -> QuerySet[Meeting]:
    if not access.can(user, ORGANISE):
        return Meeting.objects.none()
    return meetings_visible(user).filter(_organiser_in(user, ORGANISE), status=MeetingStatus.RETURNED)


@dataclass(frozen=True)
class VerdictRow(GateVerdictRow):
    # Earlier meetings the verdict points to: (id, topic, organiser, date, decisions, score, visible to the user).
    meetings: list[dict[str, Any]] = field(default_factory=list)


OUTCOME_ORDER = {"block": 0, "warn": 1, "pass": 2}


def verdict_rows(user: Any, meeting: Meeting) -> tuple[GateCheck | None, list[VerdictRow]]:
    """The latest gate check of a meeting, each verdict with its rule's title, its text and its evidence."""
    check = latest_check(meeting)
    return check, verdict_rows_of(user, [check])[0]


def review_queue_rows(user: Any, meetings: list[Meeting]) -> list[tuple[Meeting, list[VerdictRow]]]:
    """The review queue: each meeting with its latest verdicts (two queries for the whole list)."""
    checks = latest_checks(meetings)
    return list(zip(meetings, verdict_rows_of(user, [checks.get(m.pk) for m in meetings]), strict=True))


def verdict_rows_of(user: Any, checks: list[GateCheck | None]) -> list[list[VerdictRow]]:
    """Verdict rows of several checks; the earlier meetings they point to are marked visible or not in one query."""
    referenced = {m["id"] for c in checks if c for v in c.verdicts for m in v.get("evidence", {}).get("meetings", [])}
    visible = set(meetings_visible(user).filter(pk__in=referenced).values_list("pk", flat=True)) if referenced else set()
    found = []
    for check in checks:
        rows = [
            VerdictRow(r.rule, r.title, r.outcome, r.text, r.evidence, [{**m, "visible": m["id"] in visible} for m in r.evidence.get("meetings", [])])
            for r in gate_verdict_rows(check)
        ]
        found.append(sorted(rows, key=lambda r: OUTCOME_ORDER.get(r.outcome, 3)))
    return found
