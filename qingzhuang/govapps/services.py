"""Writes of the registry: register an app or group and impose it on grassroots units through the gate, record what a
survey found in place (整治), record its filing (备案), end a unit's requirement, close an entry or merge several into one.

Every change writes its audit event in the same transaction; a requirement's start and end move the ledger's level
(apps and groups a unit must use) on the day they happen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.gate.rules import GateContext, GateReport, gate_record, gate_run
from qingzhuang.govapps import errors
from qingzhuang.govapps.errors import GovAppError
from qingzhuang.govapps.models import Entry, EntryStatus, FilingStatus, Practice, Requirement
from qingzhuang.govapps.rules import GOVAPP
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.validate import clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind

VIEW = "govapps.view"
REGISTER = "govapps.register"
RECTIFY = "govapps.rectify"
IMPOSED = "govapps.imposed"
MAX_UNITS = 500


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _date(value: Any, field: str, *, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise GovAppError("date_invalid", errors.DATE_INVALID, field)
    if value > today:
        raise GovAppError("date_in_future", errors.DATE_IN_FUTURE, field)
    return value


def practices_clean(practices: Any) -> set[str]:
    """The banned practices named, each one of ``Practice``; anything else is refused naming the choices."""
    if practices is None:
        return set()
    if isinstance(practices, str) or not isinstance(practices, Iterable):
        practices = [practices]
    found = set()
    for value in list(practices)[:20]:
        if value not in Practice.values:
            shown = str(value).encode("utf-8", "replace").decode("utf-8")[:20]
            raise GovAppError("practice_unknown", errors.PRACTICE_UNKNOWN % {"value": shown, "choices": "、".join(str(p.label) for p in Practice)},
                              "practices")
        found.add(value)
    return found


def _entry_build(*, owner: Unit, name: Any, kind: Any, purpose: Any, description: Any, platform: Any, practices: Any, filing_status: Any,
                 filing_number: Any, filed_on: Any, today: dt.date) -> Entry:
    if owner.kind in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
        raise GovAppError("owner_not_upper", errors.OWNER_NOT_UPPER % {"unit": owner.name}, "owner")
    values = clean_values(Entry, {"name": name, "kind": kind, "purpose": purpose, "description": description or "",
                                  "filing_status": filing_status or FilingStatus.NOT_FILED, "filing_number": filing_number or ""},
                          error=GovAppError)
    values["platform"] = "" if platform in (None, "") else clean_values(Entry, {"platform": platform}, error=GovAppError)["platform"]
    flags = practices_clean(practices)
    if values["filing_status"] == FilingStatus.FILED:
        if not values["filing_number"] or filed_on in (None, ""):
            raise GovAppError("filing_number_needed", errors.FILING_NUMBER_NEEDED, "filing_number")
        filed_on = _date(filed_on, "filed_on", today=today)
    elif values["filing_number"] or filed_on not in (None, ""):
        raise GovAppError("filing_number_unexpected", errors.FILING_NUMBER_UNEXPECTED, "filing_number")
    else:
        filed_on = None
    return Entry(owner=owner, filed_on=filed_on, registered_on=today, **values, **dict.fromkeys(flags, True))


def units_clean(*, owner: Unit, units: Sequence[Any]) -> list[Unit]:
    """The grassroots units of the owner's county the entry is imposed on, each once."""
    if not units:
        raise GovAppError("no_units", errors.NO_UNITS, "units")
    if len(units) > MAX_UNITS:
        raise GovAppError("too_many_units", errors.TOO_MANY_UNITS % {"max": MAX_UNITS}, "units")
    found: dict[int, Unit] = {}
    for unit in units:
        if not isinstance(unit, Unit) or unit.kind not in GRASSROOTS_KINDS or unit.county_id is None or unit.county_id != owner.county_id:
            name = unit.name if isinstance(unit, Unit) else str(unit)[:20]
            raise GovAppError("not_grassroots", errors.NOT_GRASSROOTS % {"unit": name, "county": owner.county.name if owner.county else "—"}, "units")
        found[unit.pk] = unit
    return list(found.values())


def _gate(entry: Entry, actor: Any, today: dt.date) -> GateReport:
    return gate_run(ctx=GateContext(item=entry, item_kind=GOVAPP, issuer=entry.owner, county=entry.owner.county, today=today, actor=actor))


def _refuse_if_blocked(report: GateReport) -> None:
    if report.blocked:
        raise GovAppError("gate_blocked", errors.GATE_BLOCKED % {"reason": "；".join(v.text() for v in report.blocking())}, "practices")


def _impose(*, actor: Any, entry: Entry, unit: Unit, since: dt.date) -> Requirement:
    requirement = Requirement.objects.create(entry=entry, unit=unit, since=since, created_by=_user(actor))
    audit_created(actor=actor, obj=requirement, unit=unit)
    ledger_add(measure=IMPOSED, unit_id=unit.pk, day=since, amount=1.0, issuer_id=entry.owner_id)
    return requirement


def _end(*, actor: Any, requirement: Requirement, until: dt.date, reason: str = "") -> None:
    before = snapshot(requirement)
    requirement.until, requirement.ended_by = until, _user(actor)
    requirement.save(update_fields=["until", "ended_by"])
    audit_updated(actor=actor, obj=requirement, before=before, unit=requirement.unit, reason=reason)
    ledger_add(measure=IMPOSED, unit_id=requirement.unit_id, day=until, amount=-1.0, issuer_id=requirement.entry.owner_id)


def entry_register(
    *, actor: Any, owner: Unit, name: Any, kind: Any, purpose: Any, units: Sequence[Any], description: Any = "", platform: Any = "",
    practices: Any = (), filing_status: Any = FilingStatus.NOT_FILED, filing_number: Any = "", filed_on: Any = None,
) -> Entry:
    """The owning unit registers an app or group and imposes it on grassroots units from today, through the gate.

    Refused (nothing written) when the gate blocks: an app or mini-program not filed, a banned practice (by default);
    warnings (a description naming a practice, a near-same active entry) are stored with it for the county office.
    """
    if actor is not None:
        access.require(actor, REGISTER, owner)
    today = clock.today()
    entry = _entry_build(owner=owner, name=name, kind=kind, purpose=purpose, description=description, platform=platform, practices=practices,
                         filing_status=filing_status, filing_number=filing_number, filed_on=filed_on, today=today)
    chosen = units_clean(owner=owner, units=units)
    report = _gate(entry, actor, today)
    _refuse_if_blocked(report)
    entry.registered_by = _user(actor)
    with transaction.atomic():
        entry.save()
        audit_created(actor=actor, obj=entry, unit=owner)
        gate_record(item=entry, report=report, actor=actor)
        for unit in chosen:
            _impose(actor=actor, entry=entry, unit=unit, since=today)
    return entry


def entry_record_found(
    *, actor: Any, owner: Unit, name: Any, kind: Any, purpose: Any, units: Sequence[Any], since: Any, description: Any = "",
    platform: Any = "", practices: Any = (), filing_status: Any = FilingStatus.NOT_FILED, filing_number: Any = "", filed_on: Any = None,
) -> Entry:
    """The county office records an app or group found in place by its survey (整治), used by the units since a day.

    Nothing is refused — it is already there: the gate's verdicts are stored so that what it would refuse shows.
    """
    if actor is not None:
        access.require(actor, RECTIFY, owner)
    today = clock.today()
    entry = _entry_build(owner=owner, name=name, kind=kind, purpose=purpose, description=description, platform=platform, practices=practices,
                         filing_status=filing_status, filing_number=filing_number, filed_on=filed_on, today=today)
    since = _date(since, "since", today=today)
    entry.registered_on = since  # in the registry from the day it was first imposed, as found
    chosen = units_clean(owner=owner, units=units)
    report = _gate(entry, actor, today)
    entry.registered_by, entry.found_in_survey = _user(actor), True
    with transaction.atomic():
        entry.save()
        audit_created(actor=actor, obj=entry, unit=owner, reason="整治摸底")
        gate_record(item=entry, report=report, actor=actor)
        for unit in chosen:
            _impose(actor=actor, entry=entry, unit=unit, since=since)
    return entry


def _require_owner_or_county(actor: Any, entry: Entry) -> None:
    if actor is not None and not (access.can(actor, REGISTER, entry.owner) or access.can(actor, RECTIFY, entry.owner)):
        raise PermissionDenied(access.DENIED_MESSAGE)


def _locked_active(entry: Entry) -> Entry:
    locked = Entry.objects.select_for_update(of=("self",)).select_related("owner__county").get(pk=entry.pk)
    if locked.status != EntryStatus.ACTIVE:
        raise GovAppError("not_active", errors.NOT_ACTIVE % {"name": locked.name})
    return locked


def requirements_add(*, actor: Any, entry: Entry, units: Sequence[Any]) -> list[Requirement]:
    """The owning unit imposes an active entry on more units from today, through the gate again (its filing may have lapsed)."""
    if actor is not None:
        access.require(actor, REGISTER, entry.owner)
    today = clock.today()
    chosen = units_clean(owner=entry.owner, units=units)
    with transaction.atomic():
        locked = _locked_active(entry)
        report = _gate(locked, actor, today)
        _refuse_if_blocked(report)
        using = set(Requirement.objects.filter(entry=locked, until__isnull=True, unit__in=chosen).values_list("unit_id", flat=True))
        for unit in chosen:
            if unit.pk in using:
                raise GovAppError("already_required", errors.ALREADY_REQUIRED % {"unit": unit.name, "name": locked.name}, "units")
        gate_record(item=locked, report=report, actor=actor)
        return [_impose(actor=actor, entry=locked, unit=unit, since=today) for unit in chosen]


def requirement_end(*, actor: Any, requirement: Requirement, until: Any, reason: Any = "") -> Requirement:
    """The owning unit (or the county office) stops requiring one unit to use the entry, from ``until`` on."""
    _require_owner_or_county(actor, requirement.entry)
    reason = text_value(reason, field="reason", label=Entry._meta.get_field("end_reason").verbose_name, max_length=300, required=False,
                        error=GovAppError)
    until = _date(until, "until", today=clock.today())
    with transaction.atomic():
        locked = Requirement.objects.select_for_update(of=("self",)).select_related("entry", "unit").get(pk=requirement.pk)
        if locked.until is not None:
            raise GovAppError("not_required", errors.NOT_REQUIRED)
        if until < locked.since:
            raise GovAppError("date_before_since", errors.DATE_BEFORE_SINCE % {"unit": locked.unit.name, "since": locked.since}, "until")
        _end(actor=actor, requirement=locked, until=until, reason=reason)
    return locked


def entry_filing_set(*, actor: Any, entry: Entry, filing_status: Any, filing_number: Any = "", filed_on: Any = None) -> Entry:
    """Record the entry's filing (备案): filed with its number and date, refused, or not filed."""
    _require_owner_or_county(actor, entry)
    today = clock.today()
    checked = _entry_build(owner=entry.owner, name=entry.name, kind=entry.kind, purpose=entry.purpose, description="", platform="",
                           practices=(), filing_status=filing_status, filing_number=filing_number, filed_on=filed_on, today=today)
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        before = snapshot(locked)
        locked.filing_status, locked.filing_number, locked.filed_on = checked.filing_status, checked.filing_number, checked.filed_on
        locked.save(update_fields=["filing_status", "filing_number", "filed_on"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.owner)
    return locked


def _end_entry(*, actor: Any, entry: Entry, on: dt.date, status: str, reason: str, into: Entry | None = None) -> None:
    open_requirements = list(Requirement.objects.select_for_update(of=("self",)).filter(entry=entry, until__isnull=True).select_related("unit", "entry"))
    for r in open_requirements:
        if on < r.since:
            raise GovAppError("date_before_since", errors.DATE_BEFORE_SINCE % {"unit": r.unit.name, "since": r.since}, "ended_on")
    before = snapshot(entry)
    entry.status, entry.ended_on, entry.end_reason, entry.merged_into = status, on, reason, into
    entry.save(update_fields=["status", "ended_on", "end_reason", "merged_into"])
    audit_updated(actor=actor, obj=entry, before=before, unit=entry.owner, reason=reason)
    for r in open_requirements:
        _end(actor=actor, requirement=r, until=on, reason=reason)


def _reason(reason: Any) -> str:
    return text_value(reason, field="reason", label=Entry._meta.get_field("end_reason").verbose_name, max_length=300, error=GovAppError)


def entry_close(*, actor: Any, entry: Entry, closed_on: Any, reason: Any) -> Entry:
    """Close the entry (关停): from ``closed_on`` no unit has to use it."""
    _require_owner_or_county(actor, entry)
    reason = _reason(reason)
    closed_on = _date(closed_on, "ended_on", today=clock.today())
    with transaction.atomic():
        locked = _locked_active(entry)
        _end_entry(actor=actor, entry=locked, on=closed_on, status=EntryStatus.CLOSED, reason=reason)
    return locked


def entry_merge(*, actor: Any, entries: Sequence[Entry], into: Entry, merged_on: Any, reason: Any) -> Entry:
    """The county office merges entries into a successor (整合): each points to it, and every unit that had to use one of
    them uses the successor from that day (once, if it did not already)."""
    if actor is not None:
        access.require(actor, RECTIFY, into.owner)
        for e in entries:
            access.require(actor, RECTIFY, e.owner)
    reason = _reason(reason)
    merged_on = _date(merged_on, "ended_on", today=clock.today())
    if not entries:
        raise GovAppError("no_units", errors.NO_UNITS, "entries")
    if any(e.pk == into.pk for e in entries):
        raise GovAppError("merge_into_itself", errors.MERGE_INTO_ITSELF, "into")
    if any(e.owner.county_id != into.owner.county_id for e in entries):
        raise GovAppError("merge_other_county", errors.MERGE_OTHER_COUNTY, "into")
    with transaction.atomic():
        # Locked in id order, the successor with them, so two merges at once cannot deadlock.
        ids = sorted({into.pk, *(e.pk for e in entries)})
        list(Entry.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        successor = _locked_active(into)
        using = set(Requirement.objects.filter(entry=successor, until__isnull=True).values_list("unit_id", flat=True))
        moved: dict[int, Unit] = {}
        for e in sorted(entries, key=lambda x: x.pk):
            locked = _locked_active(e)
            moved.update({r.unit_id: r.unit for r in Requirement.objects.filter(entry=locked, until__isnull=True).select_related("unit")})
            _end_entry(actor=actor, entry=locked, on=merged_on, status=EntryStatus.MERGED, reason=reason, into=successor)
        for unit_id, unit in sorted(moved.items()):
            if unit_id not in using:
                _impose(actor=actor, entry=successor, unit=unit, since=merged_on)
    return successor
