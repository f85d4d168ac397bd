"""Reads of the org domain, always through the user's scope."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qingzhuang.org import access
from qingzhuang.org.models import CommunityProfile, Person, Region, RoleAssignment, Unit
from qingzhuang.org.privacy import mask_id_number, mask_phone

SEARCH_LIMIT = 30
_ASCII = re.compile(r"^[a-z]+$")


def _text_q(q: str, *, code_field: str) -> Q:
    """Match a name, a code prefix, full pinyin (zhenan) or pinyin initials (zax)."""
    q = q.strip()
    if q.isdigit():
        return Q(**{f"{code_field}__startswith": q})
    lowered = q.lower().replace(" ", "").replace("'", "")
    if _ASCII.match(lowered):
        return Q(pinyin__contains=lowered) | Q(initials__contains=lowered)
    return Q(name__icontains=q)


def units_visible(user: Any) -> QuerySet[Unit]:
    return access.scoped_queryset(user, "org.view_unit", Unit.objects.select_related("region"))


def regions_visible(user: Any) -> QuerySet[Region]:
    return access.scoped_queryset(user, "org.view_unit", Region.objects.all())


def unit_search(*, user: Any, q: str, limit: int = SEARCH_LIMIT) -> list[Unit]:
    if not q.strip():
        return []
    units = units_visible(user).filter(_text_q(q, code_field="region__code"))
    return _rank(list(units[: limit * 3]), q)[:limit]


def region_search(*, user: Any, q: str, limit: int = SEARCH_LIMIT) -> list[Region]:
    if not q.strip():
        return []
    regions = regions_visible(user).filter(_text_q(q, code_field="code"))
    return _rank(list(regions[: limit * 3]), q)[:limit]


def _rank(items: list[Any], q: str) -> list[Any]:
    """Exact and prefix matches first, then shorter names (镇安县 before 镇安县民政局)."""
    key = q.strip().lower()

    def score(item: Any) -> tuple[int, int, str]:
        starts = item.name.startswith(q) or item.pinyin.startswith(key) or item.initials.startswith(key)
        exact = item.name == q or item.pinyin == key or item.initials == key
        return (0 if exact else 1 if starts else 2, len(item.name), item.name)

    return sorted(items, key=score)


def root_regions_for(user: Any) -> list[Region]:
    """The topmost regions a user can see: where their tree starts."""
    regions = list(regions_visible(user).order_by("path")[:5000])
    paths = {r.path for r in regions}
    return [r for r in regions if not any(r.path != p and r.path.startswith(p) for p in _prefixes(r.path, paths))]


def _prefixes(path: str, paths: set[str]) -> list[str]:
    parts = path.strip("/").split("/")
    candidates = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    return [c for c in candidates if c in paths]


def region_children(*, user: Any, region: Region) -> list[Region]:
    return list(regions_visible(user).filter(parent=region).order_by("code", "name"))


def units_in_region(*, user: Any, region: Region) -> list[Unit]:
    return list(units_visible(user).filter(region=region).order_by("kind", "name"))


def unit_children(*, user: Any, unit: Unit) -> list[Unit]:
    return list(units_visible(user).filter(parent=unit).order_by("kind", "name"))


def profile_on(unit: Unit, day: dt.date) -> CommunityProfile | None:
    return (
        CommunityProfile.objects.filter(unit=unit, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class PersonRow:
    person: Person
    phone: str
    id_number: str
    masked: bool


def people_of(*, user: Any, unit: Unit) -> list[PersonRow]:
    """The unit's people; phone and ID numbers masked unless the user may see personal data there."""
    people = access.scoped_queryset(user, "org.view_unit", Person.objects.filter(unit=unit)).order_by("name")
    clear = access.can(user, "org.view_personal_data", unit)
    return [
        PersonRow(
            person=p,
            phone=p.phone if clear else mask_phone(p.phone),
            id_number=p.id_number if clear else mask_id_number(p.id_number),
            masked=not clear,
        )
        for p in people
    ]


def assignments_of(user: Any) -> list[RoleAssignment]:
    """A user's roles, the widest scope first (the first is the one they mainly act in)."""
    return list(user.roles.select_related("unit__region", "unit__county").order_by("-include_below", "id"))


def primary_assignment(user: Any) -> RoleAssignment | None:
    """The role a user mainly acts in: the widest scope first."""
    assignments = assignments_of(user)
    return assignments[0] if assignments else None


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str | None  # None: outside the user's scope, shown as plain text


def unit_breadcrumb(*, user: Any, unit: Unit) -> list[Crumb]:
    """Where a unit sits: the regions down to its county (or its own region above county level),
    then the units above it and itself. Only what the user may open is linked."""
    from django.urls import reverse

    top_region = unit.county or unit.region
    regions = [*top_region.ancestors(), top_region]
    units = [*unit.ancestors(), unit]
    open_regions = set(regions_visible(user).filter(pk__in=[r.pk for r in regions]).values_list("pk", flat=True))
    open_units = set(units_visible(user).filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True))
    return [
        *(Crumb(r.name, reverse("org:region", args=[r.pk]) if r.pk in open_regions else None) for r in regions),
        *(Crumb(u.name, reverse("org:unit", args=[u.pk]) if u.pk in open_units else None) for u in units),
    ]
