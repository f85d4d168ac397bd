"""The 小马拉大车 (small horse, big cart) index: how heavy the cart is for each member of staff.

For a unit and a period of ``n`` months::

    load  = Σ (weight_m × amount_m)  over burden measures  −  Σ (weight_m × amount_m)  over help measures
    index = load ÷ staff on duty ÷ n

- ``amount_m`` is what the ledger holds for measure m, unit and period (LedgerYear for a whole year, else sums of LedgerMonth);
- ``weight_m`` is ``settings.QZ_LEDGER_WEIGHTS[m]`` when set, else the weight the measure declares —
  it turns each measure into "document-equivalents" (e.g. one meeting-hour weighs as much as a document);
- ``staff`` comes from the community profile valid at the end of the period (the latest one starting
  before the period ends), net of the staff away from their post on the period's last day (seconded upward:
  each component's ``staff_away`` hook says how many). The last day, not an average over the period, so the
  divisor reads like the profile it comes from ("在编 11 人，借调在外 2 人，实际在岗 9 人" at the period's end;
  for a period still running, as the approved secondments stand today);
  without a profile, or with nobody left on duty, there is no index, and the page says so;
- dividing by ``n`` makes a month, a quarter and a year comparable: the index is load per staff member
  per month. Help measures (cases solved, volunteers' hours…) lighten the load; it never goes below zero.

Year-on-year change compares the index with the same period one year earlier (with that period's staff).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Q

from qingzhuang.components import all_components
from qingzhuang.ledger.measures import Direction, Measure, all_measures, weight_of
from qingzhuang.ledger.periods import Period
from qingzhuang.org.models import CommunityProfile


@dataclass(frozen=True)
class Capacity:
    staff: int
    residents: int
    households: int
    valid_from: dt.date
    # Staff away from their post at the period's end (seconded upward); never more than the staff.
    away: int = 0

    @property
    def on_duty(self) -> int:
        """The staff actually at the post: the index's divisor."""
        return max(0, self.staff - self.away)


@dataclass(frozen=True)
class IndexInput:
    measure: Measure
    amount: float
    weight: float

    @property
    def weighted(self) -> float:
        sign = -1.0 if self.measure.direction == Direction.HELP else 1.0
        # + 0.0: a help measure of weight 0 would give −0.0, shown as "-0.0" on the page but 0 in the export.
        return sign * self.amount * self.weight + 0.0


@dataclass(frozen=True)
class IndexResult:
    inputs: tuple[IndexInput, ...]
    capacity: Capacity | None
    months: float

    @property
    def load(self) -> float:
        return max(0.0, sum(i.weighted for i in self.inputs))

    @property
    def value(self) -> float | None:
        if self.capacity is None or self.capacity.on_duty <= 0:
            return None
        return self.load / self.capacity.on_duty / self.months

    @property
    def residents_per_staff(self) -> float | None:
        if self.capacity is None or self.capacity.on_duty <= 0:
            return None
        return self.capacity.residents / self.capacity.on_duty


def index_compute(
    *,
    amounts: Mapping[str, float],
    capacity: Capacity | None,
    period: Period,
    measures: Iterable[Measure] | None = None,
    months: float | None = None,
) -> IndexResult:
    """The index from a unit's amounts per measure code for ``period`` and its capacity then.

    ``months``: the months the amounts cover when fewer than the period's (a period not yet over).
    """
    chosen = list(measures) if measures is not None else list(all_measures())
    inputs = tuple(IndexInput(measure=m, amount=float(amounts.get(m.code, 0.0)), weight=weight_of(m)) for m in chosen)
    covered = months if months else period.month_count
    return IndexResult(inputs=inputs, capacity=capacity, months=covered)


def capacities_for(unit_ids: Iterable[int], period: Period) -> dict[int, Capacity]:
    """The capacity of each unit in ``period``: the profile valid on its last day, else the latest one before,
    with the staff away from their post on that last day."""
    last_day = period.end - dt.timedelta(days=1)
    ids = list(unit_ids)
    profiles = (
        CommunityProfile.objects.filter(unit_id__in=ids, valid_from__lte=last_day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .order_by("unit_id", "valid_from")
        .values_list("unit_id", "valid_from", "staff", "residents", "households")
    )
    found: dict[int, Capacity] = {}
    for unit_id, valid_from, staff, residents, households in profiles:
        # Ordered by start: the last one seen is the latest that began before the period ended.
        found[unit_id] = Capacity(staff=staff, residents=residents, households=households, valid_from=valid_from)
    away = staff_away(list(found), last_day)
    return {u: dataclasses.replace(c, away=min(c.staff, away.get(u, 0))) for u, c in found.items()}


def staff_away(unit_ids: list[int], day: dt.date) -> dict[int, int]:
    """How many of each unit's staff are away from their post at the end of ``day``, from the components' hooks."""
    totals: dict[int, int] = {}
    if not unit_ids:
        return totals
    for component in all_components():
        if component.staff_away is not None:
            for unit_id, count in component.staff_away(unit_ids, day).items():
                totals[unit_id] = totals.get(unit_id, 0) + int(count)
    return totals
