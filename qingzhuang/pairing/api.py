"""Pairings over the API: the pairings in force in a county, filing one, and the county's coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.pairing import selectors, services

router = Router()


class PairingIn(Schema):
    department_id: int
    community_id: int
    leader: str
    cadres: list[str] = []
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class PairingOut(Schema):
    id: int
    department_id: int
    department_name: str
    community_id: int
    community_name: str
    leader: str
    cadres: list[str]
    valid_from: str
    valid_to: str | None


class CoverageOut(Schema):
    day: str
    communities: int
    covered: int
    departments: int
    departments_pairing: int
    max_communities: int
    uncovered: list[str]
    overloaded: list[str]


def _out(p: Any) -> PairingOut:
    return PairingOut(id=p.pk, department_id=p.department_id, department_name=p.department.name, community_id=p.community_id,
                      community_name=p.community.name, leader=p.leader, cadres=p.cadre_names(), valid_from=p.valid_from.isoformat(),
                      valid_to=p.valid_to.isoformat() if p.valid_to else None)


@router.get("/", response=list[PairingOut], summary="Pairings in force on a day (today by default) that you may see")
def pairings_list(request: HttpRequest, on: dt.date | None = None) -> Any:
    day = on or clock.today()
    return [_out(p) for p in selectors.pairings_visible(request.user).filter(selectors.in_force(day))[:2000]]


@router.post("/", response=PairingOut, summary="Pair a department with a community (county office)")
def pairing_file(request: HttpRequest, payload: PairingIn) -> Any:
    department = access.get_for_user(request.user, selectors.MANAGE, Unit.objects.all(), pk=payload.department_id)
    community = access.get_for_user(request.user, selectors.MANAGE, Unit.objects.all(), pk=payload.community_id)
    pairing, _report = services.pairing_file(actor=request.user, department=department, community=community, leader=payload.leader,
                                             cadres=payload.cadres, valid_from=payload.valid_from, valid_to=payload.valid_to)
    return _out(pairing)


@router.get("/coverage/{unit_id}", response=CoverageOut, summary="A county's coverage: communities without a department, departments with too many")
def coverage(request: HttpRequest, unit_id: int, on: dt.date | None = None) -> Any:
    office = access.get_for_user(request.user, selectors.MANAGE, Unit.objects.filter(county__isnull=False), pk=unit_id)
    county: Any = office.county
    c = selectors.coverage(county, on or clock.today())
    return CoverageOut(day=c.day.isoformat(), communities=c.communities, covered=c.covered, departments=c.departments,
                       departments_pairing=c.departments_pairing, max_communities=c.max_communities, uncovered=[u.name for u in c.uncovered],
                       overloaded=[f"{u.name}（{n}）" for u, n in c.overloaded])
