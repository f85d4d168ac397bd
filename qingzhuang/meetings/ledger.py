"""What meetings put into the burden ledger (see qingzhuang.ledger.measures).

Only a *held and closed* meeting is burden: until it is closed its date, length and attendance
are plans that may still change or fall through, so approval adds nothing and closing adds the
rows below (a correction of a closed meeting takes its old rows back first; cancelling a closed
meeting takes them back).

- ``meetings.attended``: 1 per grassroots unit (town/street office, community, village) the
  meeting summoned, on the day it was held. A follow-on meeting (套开) held right after a meeting
  in this system counts as one with it: 0 for the units summoned to both. One held right after an
  upper-level meeting (``follows_upper``, e.g. a provincial video meeting) counts as one with that
  meeting, which the grassroots attended in the same sitting: 0 for every unit (its hours still count).
- ``meetings.over_an_hour``: 1 per grassroots unit summoned to a meeting that actually ran longer
  than an hour (a signal, weight 0 in the index: the time is already in the hours).
- ``meetings.hours`` (person-hours): actual minutes / 60 × the people of that unit who came, as
  the closing record says; when no attendance was recorded for the unit, × the people per unit
  the meeting summoned if grassroots principals were required, otherwise × 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Round
from django.urls import reverse

from qingzhuang.meetings.models import Attendance, Meeting, MeetingStatus
from qingzhuang.org.models import GRASSROOTS_KINDS

ATTENDED = "meetings.attended"
HOURS = "meetings.hours"
OVER_AN_HOUR = "meetings.over_an_hour"
LIMIT_MINUTES = 60  # the article's county keeps meetings within one hour

Row = tuple[int, dt.date, float, int | None]


def ledger_rows(meeting: Meeting) -> dict[str, list[Row]]:
    """The rows a closed meeting contributes, per measure (empty unless closed)."""
    rows: dict[str, list[Row]] = {ATTENDED: [], HOURS: [], OVER_AN_HOUR: []}
    if meeting.status != MeetingStatus.CLOSED or meeting.held_on is None or meeting.actual_minutes is None:
        return rows
    present = {a.unit_id: a.people for a in meeting.attendance.all()}
    also_upper: set[int] = set()
    if meeting.follows_meeting_id is not None and meeting.follows_meeting is not None:
        also_upper = {u.pk for u in meeting.follows_meeting.attendees.all()}
    per_unit_default = meeting.principals_count if meeting.principals_required and meeting.principals_count else 1
    for unit in meeting.attendees.all():
        if not unit.is_grassroots:
            continue
        people = present.get(unit.pk, per_unit_default)
        merged = bool(meeting.follows_upper) or unit.pk in also_upper
        rows[ATTENDED].append((unit.pk, meeting.held_on, 0.0 if merged else 1.0, meeting.organiser_id))
        rows[HOURS].append((unit.pk, meeting.held_on, round(meeting.actual_minutes / 60 * people, 4), meeting.organiser_id))
        if meeting.actual_minutes > LIMIT_MINUTES:
            rows[OVER_AN_HOUR].append((unit.pk, meeting.held_on, 1.0, meeting.organiser_id))
    return rows


def negated(rows: Iterable[Row]) -> list[Row]:
    return [(unit_id, day, -amount, issuer) for unit_id, day, amount, issuer in rows]


def _closed_between(start: dt.date, end: dt.date) -> Any:
    return (
        Meeting.objects.filter(status=MeetingStatus.CLOSED, held_on__gte=start, held_on__lt=end)
        .select_related("follows_meeting")
        .prefetch_related("attendees", "attendance", "follows_meeting__attendees")
        .order_by("held_on", "id")
    )


# The rebuild's side: the same rules as ledger_rows, written as one query per measure over the
# meeting × summoned unit rows, so that the ledger's rebuild sums them in the database. The tests
# (and `manage.py ledger_rebuild --check`) hold the two to the same rows.
Summoned = Meeting.attendees.through


def _summoned(start: dt.date, end: dt.date) -> QuerySet[Any]:
    return Summoned.objects.filter(
        meeting__status=MeetingStatus.CLOSED,
        meeting__held_on__gte=start,
        meeting__held_on__lt=end,
        meeting__actual_minutes__isnull=False,
        unit__kind__in=GRASSROOTS_KINDS,
    )


def _values(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.values_list("unit_id", "meeting__held_on", "amount", "meeting__organiser_id")


def compute_attended(start: dt.date, end: dt.date) -> QuerySet[Any]:
    also_upper = Summoned.objects.filter(meeting_id=OuterRef("meeting__follows_meeting_id"), unit_id=OuterRef("unit_id"))
    merged = Q(meeting__follows_upper__gt="") | Exists(also_upper)
    amount = Case(When(merged, then=Value(0.0)), default=Value(1.0), output_field=FloatField())
    return _values(_summoned(start, end).annotate(amount=amount))


def compute_hours(start: dt.date, end: dt.date) -> QuerySet[Any]:
    recorded = Attendance.objects.filter(meeting_id=OuterRef("meeting_id"), unit_id=OuterRef("unit_id")).values("people")[:1]
    summoned_people = Case(
        When(meeting__principals_required=True, meeting__principals_count__gt=0, then=F("meeting__principals_count")),
        default=Value(1),
    )
    people = Coalesce(Subquery(recorded), summoned_people)
    hours = Cast("meeting__actual_minutes", FloatField()) / Value(60.0) * Cast(people, FloatField())
    return _values(_summoned(start, end).annotate(amount=Round(hours, precision=4, output_field=FloatField())))


def compute_over_an_hour(start: dt.date, end: dt.date) -> QuerySet[Any]:
    over = _summoned(start, end).filter(meeting__actual_minutes__gt=LIMIT_MINUTES)
    return _values(over.annotate(amount=Value(1.0, output_field=FloatField())))


def _items(measure: str, unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    for meeting in _closed_between(start, end).filter(attendees=unit):
        for unit_id, day, amount, _issuer in ledger_rows(meeting)[measure]:
            if unit_id == unit.pk:
                yield meeting.topic, reverse("meetings:detail", args=[meeting.pk]), day, amount


def items_attended(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    return _items(ATTENDED, unit, start, end)


def items_hours(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    return _items(HOURS, unit, start, end)


def items_over_an_hour(unit: Any, start: dt.date, end: dt.date) -> Iterator[tuple[str, str, dt.date, float]]:
    return _items(OVER_AN_HOUR, unit, start, end)
