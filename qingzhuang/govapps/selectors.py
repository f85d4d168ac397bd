"""Reads of the registry: what a unit must use on a day, the entries a user may see, the county's figures, ledger rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from qingzhuang.govapps.models import Entry, EntryStatus, Practice, Requirement
from qingzhuang.govapps.services import IMPOSED, RECTIFY, REGISTER, VIEW
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Region, Unit, UnitKind

__all__ = ["IMPOSED", "RECTIFY", "REGISTER", "VIEW"]


def entries_visible(user: Any) -> QuerySet[Entry]:
    return access.scoped_queryset(user, VIEW, Entry.objects.select_related("owner", "merged_into"))


def banned_q() -> Q:
    """Entries imposing at least one banned practice."""
    found = Q()
    for p in Practice:
        found |= Q(**{p.value: True})
    return found


def banned_active(user: Any) -> QuerySet[Entry]:
    """Active entries imposing a banned practice that the user's county office must close or correct."""
    return access.scoped_queryset(user, RECTIFY, Entry.objects.filter(banned_q(), status=EntryStatus.ACTIVE))


def standing(requirements: QuerySet[Requirement], day: dt.date) -> QuerySet[Requirement]:
    """The requirements in force at the end of ``day``."""
    return requirements.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gt=day))


def required_on(unit: Unit, day: dt.date) -> list[Requirement]:
    """What the unit must use at the end of ``day``, with each entry's owner and filing."""
    found = standing(Requirement.objects.filter(unit=unit), day).select_related("entry__owner")
    return list(found.order_by("entry__kind", "entry__name", "id"))


def ended_between(unit: Unit, start: dt.date, end: dt.date) -> list[Requirement]:
    found = Requirement.objects.filter(unit=unit, until__gte=start, until__lt=end).select_related("entry__owner", "entry__merged_into")
    return list(found.order_by("-until", "entry__name"))


def units_using(entries: list[Entry], day: dt.date) -> dict[int, int]:
    """How many units must use each entry at the end of ``day``."""
    found = standing(Requirement.objects.filter(entry__in=entries), day).values("entry").annotate(n=Count("id"))
    return {row["entry"]: row["n"] for row in found}


def owner_units(user: Any) -> list[Unit]:
    """The upper-level units the user registers apps and groups for."""
    units = access.scoped_queryset(user, REGISTER, Unit.objects.filter(is_active=True).exclude(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE)))
    return list(units.order_by("path")[:50])


def recipients_for(owner: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=GRASSROOTS_KINDS, county_id=owner.county_id, is_active=True).order_by("path")


def my_units(user: Any) -> list[Unit]:
    """The grassroots units the user works in (the list they must use)."""
    mine = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, is_active=True, role_assignments__user=user).distinct()
    return list(mine.order_by("path")[:20])


def merge_candidates(entry: Entry) -> list[Entry]:
    """Active entries of the same county another one may be merged into."""
    found = Entry.objects.filter(status=EntryStatus.ACTIVE, owner__county_id=entry.owner.county_id).exclude(pk=entry.pk)
    return list(found.select_related("owner").order_by("name")[:300])


def can_manage(user: Any, entry: Entry) -> bool:
    return access.can(user, REGISTER, entry.owner) or access.can(user, RECTIFY, entry.owner)


# --- The county's figures (the board's section) ---------------------------------------------------------


@dataclass
class UnitCount:
    unit: Unit
    count: int


@dataclass
class Figures:
    active: int = 0
    closed: int = 0
    merged: int = 0
    banned: int = 0
    banned_active: int = 0
    by_practice: list[tuple[str, int]] = field(default_factory=list)
    per_unit: list[UnitCount] = field(default_factory=list)
    units_total: int = 0


def county_entries(county: Region) -> QuerySet[Entry]:
    return Entry.objects.filter(owner__county=county)


def figures(county: Region, start: dt.date, end: dt.date) -> Figures:
    """Entries active at the period's end, closed and merged in it, those in use in it that impose a banned practice, and
    how many entries each unit must use at its end."""
    last = end - dt.timedelta(days=1)
    entries = county_entries(county).filter(registered_on__lte=last)
    active = entries.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last))
    ended = entries.filter(ended_on__gte=start, ended_on__lt=end)
    flagged = banned_q()
    # Found in the period: imposing a banned practice while in use at some time in it.
    banned = entries.filter(flagged).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    tally: Counter[str] = Counter()
    for row in banned.values(*Practice.values):
        tally.update(k for k, v in row.items() if v)
    counts = (standing(Requirement.objects.filter(unit__county=county), last).values("unit").annotate(n=Count("id")).order_by("-n", "unit__path"))
    by_unit = {row["unit"]: row["n"] for row in counts}
    units = Unit.objects.in_bulk(list(by_unit))
    return Figures(
        active=active.count(), closed=ended.filter(status=EntryStatus.CLOSED).count(), merged=ended.filter(status=EntryStatus.MERGED).count(),
        banned=banned.count(), banned_active=active.filter(flagged).count(),
        by_practice=[(str(p.label), tally[p.value]) for p in Practice if tally[p.value]],
        per_unit=[UnitCount(units[u], n) for u, n in by_unit.items() if u in units], units_total=len(by_unit),
    )


# --- Ledger rows -------------------------------------------------------------------------------------------


def imposed_compute(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, float, int | None]]:
    """A level's changes: +1 the day a unit had to start using an entry, −1 the day it stopped."""
    rows: list[tuple[int, dt.date, float, int | None]] = []
    for unit_id, since, owner_id in Requirement.objects.filter(since__gte=start, since__lt=end).values_list("unit_id", "since", "entry__owner_id"):
        rows.append((unit_id, since, 1.0, owner_id))
    for unit_id, until, owner_id in Requirement.objects.filter(until__gte=start, until__lt=end).values_list("unit_id", "until", "entry__owner_id"):
        assert until is not None
        rows.append((unit_id, until, -1.0, owner_id))
    return rows


def imposed_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return [(f"{r.entry.name}（{r.entry.get_kind_display()}，{r.entry.owner.name}）", reverse("govapps:detail", args=[r.entry_id]), r.since, 1.0)
            for r in required_on(unit, end - dt.timedelta(days=1))]
