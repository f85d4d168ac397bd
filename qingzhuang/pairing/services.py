"""Writes of the pairings: the county office files a pairing, edits its people or period, ends it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.gate.rules import GateContext, GateReport, gate_record, gate_run
from qingzhuang.lib import clock
from qingzhuang.lib.validate import clean_values
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind, User
from qingzhuang.pairing import errors, proposal, selectors
from qingzhuang.pairing.errors import PairingError
from qingzhuang.pairing.models import Pairing
from qingzhuang.pairing.rules import PAIRING
from qingzhuang.pairing.selectors import COMMUNITY_KINDS, MANAGE

MAX_CADRES = 20


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _cadres(names: Any) -> str:
    """The cadres' names joined by 、 (a list, or one text separated by 、 , ， ; or spaces)."""
    import re

    raw = names if isinstance(names, list | tuple) else re.split(r"[、,，;；\n]+", str(names or ""))
    cleaned = []
    for name in raw:
        value = clean_values(Pairing, {"leader": name}, error=PairingError, optional=["leader"])["leader"]
        if value and value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_CADRES:
        raise PairingError("too_many_cadres", errors.TOO_MANY_CADRES % {"max": MAX_CADRES}, "cadres")
    joined = "、".join(cleaned)
    return clean_values(Pairing, {"cadres": joined}, error=PairingError)["cadres"]


def _period(valid_from: Any, valid_to: Any) -> tuple[dt.date, dt.date | None]:
    if not isinstance(valid_from, dt.date) or (valid_to is not None and not isinstance(valid_to, dt.date)):
        raise PairingError("date_invalid", errors.DATE_INVALID, "valid_from")
    if not dt.date(2000, 1, 1) <= valid_from <= dt.date(2099, 12, 31) or (valid_to is not None and valid_to > dt.date(2099, 12, 31)):
        raise PairingError("date_invalid", errors.DATE_INVALID, "valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise PairingError("period_order", errors.PERIOD_ORDER, "valid_to")
    return valid_from, valid_to


def _check_overlap(*, department: Unit, community: Unit, valid_from: dt.date, valid_to: dt.date | None, exclude: int | None = None) -> None:
    clash = Pairing.objects.filter(department=department, community=community).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        clash = clash.filter(valid_from__lte=valid_to)
    if exclude:
        clash = clash.exclude(pk=exclude)
    found = clash.first()
    if found is not None:
        raise PairingError("overlap", errors.OVERLAP % {"department": department.name, "community": community.name, "start": found.valid_from}, "community")


def _cadre_users(department: Unit, users: list[User] | None) -> list[User]:
    users = list(users or [])
    for user in users:
        if not user.roles.filter(unit=department).exists():
            raise PairingError("cadre_unknown", errors.CADRE_UNKNOWN, "cadre_users")
    return users


def pairing_file(
    *, actor: Any, department: Unit, community: Unit, leader: str, cadres: Any = "", valid_from: dt.date | None = None,
    valid_to: dt.date | None = None, cadre_users: list[User] | None = None,
) -> tuple[Pairing, GateReport]:
    """Pair a department with a community for a period; the load rule warns when the department carries too many."""
    if department.kind != UnitKind.DEPARTMENT or department.county_id is None:
        raise PairingError("not_department", errors.NOT_DEPARTMENT % {"name": department.name}, "department")
    if community.kind not in COMMUNITY_KINDS:
        raise PairingError("not_community", errors.NOT_COMMUNITY % {"name": community.name}, "community")
    if community.county_id != department.county_id:
        raise PairingError("other_county", errors.OTHER_COUNTY, "community")
    if actor is not None:
        access.require(actor, MANAGE, department)
        access.require(actor, MANAGE, community)
    start, end = _period(valid_from or clock.today(), valid_to)
    values = clean_values(Pairing, {"leader": leader}, error=PairingError)
    names = _cadres(cadres)
    linked = _cadre_users(department, cadre_users)
    with transaction.atomic():
        # One writer per community at a time: the overlap check and the insert see the same pairings.
        Unit.objects.select_for_update().filter(pk=community.pk).first()
        _check_overlap(department=department, community=community, valid_from=start, valid_to=end)
        pairing = Pairing(county_id=department.county_id, department=department, community=community, leader=values["leader"],
                          cadres=names, valid_from=start, valid_to=end, created_by=_user(actor))
        report = gate_run(ctx=GateContext(item=pairing, item_kind=PAIRING, issuer=department, county=department.county,
                                          today=clock.today(), actor=actor))
        pairing.save()
        pairing.cadre_users.set(linked)
        audit_created(actor=actor, obj=pairing, unit=community)
        gate_record(item=pairing, report=report, actor=actor)
    return pairing, report


def pairing_edit(
    *, actor: Any, pairing: Pairing, leader: str, cadres: Any = "", valid_to: dt.date | None = None, cadre_users: list[User] | None = None,
) -> Pairing:
    """Change the responsible leader, the liaison cadres or the end of the period (the start stays: file a new pairing)."""
    if actor is not None:
        access.require(actor, MANAGE, pairing.department)
    values = clean_values(Pairing, {"leader": leader}, error=PairingError)
    names = _cadres(cadres)
    _start, end = _period(pairing.valid_from, valid_to)
    linked = _cadre_users(pairing.department, cadre_users)
    with transaction.atomic():
        locked = Pairing.objects.select_for_update(of=("self",)).get(pk=pairing.pk)
        _check_overlap(department=locked.department, community=locked.community, valid_from=locked.valid_from, valid_to=end, exclude=locked.pk)
        before = snapshot(locked)
        locked.leader, locked.cadres, locked.valid_to = values["leader"], names, end
        locked.save()
        if cadre_users is not None:
            locked.cadre_users.set(linked)
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


# --- A balanced proposal, filed as a whole -------------------------------------------------------------------------

MAX_PROPOSAL_ROWS = 2000


def _row_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return 0
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else 0


def proposal_rows(*, county: Any, data: list[dict[str, Any]]) -> list[proposal.Row]:
    """The rows a person kept of a proposal, checked: a community and a department of the county each, one row per
    community, a responsible leader each. ``data``: dicts of community, department, before (ids), leader."""
    if not data:
        raise PairingError("proposal_empty", errors.PROPOSAL_EMPTY, "rows")
    if len(data) > MAX_PROPOSAL_ROWS:
        raise PairingError("proposal_too_many", errors.PROPOSAL_TOO_MANY % {"max": MAX_PROPOSAL_ROWS}, "rows")
    departments = {u.pk: u for u in selectors.departments_of(county)}
    wanted = {_row_id(d.get("community")) for d in data}
    communities = {u.pk: u for u in selectors.communities_of(county).filter(pk__in=wanted)}
    rows: list[proposal.Row] = []
    seen: set[int] = set()
    for number, item in enumerate(data, start=1):
        community = communities.get(_row_id(item.get("community")))
        department = departments.get(_row_id(item.get("department")))
        if community is None or department is None:
            raise PairingError("proposal_row_invalid", errors.PROPOSAL_ROW_INVALID % {"row": number}, f"rows.{number}")
        if community.pk in seen:
            raise PairingError("proposal_row_twice", errors.PROPOSAL_ROW_TWICE % {"row": number, "community": community.name}, f"rows.{number}")
        seen.add(community.pk)
        try:
            leader = clean_values(Pairing, {"leader": item.get("leader", "")}, error=PairingError)["leader"]
        except PairingError as exc:
            raise PairingError(exc.code, errors.PROPOSAL_LEADER % {"row": number, "community": community.name, "message": exc.message},
                               f"rows.{number}.leader") from None
        given = item.get("before")
        before = tuple(departments[b] for b in sorted({_row_id(b) for b in (given if isinstance(given, list | tuple) else [])}) if b in departments)
        rows.append(proposal.Row(community=community, department=department, before=before, weight=0, leader=leader))
    return rows


def _end_others(actor: Any, row: proposal.Row, number: int, start: dt.date) -> None:
    for old in Pairing.objects.filter(selectors.in_force(start), community=row.community).exclude(department=row.department).order_by("id"):
        if old.valid_from >= start:
            raise PairingError("proposal_starts_later", errors.PROPOSAL_STARTS_LATER % {
                "row": number, "community": row.community.name, "department": old.department.name, "start": old.valid_from}, "valid_from")
        pairing_edit(actor=actor, pairing=old, leader=old.leader, cadres=old.cadres, valid_to=start - dt.timedelta(days=1))


def proposal_file(*, actor: Any, county: Any, data: list[dict[str, Any]], valid_from: Any) -> tuple[list[Pairing], list[GateReport]]:
    """File the rows a person kept of a balanced proposal in one transaction: each community's other pairings end the day
    before ``valid_from`` and its new department's pairing starts on it. All or nothing: a row whose community's pairings
    changed since the proposal was shown refuses the whole filing (two people filing at once never pair a community twice)."""
    office = Unit.objects.filter(county=county, kind=UnitKind.PARTY_GOV_OFFICE).first()
    if actor is not None:
        access.require(actor, MANAGE, office)
    start, _end = _period(valid_from, None)
    rows = proposal_rows(county=county, data=data)
    filed: list[Pairing] = []
    reports: list[GateReport] = []
    with transaction.atomic():
        # Every community of the proposal at once, in id order (the order pairing_file locks one in): the check below
        # and the writes see the same pairings.
        list(Unit.objects.select_for_update().filter(pk__in=sorted(r.community.pk for r in rows)).order_by("pk").values_list("pk", flat=True))
        for number, row in enumerate(rows, start=1):
            if proposal.departments_now(row.community, start) != {u.pk for u in row.before}:
                raise PairingError("proposal_stale", errors.PROPOSAL_STALE % {"row": number, "community": row.community.name}, f"rows.{number}")
        for number, row in enumerate(rows, start=1):
            _end_others(actor, row, number, start)
            if row.department not in row.before:
                pairing, report = pairing_file(actor=actor, department=row.department, community=row.community, leader=row.leader, valid_from=start)
                filed.append(pairing)
                reports.append(report)
    return filed, reports
