"""Apps and work groups over the API: the registry, what a unit must use, registering and imposing through the gate,
the survey's records, filing, ending a unit's requirement, closing and merging."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.govapps import selectors, services
from qingzhuang.govapps.models import Entry, Requirement
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()
MAX_IDS = services.MAX_UNITS + 1


class EntryIn(Schema):
    owner_id: int
    name: str
    kind: str  # app, mini_program, account, group
    purpose: str
    unit_ids: list[int]
    description: str = ""
    platform: str = ""  # wechat, dingtalk, other
    practices: list[str] = []  # check_in, ranking, online_time, forced_install, likes_assessed
    filing_status: str = "not_filed"  # not_filed, filed, refused
    filing_number: str = ""
    filed_on: dt.date | None = None
    # Only for the county office's survey (整治): the entry is already in use since this day; nothing is refused.
    found_since: dt.date | None = None


class EntryOut(Schema):
    id: int
    name: str
    kind: str
    platform: str
    owner_id: int
    owner_name: str
    purpose: str
    practices: list[str]
    filing_status: str
    filing_number: str
    filed_on: str | None
    status: str
    ended_on: str | None
    merged_into_id: int | None
    found_in_survey: bool
    units_using: int


class RequiredOut(Schema):
    requirement_id: int
    entry_id: int
    name: str
    kind: str
    owner_name: str
    filing_status: str
    filing_number: str
    practices: list[str]
    since: str


class UnitsIn(Schema):
    unit_ids: list[int]


class EndIn(Schema):
    until: dt.date
    reason: str = ""


class FilingIn(Schema):
    filing_status: str
    filing_number: str = ""
    filed_on: dt.date | None = None


class CloseIn(Schema):
    closed_on: dt.date
    reason: str


class MergeIn(Schema):
    into_id: int
    merged_on: dt.date
    reason: str


def _out(e: Entry) -> EntryOut:
    using = selectors.units_using([e], clock.today()).get(e.pk, 0)
    return EntryOut(id=e.pk, name=e.name, kind=e.kind, platform=e.platform, owner_id=e.owner_id, owner_name=e.owner.name, purpose=e.purpose,
                    practices=e.practices, filing_status=e.filing_status, filing_number=e.filing_number,
                    filed_on=e.filed_on.isoformat() if e.filed_on else None, status=e.status, ended_on=e.ended_on.isoformat() if e.ended_on else None,
                    merged_into_id=e.merged_into_id, found_in_survey=e.found_in_survey, units_using=using)


def _units(owner: Unit, ids: list[int]) -> list[Any]:
    """The units named by id (an unknown or foreign id stays a number, and the service refuses it naming it)."""
    ids = ids[:MAX_IDS]
    found = Unit.objects.in_bulk([i for i in ids if 0 < i < 2**63])
    return [found.get(i, i) for i in ids]


def _entry(request: HttpRequest, entry_id: int) -> Entry:
    return access.get_for_user(request.user, selectors.VIEW, Entry.objects.select_related("owner__county"), pk=entry_id)


@router.get("/entries", response=list[EntryOut], summary="Apps and work groups in your scope (status: active, closed, merged)")
def entries_list(request: HttpRequest, status: str = "") -> Any:
    found = selectors.entries_visible(request.user)
    if status:
        found = found.filter(status=status[:10])
    return [_out(e) for e in found.order_by("owner__path", "name")[:500]]


@router.get("/entries/{entry_id}", response=EntryOut, summary="One app or work group")
def entry_get(request: HttpRequest, entry_id: int) -> Any:
    return _out(_entry(request, entry_id))


@router.post("/entries", response=EntryOut, summary="Register an app or group and impose it on units, through the gate")
def entry_register(request: HttpRequest, payload: EntryIn) -> Any:
    owner = access.get_for_user(request.user, selectors.VIEW, Unit.objects.select_related("county"), pk=payload.owner_id)
    common: dict[str, Any] = {"owner": owner, "name": payload.name, "kind": payload.kind, "purpose": payload.purpose, "units": _units(owner, payload.unit_ids),
              "description": payload.description, "platform": payload.platform, "practices": payload.practices,
              "filing_status": payload.filing_status, "filing_number": payload.filing_number, "filed_on": payload.filed_on}
    if payload.found_since is not None:
        return _out(services.entry_record_found(actor=request.user, since=payload.found_since, **common))
    return _out(services.entry_register(actor=request.user, **common))


@router.get("/units/{unit_id}/required", response=list[RequiredOut], summary="What a unit must use on a day (today by default)")
def unit_required(request: HttpRequest, unit_id: int, on: dt.date | None = None) -> Any:
    unit = access.get_for_user(request.user, selectors.VIEW, Unit.objects.all(), pk=unit_id)
    return [RequiredOut(requirement_id=r.pk, entry_id=r.entry_id, name=r.entry.name, kind=r.entry.kind, owner_name=r.entry.owner.name,
                        filing_status=r.entry.filing_status, filing_number=r.entry.filing_number, practices=r.entry.practices,
                        since=r.since.isoformat()) for r in selectors.required_on(unit, on or clock.today())]


@router.post("/entries/{entry_id}/requirements", response=EntryOut, summary="Impose an active entry on more units (through the gate)")
def entry_impose(request: HttpRequest, entry_id: int, payload: UnitsIn) -> Any:
    entry = _entry(request, entry_id)
    services.requirements_add(actor=request.user, entry=entry, units=_units(entry.owner, payload.unit_ids))
    return _out(_entry(request, entry_id))


@router.post("/requirements/{requirement_id}/end", response=EntryOut, summary="A unit no longer has to use the entry, from a day")
def requirement_end(request: HttpRequest, requirement_id: int, payload: EndIn) -> Any:
    found = access.get_for_user(request.user, selectors.VIEW, Requirement.objects.select_related("entry__owner", "unit"), pk=requirement_id)
    services.requirement_end(actor=request.user, requirement=found, until=payload.until, reason=payload.reason)
    return _out(_entry(request, found.entry_id))


@router.post("/entries/{entry_id}/filing", response=EntryOut, summary="Record the entry's filing (备案)")
def entry_filing(request: HttpRequest, entry_id: int, payload: FilingIn) -> Any:
    services.entry_filing_set(actor=request.user, entry=_entry(request, entry_id), filing_status=payload.filing_status,
                              filing_number=payload.filing_number, filed_on=payload.filed_on)
    return _out(_entry(request, entry_id))


@router.post("/entries/{entry_id}/close", response=EntryOut, summary="Close the entry: no unit has to use it from that day")
def entry_close(request: HttpRequest, entry_id: int, payload: CloseIn) -> Any:
    services.entry_close(actor=request.user, entry=_entry(request, entry_id), closed_on=payload.closed_on, reason=payload.reason)
    return _out(_entry(request, entry_id))


@router.post("/entries/{entry_id}/merge", response=EntryOut, summary="Merge the entry into another (the county office): its units move there")
def entry_merge(request: HttpRequest, entry_id: int, payload: MergeIn) -> Any:
    entry = _entry(request, entry_id)
    into = _entry(request, payload.into_id)
    services.entry_merge(actor=request.user, entries=[entry], into=into, merged_on=payload.merged_on, reason=payload.reason)
    return _out(_entry(request, entry_id))
