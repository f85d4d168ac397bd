"""Writes of meetings: each checks the actor's right on the organising unit and the meeting's state,
changes it and records the change in the audit trail in the same transaction.

States: draft → submitted → approved → closed; submitted → returned (→ edited → submitted again)
or rejected; anything not yet rejected may be cancelled. An in-plan meeting whose gate check is
clean is filed on submission (approved without review: 计划内备案). Approval takes a quota slot
(a follow-on meeting, 套开, takes none) in the meeting's one quota year, the year of its planned start;
a meeting rescheduled or held on a day of another year moves its slot to that year; cancelling gives it back. Closing puts the meeting into
the burden ledger (see ``meetings.ledger``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateReport, gate_check, rule_by_code
from qingzhuang.gate.services import quota_move, quota_release, quota_take
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib.chinese_text import is_blank
from qingzhuang.lib.validate import LONG_TEXT_MAX, clean_values, int_value, text_value
from qingzhuang.meetings import errors
from qingzhuang.meetings.errors import MeetingError, MeetingInvalid
from qingzhuang.meetings.ledger import ATTENDED, HOURS, OVER_AN_HOUR, ledger_rows, negated
from qingzhuang.meetings.models import (
    EDITABLE,
    Attendance,
    Decision,
    FeedToken,
    Meeting,
    MeetingPlan,
    MeetingStatus,
    PlanLine,
    Speech,
    hash_feed_key,
)
from qingzhuang.meetings.rules import KIND, QUOTA_KIND
from qingzhuang.org import access

ORGANISE = "meetings.organise"
REVIEW = "meetings.review"
QUOTA_RULE = "meeting.quota"

# Fields a draft may change (speeches and attendees go through their own arguments).
EDITABLE_FIELDS = (
    "topic", "field", "kind", "format", "location", "starts_at", "planned_minutes", "principals_required",
    "principals_count", "follows_meeting", "follows_upper", "plan_line",
)


def _require(actor: Any, perm: str, unit: Any) -> None:
    if actor is not None:
        access.require(actor, perm, unit)


def _lock(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock: two reviewers acting at once see each other's change."""
    return Meeting.objects.select_for_update(of=("self",)).select_related("organiser", "organiser__county").get(pk=meeting.pk)


def _state(meeting: Meeting, *allowed: str) -> None:
    if meeting.status not in allowed:
        raise MeetingError("wrong_state", errors.WRONG_STATE % {"status": meeting.get_status_display()}, "status")


def _reason(reason: str) -> str:
    if is_blank(reason or ""):
        raise MeetingInvalid("reason_required", errors.REASON_REQUIRED, "reason")
    label = Meeting._meta.get_field("review_note").verbose_name
    return text_value(reason, field="reason", label=label, max_length=LONG_TEXT_MAX, multiline=True, error=MeetingInvalid)


def _bump(meeting: Meeting) -> None:
    meeting.sequence += 1


# Bounds of what is typed: a meeting of at most a day, a speech likewise, and the people one unit
# can send (a community has about a dozen staff; a town office more): past these a typo fills the ledger.
MINUTES_MAX = 24 * 60
PEOPLE_PER_UNIT_MAX = 500
RANGES = {
    "planned_minutes": (1, MINUTES_MAX), "actual_minutes": (1, MINUTES_MAX), "minutes": (1, MINUTES_MAX),
    "principals_count": (1, PEOPLE_PER_UNIT_MAX), "people": (0, PEOPLE_PER_UNIT_MAX), "month": (1, 12), "year": (2000, 2099),
}
_TYPED = ("topic", "field", "kind", "format", "location", "follows_upper", "planned_minutes", "principals_count")


def _clean(model: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed values as stored, or MeetingInvalid naming the field (length, blank, choices, NUL, ranges)."""
    return clean_values(model, values, error=MeetingInvalid, ranges=RANGES)


def _speech_rows(speeches: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The speeches with a speaker (empty form rows are skipped), checked."""
    rows = []
    for s in speeches:
        if is_blank(str(s.get("speaker") or "")):
            continue
        rows.append({**_clean(Speech, {"speaker": s.get("speaker"), "minutes": s.get("minutes")}), "is_main": bool(s.get("is_main"))})
    return rows


def _validate(meeting: Meeting, attendees: Sequence[Any] | None, speeches: Sequence[Mapping[str, Any]] | None) -> None:
    for name, value in _clean(Meeting, {name: getattr(meeting, name) for name in _TYPED}).items():
        setattr(meeting, name, value)
    if speeches is not None:
        _speech_rows(speeches)
    if not meeting.planned_minutes or meeting.planned_minutes <= 0:
        raise MeetingInvalid("minutes_positive", errors.MINUTES_POSITIVE, "planned_minutes")
    if meeting.plan_line_id is not None and meeting.plan_line.plan.unit_id != meeting.organiser_id:  # type: ignore[union-attr]
        raise MeetingInvalid("plan_line_other_unit", errors.PLAN_LINE_OTHER_UNIT, "plan_line")
    if meeting.pk and meeting.follows_meeting_id == meeting.pk:
        raise MeetingInvalid("follows_itself", errors.FOLLOWS_ITSELF, "follows_meeting")
    if attendees is not None and any(u.county_id != meeting.organiser.county_id for u in attendees):
        raise MeetingInvalid("attendee_outside_county", errors.ATTENDEE_OUTSIDE_COUNTY, "attendees")
    inactive = [u.name for u in attendees or () if not u.is_active]
    if inactive:
        # A deactivated unit is summoned to nothing new; the meetings it attended stay in its ledger.
        raise MeetingInvalid("attendee_inactive", errors.ATTENDEE_INACTIVE % {"units": "、".join(inactive)}, "attendees")
    if speeches is not None and sum(1 for s in speeches if s.get("is_main")) > 1:
        raise MeetingInvalid("one_main_speech", errors.ONE_MAIN_SPEECH, "speeches")


def _set_speeches(meeting: Meeting, speeches: Sequence[Mapping[str, Any]]) -> None:
    meeting.speeches.all().delete()
    Speech.objects.bulk_create(Speech(meeting=meeting, order=i, **s) for i, s in enumerate(_speech_rows(speeches)))


def _trail(meeting: Meeting) -> dict[str, Any]:
    return {
        **snapshot(meeting),
        "attendees": sorted(meeting.attendees.values_list("pk", flat=True)),
        "speeches": [[s.speaker, s.minutes, s.is_main] for s in meeting.speeches.all()],
    }


def meeting_create(
    *,
    actor: Any,
    organiser: Any,
    topic: str,
    field: str,
    starts_at: dt.datetime,
    planned_minutes: int,
    kind: str = "special",
    format: str = "video",
    location: str = "",
    attendees: Sequence[Any] = (),
    principals_required: bool = False,
    principals_count: int = 1,
    follows_meeting: Meeting | None = None,
    follows_upper: str = "",
    plan_line: PlanLine | None = None,
    speeches: Sequence[Mapping[str, Any]] = (),
) -> Meeting:
    _require(actor, ORGANISE, organiser)
    meeting = Meeting(
        organiser=organiser, topic=topic.strip(), field=field.strip(), kind=kind, format=format, location=location,
        starts_at=starts_at, planned_minutes=planned_minutes, principals_required=principals_required,
        principals_count=principals_count, follows_meeting=follows_meeting, follows_upper=follows_upper.strip(),
        plan_line=plan_line, created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate(meeting, attendees, speeches)
    with transaction.atomic():
        meeting.save()
        meeting.attendees.set(attendees)
        _set_speeches(meeting, speeches)
        audit_record(actor=actor, action="create", obj=meeting, changes={k: [None, v] for k, v in _trail(meeting).items()}, unit=organiser)
    return meeting


def meeting_update(
    *,
    actor: Any,
    meeting: Meeting,
    attendees: Sequence[Any] | None = None,
    speeches: Sequence[Mapping[str, Any]] | None = None,
    **changes: Any,
) -> Meeting:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _require(actor, ORGANISE, meeting.organiser)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, *EDITABLE)
        before = _trail(meeting)
        for name, value in changes.items():
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
        _validate(meeting, attendees, speeches)
        if "starts_at" in changes:
            _move_quota_year(meeting, actor=actor, year=timezone.localtime(meeting.starts_at).year)
        if attendees is not None:
            meeting.attendees.set(attendees)
        if speeches is not None:
            _set_speeches(meeting, speeches)
        _bump(meeting)
        meeting.save()
        after = _trail(meeting)
        changed = {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k) and k not in ("sequence", "updated")}
        if changed:
            audit_record(actor=actor, action="update", obj=meeting, changes=changed, unit=meeting.organiser)
    return meeting


def meeting_check(*, actor: Any, meeting: Meeting) -> GateReport:
    """Run the gate on the meeting and store what it said (shown on the review page)."""
    report, _check = gate_check(item=meeting, item_kind=KIND, issuer=meeting.organiser, actor=actor)
    return report


def meeting_submit(*, actor: Any, meeting: Meeting) -> Meeting:
    """Send the meeting through the gate. A clean in-plan meeting is filed; any other goes to review."""
    _require(actor, ORGANISE, meeting.organiser)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, *EDITABLE)
        before = snapshot(meeting)
        report = meeting_check(actor=actor, meeting=meeting)
        now = timezone.now()
        if meeting.in_plan and report.outcome == Outcome.PASS:
            _take_quota(actor=None, meeting=meeting, override_reason="")
            meeting.status, meeting.filed, meeting.decided_at, meeting.decided_by = MeetingStatus.APPROVED, True, now, None
        else:
            meeting.status, meeting.filed = MeetingStatus.SUBMITTED, False
        _bump(meeting)
        meeting.save()
        audit_updated(actor=actor, obj=meeting, before=before, unit=meeting.organiser)
    return meeting


def _take_quota(*, actor: Any, meeting: Meeting, override_reason: str) -> None:
    if meeting.is_follow_on:
        return
    quota_take(actor=actor, unit=meeting.organiser, year=meeting.quota_year, kind=QUOTA_KIND, item=meeting, override_reason=override_reason)


def _move_quota_year(meeting: Meeting, *, actor: Any, year: int) -> None:
    """The meeting's date moved: a day of another year moves its quota year and any slot it holds (audited)."""
    if year != meeting.quota_year:
        meeting.quota_year = year
        quota_move(actor=actor, unit=meeting.organiser, year=year, kind=QUOTA_KIND, item=meeting)


def meeting_approve(*, actor: Any, meeting: Meeting, override_reason: str = "", note: str = "") -> Meeting:
    """Approve after review. The gate runs again; a block other than a red quota stops approval, and a
    red quota needs an authorised override with a reason (checked and audited by the gate)."""
    _require(actor, REVIEW, meeting.organiser)
    note = _clean(Meeting, {"review_note": note})["review_note"]
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, MeetingStatus.SUBMITTED)
        before = snapshot(meeting)
        report = meeting_check(actor=actor, meeting=meeting)
        blocking = [v for v in report.blocking() if v.rule != QUOTA_RULE]
        if blocking:
            titles = "、".join(str(rule_by_code(v.rule).title) for v in blocking)
            raise MeetingError("gate_blocked", errors.GATE_BLOCKED % {"rules": titles})
        _take_quota(actor=actor, meeting=meeting, override_reason=override_reason)
        meeting.status, meeting.decided_by, meeting.decided_at = MeetingStatus.APPROVED, actor, timezone.now()
        meeting.review_note = note.strip()
        _bump(meeting)
        meeting.save()
        audit_updated(actor=actor, obj=meeting, before=before, unit=meeting.organiser, reason=override_reason.strip())
    return meeting


def _decide(*, actor: Any, meeting: Meeting, status: str, reason: str) -> Meeting:
    _require(actor, REVIEW, meeting.organiser)
    reason = _reason(reason)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, MeetingStatus.SUBMITTED)
        before = snapshot(meeting)
        meeting.status, meeting.review_note = status, reason
        meeting.decided_by, meeting.decided_at = actor, timezone.now()
        _bump(meeting)
        meeting.save()
        audit_updated(actor=actor, obj=meeting, before=before, unit=meeting.organiser, reason=reason)
    return meeting


def meeting_return(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    """Send it back to the organiser to change (shorten, merge, hold by video…)."""
    return _decide(actor=actor, meeting=meeting, status=MeetingStatus.RETURNED, reason=reason)


def meeting_reject(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    return _decide(actor=actor, meeting=meeting, status=MeetingStatus.REJECTED, reason=reason)


def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    """Call it off (or strike a closed meeting recorded in error): the quota slot and any ledger rows go back."""
    _require(actor, ORGANISE, meeting.organiser)
    reason = _reason(reason)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, MeetingStatus.DRAFT, MeetingStatus.SUBMITTED, MeetingStatus.RETURNED, MeetingStatus.APPROVED, MeetingStatus.CLOSED)
        before = snapshot(meeting)
        if meeting.status == MeetingStatus.CLOSED:
            _ledger(meeting, sign=-1)
        quota_release(actor=actor, item=meeting)
        meeting.status = MeetingStatus.CANCELLED
        _bump(meeting)
        meeting.save()
        audit_updated(actor=actor, obj=meeting, before=before, unit=meeting.organiser, reason=reason)
    return meeting


def _ledger(meeting: Meeting, *, sign: int) -> None:
    rows = ledger_rows(meeting)
    for measure in (ATTENDED, HOURS, OVER_AN_HOUR):
        ledger_add_many(measure=measure, rows=rows[measure] if sign > 0 else negated(rows[measure]))


def meeting_close(
    *,
    actor: Any,
    meeting: Meeting,
    actual_minutes: int,
    attendance: Mapping[int, int] | None = None,
    decisions: Iterable[Mapping[str, Any]] = (),
    actual_start: dt.datetime | None = None,
) -> Meeting:
    """Record what happened: actual length, who came (people per summoned unit), the decisions taken.

    Closing a closed meeting again corrects it: its ledger rows are taken back and written anew.
    """
    _require(actor, ORGANISE, meeting.organiser)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, MeetingStatus.APPROVED, MeetingStatus.CLOSED)
        start = actual_start or meeting.actual_start or meeting.starts_at
        if start > timezone.now():
            raise MeetingError("not_held_yet", errors.NOT_HELD_YET, "actual_start")
        if not actual_minutes or actual_minutes <= 0:
            raise MeetingInvalid("minutes_positive", errors.MINUTES_POSITIVE, "actual_minutes")
        actual_minutes = _clean(Meeting, {"actual_minutes": actual_minutes})["actual_minutes"]
        summoned = set(meeting.attendees.values_list("pk", flat=True))
        attendance = {
            unit: int_value(n, field="attendance", label=Attendance._meta.get_field("people").verbose_name, minimum=0,
                            maximum=PEOPLE_PER_UNIT_MAX, error=MeetingInvalid)
            for unit, n in (attendance or {}).items()
        }
        if set(attendance) - summoned:
            raise MeetingInvalid("attendance_not_summoned", errors.ATTENDANCE_NOT_SUMMONED, "attendance")
        decisions = [d for d in decisions if str(d.get("text", "")).strip()]
        if meeting.status == MeetingStatus.CLOSED:
            _ledger(meeting, sign=-1)
        before = snapshot(meeting)
        meeting.actual_start, meeting.actual_minutes = start, actual_minutes
        meeting.held_on = timezone.localtime(start).date()
        _move_quota_year(meeting, actor=actor, year=meeting.held_on.year)
        meeting.status, meeting.closed_at = MeetingStatus.CLOSED, timezone.now()
        _bump(meeting)
        meeting.save()
        if attendance:
            meeting.attendance.all().delete()
            Attendance.objects.bulk_create(Attendance(meeting=meeting, unit_id=u, people=int(n)) for u, n in attendance.items())
        for d in decisions:
            _decision_create(actor=actor, meeting=meeting, **d)
        audit_updated(actor=actor, obj=meeting, before=before, unit=meeting.organiser)
        if attendance:
            audit_record(actor=actor, action="attendance", obj=meeting, unit=meeting.organiser, changes={"attendance": [None, attendance]})
        _ledger(Meeting.objects.get(pk=meeting.pk), sign=+1)
    return meeting


def _decision_create(*, actor: Any, meeting: Meeting, text: str, owner_unit: Any = None, owner_person: str = "", due: dt.date | None = None) -> Decision:
    if is_blank(text or ""):
        raise MeetingInvalid("decision_text_required", errors.DECISION_TEXT_REQUIRED, "text")
    text, owner_person = _clean(Decision, {"text": text, "owner_person": owner_person}).values()
    decision = Decision.objects.create(meeting=meeting, text=text, owner_unit=owner_unit, owner_person=owner_person, due=due)
    audit_created(actor=actor, obj=decision, unit=meeting.organiser)
    return decision


def meeting_decision_add(
    *, actor: Any, meeting: Meeting, text: str, owner_unit: Any = None, owner_person: str = "", due: dt.date | None = None
) -> Decision:
    """Record a decision (议而决) of a held meeting, with who carries it out and by when."""
    _require(actor, ORGANISE, meeting.organiser)
    with transaction.atomic():
        meeting = _lock(meeting)
        _state(meeting, MeetingStatus.CLOSED)
        decision = _decision_create(actor=actor, meeting=meeting, text=text, owner_unit=owner_unit, owner_person=owner_person, due=due)
        _bump(meeting)
        meeting.save(update_fields=["sequence", "updated"])
    return decision


# --- Plans ---------------------------------------------------------------------------------------


def plan_create(*, actor: Any, unit: Any, year: int, note: str = "") -> MeetingPlan:
    _require(actor, ORGANISE, unit)
    year, note = _clean(MeetingPlan, {"year": year, "note": note}).values()
    if MeetingPlan.objects.filter(unit=unit, year=year).exists():
        raise MeetingInvalid("plan_exists", errors.PLAN_EXISTS % {"year": year}, "year")
    with transaction.atomic():
        plan = MeetingPlan.objects.create(unit=unit, year=year, note=note.strip())
        audit_created(actor=actor, obj=plan, unit=unit)
    return plan


def plan_line_add(*, actor: Any, plan: MeetingPlan, topic: str, field: str, kind: str = "special", month: int | None = None) -> PlanLine:
    _require(actor, ORGANISE, plan.unit)
    topic, field, kind, month = _clean(PlanLine, {"topic": topic, "field": field, "kind": kind, "month": month}).values()
    with transaction.atomic():
        line = PlanLine.objects.create(plan=plan, topic=topic, field=field, kind=kind, month=month)
        audit_created(actor=actor, obj=line, unit=plan.unit)
    return line


# --- Calendar feed tokens ------------------------------------------------------------------------


def feed_token_create(*, actor: Any, unit: Any) -> tuple[FeedToken, str]:
    """A private calendar address of ``unit``'s meetings for ``actor``; the raw key is shown once."""
    access.require(actor, "meetings.view", unit)
    raw = FeedToken.new_raw()
    with transaction.atomic():
        token = FeedToken.objects.create(user=actor, unit=unit, key_hash=hash_feed_key(raw), prefix=raw[:8])
        audit_created(actor=actor, obj=token, unit=unit)
    return token, raw


def feed_token_revoke(*, actor: Any, token: FeedToken) -> None:
    if token.user_id != getattr(actor, "pk", None):
        # Someone else's token: only the unit's reviewer may cut it off.
        access.require(actor, REVIEW, token.unit)
    with transaction.atomic():
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit_record(actor=actor, action="revoke", obj=token, unit=token.unit)


def feed_token_user(raw: str) -> FeedToken | None:
    """The live token for a raw key, or None (unknown, revoked, or its owner lost access)."""
    token = FeedToken.objects.select_related("user", "unit").filter(key_hash=hash_feed_key(raw), revoked=False).first()
    if token is None or not token.user.is_active or not access.can(token.user, "meetings.view", token.unit):
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 300:
        FeedToken.objects.filter(pk=token.pk).update(last_used=now)
    return token
