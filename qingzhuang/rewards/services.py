"""Writes of training: a course offered by the county office or a community, its sessions, riders enrolled, attendance
recorded, and completion — by attending the required sessions, or marked by staff with a reason. A completion earns the
county's points for a course once (``riders.points``, act "course:<completion id>") in the same transaction, and counts
in the ledger as a help measure. Each write checks the actor's scope and writes its audit row in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.validate import clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.rewards import errors
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import Attendance, CompletedBy, Completion, Course, Enrolment, Session
from qingzhuang.riders import points
from qingzhuang.riders.models import MemberStatus, Rider, StatusChange

TRAIN = "rewards.train"
COMPLETIONS = "rewards.completions"
OFFERERS = (UnitKind.PARTY_GOV_OFFICE, UnitKind.COMMUNITY, UnitKind.VILLAGE)
COMMUNITY_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)
MAX_SEATS = 10_000
MAX_SESSIONS = 50


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def moment(value: Any, field: str) -> dt.datetime:
    """A date and time (a datetime, or text such as 2026-12-01 19:30) as an aware datetime in 2000–2099."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text) if 0 < len(text) <= 40 else None
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime):
        raise RewardsError("datetime_invalid", errors.DATETIME_INVALID, field)
    if not 2000 <= value.year <= 2099:
        raise RewardsError("date_out_of_range", errors.DATE_OUT_OF_RANGE, field)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def is_current(rider: Rider) -> bool:
    last = StatusChange.objects.filter(rider=rider, since__lte=clock.today()).order_by("-since", "-id").values_list("status", flat=True).first()
    return last != MemberStatus.LEFT


def course_serves(course: Course, rider: Rider) -> bool:
    """A community's course is for its own riders; the county office's for every rider of the county."""
    offerer = course.offered_by
    if offerer.kind == UnitKind.PARTY_GOV_OFFICE:
        return offerer.county_id is not None and rider.community.county_id == offerer.county_id
    return rider.community_id == offerer.pk


def _require_train(actor: Any, course: Course, rider: Rider | None = None) -> None:
    """The course's offerer trains; a community's staff also record their own riders in the county's courses."""
    if actor is None or access.can(actor, TRAIN, course.offered_by):
        return
    access.require(actor, TRAIN, rider.community if rider is not None else course.offered_by)


def _rider_fits(course: Course, rider: Rider) -> None:
    if not course_serves(course, rider):
        raise RewardsError("rider_not_here", errors.RIDER_NOT_HERE % {"name": rider.name}, "riders")
    if not is_current(rider):
        raise RewardsError("rider_left", errors.RIDER_LEFT % {"name": rider.name}, "riders")


def course_create(*, actor: Any, offered_by: Unit, kind: Any, title: Any, required_sessions: Any = 1, description: Any = "") -> Course:
    if actor is not None:
        access.require(actor, TRAIN, offered_by)
    if offered_by.kind not in OFFERERS:
        raise RewardsError("not_offerer", errors.NOT_OFFERER, "offered_by")
    values = clean_values(Course, {"kind": kind, "title": title, "required_sessions": required_sessions, "description": description},
                          ranges={"required_sessions": (1, MAX_SESSIONS)}, error=RewardsError)
    with transaction.atomic():
        course = Course.objects.create(offered_by=offered_by, created_by=user_or_none(actor), **values)
        audit_created(actor=actor, obj=course, unit=offered_by)
    return course


def session_add(*, actor: Any, course: Course, starts_at: Any, place: Any, trainer: Any, seats: Any) -> Session:
    if actor is not None:
        access.require(actor, TRAIN, course.offered_by)
    values = clean_values(Session, {"place": place, "trainer": trainer, "seats": seats}, ranges={"seats": (1, MAX_SEATS)}, error=RewardsError)
    when = moment(starts_at, "starts_at")
    with transaction.atomic():
        session = Session.objects.create(course=course, starts_at=when, **values)
        audit_created(actor=actor, obj=session, unit=course.offered_by)
    return session


def enrol(*, actor: Any, course: Course, riders: Sequence[Rider]) -> list[Enrolment]:
    """Enrol riders in a course (each once); refused as a whole if one of them cannot take part."""
    if not riders:
        raise RewardsError("no_riders", errors.NO_RIDERS, "riders")
    for rider in riders:
        _require_train(actor, course, rider)
        _rider_fits(course, rider)
    made = []
    with transaction.atomic():
        Course.objects.select_for_update().filter(pk=course.pk).first()
        taken = dict(Enrolment.objects.filter(course=course, rider__in=riders).values_list("rider_id", "rider__name"))
        if taken:
            raise RewardsError("already_enrolled", errors.ALREADY_ENROLLED % {"name": "、".join(taken.values())}, "riders")
        for rider in riders:
            enrolment = Enrolment.objects.create(course=course, rider=rider, enrolled_on=clock.today(), enrolled_by=user_or_none(actor))
            audit_created(actor=actor, obj=enrolment, unit=rider.community)
            made.append(enrolment)
    return made


def attendance_record(*, actor: Any, session: Session, riders: Sequence[Rider]) -> list[Completion]:
    """Record who attended a session that has taken place; riders who have now attended the sessions the course requires
    complete it. Returns the completions this made."""
    course = session.course
    if not riders:
        raise RewardsError("no_riders", errors.NO_RIDERS, "riders")
    if session.starts_at > clock.now():
        raise RewardsError("session_not_held", errors.SESSION_NOT_HELD, "session")
    for rider in riders:
        _require_train(actor, course, rider)
    enrolled = set(Enrolment.objects.filter(course=course, rider__in=riders).values_list("rider_id", flat=True))
    for rider in riders:
        if rider.pk not in enrolled:
            raise RewardsError("not_enrolled", errors.NOT_ENROLLED % {"name": rider.name}, "riders")
    made = []
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)  # seats are taken one writer at a time
        already = set(Attendance.objects.filter(session=locked).values_list("rider_id", flat=True))
        new = [r for r in riders if r.pk not in already]
        if len(already) + len(new) > locked.seats:
            raise RewardsError("session_full", errors.SESSION_FULL % {"seats": locked.seats}, "riders")
        for rider in new:
            attendance = Attendance.objects.create(session=locked, rider=rider, recorded_by=user_or_none(actor))
            audit_created(actor=actor, obj=attendance, unit=rider.community)
        attended = _sessions_attended(course, [r.pk for r in new])
        for rider in new:
            if attended.get(rider.pk, 0) >= course.required_sessions and not Completion.objects.filter(course=course, rider=rider).exists():
                made.append(_complete(actor=actor, course=course, rider=rider, how=CompletedBy.ATTENDANCE, reason="",
                                      day=timezone.localdate(locked.starts_at)))
    return made


def _sessions_attended(course: Course, rider_ids: list[int]) -> dict[int, int]:
    from django.db.models import Count

    rows = Attendance.objects.filter(session__course=course, rider_id__in=rider_ids).values("rider_id").annotate(n=Count("id"))
    return {r["rider_id"]: r["n"] for r in rows}


def completion_mark(*, actor: Any, course: Course, rider: Rider, reason: Any) -> Completion:
    """Staff mark a course completed for a rider (a make-up class elsewhere, a certificate shown), with the reason."""
    _require_train(actor, course, rider)
    _rider_fits(course, rider)
    why = text_value(reason, field="reason", label=Completion._meta.get_field("reason").verbose_name, max_length=200, error=RewardsError)
    with transaction.atomic():
        done = _complete(actor=actor, course=course, rider=rider, how=CompletedBy.STAFF, reason=why, day=clock.today())
        if not Enrolment.objects.filter(course=course, rider=rider).exists():  # a completion implies taking part
            enrolment = Enrolment.objects.create(course=course, rider=rider, enrolled_on=clock.today(), enrolled_by=user_or_none(actor))
            audit_created(actor=actor, obj=enrolment, unit=rider.community)
        return done


def _complete(*, actor: Any, course: Course, rider: Rider, how: str, reason: str, day: dt.date) -> Completion:
    """Inside the caller's transaction: the completion, its points (once, by the county's rule), its ledger row."""
    locked = Rider.objects.select_for_update().select_related("community").get(pk=rider.pk)  # two recorders queue here
    if Completion.objects.filter(course=course, rider=locked).exists():
        raise RewardsError("already_completed", errors.ALREADY_COMPLETED % {"name": locked.name}, "riders")
    completion = Completion.objects.create(course=course, rider=locked, completed_on=day, how=how, reason=reason,
                                           recorded_by=user_or_none(actor))
    audit_created(actor=actor, obj=completion, unit=locked.community)
    points.points_award(actor=actor, rider=locked, kind="course", act=f"course:{completion.pk}", reason=f"完成培训：{course.title}"[:200])
    ledger_add_many(measure=COMPLETIONS, rows=[(locked.community_id, day, 1.0, course.offered_by_id)])
    return completion
