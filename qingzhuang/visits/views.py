"""Pages of visits: who is coming, booking with the crowding preview (扎堆), a visit's page, a unit's incoming calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind
from qingzhuang.visits import calendar, selectors, services
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Visit, VisitKind, VisitStatus

FIELDS = ("team_name", "leader", "members", "member_count", "purpose", "start_on", "end_on", "crowd_reason")


def _date(value: Any) -> dt.date | str:
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    units = list(selectors.received_units(user)[:300])
    wanted = _int(request.GET.get("unit"))
    unit = next((u for u in units if u.pk == wanted), None)
    if unit is None and len(units) == 1:
        unit = units[0]
    crowded = request.GET.get("crowded") == "1"
    status = request.GET.get("status", "")
    visits = selectors.search(selectors.visits_visible(user), unit_id=unit.pk if unit else None, crowded=crowded, status=status)
    context = {
        "units": units, "unit": unit, "crowded": crowded, "status": status, "statuses": VisitStatus.choices,
        "incoming": list(selectors.incoming(unit)[:50]) if unit else [],
        "visits": list(visits.order_by("-start_on", "-id")[:200]),
        "can_book": bool(selectors.organisers_for(user)), "oversees": access.can(user, selectors.OVERSEE), "today": clock.today(),
    }
    return render(request, "visits/list.html", context)


def _values(data: Any) -> dict[str, Any]:
    return {k: data.get(k, "") for k in FIELDS}


def _by_town(places: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """The places under their town/street: the town office first, then its communities and villages."""
    groups: dict[int, tuple[str, list[Unit]]] = {}
    for place in places:
        town = place if place.kind == UnitKind.TOWN_OFFICE else place.parent
        key = town.pk if town else 0
        groups.setdefault(key, (town.name if town else "", []))[1].append(place)
    return list(groups.values())


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    """Book a visit. 预览 shows the crowding check without storing; 提交 books through the gate."""
    user: Any = request.user
    organisers = selectors.organisers_for(user)
    if not organisers:
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    organiser = next((u for u in organisers if u.pk == _int(data.get("organiser"))), organisers[0])
    places = list(selectors.places_for(organiser)[:2000])
    values = _values(data)
    kind = data.get("kind") or VisitKind.RESEARCH
    chosen = list(data.getlist("places"))
    if not values["team_name"] and request.method != "POST":
        values["team_name"] = _("%(unit)s research team") % {"unit": organiser.name}
    problem = ""
    crowd = None
    previewed = False
    if request.method == "POST" and (data.get("preview") or data.get("book")):
        arguments = {"organiser": organiser, "kind": kind, "team_name": values["team_name"], "leader": values["leader"],
                     "members": values["members"], "member_count": values["member_count"], "purpose": values["purpose"],
                     "place_ids": chosen, "start_on": _date(values["start_on"]), "end_on": _date(values["end_on"])}
        try:
            draft = services.visit_draft(**arguments)
            crowd = selectors.crowding(county=organiser.county, places=draft.places, start_on=draft.visit.start_on, end_on=draft.visit.end_on)
            previewed = True
            if data.get("book"):
                visit = services.visit_book(actor=user, crowd_reason=values["crowd_reason"], **arguments)
                messages.success(request, _("Booked: %(team)s at %(places)s.") % {"team": visit.team_name,
                                                                                  "places": "、".join(p.name for p in draft.places)})
                return redirect("visits:detail", pk=visit.pk)
        except VisitError as exc:
            problem = exc.message
    context = {"organisers": organisers, "organiser": organiser, "place_groups": _by_town(places), "chosen": chosen, "values": values, "kind": kind,
               "kinds": VisitKind.choices, "problem": problem, "crowd": crowd, "previewed": previewed}
    return render(request, "visits/new.html", context, status=400 if problem else 200)


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    visit = access.get_for_user(user, selectors.VIEW, Visit.objects.select_related("organiser__county"), pk=pk)
    can_change = visit.status == VisitStatus.PLANNED and access.can(user, selectors.BOOK, visit.organiser)
    problem = ""
    moving = {"start_on": request.POST.get("start_on", ""), "end_on": request.POST.get("end_on", ""),
              "crowd_reason": request.POST.get("crowd_reason", "")} if request.method == "POST" else {}
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            action = request.POST.get("action")
            if action == "done":
                services.visit_done(actor=user, visit=visit)
                messages.success(request, _("Recorded as done: it counts in the places' ledger."))
            elif action == "move":
                moved = services.visit_move(actor=user, visit=visit, start_on=_date(request.POST.get("start_on")),
                                            end_on=_date(request.POST.get("end_on")), crowd_reason=request.POST.get("crowd_reason", ""))
                messages.success(request, _("Moved to %(start)s – %(end)s.") % {"start": moved.start_on, "end": moved.end_on})
            else:
                services.visit_cancel(actor=user, visit=visit, reason=request.POST.get("reason", ""))
                messages.success(request, _("Cancelled: the places no longer expect the team."))
        except VisitError as exc:
            problem = exc.message
        else:
            return redirect("visits:detail", pk=visit.pk)
    else:
        problem = request.session.pop("visit_problem", "")
    visit.refresh_from_db()  # a refused move leaves the stored days
    moving = {"start_on": moving.get("start_on") or visit.start_on.isoformat(), "end_on": moving.get("end_on") or visit.end_on.isoformat(),
              "crowd_reason": moving.get("crowd_reason", "")}
    context = {"visit": visit, "places": list(visit.places.all()), "can_change": can_change, "problem": problem, "moving": moving,
               "crowd": selectors.crowding_of(visit) if visit.status == VisitStatus.PLANNED else None,
               "verdicts": verdict_rows(latest_check(visit)), "today": clock.today()}
    if visit.kind == VisitKind.LIAISON:
        context.update(_finding_context(request, user, visit))
    return render(request, "visits/detail.html", context, status=400 if problem else 200)


def _finding_context(request: HttpRequest, user: Any, visit: Visit) -> dict[str, Any]:
    """What the page shows of a liaison visit: its findings, the cases they became, the forms for the visiting department."""
    from qingzhuang.cases.models import Category, Urgency
    from qingzhuang.cases.services import MAX_PHOTOS

    can_record = visit.status == VisitStatus.DONE and access.can(user, selectors.BOOK, visit.organiser)
    return {"findings": selectors.findings_of(visit), "can_record": can_record, "categories": Category.choices, "urgencies": Urgency.choices,
            "max_photos": MAX_PHOTOS, "open_finding": request.session.pop("visit_finding", None)}


@login_required
def incoming_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's incoming visits as an iCalendar file, for the unit's own calendar."""
    unit = access.get_for_user(request.user, selectors.VIEW, Unit.objects.filter(kind__in=GRASSROOTS_KINDS), pk=pk)
    body = calendar.incoming_calendar(unit, selectors.incoming(unit), request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="visits-{unit.pk}.ics"'
    return response


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's visits section: research visits received in the period, and crowded bookings flagged (扎堆)."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    figures = selectors.county_figures(root.county, period.start, period.end)
    return render_to_string("visits/_board_section.html", {
        "fig": figures, "period": period, "busiest": selectors.busiest_places(root.county, period.start, period.end)})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: the research visits it received in the period with who came and why, and who is coming."""
    if unit.kind not in GRASSROOTS_KINDS or not access.can(user, selectors.VIEW, unit):
        return ""
    received = list(selectors.received_between(unit, period.start, period.end).prefetch_related("places")[:200])
    return render_to_string("visits/_unit_section.html", {"received": received, "incoming": list(selectors.incoming(unit)[:20]), "unit": unit})
