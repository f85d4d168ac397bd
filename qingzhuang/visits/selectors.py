"""Reads of visits: who is coming where, the crowding check (扎堆) every kind of visit shares, the ledger's rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, FloatField, Max, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext

from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import rule_by_code, rule_params
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind
from qingzhuang.pairing.models import Pairing
from qingzhuang.pairing.selectors import in_force
from qingzhuang.visits import rules
from qingzhuang.visits.models import Finding, Visit, VisitKind, VisitPlace, VisitStatus

VIEW = "visits.view"
BOOK = "visits.book"
OVERSEE = "visits.oversee"
RECEIVED = "visits.research_received"
LIAISON_RECEIVED = "visits.liaison_received"
ORGANISER_KINDS = (UnitKind.PARTY_GOV_OFFICE, UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE)
LIVE = (VisitStatus.PLANNED, VisitStatus.DONE)
UPCOMING_DAYS = 30


# --- The crowding rule (扎堆) -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Crowd:
    """The other teams booked at one place within the window of a visit's days."""

    place: Unit
    others: list[Visit]

    @property
    def teams(self) -> int:
        return len(self.others) + 1


@dataclass(frozen=True)
class Crowding:
    window_days: int
    crowd_size: int
    outcome: Outcome
    crowds: list[Crowd] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.crowds)

    @property
    def blocks(self) -> bool:
        return self.flagged and self.outcome == Outcome.BLOCK

    def text(self) -> str:
        """The crowds in words, in the reader's language: each place, the other teams, who and when."""
        parts = []
        for crowd in self.crowds:
            others = "；".join(team_words(v) for v in crowd.others)
            parts.append(gettext("within %(window)s days %(place)s would receive %(teams)s teams; already booked: %(others)s.")
                         % {"window": self.window_days, "place": crowd.place.name, "teams": crowd.teams, "others": others})
        return " ".join(parts)


def team_words(visit: Visit) -> str:
    return gettext("%(team)s (%(organiser)s, led by %(leader)s, %(start)s to %(end)s)") % {
        "team": visit.team_name, "organiser": visit.organiser.name, "leader": visit.leader,
        "start": visit.start_on.isoformat(), "end": visit.end_on.isoformat()}


def crowds_at(*, places: Iterable[Unit], start_on: dt.date, end_on: dt.date, window_days: int, crowd_size: int,
              outcome: Outcome = Outcome.WARN, exclude_id: int | None = None) -> Crowding:
    """The other visits (any kind, planned or done) at each place whose days lie fewer than ``window_days`` days from
    [start_on, end_on]; a place with ``crowd_size`` teams or more, this one included, is a crowd."""
    places = list(places)
    reach = dt.timedelta(days=window_days - 1)
    near = (VisitPlace.objects.filter(unit__in=places, visit__status__in=LIVE, visit__start_on__lte=end_on + reach,
                                      visit__end_on__gte=start_on - reach)
            .select_related("visit__organiser").order_by("visit__start_on", "visit_id"))
    if exclude_id is not None:
        near = near.exclude(visit_id=exclude_id)
    by_place: dict[int, list[Visit]] = {}
    for row in near:
        by_place.setdefault(row.unit_id, []).append(row.visit)
    crowds = [Crowd(place=p, others=by_place[p.pk]) for p in places if len(by_place.get(p.pk, [])) + 1 >= crowd_size]
    return Crowding(window_days=window_days, crowd_size=crowd_size, outcome=outcome, crowds=crowds)


def crowding(*, county: Any, places: Iterable[Unit], start_on: dt.date, end_on: dt.date, exclude_id: int | None = None) -> Crowding:
    """The crowding check with the county's settings (window, teams that make a crowd, warn or block).

    Every kind of visit calls it (research visits here, liaison visits 走访 from the liaison app). A county that
    switched the rule off gets no crowds.
    """
    enabled, params = rule_params(rule_by_code(rules.CODE), county)
    window = rules.whole(params.get("window_days"), rules.DEFAULT_WINDOW_DAYS, 1, rules.MAX_WINDOW_DAYS)
    size = rules.whole(params.get("crowd_size"), rules.DEFAULT_CROWD_SIZE, 2, rules.MAX_CROWD_SIZE)
    if not enabled:
        return Crowding(window_days=window, crowd_size=size, outcome=Outcome.PASS)
    return crowds_at(places=places, start_on=start_on, end_on=end_on, window_days=window, crowd_size=size,
                     outcome=rules.outcome_of(params.get("outcome")), exclude_id=exclude_id)


def crowding_of(visit: Visit) -> Crowding:
    """The crowds a booked visit is in now (other bookings made later count too)."""
    return crowding(county=visit.organiser.county, places=visit.places.all(), start_on=visit.start_on, end_on=visit.end_on,
                    exclude_id=visit.pk)


# --- Who sees and books what --------------------------------------------------------------------------------

def visits_visible(user: Any) -> QuerySet[Visit]:
    return access.scoped_queryset(user, VIEW, Visit.objects.select_related("organiser")).prefetch_related("places")


def organisers_for(user: Any) -> list[Unit]:
    """The units the user books visits for: their own department or office (the county office: any of its county)."""
    units = access.scoped_queryset(user, BOOK, Unit.objects.filter(kind__in=ORGANISER_KINDS, county__isnull=False))
    return list(units.order_by("kind", "name")[:300])


def places_for(organiser: Unit) -> QuerySet[Unit]:
    """Where an organiser's teams go: the grassroots units of its county (a town/street office: those below it)."""
    units = Unit.objects.filter(county_id=organiser.county_id, kind__in=GRASSROOTS_KINDS).exclude(pk=organiser.pk)
    if organiser.kind == UnitKind.TOWN_OFFICE:
        units = units.filter(path__startswith=organiser.path)
    return units.select_related("parent").order_by("path")


def received_units(user: Any) -> QuerySet[Unit]:
    """The grassroots units whose incoming visits the user sees."""
    return access.scoped_queryset(user, VIEW, Unit.objects.filter(kind__in=GRASSROOTS_KINDS)).order_by("path")


def incoming(unit: Unit, *, today: dt.date | None = None, days: int | None = None) -> QuerySet[Visit]:
    """Visits still to come to a unit (planned, not yet over), the next ``days`` days only if given."""
    today = today or clock.today()
    visits = Visit.objects.filter(visit_places__unit=unit, status=VisitStatus.PLANNED, end_on__gte=today)
    if days is not None:
        visits = visits.filter(start_on__lte=today + dt.timedelta(days=days))
    return visits.select_related("organiser").order_by("start_on", "id")


def incoming_for(user: Any, *, days: int = UPCOMING_DAYS) -> QuerySet[Visit]:
    """Visits coming to the user's own grassroots units in the next ``days`` days (a community's, a street's)."""
    today = clock.today()
    units = access.unit_ids_for(user, VIEW)
    visits = Visit.objects.filter(status=VisitStatus.PLANNED, end_on__gte=today, start_on__lte=today + dt.timedelta(days=days))
    if units is not None:
        visits = visits.filter(visit_places__unit__in=units.filter(kind__in=GRASSROOTS_KINDS))
    return visits.distinct()


def flagged_for(user: Any) -> QuerySet[Visit]:
    """Crowded bookings (扎堆) still to come that the county office oversees."""
    visits = access.scoped_queryset(user, OVERSEE, Visit.objects.filter(crowded=True, status=VisitStatus.PLANNED,
                                                                        end_on__gte=clock.today()))
    return visits.select_related("organiser").prefetch_related("places")


# --- The ledger: research visits received -----------------------------------------------------------------

def _done_places(kind: str, start: dt.date, end: dt.date) -> QuerySet[VisitPlace]:
    return VisitPlace.objects.filter(visit__kind=kind, visit__status=VisitStatus.DONE, visit__start_on__gte=start, visit__start_on__lt=end)


def received_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    """1 per place of a research visit done, on its first day, issued by its organiser."""
    return (_done_places(VisitKind.RESEARCH, start, end)
            .annotate(amount=Value(1.0, output_field=FloatField())).values_list("unit_id", "visit__start_on", "amount", "visit__organiser_id"))


def liaison_compute(start: dt.date, end: dt.date) -> QuerySet[Any]:
    """1 per liaison visit (走访) done at a community, on its day, by the visiting department: help, not burden."""
    return (_done_places(VisitKind.LIAISON, start, end)
            .annotate(amount=Value(1.0, output_field=FloatField())).values_list("unit_id", "visit__start_on", "amount", "visit__organiser_id"))


def received_between(unit: Any, start: dt.date, end: dt.date, kind: str = VisitKind.RESEARCH) -> QuerySet[Visit]:
    return (Visit.objects.filter(visit_places__unit=unit, kind=kind, status=VisitStatus.DONE, start_on__gte=start,
                                 start_on__lt=end).select_related("organiser").order_by("start_on", "id"))


def received_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return [(f"{v.team_name}（{v.organiser.name}）：{v.purpose[:40]}", reverse("visits:detail", args=[v.pk]), v.start_on, 1.0)
            for v in received_between(unit, start, end)[:500]]


def liaison_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    return [(f"{v.organiser.name}：{v.purpose[:40]}", reverse("visits:detail", args=[v.pk]), v.start_on, 1.0)
            for v in received_between(unit, start, end, VisitKind.LIAISON)[:500]]


# --- Liaison visits (走访) and their findings ----------------------------------------------------------------

def liaison_organisers_for(user: Any) -> list[Unit]:
    """The departments the user logs liaison visits for."""
    return [u for u in organisers_for(user) if u.kind == UnitKind.DEPARTMENT]


def paired_communities(department: Unit, day: dt.date) -> QuerySet[Unit]:
    """The communities paired with the department on the day: where its liaison visits go."""
    ids = Pairing.objects.filter(in_force(day), department=department).values("community_id")
    return Unit.objects.filter(id__in=ids, is_active=True).select_related("parent").order_by("path")


def liaison_visits(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Liaison visits, newest first, with their findings and the cases they became."""
    return (visits.filter(kind=VisitKind.LIAISON).exclude(status=VisitStatus.CANCELLED).select_related("organiser")
            .prefetch_related("places", "findings__case__lead").order_by("-start_on", "-id"))


def last_liaison_visits(department: Unit) -> dict[int, dt.date]:
    """The day of the department's last liaison visit done at each community."""
    rows = (VisitPlace.objects.filter(visit__organiser=department, visit__kind=VisitKind.LIAISON, visit__status=VisitStatus.DONE)
            .values("unit_id").annotate(last=Max("visit__start_on")))
    return {r["unit_id"]: r["last"] for r in rows}


def findings_of(visit: Visit) -> list[Finding]:
    return list(visit.findings.select_related("case__lead").order_by("recorded_at", "id"))


@dataclass(frozen=True)
class CountyFigures:
    received: int  # research visits done in the period, one per place
    visits: int  # research visits done (one per team)
    places: int  # places that received at least one
    flagged: int  # bookings flagged as crowded, starting in the period
    flagged_visits: list[Visit]


def county_figures(county: Any, start: dt.date, end: dt.date) -> CountyFigures:
    done = Visit.objects.filter(organiser__county=county, kind=VisitKind.RESEARCH, status=VisitStatus.DONE, start_on__gte=start, start_on__lt=end)
    rows = VisitPlace.objects.filter(visit__in=done)
    flagged = (Visit.objects.filter(organiser__county=county, crowded=True, start_on__gte=start, start_on__lt=end)
               .exclude(status=VisitStatus.CANCELLED).select_related("organiser").prefetch_related("places").order_by("-start_on", "-id"))
    return CountyFigures(received=rows.count(), visits=done.count(), places=rows.values("unit_id").distinct().count(),
                         flagged=flagged.count(), flagged_visits=list(flagged[:10]))


def busiest_places(county: Any, start: dt.date, end: dt.date, limit: int = 5) -> list[tuple[str, int]]:
    rows = (VisitPlace.objects.filter(visit__organiser__county=county, visit__kind=VisitKind.RESEARCH, visit__status=VisitStatus.DONE,
                                      visit__start_on__gte=start, visit__start_on__lt=end)
            .values("unit__name").annotate(n=Count("id")).order_by("-n", "unit__name")[:limit])
    return [(r["unit__name"], r["n"]) for r in rows]


def search(visits: QuerySet[Visit], *, unit_id: int | None = None, crowded: bool = False, status: str = "") -> QuerySet[Visit]:
    if unit_id is not None:
        visits = visits.filter(Q(visit_places__unit_id=unit_id)).distinct()
    if crowded:
        visits = visits.filter(crowded=True)
    if status in VisitStatus.values:
        visits = visits.filter(status=status)
    return visits
