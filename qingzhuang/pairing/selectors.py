"""Reads of the pairings: who is paired with a community on a day, a county's coverage at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qingzhuang.gate.rules import rule_by_code, rule_params
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Region, Unit, UnitKind
from qingzhuang.pairing.models import Pairing
from qingzhuang.pairing.rules import PairingLoadRule, max_communities

VIEW = "pairing.view"
MANAGE = "pairing.manage"
COMMUNITY_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)


def in_force(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def pairings_visible(user: Any) -> QuerySet[Pairing]:
    return access.scoped_queryset(user, VIEW, Pairing.objects.select_related("department", "community", "community__parent"))


def departments_for(community: Unit, day: dt.date) -> list[Unit]:
    """The departments paired with the community on the day (the whistle goes to them), by name."""
    ids = Pairing.objects.filter(in_force(day), community=community).values("department_id")
    return list(Unit.objects.filter(id__in=ids, is_active=True).order_by("name"))


def load_of(department: Unit, day: dt.date) -> int:
    return Pairing.objects.filter(in_force(day), department=department).values("community_id").distinct().count()


@dataclass
class Coverage:
    county: Region
    day: dt.date
    communities: int
    covered: int
    departments: int
    departments_pairing: int
    max_communities: int
    uncovered: list[Unit]
    overloaded: list[tuple[Unit, int]]
    idle: list[Unit]

    @property
    def covered_share(self) -> float:
        return self.covered / self.communities if self.communities else 0.0


def coverage(county: Region, day: dt.date) -> Coverage:
    """Communities with no department and departments with too many, from the pairings in force on the day."""
    _enabled, params = rule_params(rule_by_code(PairingLoadRule.code), county)
    limit = max_communities(params)
    active = Pairing.objects.filter(in_force(day), county=county)
    communities = list(Unit.objects.filter(county=county, kind__in=COMMUNITY_KINDS, is_active=True).order_by("path"))
    covered_ids = set(active.values_list("community_id", flat=True))
    departments = list(Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT, is_active=True).order_by("name"))
    loads: dict[int, int] = {}
    for department_id, _community_id in set(active.values_list("department_id", "community_id")):
        loads[department_id] = loads.get(department_id, 0) + 1
    overloaded = sorted(((d, loads[d.pk]) for d in departments if loads.get(d.pk, 0) > limit), key=lambda pair: (-pair[1], pair[0].name))
    return Coverage(
        county=county, day=day, communities=len(communities), covered=sum(1 for c in communities if c.pk in covered_ids),
        departments=len(departments), departments_pairing=sum(1 for d in departments if loads.get(d.pk)), max_communities=limit,
        uncovered=[c for c in communities if c.pk not in covered_ids], overloaded=overloaded,
        idle=[d for d in departments if not loads.get(d.pk)],
    )


def counties_for(user: Any) -> list[Region]:
    """The counties whose pairings the user may see (an administrator: every county with a unit)."""
    units = access.unit_ids_for(user, VIEW)
    found = Unit.objects.filter(county__isnull=False)
    if units is not None:
        found = found.filter(id__in=units)
    return list(Region.objects.filter(id__in=found.values("county_id")).order_by("code"))


def departments_of(county: Region) -> QuerySet[Unit]:
    return Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT, is_active=True).order_by("name")


def communities_of(county: Region) -> QuerySet[Unit]:
    return Unit.objects.filter(county=county, kind__in=COMMUNITY_KINDS, is_active=True).order_by("path")


def is_community(unit: Unit) -> bool:
    return unit.kind in COMMUNITY_KINDS and unit.kind in GRASSROOTS_KINDS
