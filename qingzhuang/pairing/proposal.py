"""Reads for a balanced pairing proposal: each community's weight, the spread the greedy balance proposes, and each
department's load before and after a set of rows. Nothing here writes; filing is ``services.proposal_file``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from qingzhuang.cases.models import OPEN
from qingzhuang.org.models import CommunityProfile, Region, Unit
from qingzhuang.pairing.balance import Kept, balance, guaranteed, lower_bound
from qingzhuang.pairing.models import Pairing
from qingzhuang.pairing.selectors import communities_of, departments_of, in_force

RESIDENTS = "residents"
OPEN_CASES = "open_cases"
EQUAL = "equal"
WEIGHTS = ((RESIDENTS, _("Residents (from each community's profile)")), (OPEN_CASES, _("Open cases (raised, accepted, in progress, reopened)")),
           (EQUAL, _("Equal: every community counts one")))


def weights_of(county: Region, day: dt.date, by: str, communities: list[Unit]) -> dict[int, int]:
    """Each community's weight on ``day``: its residents, its open cases (read from the cases app, never changed), or 1."""
    ids = [c.pk for c in communities]
    if by == RESIDENTS:
        found: dict[int, int] = {}
        profiles = (CommunityProfile.objects.filter(unit_id__in=ids, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
                    .order_by("unit_id", "-valid_from").values_list("unit_id", "residents"))
        for unit_id, residents in profiles:
            found.setdefault(unit_id, residents)
        return {pk: found.get(pk, 0) for pk in ids}
    if by == OPEN_CASES:
        from qingzhuang.cases.models import Case

        counts = dict(Case.objects.filter(county=county, community_id__in=ids, status__in=OPEN).values_list("community_id")
                      .annotate(n=Count("id")).values_list("community_id", "n"))
        return {pk: counts.get(pk, 0) for pk in ids}
    return dict.fromkeys(ids, 1)


@dataclass(frozen=True)
class Row:
    """One change: ``community`` goes to ``department``; ``before`` are the departments paired with it now (the ones
    that are not ``department`` are ended the day before the proposal starts)."""

    community: Unit
    department: Unit
    before: tuple[Unit, ...]
    weight: int
    leader: str = ""

    @property
    def is_new(self) -> bool:
        return not self.before

    @property
    def before_ids(self) -> str:
        return ",".join(str(u.pk) for u in self.before)


@dataclass(frozen=True)
class Load:
    department: Unit
    before: int
    after: int
    count_before: int
    count_after: int


@dataclass
class Proposal:
    county: Region
    day: dt.date
    weight_by: str
    rows: list[Row]
    loads: list[Load]
    communities: int
    covered_before: int
    covered_after: int
    kept: int
    lower_bound: float = 0.0
    guaranteed: float = 0.0
    departments: list[Unit] = field(default_factory=list)

    @staticmethod
    def _ratio(values: list[int]) -> float | None:
        return None if not values or min(values) <= 0 else max(values) / min(values)

    @property
    def ratio_before(self) -> float | None:
        return self._ratio([x.before for x in self.loads])

    @property
    def ratio_after(self) -> float | None:
        return self._ratio([x.after for x in self.loads])

    @property
    def max_after(self) -> int:
        return max((x.after for x in self.loads), default=0)

    @property
    def new_rows(self) -> int:
        return sum(1 for r in self.rows if r.is_new)


def current_pairs(county: Region, day: dt.date) -> list[tuple[int, int, int]]:
    """(pairing, department, community) of every pairing in force on ``day`` in the county."""
    return list(Pairing.objects.filter(in_force(day), county=county).order_by("id").values_list("id", "department_id", "community_id"))


def leaders_of(county: Region) -> dict[int, str]:
    """Each department's responsible leader as last filed on one of its pairings: the proposal's rows start with it."""
    found: dict[int, str] = {}
    for department_id, leader in Pairing.objects.filter(county=county).order_by("-valid_from", "-id").values_list("department_id", "leader"):
        found.setdefault(department_id, leader)
    return found


def loads(county: Region, day: dt.date, weights: dict[int, int], rows: list[Row], departments: list[Unit]) -> list[Load]:
    """Each department's load (sum of its communities' weights) now and once ``rows`` are filed; heaviest after first."""
    now: dict[int, set[int]] = {d.pk: set() for d in departments}
    for _pk, department_id, community_id in current_pairs(county, day):
        now.setdefault(department_id, set()).add(community_id)
    after = {d: set(c) for d, c in now.items()}
    for row in rows:
        for old in row.before:
            if old.pk != row.department.pk:
                after.setdefault(old.pk, set()).discard(row.community.pk)
        after.setdefault(row.department.pk, set()).add(row.community.pk)
    found = [Load(department=d, before=sum(weights.get(c, 0) for c in now[d.pk]), after=sum(weights.get(c, 0) for c in after[d.pk]),
                  count_before=len(now[d.pk]), count_after=len(after[d.pk])) for d in departments]
    return sorted(found, key=lambda x: (-x.after, -x.count_after, x.department.name))


def propose(county: Region, day: dt.date, by: str, kept_ids: set[int] | None = None) -> Proposal:
    """The greedy spread of the communities whose pairings are not kept (``kept_ids``: pairing ids; None keeps all in force)."""
    departments = list(departments_of(county))
    communities = list(communities_of(county).select_related("parent"))
    weights = weights_of(county, day, by, communities)
    pairs = current_pairs(county, day)
    kept = {p for p, _d, _c in pairs} if kept_ids is None else kept_ids & {p for p, _d, _c in pairs}
    locked = {c for p, _d, c in pairs if p in kept}
    preload: dict[int, Kept] = {}
    for _p, d, c in pairs:
        if c in locked:  # a community with a kept pairing keeps every pairing it has
            k = preload.get(d, Kept())
            preload[d] = Kept(k.load + weights.get(c, 0), k.count + 1)
    free = {c.pk: weights[c.pk] for c in communities if c.pk not in locked}
    placed = balance(free, [d.pk for d in departments], preload)
    by_id = {d.pk: d for d in departments}
    units = {c.pk: c for c in communities}
    now: dict[int, list[int]] = {}
    for _p, d, c in pairs:
        now.setdefault(c, []).append(d)
    leaders = leaders_of(county)
    rows = []
    for community_id, department_id in placed.items():
        before = now.get(community_id, [])
        if before == [department_id]:
            continue
        rows.append(Row(community=units[community_id], department=by_id[department_id], weight=free[community_id],
                        before=tuple(by_id[d] for d in before if d in by_id), leader=leaders.get(department_id, "")))
    rows.sort(key=lambda r: (not r.is_new, -r.weight, r.community.path))
    covered = {c for _p, _d, c in pairs}
    return Proposal(county=county, day=day, weight_by=by, rows=rows, loads=loads(county, day, weights, rows, departments),
                    communities=len(communities), covered_before=sum(1 for c in communities if c.pk in covered),
                    covered_after=sum(1 for c in communities if c.pk in covered or c.pk in placed), kept=len(kept),
                    lower_bound=lower_bound(free, len(departments), preload), guaranteed=guaranteed(free, len(departments), preload),
                    departments=departments)


def adjusted(county: Region, day: dt.date, by: str, rows: list[Row]) -> Proposal:
    """The loads once the rows a person kept and changed are filed (their check before filing)."""
    departments = list(departments_of(county))
    communities = list(communities_of(county))
    weights = weights_of(county, day, by, communities)
    rows = [Row(community=r.community, department=r.department, before=r.before, weight=weights.get(r.community.pk, 0), leader=r.leader)
            for r in rows]
    covered = {c for _p, _d, c in current_pairs(county, day)}
    return Proposal(county=county, day=day, weight_by=by, rows=rows, loads=loads(county, day, weights, rows, departments),
                    communities=len(communities), covered_before=sum(1 for c in communities if c.pk in covered),
                    covered_after=len(covered | {r.community.pk for r in rows} & {c.pk for c in communities}), kept=0,
                    departments=departments)


def departments_now(community: Unit, day: dt.date) -> set[int]:
    return set(Pairing.objects.filter(in_force(day), community=community).values_list("department_id", flat=True))

