"""Writes of the cases: raise (one entry point for every source), accept (the first department leads), return, bring in
co-handlers, pause and resume the clock, record coordination meetings, resolve, rate (回访), reopen, merge, escalate.

Every transition locks the case row, checks its state under the lock, writes an Event and an audit row in the same
transaction; notices go out after commit. The lead is written once, under the lock, and a partial unique index on the
lead handler row refuses a second one whatever the race.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.cases import errors
from qingzhuang.cases.deadlines import due_after, extend_for_pause
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import (
    OPEN,
    WORKING,
    Callback,
    Case,
    CaseMeeting,
    CasePhoto,
    Decision,
    Event,
    EventKind,
    Handler,
    HandlerRole,
    MeetingKind,
    Rating,
    Recipient,
    Source,
    Status,
)
from qingzhuang.cases.rules import CaseDeadlineRule, Span, spans_for
from qingzhuang.gate.models import Notice
from qingzhuang.gate.rules import rule_by_code, rule_params
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.photos import CleanPhoto, PhotoError, files_removed_on_failure, photo_clean
from qingzhuang.lib.validate import choice_value, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.pairing.selectors import COMMUNITY_KINDS, departments_for

VIEW = "cases.view"
RAISE = "cases.raise"
HANDLE = "cases.handle"
CALLBACK = "cases.callback"
OVERSEE = "cases.oversee"
# A department's cadre raises a case for a community paired with it, from a finding of their liaison visit (走访).
RAISE_FOR = "cases.raise_for"

SOLVED = "cases.solved"
MEETINGS = "cases.coordination_meetings"
MAX_DECISIONS = 30
HANDLER_KINDS = (UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE, UnitKind.PARTY_GOV_OFFICE)
MAX_PHOTOS = 6
MAX_CASE_PHOTOS = 30

MSG_ESCALATED = gettext_noop("Overdue case “%(title)s” (%(community)s): the deadline passed on %(due)s.")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or clock.now()


def _event(case: Case, kind: str, *, actor: Any, unit: Unit | None, at: dt.datetime, note: str = "", from_status: str = "",
           params: dict[str, Any] | None = None) -> Event:
    return Event.objects.create(case=case, kind=kind, from_status=from_status, to_status=case.status, actor=_user(actor), actor_unit=unit,
                                at=at, note=note, params=params or {})


def _lock(case: Case) -> Case:
    # No join in the locking query: on PostgreSQL a row updated while we waited is re-read alone, and a joined lead read
    # before the wait would come back empty (the case accepted, its lead None). The relations are read after the lock.
    return Case.objects.select_for_update().get(pk=case.pk)


def _spans(case: Case) -> tuple[Span, Span]:
    _enabled, params = rule_params(rule_by_code(CaseDeadlineRule.code), case.county)
    return spans_for(params, case.urgency)


def _set_deadlines(case: Case, start: dt.datetime, *, respond: bool = True) -> None:
    respond_span, resolve_span = _spans(case)
    missing: set[int] = set()
    if respond:
        case.respond_due, years = due_after(start, respond_span)
        missing |= set(years)
    case.resolve_due, years = due_after(start, resolve_span)
    missing |= set(years)
    case.due_missing_years = ",".join(str(y) for y in sorted(missing))
    case.escalated_at = None


def _acting_unit(actor: Any, candidates: Iterable[Unit], unit: Unit | None) -> Unit | None:
    """The unit the actor acts for: ``unit`` if given and among the candidates, else the first candidate in the actor's reach."""
    pool = [c for c in candidates if unit is None or c.pk == unit.pk]
    if actor is None:
        return pool[0] if pool else None
    reach = access.unit_ids_for(actor, HANDLE)
    if reach is None:
        return pool[0] if pool else None
    allowed = set(Unit.objects.filter(id__in=reach, pk__in=[c.pk for c in pool]).values_list("pk", flat=True))
    return next((c for c in pool if c.pk in allowed), None)


def _require_lead(actor: Any, case: Case) -> Unit:
    assert case.lead is not None
    unit = _acting_unit(actor, [case.lead], None)
    if unit is None:
        raise CaseError("not_lead", errors.NOT_LEAD % {"lead": case.lead.name})
    return unit


def _require_working(case: Case, allowed: tuple[str, ...] = WORKING) -> None:
    if case.status not in allowed:
        raise CaseError("not_working", errors.NOT_WORKING % {"status": Status(case.status).label})


def _recipients_of(community: Unit, day: dt.date) -> list[Unit]:
    found = departments_for(community, day)
    if not found and community.parent_id and community.parent and community.parent.kind == UnitKind.TOWN_OFFICE:
        found = [community.parent]  # no paired department: the street office organises the report-in
    return found


def _send(case: Case, at: dt.datetime, first_receiver: Unit | None = None) -> list[Unit]:
    recipients = [first_receiver] if first_receiver is not None else _recipients_of(case.community, timezone.localtime(at).date())
    if not recipients:
        raise CaseError("no_recipient", errors.NO_RECIPIENT % {"name": case.community.name}, "community")
    for unit in recipients:
        Recipient.objects.get_or_create(case=case, department=unit, defaults={"sent_at": at})
    return recipients


def _first_receiver_ok(unit: Unit, community: Unit) -> None:
    if unit.kind != UnitKind.DEPARTMENT or unit.county_id != community.county_id or not unit.is_active:
        raise CaseError("first_receiver", errors.FIRST_RECEIVER % {"county": community.county.name if community.county else "—"}, "first_receiver")


def _raiser(actor: Any, community: Unit, source: str, by_department: Unit | None, day: dt.date) -> Unit:
    """The unit raising the case: the community itself (its staff, or the street for it), or — for a finding of a liaison
    visit — the department paired with it whose cadre found the problem there (raised for the community, in one step)."""
    if by_department is None:
        if actor is not None:
            access.require(actor, RAISE, community)
        return community
    if source != Source.VISIT:
        raise CaseError("raise_for_source", errors.RAISE_FOR_SOURCE, "source")
    if actor is not None:
        access.require(actor, RAISE_FOR, by_department)
    if by_department.pk not in {d.pk for d in departments_for(community, day)}:
        raise CaseError("raise_for_unpaired", errors.RAISE_FOR_UNPAIRED % {"department": by_department.name, "community": community.name},
                        "community")
    return by_department


def photos_clean(uploads: Sequence[Any]) -> list[CleanPhoto]:
    """The photos as they will be stored (checked by content, metadata stripped), or CaseError naming the bad file."""
    files = [u for u in uploads if u is not None]
    if len(files) > MAX_PHOTOS:
        raise CaseError("photo_too_many", errors.PHOTO_TOO_MANY % {"max": MAX_PHOTOS}, "photos")
    try:
        return [photo_clean(f, field="photos") for f in files]
    except PhotoError as exc:
        raise CaseError(exc.code, exc.message, exc.field) from None


def _save_photos(case: Case, photos: list[CleanPhoto], written: list[str], *, actor: Any, unit: Unit | None, at: dt.datetime) -> None:
    for clean in photos:
        photo = CasePhoto(case=case, width=clean.width, height=clean.height, sha256=clean.sha256, added_by=_user(actor), added_by_unit=unit,
                          added_at=at)
        photo.image.save(f"{clean.sha256[:16]}.jpg", ContentFile(clean.image), save=False)
        written.append(photo.image.name)
        photo.thumbnail.save(f"{clean.sha256[:16]}_t.jpg", ContentFile(clean.thumbnail), save=False)
        written.append(photo.thumbnail.name)
        photo.save()
        audit_created(actor=actor, obj=photo, unit=case.community)


def case_raise(
    *, actor: Any, community: Unit, title: Any, description: Any, category: Any, urgency: Any = "general", location: Any = "",
    beyond_power: bool = False, beyond_ability: bool = False, source: Any = Source.COMMUNITY, source_ref: Any = "",
    by_department: Unit | None = None, first_receiver: Unit | None = None, photos: Sequence[Any] = (), now: dt.datetime | None = None,
) -> Case:
    """Raise a case to the community's paired departments (blow the whistle): the one entry point for every source —
    the community itself, a liaison visit's finding (raised by the paired department for the community:
    ``by_department``), a burden report, a rider's hazard report. Photos are checked before anything is written.

    ``first_receiver``: the department responsible for this kind of problem (a hazard category's, 首接负责) receives the
    case instead of the paired departments; accepting it, it leads."""
    if community.kind not in COMMUNITY_KINDS or community.county_id is None:
        raise CaseError("not_community", errors.NOT_COMMUNITY % {"name": community.name}, "community")
    at = _now(now)
    raiser = _raiser(actor, community, str(source), by_department, timezone.localtime(at).date())
    values = clean_values(Case, {"title": title, "description": description, "category": category, "urgency": urgency,
                                 "location": location, "source": source, "source_ref": source_ref}, error=CaseError)
    if not (beyond_power is True or beyond_ability is True):
        raise CaseError("not_beyond", errors.NOT_BEYOND, "beyond_power")
    if first_receiver is not None:
        _first_receiver_ok(first_receiver, community)
    cleaned = photos_clean(photos)
    with files_removed_on_failure() as written, transaction.atomic():
        case = Case(county_id=community.county_id, community=community, beyond_power=beyond_power, beyond_ability=beyond_ability,
                    raised_by=_user(actor), raised_at=at, **values)
        _set_deadlines(case, at)
        case.save()
        recipients = _send(case, at, first_receiver)
        _event(case, EventKind.RAISED, actor=actor, unit=raiser, at=at, note=values["description"][:500],
               params={"to": [u.name for u in recipients], **({"for": community.name} if raiser != community else {}),
                       **({"photos": len(cleaned)} if cleaned else {})})
        audit_created(actor=actor, obj=case, unit=community)
        _save_photos(case, cleaned, written, actor=actor, unit=raiser, at=at)
    return case


def _photo_party(actor: Any, case: Case) -> Unit | None:
    """The unit adding photos: the community (its staff, the street for it) or a department the case was raised to or handled by."""
    if actor is None or access.can(actor, RAISE, case.community):
        return case.community
    parties = [r.department for r in case.recipients.select_related("department")]
    parties += [h.unit for h in case.handlers.select_related("unit") if h.unit is not None]
    return _acting_unit(actor, parties, None)


def case_photos_add(*, actor: Any, case: Case, photos: Sequence[Any], now: dt.datetime | None = None) -> list[CasePhoto]:
    """Attach photos to a case (the community, or a department handling it): each checked by content and stored clean."""
    if not [p for p in photos if p is not None]:
        raise CaseError("no_photos", errors.NO_PHOTOS, "photos")
    unit = _photo_party(actor, case)
    if unit is None:
        raise CaseError("not_photo_party", errors.NOT_PHOTO_PARTY)
    cleaned = photos_clean(photos)
    at = _now(now)
    with files_removed_on_failure() as written, transaction.atomic():
        locked = _lock(case)
        if locked.status == Status.MERGED:
            raise CaseError("not_working", errors.NOT_WORKING % {"status": locked.get_status_display()})
        count = locked.photos.count()
        if count + len(cleaned) > MAX_CASE_PHOTOS:
            raise CaseError("photos_full", errors.PHOTOS_FULL % {"max": MAX_CASE_PHOTOS, "count": count}, "photos")
        _save_photos(locked, cleaned, written, actor=actor, unit=unit, at=at)
        _event(locked, EventKind.PHOTOS, actor=actor, unit=unit, at=at, params={"photos": len(cleaned)})
    return list(locked.photos.order_by("-id")[: len(cleaned)])


def case_accept(*, actor: Any, case: Case, unit: Unit | None = None, note: Any = "", now: dt.datetime | None = None) -> Case:
    """The first department to accept leads the case (首接负责); a later accept is refused naming the lead."""
    note = text_value(note, field="note", label=errors.NOTE, max_length=2000, required=False, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != Status.RAISED:
            if locked.lead is not None:
                raise CaseError("already_accepted", errors.ALREADY_ACCEPTED % {"lead": locked.lead.name})
            raise CaseError("not_raised", errors.NOT_RAISED)
        recipients = [r.department for r in locked.recipients.select_related("department").order_by("id")]
        acting = _acting_unit(actor, recipients, unit)
        if acting is None:
            raise CaseError("not_recipient", errors.NOT_RECIPIENT)
        before = snapshot(locked)
        old = locked.status
        locked.status, locked.lead, locked.accepted_at = Status.ACCEPTED, acting, at
        locked.save()
        Handler.objects.create(case=locked, unit=acting, role=HandlerRole.LEAD, added_by=_user(actor), added_at=at)
        _event(locked, EventKind.ACCEPTED, actor=actor, unit=acting, at=at, note=note, from_status=old)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def case_return(*, actor: Any, case: Case, reason: Any, unit: Unit | None = None, now: dt.datetime | None = None) -> Case:
    """A department the case was raised to sends it back to the community, with its reason (before anyone accepts it:
    once accepted, the lead keeps it — 首接负责)."""
    reason = text_value(reason, field="reason", label=errors.RETURN_REASON, max_length=2000, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != Status.RAISED:
            raise CaseError("not_raised", errors.NOT_RAISED)
        acting = _acting_unit(actor, [r.department for r in locked.recipients.select_related("department")], unit)
        if acting is None:
            raise CaseError("not_recipient", errors.NOT_RECIPIENT)
        before = snapshot(locked)
        locked.status, locked.return_reason = Status.RETURNED, reason
        locked.save()
        _event(locked, EventKind.RETURNED, actor=actor, unit=acting, at=at, note=reason, from_status=Status.RAISED)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def case_raise_again(*, actor: Any, case: Case, note: Any, now: dt.datetime | None = None) -> Case:
    """The community raises a returned case again (to the departments paired with it now); its clock starts afresh."""
    if actor is not None:
        access.require(actor, RAISE, case.community)
    note = text_value(note, field="note", label=errors.WHAT_CHANGED, max_length=2000, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != Status.RETURNED:
            raise CaseError("not_returned", errors.NOT_RETURNED)
        before = snapshot(locked)
        locked.status, locked.raised_at = Status.RAISED, at
        _set_deadlines(locked, at)
        locked.save()
        recipients = _send(locked, at)
        _event(locked, EventKind.RAISED_AGAIN, actor=actor, unit=locked.community, at=at, note=note, from_status=Status.RETURNED,
               params={"to": [u.name for u in recipients]})
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def _start(locked: Case, *, actor: Any, unit: Unit, at: dt.datetime, note: str = "") -> None:
    if locked.status == Status.ACCEPTED:
        locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["status"])
        _event(locked, EventKind.STARTED, actor=actor, unit=unit, at=at, note=note, from_status=Status.ACCEPTED)


def case_start(*, actor: Any, case: Case, note: Any = "", now: dt.datetime | None = None) -> Case:
    note = text_value(note, field="note", label=errors.NOTE, max_length=2000, required=False, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked, (Status.ACCEPTED,))
        acting = _require_lead(actor, locked)
        before = snapshot(locked)
        _start(locked, actor=actor, unit=acting, at=at, note=note)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def handler_add(
    *, actor: Any, case: Case, unit: Unit | None = None, party_name: Any = "", part: Any = "", now: dt.datetime | None = None,
) -> Handler:
    """The lead brings in a co-handler with its part: another department, the street office, or a named outside party."""
    values = clean_values(Handler, {"party_name": party_name, "part": part}, error=CaseError)
    if unit is None and not values["party_name"]:
        raise CaseError("handler_none", errors.HANDLER_NONE, "unit")
    if unit is not None and values["party_name"]:
        raise CaseError("handler_both", errors.HANDLER_BOTH, "party_name")
    if not values["part"]:
        raise CaseError("required", errors.REASON_BLANK, "part")
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked)
        acting = _require_lead(actor, locked)
        if unit is not None and (unit.county_id != locked.county_id or unit.kind not in HANDLER_KINDS or not unit.is_active):
            raise CaseError("handler_unit", errors.HANDLER_UNIT, "unit")
        name = unit.name if unit is not None else values["party_name"]
        twice = locked.handlers.filter(unit=unit) if unit is not None else locked.handlers.filter(unit__isnull=True, party_name=name)
        if twice.exists():
            raise CaseError("handler_twice", errors.HANDLER_TWICE % {"name": name}, "unit")
        handler = Handler.objects.create(case=locked, unit=unit, party_name="" if unit else name, role=HandlerRole.CO, part=values["part"],
                                         added_by=_user(actor), added_at=at)
        _start(locked, actor=actor, unit=acting, at=at)
        _event(locked, EventKind.HANDLER_ADDED, actor=actor, unit=acting, at=at, note=values["part"], params={"name": name})
        audit_created(actor=actor, obj=handler, unit=locked.community)
    return handler


def case_pause(*, actor: Any, case: Case, reason: Any, now: dt.datetime | None = None) -> Case:
    """Stop the clock while the case waits for a third party; the reason is shown on the case."""
    values = clean_values(Case, {"pause_reason": reason}, error=CaseError, optional=())
    if not values["pause_reason"]:
        raise CaseError("required", errors.REASON_BLANK, "pause_reason")
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked)
        acting = _require_lead(actor, locked)
        if locked.paused_at is not None:
            raise CaseError("already_paused", errors.ALREADY_PAUSED)
        before = snapshot(locked)
        locked.paused_at, locked.pause_reason = at, values["pause_reason"]
        locked.save()
        _event(locked, EventKind.PAUSED, actor=actor, unit=acting, at=at, note=values["pause_reason"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def _resume(locked: Case, *, actor: Any, unit: Unit, at: dt.datetime) -> None:
    assert locked.paused_at is not None and locked.resolve_due is not None
    _respond, resolve_span = _spans(locked)
    stopped_from = locked.paused_at
    locked.resolve_due, missing = extend_for_pause(locked.resolve_due, stopped_from, at, resolve_span)
    if missing:
        years = set(filter(None, locked.due_missing_years.split(","))) | {str(y) for y in missing}
        locked.due_missing_years = ",".join(sorted(years))
    locked.paused_at, locked.pause_reason = None, ""
    locked.save()
    _event(locked, EventKind.RESUMED, actor=actor, unit=unit, at=at,
           params={"paused_from": stopped_from.isoformat(), "resolve_due": locked.resolve_due.isoformat()})


def case_resume(*, actor: Any, case: Case, now: dt.datetime | None = None) -> Case:
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked)
        acting = _require_lead(actor, locked)
        if locked.paused_at is None:
            raise CaseError("not_paused", errors.NOT_PAUSED)
        before = snapshot(locked)
        _resume(locked, actor=actor, unit=acting, at=at)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def _decisions(text: Any) -> list[tuple[str, str]]:
    import re

    raw = text_value(text, field="decisions", label=errors.DECISIONS, max_length=20_000, multiline=True, error=CaseError)
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if len(lines) > MAX_DECISIONS:
        raise CaseError("too_many_lines", errors.TOO_MANY_LINES % {"max": MAX_DECISIONS}, "decisions")
    found = []
    for number, line in enumerate(lines, start=1):
        owner, sep, decision = (part.strip() for part in re.split(r"([:：])", line, maxsplit=1)) if re.search(r"[:：]", line) else (line, "", "")
        if not sep or not owner or not decision:
            raise CaseError("decision_line", errors.DECISION_LINE % {"line": number}, "decisions")
        cleaned = clean_values(Decision, {"owner": owner, "text": decision}, error=CaseError)
        found.append((cleaned["owner"], cleaned["text"]))
    if not found:
        raise CaseError("no_decision", errors.NO_DECISION, "decisions")
    return found


def meeting_record(
    *, actor: Any, case: Case, kind: Any, held_on: Any, participants: Any, decisions: Any, place: Any = "", now: dt.datetime | None = None,
) -> CaseMeeting:
    """Record a coordination meeting (座谈会, 现场碰头会) with its participants and decisions, each with an owner.

    It counts for the community as help (a coordination meeting), never against a meeting quota."""
    values = clean_values(CaseMeeting, {"kind": kind, "place": place, "participants": participants}, error=CaseError)
    found = _decisions(decisions)
    at = _now(now)
    if not isinstance(held_on, dt.date) or held_on > timezone.localtime(at).date() or held_on.year < 2000:
        raise CaseError("meeting_date", errors.MEETING_DATE, "held_on")
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked)
        acting = _require_lead(actor, locked)
        meeting = CaseMeeting.objects.create(case=locked, held_on=held_on, recorded_by=_user(actor), recorded_at=at, **values)
        Decision.objects.bulk_create([Decision(meeting=meeting, owner=owner, text=text) for owner, text in found])
        _start(locked, actor=actor, unit=acting, at=at)
        _event(locked, EventKind.MEETING, actor=actor, unit=acting, at=at, note=values["participants"][:500],
               params={"kind": values["kind"], "held_on": held_on.isoformat(), "decisions": len(found)})
        audit_created(actor=actor, obj=meeting, unit=locked.community)
        ledger_add(measure=MEETINGS, unit_id=locked.community_id, day=held_on, amount=1.0, issuer_id=acting.pk)
    return meeting


def case_resolve(*, actor: Any, case: Case, note: Any, now: dt.datetime | None = None) -> Case:
    """The lead says what was done; the community is then called back to rate it."""
    note = text_value(note, field="note", label=errors.RESULT, max_length=5000, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        _require_working(locked)
        acting = _require_lead(actor, locked)
        before = snapshot(locked)
        if locked.paused_at is not None:
            _resume(locked, actor=actor, unit=acting, at=at)
        old = locked.status
        locked.status, locked.resolved_at, locked.resolved_on = Status.RESOLVED, at, timezone.localtime(at).date()
        locked.save()
        _event(locked, EventKind.RESOLVED, actor=actor, unit=acting, at=at, note=note, from_status=old)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
        ledger_add(measure=SOLVED, unit_id=locked.community_id, day=locked.resolved_on, amount=1.0, issuer_id=acting.pk)
    return locked


def callback_record(
    *, actor: Any, case: Case, rating: Any, handler_side: bool = False, comment: Any = "", now: dt.datetime | None = None,
) -> Callback:
    """The community rates the resolution (回访): satisfied closes the case; dissatisfied for reasons on the handlers' side
    reopens it (the resolution no longer counts, and the resolve clock starts again)."""
    if actor is not None:
        access.require(actor, CALLBACK, case.community)
    rating = choice_value(rating, field="rating", label=errors.RATING, choices=Rating.choices, error=CaseError)
    dissatisfied = rating == Rating.DISSATISFIED
    if handler_side and not dissatisfied:
        raise CaseError("handler_side_without", errors.HANDLER_SIDE_WITHOUT, "handler_side")
    comment = text_value(comment, field="comment", label=errors.COMMENT, max_length=2000, required=dissatisfied, multiline=True, error=CaseError)
    at = _now(now)
    with transaction.atomic():
        locked = _lock(case)
        if locked.status != Status.RESOLVED:
            raise CaseError("not_resolved", errors.NOT_RESOLVED)
        assert locked.lead is not None
        before = snapshot(locked)
        callback = Callback.objects.create(case=locked, rating=rating, handler_side=bool(handler_side), comment=comment, lead=locked.lead,
                                           by=_user(actor), at=at)
        _event(locked, EventKind.CALLBACK, actor=actor, unit=locked.community, at=at, note=comment,
               params={"rating": rating, "handler_side": bool(handler_side)})
        if dissatisfied and handler_side:
            assert locked.resolved_on is not None
            ledger_add(measure=SOLVED, unit_id=locked.community_id, day=locked.resolved_on, amount=-1.0, issuer_id=locked.lead_id)
            locked.status, locked.resolved_at, locked.resolved_on = Status.REOPENED, None, None
            _set_deadlines(locked, at, respond=False)
            locked.save()
            _event(locked, EventKind.REOPENED, actor=actor, unit=locked.community, at=at, note=comment, from_status=Status.RESOLVED)
        else:
            locked.status, locked.closed_at = Status.CLOSED, at
            locked.save()
            _event(locked, EventKind.CLOSED, actor=actor, unit=locked.community, at=at, from_status=Status.RESOLVED)
        audit_created(actor=actor, obj=callback, unit=locked.community)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return callback


def case_merge(*, actor: Any, case: Case, into: Case, note: Any = "", now: dt.datetime | None = None) -> Case:
    """Mark a case as a duplicate of another (the lead or the county office): it stops, and the other carries on."""
    note = text_value(note, field="note", label=errors.NOTE, max_length=2000, required=False, multiline=True, error=CaseError)
    if into.pk == case.pk:
        raise CaseError("merge_self", errors.MERGE_SELF, "into")
    at = _now(now)
    with transaction.atomic():
        first, second = sorted([case.pk, into.pk])  # a fixed order: two merges of the same pair never deadlock
        locked_pair = {c.pk: c for c in Case.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")}
        locked, target = locked_pair[case.pk], locked_pair[into.pk]
        _require_working(locked, OPEN)
        if target.county_id != locked.county_id or target.status not in (*OPEN, Status.RESOLVED, Status.CLOSED) or target.merged_into_id:
            raise CaseError("merge_target", errors.MERGE_TARGET, "into")
        acting = None
        if locked.lead is not None:
            acting = _acting_unit(actor, [locked.lead], None)
        if acting is None and actor is not None and not access.can(actor, OVERSEE, locked.community):
            raise CaseError("not_lead", errors.NOT_LEAD % {"lead": locked.lead.name if locked.lead else "—"})
        before = snapshot(locked)
        old = locked.status
        locked.status, locked.merged_into, locked.paused_at = Status.MERGED, target, None
        locked.save()
        _event(locked, EventKind.MERGED, actor=actor, unit=acting, at=at, note=note, from_status=old, params={"into": target.pk, "title": target.title})
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def cases_escalate(*, now: dt.datetime | None = None) -> int:
    """Escalate every overdue case not yet escalated: a notice to its lead department (read by its leader) — or, before
    anyone accepted it, to the departments it was raised to — and to the county office; an event on the case."""
    from qingzhuang.cases.selectors import due_of, overdue_q

    at = _now(now)
    count = 0
    for case_id in list(Case.objects.filter(overdue_q(at), escalated_at__isnull=True).values_list("pk", flat=True)[:5000]):
        with transaction.atomic():
            locked = _lock(Case.objects.get(pk=case_id))
            if locked.escalated_at is not None or not Case.objects.filter(overdue_q(at), pk=case_id).exists():
                continue
            locked.escalated_at = at
            locked.save(update_fields=["escalated_at"])
            due = due_of(locked)
            targets = [locked.lead] if locked.lead else [r.department for r in locked.recipients.select_related("department")]
            targets += list(Unit.objects.filter(county_id=locked.county_id, kind=UnitKind.PARTY_GOV_OFFICE))
            _event(locked, EventKind.ESCALATED, actor=None, unit=None, at=at, params={"to": [t.name for t in targets]})
            payload = {"title": locked.title, "community": locked.community.name, "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M") if due else ""}
            url = reverse("cases:case", args=[locked.pk])
            for target in targets:
                Notice.objects.create(unit=target, level="danger", message=MSG_ESCALATED, params=payload, url=url)
            count += 1
    return count


def meeting_kinds() -> list[tuple[str, Any]]:
    return list(MeetingKind.choices)
