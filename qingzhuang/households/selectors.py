"""Reads of the vulnerable households: the community staff's list, the rider's own paired households (masked), the
helps to confirm, and the help figures (households helped one-on-one, help acts) from the raw help records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, QuerySet
from django.urls import reverse

from qingzhuang.households.models import Help, HelpStatus, Household, Kind, Pairing
from qingzhuang.households.services import HELP, MANAGE, in_force, rider_of, status_on
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.org.privacy import mask_phone
from qingzhuang.riders.models import MEMBER_STATUSES, Rider, StatusChange

FIGURES = "households.figures"
COMMUNITY_KINDS = ("community", "village")
EARLIEST_DAY = dt.date(2000, 1, 1)
__all__ = ["FIGURES", "HELP", "MANAGE"]


def kind_labels(kinds: Iterable[str]) -> list[str]:
    return [str(Kind(k).label) for k in kinds if k in Kind.values]


# --- The community's staff -----------------------------------------------------------------------------------


def communities_managed(user: Any) -> list[Unit]:
    return list(access.scoped_queryset(user, MANAGE, Unit.objects.filter(kind__in=COMMUNITY_KINDS, is_active=True)).order_by("path")[:300])


def households_for(user: Any, community: Unit | None = None) -> QuerySet[Household]:
    qs = access.scoped_queryset(user, MANAGE, Household.objects.select_related("community"))
    return qs.filter(community=community) if community is not None else qs


def get_household(user: Any, pk: int) -> Household:
    """One household for the community's staff (404 if missing, 403 outside scope). The caller logs the read."""
    return access.get_for_user(user, MANAGE, Household.objects.select_related("community"), pk=pk)


def pairings_now(households: Iterable[Household], day: dt.date) -> dict[int, list[Pairing]]:
    found: dict[int, list[Pairing]] = defaultdict(list)
    for pairing in Pairing.objects.filter(in_force(day), household__in=list(households)).select_related("rider").order_by("since", "id"):
        found[pairing.household_id].append(pairing)
    return found


def riders_to_pair(household: Household, day: dt.date) -> list[Rider]:
    """Riders and volunteers of the household's community who are members on ``day``."""
    riders = Rider.objects.filter(community_id=household.community_id).order_by("name", "id")
    latest = {}
    for rider_id, status in (StatusChange.objects.filter(rider__in=riders, since__lte=day).order_by("rider_id", "since", "id")
                             .values_list("rider_id", "status")):
        latest[rider_id] = status
    return [r for r in riders if latest.get(r.pk) in MEMBER_STATUSES]


def helps_to_confirm(user: Any) -> QuerySet[Help]:
    return access.scoped_queryset(user, MANAGE, Help.objects.filter(status=HelpStatus.RECORDED).select_related("household", "rider"))


def helps_of(household: Household) -> QuerySet[Help]:
    return Help.objects.filter(household=household).select_related("rider").order_by("-done_on", "-id")


# --- The rider ----------------------------------------------------------------------------------------------


def my_households(user: Any, day: dt.date) -> list[Household]:
    """The households paired with the signed-in rider on ``day``: a rider sees those and nothing else."""
    rider = rider_of(user)
    if rider is None or not access.can(user, HELP) or status_on(rider, day) not in MEMBER_STATUSES:
        return []  # a rider who left sees no household, whatever pairing was not ended
    paired = Pairing.objects.filter(in_force(day), rider=rider).values("household_id")
    return list(access.scoped_queryset(user, HELP, Household.objects.filter(pk__in=paired, status="active")).order_by("head_name", "id"))


def my_household(user: Any, pk: int, day: dt.date) -> Household:
    """One household paired with the rider on ``day`` (403 otherwise, 404 when it does not exist). The caller logs the read."""
    if not Household.objects.filter(pk=pk).exists():
        from django.http import Http404

        raise Http404
    found = next((h for h in my_households(user, day) if h.pk == pk), None)
    if found is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    return found


def for_rider(household: Household) -> dict[str, Any]:
    """What help needs, and nothing more: a masked name, the address, the needs; the phone only masked (revealed on demand)."""
    return {"id": household.pk, "name": household.masked_name, "address": household.address, "needs": household.needs,
            "kinds": kind_labels(household.kinds), "phone_masked": mask_phone(household.phone) if household.phone else ""}


def my_helps(user: Any, household: Household) -> QuerySet[Help]:
    rider = rider_of(user)
    return Help.objects.filter(household=household, rider=rider).order_by("-done_on", "-id") if rider else Help.objects.none()


# --- Figures ------------------------------------------------------------------------------------------------


def _confirmed(start: dt.date, end: dt.date) -> QuerySet[Help]:
    return Help.objects.filter(status=HelpStatus.CONFIRMED, done_on__gte=start, done_on__lt=end)


def households_helped(units: Any, start: dt.date, end: dt.date) -> int:
    """Households helped one-on-one: distinct households of ``units`` with at least one confirmed help in [start, end)."""
    return _confirmed(start, end).filter(household__community__in=units).values("household_id").distinct().count()


def help_acts(units: Any, start: dt.date, end: dt.date) -> int:
    """Confirmed visits and errands of ``units``' households in [start, end)."""
    return _confirmed(start, end).filter(household__community__in=units).count()


def county_figures(county: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    units = Unit.objects.filter(county=county, kind__in=COMMUNITY_KINDS)
    households = Household.objects.filter(community__in=units)
    by_community = (_confirmed(start, end).filter(household__community__in=units).values("household__community__name")
                    .annotate(n=Count("household_id", distinct=True), acts=Count("id")).order_by("-n", "household__community__name"))
    return {"helped": households_helped(units, start, end), "acts": help_acts(units, start, end),
            "kept": households.filter(status="active").count(), "waiting": Help.objects.filter(household__in=households, status=HelpStatus.RECORDED).count(),
            "by_community": list(by_community[:30])}


def community_figures(unit: Unit, start: dt.date, end: dt.date, day: dt.date) -> dict[str, Any]:
    kept = Household.objects.filter(community=unit, status="active")
    paired = Pairing.objects.filter(in_force(day), household__in=kept).values("household_id").distinct().count()
    return {"helped": households_helped([unit], start, end), "acts": help_acts([unit], start, end), "kept": kept.count(), "paired": paired}


def helped_by_year(unit: Unit, today: dt.date) -> list[tuple[str, int, int]]:
    """(span, households helped one-on-one, help acts) for each year with confirmed help, then each two years running
    (the article's "two years": 2023–2024), each counted from the raw records (distinct households in the span)."""
    first = _confirmed(EARLIEST_DAY, today + dt.timedelta(days=1)).filter(household__community=unit).aggregate(first=Min("done_on"))["first"]
    if first is None:
        return []
    years = list(range(first.year, today.year + 1))
    spans = [(str(y), dt.date(y, 1, 1), dt.date(y + 1, 1, 1)) for y in years]
    spans += [(f"{y}–{y + 1}", dt.date(y, 1, 1), dt.date(y + 2, 1, 1)) for y in years[:-1]]
    return [(label, households_helped([unit], start, end), help_acts([unit], start, end)) for label, start, end in spans]


# --- Ledger rows --------------------------------------------------------------------------------------------


def helped_compute(start: dt.date, end: dt.date) -> Iterator[tuple[int, dt.date, float, None]]:
    """One row per household and year: on the day of its first confirmed help that year (the year's figure is distinct
    households; a month's is those first helped that year in the month). The rebuild asks whole years."""
    rows = (_confirmed(start, end).values("household_id", "household__community_id", "done_on__year").annotate(first=Min("done_on"))
            .order_by())
    for row in rows.iterator():
        yield (row["household__community_id"], row["first"], 1.0, None)


def acts_compute(start: dt.date, end: dt.date) -> Any:
    from django.db.models import F, Value
    from django.db.models.fields import FloatField, IntegerField

    return _confirmed(start, end).values_list(F("household__community_id"), F("done_on"), Value(1.0, output_field=FloatField()),
                                              Value(None, output_field=IntegerField()))


def _items(unit: Any, start: dt.date, end: dt.date, *, first_only: bool) -> list[tuple[str, str, dt.date, float]]:
    helps = _confirmed(start, end).filter(household__community=unit).select_related("household").order_by("done_on", "id")[:2000]
    url = reverse("households:index") + f"?community={unit.pk}"
    seen: set[tuple[int, int]] = set()
    found = []
    for h in helps:
        key = (h.household_id, h.done_on.year)
        if first_only and key in seen:
            continue
        seen.add(key)
        # Masked: the ledger's drill-down names no household in full (no ID, no health).
        found.append((f"{h.household.masked_name} · {h.get_kind_display()}", url, h.done_on, 1.0))
    return found[:500]


def acts_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return _items(unit, start, end, first_only=False)


def helped_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    """The first confirmed help of each household in each year: the rows behind the ledger's figure."""
    return _items(unit, start, end, first_only=True)
