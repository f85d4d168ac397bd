"""Writes of visits: book one through the gate's crowding rule (扎堆), record it done, cancel it.

A crowded booking is refused when the county's rule blocks; when it warns (the default) the booker must say why
the visit cannot be moved or joined, and the visit is flagged for the county office. A research visit done counts
once per place in the ledger (visits received), on its first day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.cases.models import Case, Source
from qingzhuang.cases.services import case_raise
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, gate_record, gate_run
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import is_blank
from qingzhuang.lib.validate import clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.visits import errors, selectors
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Finding, Visit, VisitKind, VisitPlace, VisitStatus
from qingzhuang.visits.rules import CODE as CROWDING
from qingzhuang.visits.rules import VISIT

BOOK = selectors.BOOK
MAX_PLACES = 20
MAX_DAYS = 30
MAX_MEMBERS = 200
# A visit is booked up to a year ahead, or recorded up to a year after it happened (a team that came unannounced).
BOOKING_RANGE_DAYS = 366
MAX_FINDINGS = 50
# Which ledger measure a visit done counts in, by kind: a research visit is a burden on the place, a liaison visit (走访)
# a help to the community (both measures declared in component.py with their direction).
MEASURE_OF_KIND: dict[str, str] = {VisitKind.RESEARCH: selectors.RECEIVED, VisitKind.LIAISON: selectors.LIAISON_RECEIVED}


@dataclass(frozen=True)
class VisitDraft:
    """What the gate checks before a visit is stored: the visit and its places."""

    visit: Visit
    places: list[Unit]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def places_clean(*, organiser: Unit, place_ids: Any) -> list[Unit]:
    """The places as units: 1 to MAX_PLACES grassroots units of the organiser's county (below a town office that organises)."""
    if not isinstance(place_ids, (list, tuple)) or not place_ids:
        raise VisitError("no_places", errors.NO_PLACES, "places")
    if len(place_ids) > MAX_PLACES:
        raise VisitError("too_many_places", errors.TOO_MANY_PLACES % {"max": MAX_PLACES}, "places")
    ids: list[int] = []
    for raw in place_ids:
        value = raw.strip() if isinstance(raw, str) else raw
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
            raise VisitError("place_unknown", _place_unknown(organiser), "places")
        if value not in ids:
            ids.append(value)
    found = {u.pk: u for u in selectors.places_for(organiser).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise VisitError("place_unknown", _place_unknown(organiser), "places")
    return [found[i] for i in ids]


def _place_unknown(organiser: Unit) -> str:
    return str(errors.PLACE_UNKNOWN % {"county": organiser.county.name if organiser.county else "—", "organiser": organiser.name})


def dates_clean(*, start_on: Any, end_on: Any, today: dt.date) -> tuple[dt.date, dt.date]:
    if not isinstance(start_on, dt.date):
        raise VisitError("date_invalid", errors.DATE_INVALID, "start_on")
    if not isinstance(end_on, dt.date):
        raise VisitError("date_invalid", errors.DATE_INVALID, "end_on")
    if end_on < start_on:
        raise VisitError("end_before_start", errors.END_BEFORE_START, "end_on")
    days = (end_on - start_on).days + 1
    if days > MAX_DAYS:
        raise VisitError("too_long", errors.TOO_LONG % {"max": MAX_DAYS, "days": days}, "end_on")
    earliest, latest = today - dt.timedelta(days=BOOKING_RANGE_DAYS), today + dt.timedelta(days=BOOKING_RANGE_DAYS)
    if not earliest <= start_on <= latest:
        raise VisitError("too_far", errors.TOO_FAR % {"earliest": earliest, "latest": latest}, "start_on")
    return start_on, end_on


def _organiser_ok(organiser: Unit) -> None:
    if organiser.kind not in selectors.ORGANISER_KINDS or organiser.county_id is None:
        raise VisitError("not_an_organiser", errors.NOT_AN_ORGANISER, "organiser")


def _liaison_ok(organiser: Unit, places: list[Unit], day: dt.date) -> None:
    """A liaison visit (走访): a department at one community paired with it on the day."""
    if organiser.kind != UnitKind.DEPARTMENT:
        raise VisitError("liaison_not_department", errors.LIAISON_NOT_DEPARTMENT, "organiser")
    if len(places) != 1:
        raise VisitError("liaison_one_place", errors.LIAISON_ONE_PLACE, "places")
    if not selectors.paired_communities(organiser, day).filter(pk=places[0].pk).exists():
        raise VisitError("liaison_not_paired", errors.LIAISON_NOT_PAIRED % {"community": places[0].name, "department": organiser.name,
                                                                             "day": day.isoformat()}, "places")


def visit_draft(*, organiser: Unit, kind: Any = VisitKind.RESEARCH, team_name: Any, leader: Any, members: Any = "", member_count: Any,
                purpose: Any, place_ids: Any, start_on: Any, end_on: Any) -> VisitDraft:
    """The visit as it would be stored, every value checked; nothing is written (the form's preview uses it too)."""
    _organiser_ok(organiser)
    values = clean_values(Visit, {"kind": kind, "team_name": team_name, "leader": leader, "members": members,
                                  "member_count": member_count, "purpose": purpose},
                          ranges={"member_count": (1, MAX_MEMBERS)}, error=VisitError)
    places = places_clean(organiser=organiser, place_ids=place_ids)
    start, end = dates_clean(start_on=start_on, end_on=end_on, today=clock.today())
    if values["kind"] == VisitKind.LIAISON:
        _liaison_ok(organiser, places, start)
    return VisitDraft(visit=Visit(organiser=organiser, start_on=start, end_on=end, **values), places=places)


def visit_book(*, actor: Any, organiser: Unit, kind: Any = VisitKind.RESEARCH, team_name: Any, leader: Any, members: Any = "",
               member_count: Any, purpose: Any, place_ids: Any, start_on: Any, end_on: Any, crowd_reason: Any = "") -> Visit:
    """Book a visit through the gate: a crowd (扎堆) at one of its places blocks, or needs a reason and is flagged.

    Every kind of visit books here (a liaison visit: ``kind=VisitKind.LIAISON``), so the crowding rule is one.
    """
    if actor is not None:
        access.require(actor, BOOK, organiser)
    draft = visit_draft(organiser=organiser, kind=kind, team_name=team_name, leader=leader, members=members, member_count=member_count,
                        purpose=purpose, place_ids=place_ids, start_on=start_on, end_on=end_on)
    reason = _reason(crowd_reason)
    visit = draft.visit
    with transaction.atomic():
        report, crowded = _crowd_check(actor=actor, visit=visit, places=draft.places, reason=reason)
        visit.crowded, visit.crowd_reason = crowded, reason if crowded else ""
        visit.booked_by, visit.booked_on = _user(actor), clock.today()
        visit.save()
        VisitPlace.objects.bulk_create([VisitPlace(visit=visit, unit=p) for p in draft.places])
        audit_created(actor=actor, obj=visit, unit=organiser, reason="、".join(p.name for p in draft.places)[:500])
        gate_record(item=visit, report=report, actor=actor)
    return visit


def _crowd_check(*, actor: Any, visit: Visit, places: list[Unit], reason: str) -> tuple[Any, bool]:
    """Run the gate for a visit at these places and days: refused when the county blocks a crowd, or when a crowd
    has no reason; else (the report, whether it is crowded). Called inside the booking's transaction, places locked."""
    # Bookings at one place are serialised (the places' rows locked in id order): two teams booking the same village at
    # the same moment cannot both miss each other.
    list(Unit.objects.select_for_update().filter(pk__in=[p.pk for p in places]).order_by("pk").values_list("pk", flat=True))
    organiser = visit.organiser
    report = gate_run(ctx=GateContext(item=VisitDraft(visit=visit, places=places), item_kind=VISIT, issuer=organiser,
                                      county=organiser.county, today=clock.today(), actor=actor))
    crowd = next((v for v in report.verdicts if v.outcome != Outcome.PASS and v.rule == CROWDING), None)
    if report.blocked:
        words = crowd.params.get("crowd", "") if crowd else "；".join(v.text() for v in report.blocking())
        raise VisitError("crowded_blocked", errors.CROWD_BLOCKED % {"crowd": words}, "start_on")
    if crowd is not None and not reason:
        raise VisitError("crowd_reason_needed", errors.CROWD_REASON_NEEDED % {"crowd": crowd.params.get("crowd", "")}, "crowd_reason")
    return report, crowd is not None


def _reason(value: Any) -> str:
    return text_value(value, field="crowd_reason", label=Visit._meta.get_field("crowd_reason").verbose_name, max_length=2000,
                      required=False, multiline=True, error=VisitError)


def visit_move(*, actor: Any, visit: Visit, start_on: Any, end_on: Any, crowd_reason: Any = "") -> Visit:
    """Move a planned visit to other days (the advice a crowd warning gives): the crowding rule runs again for the new days."""
    if actor is not None:
        access.require(actor, BOOK, visit.organiser)
    start, end = dates_clean(start_on=start_on, end_on=end_on, today=clock.today())
    reason = _reason(crowd_reason)
    with transaction.atomic():
        locked = _locked(visit)
        before = snapshot(locked)
        locked.start_on, locked.end_on = start, end
        report, crowded = _crowd_check(actor=actor, visit=locked, places=list(locked.places.all()), reason=reason)
        locked.crowded, locked.crowd_reason = crowded, reason if crowded else ""
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.organiser)
        gate_record(item=locked, report=report, actor=actor)
    return locked


def _locked(visit: Visit) -> Visit:
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    if locked.status != VisitStatus.PLANNED:
        raise VisitError("not_planned", errors.NOT_PLANNED % {"status": locked.get_status_display()})
    return locked


def visit_done(*, actor: Any, visit: Visit) -> Visit:
    """Record the visit as done (from its first day on): a research visit counts once per place in the ledger."""
    if actor is not None:
        access.require(actor, BOOK, visit.organiser)
    today = clock.today()
    with transaction.atomic():
        locked = _locked(visit)
        if today < locked.start_on:
            raise VisitError("done_too_early", errors.DONE_TOO_EARLY % {"day": locked.start_on})
        before = snapshot(locked)
        locked.status, locked.done_on = VisitStatus.DONE, today
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.organiser)
        measure = MEASURE_OF_KIND.get(locked.kind)
        if measure:
            ledger_add_many(measure=measure, rows=[(unit_id, locked.start_on, 1.0, locked.organiser_id)
                                                   for unit_id in locked.visit_places.values_list("unit_id", flat=True)])
    return locked


def visit_cancel(*, actor: Any, visit: Visit, reason: Any) -> Visit:
    """Cancel a planned visit with a reason: it no longer counts in any crowd, and the places see it gone."""
    if actor is not None:
        access.require(actor, BOOK, visit.organiser)
    reason = text_value(reason, field="reason", label=Visit._meta.get_field("cancel_reason").verbose_name, max_length=2000, multiline=True,
                        error=VisitError)
    with transaction.atomic():
        locked = _locked(visit)
        before = snapshot(locked)
        locked.status, locked.cancelled_on, locked.cancel_reason = VisitStatus.CANCELLED, clock.today(), reason
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.organiser)
    return locked


# --- Liaison visits (走访): log one, record what it found, turn a finding into a case ---------------------------

def _finding_values(text: Any, category: Any) -> dict[str, Any]:
    return clean_values(Finding, {"text": text, "category": category}, error=VisitError)


def liaison_log(*, actor: Any, organiser: Unit, community_id: Any, visited_on: Any, leader: Any, members: Any = "", member_count: Any,
                purpose: Any, team_name: Any = "", findings: Any = (), crowd_reason: Any = "") -> Visit:
    """Log a liaison visit in one go, as a cadre does from a phone: booked through the crowding rule (扎堆) like every
    visit; a day already begun is recorded done (it counts as help in the community's ledger) with what it found.

    ``findings``: (text, category) pairs; a visit on a later day is booked ahead and has none yet."""
    rows = [(t, c) for t, c in (findings or ()) if not (isinstance(t, str) and is_blank(t))]
    if len(rows) > MAX_FINDINGS:
        raise VisitError("too_many_findings", errors.TOO_MANY_FINDINGS % {"max": MAX_FINDINGS}, "findings")
    cleaned = [_finding_values(t, c) for t, c in rows]
    day = visited_on if isinstance(visited_on, dt.date) else None
    if cleaned and day is not None and day > clock.today():
        raise VisitError("finding_future", errors.FINDING_FUTURE, "findings")
    with transaction.atomic():
        visit = visit_book(actor=actor, organiser=organiser, kind=VisitKind.LIAISON, team_name=team_name or f"{organiser.name}走访",
                           leader=leader, members=members, member_count=member_count, purpose=purpose, place_ids=[community_id],
                           start_on=visited_on, end_on=visited_on, crowd_reason=crowd_reason)
        if visit.start_on <= clock.today():
            visit = visit_done(actor=actor, visit=visit)
            for values in cleaned:
                _finding_create(actor=actor, visit=visit, values=values)
    return visit


def _finding_create(*, actor: Any, visit: Visit, values: dict[str, Any]) -> Finding:
    finding = Finding.objects.create(visit=visit, recorded_by=_user(actor), recorded_at=clock.now(), **values)
    audit_created(actor=actor, obj=finding, unit=visit.organiser, reason=values["text"][:200])
    return finding


def _liaison_done(visit: Visit) -> None:
    if visit.kind != VisitKind.LIAISON:
        raise VisitError("not_liaison", errors.NOT_LIAISON)
    if visit.status != VisitStatus.DONE:
        raise VisitError("finding_not_done", errors.FINDING_NOT_DONE)


def finding_add(*, actor: Any, visit: Visit, text: Any, category: Any) -> Finding:
    """Record what a liaison visit found (by the visiting department, after the visit)."""
    if actor is not None:
        access.require(actor, BOOK, visit.organiser)
    values = _finding_values(text, category)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        _liaison_done(locked)
        if locked.findings.count() >= MAX_FINDINGS:
            raise VisitError("too_many_findings", errors.TOO_MANY_FINDINGS % {"max": MAX_FINDINGS}, "text")
        return _finding_create(actor=actor, visit=locked, values=values)


def finding_raise(*, actor: Any, finding: Finding, title: Any, beyond_power: bool = False, beyond_ability: bool = False, urgency: Any = "general",
                  location: Any = "", photos: Any = (), now: dt.datetime | None = None) -> Case:
    """Turn a finding into a case in one step: the visiting department raises it for the community it visited (the
    community need not type it again and sees who raised it, from which visit), through the cases' one entry point."""
    visit = finding.visit
    if actor is not None:
        access.require(actor, BOOK, visit.organiser)
    with transaction.atomic():
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        if locked.case_id is not None:
            raise VisitError("finding_raised", errors.FINDING_RAISED % {"case": locked.case_id})
        _liaison_done(visit)
        community = visit.places.get()
        description = f"{locked.text}\n\n（{visit.start_on.isoformat()} {visit.organiser.name}走访发现，带队：{visit.leader}）"
        case = case_raise(actor=actor, community=community, title=title, description=description, category=locked.category, urgency=urgency,
                          location=location, beyond_power=beyond_power, beyond_ability=beyond_ability, source=Source.VISIT,
                          source_ref=f"visits.Finding:{locked.pk}", by_department=visit.organiser, photos=photos, now=now)
        before = snapshot(locked)
        locked.case = case
        locked.save(update_fields=["case"])
        audit_updated(actor=actor, obj=locked, before=before, unit=visit.organiser)
    return case
