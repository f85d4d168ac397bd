"""Reads of secondments: who may see which, the county's queue, the overdue ones, and who is away on a day.

A person counts as away from the start day of an approved secondment until the day before they are back (the return
day they are at the post again); an overdue secondment (past its planned end, no return recorded) still counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit
from qingzhuang.org.privacy import mask_name
from qingzhuang.secondments.models import ExtensionStatus, Secondment, SecondmentExtension, SecondmentStatus

VIEW = "secondments.view"
REQUEST = "secondments.request"
DECIDE = "secondments.decide"
RETURN = "secondments.return"
LIVE = (SecondmentStatus.APPROVED, SecondmentStatus.RETURNED)


def visible(user: Any) -> QuerySet[Secondment]:
    return access.scoped_queryset(user, VIEW, Secondment.objects.select_related("borrower", "lender"))


def get(user: Any, pk: int) -> Secondment:
    return access.get_for_user(user, VIEW, Secondment.objects.select_related("borrower__county", "lender", "person"), pk=pk)


def overdue(secondments: QuerySet[Secondment], today: dt.date) -> QuerySet[Secondment]:
    """Past the planned end in force and no return recorded."""
    return secondments.filter(status=SecondmentStatus.APPROVED, ends_on__lt=today)


def overdue_for(user: Any, today: dt.date) -> QuerySet[Secondment]:
    return overdue(visible(user), today)


def requests_to_decide(user: Any) -> QuerySet[Secondment]:
    return access.scoped_queryset(user, DECIDE, Secondment.objects.filter(status=SecondmentStatus.REQUESTED)).select_related("borrower", "lender")


def extensions_to_decide(user: Any) -> QuerySet[SecondmentExtension]:
    return access.scoped_queryset(user, DECIDE, SecondmentExtension.objects.filter(status=ExtensionStatus.REQUESTED)).select_related(
        "secondment__borrower", "secondment__lender")


def borrowing_units(user: Any) -> list[Unit]:
    """The units the user asks to borrow staff for: county offices and departments, town/street offices."""
    kinds = ("office", "department", "town")
    return list(access.scoped_queryset(user, REQUEST, Unit.objects.filter(is_active=True, kind__in=kinds)).order_by("path")[:50])


def lenders_for(borrower: Unit) -> QuerySet[Unit]:
    """The grassroots units a unit may borrow from: of its county, below it when it is a town/street office."""
    units = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, county_id=borrower.county_id, is_active=True).exclude(pk=borrower.pk)
    if borrower.kind == "town":
        units = units.filter(path__startswith=borrower.path)
    return units.order_by("path")


def standing(unit_ids: Iterable[int], day: dt.date) -> QuerySet[Secondment]:
    """The secondments under way at the end of ``day`` from these units."""
    return (Secondment.objects.filter(lender_id__in=list(unit_ids), status__in=LIVE, start_on__lte=day)
            .filter(Q(returned_on__isnull=True) | Q(returned_on__gt=day)))


def away_on(unit_ids: Iterable[int], day: dt.date) -> Mapping[int, int]:
    """How many of each unit's staff are seconded away at the end of ``day`` (the ledger's capacity hook)."""
    return dict(Counter(standing(unit_ids, day).values_list("lender_id", flat=True)))


# --- Ledger rows ---------------------------------------------------------------------------------------------


def away_compute(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, float, int | None]]:
    """A level's changes: +1 the day a person leaves on an approved secondment, −1 the day they are back."""
    live = Secondment.objects.filter(status__in=LIVE)
    rows: list[tuple[int, dt.date, float, int | None]] = [
        (lender, day, 1.0, borrower) for lender, day, borrower in
        live.filter(start_on__gte=start, start_on__lt=end).values_list("lender_id", "start_on", "borrower_id")
    ]
    for lender, back, borrower in live.filter(returned_on__gte=start, returned_on__lt=end).values_list("lender_id", "returned_on", "borrower_id"):
        assert back is not None
        rows.append((lender, back, -1.0, borrower))
    return rows


def away_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    """The people away at the period's end, named by initial only (the ledger's pages are read more widely)."""
    found = standing([unit.pk], end - dt.timedelta(days=1)).select_related("borrower").order_by("start_on", "id")[:500]
    return [(f"{mask_name(s.person_name)}（{s.borrower.name}，{s.post}）", reverse("secondments:detail", args=[s.pk]), s.start_on, 1.0)
            for s in found]
