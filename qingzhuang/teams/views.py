"""Pages of the four teams: whom a community can call on and its requests, a unit's roster and the requests to answer,
the county's overview; the sections on the ledger's board and community page."""

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
from django.views.decorators.http import require_POST

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.teams import selectors, services
from qingzhuang.teams.errors import NO_UNIT, NOT_A_COMMUNITY, TeamsError
from qingzhuang.teams.models import Attachment, HelpStatus, Team


def _date(value: Any) -> Any:
    """A typed date as a date; anything else is passed on as typed, for the service to refuse in words."""
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text or None


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _community(user: Any, data: Any) -> Unit | None:
    communities = selectors.asking_communities(user)
    return next((u for u in communities if u.pk == _int(data.get("community"))), communities[0] if communities else None)


def _rows(user: Any, members: list[Any], today: dt.date) -> list[dict[str, Any]]:
    year = dt.date(today.year, 1, 1)
    hours = selectors.hours_given(members, year, dt.date(today.year + 1, 1, 1))
    phones = selectors.contact_shown(user, members, today)
    where: dict[int, list[str]] = {}
    for a in Attachment.objects.filter(selectors.in_force(today), member__in=members).select_related("community").order_by("community__path"):
        where.setdefault(a.member_id, []).append(a.community.name)
    return [{"m": m, "hours": hours.get(m.pk, 0), "phone": phones.get(m.pk, ""), "where": "、".join(where.get(m.pk, []))} for m in members]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    today = clock.today()
    community = _community(user, request.GET)
    callable_groups = []
    if community is not None:
        members = list(selectors.callable_for(community, today))
        rows = {r["m"].pk: r for r in _rows(user, members, today)}
        callable_groups = [(label, [rows[m.pk] for m in group]) for _code, label, group in selectors.by_team(members)]
    team = request.GET.get("team", "")
    roster = selectors.visible(user)
    if team in Team.values:
        roster = roster.filter(team=team)
    roster_rows = _rows(user, list(roster.order_by("team", "unit__path", "name", "id")[:300]), today)
    context = {
        "community": community, "communities": selectors.asking_communities(user), "callable_groups": callable_groups,
        "to_answer": list(selectors.requests_to_answer(user).order_by("needed_on", "id")[:100]),
        "to_record": list(selectors.requests_to_record(user).order_by("needed_on", "id")[:100]),
        "can_add": bool(selectors.managed_units(user)), "can_record": bool(selectors.recording_communities(user, today)),
        "asked": list(selectors.requests_visible(user).filter(community=community).order_by("-asked_on", "-id")[:50]) if community else [],
        "roster": roster_rows, "teams": Team.choices, "team": team, "today": today,
    }
    return render(request, "teams/index.html", context)


@login_required
def ask(request: HttpRequest, member_pk: int) -> HttpResponse:
    user: Any = request.user
    data = request.POST if request.method == "POST" else request.GET
    community = _community(user, data)
    if community is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    member = selectors.callable_for(community, clock.today()).filter(pk=member_pk).first()
    if member is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    values = {k: data.get(k, "") for k in ("what", "needed_on", "case_ref")}
    problem = ""
    if request.method == "POST":
        try:
            services.help_ask(actor=user, community=community, member=member, what=values["what"], needed_on=_date(values["needed_on"]),
                              case_ref=values["case_ref"].strip() or None)
        except TeamsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Help requested: %(unit)s will answer.") % {"unit": member.unit.name})
            return redirect(f"/teams/?community={community.pk}")
    context = {"community": community, "member": member, "values": values, "problem": problem}
    return render(request, "teams/ask.html", context, status=400 if problem else 200)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.get_request(user, pk)
    if not access.can(user, selectors.ANSWER, found.member.unit):
        raise PermissionDenied(access.DENIED_MESSAGE)
    accept = request.POST.get("decision") == "accept"
    try:
        services.help_answer(actor=user, request=found, accept=accept, answer=request.POST.get("answer", ""))
    except TeamsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Accepted: the community sees it.") if accept else _("Declined: the community sees the reason."))
    return redirect("teams:index")


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board: people per team, hours given in the period, communities and villages with nobody attached."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    day = min(clock.today(), period.end - dt.timedelta(days=1))
    figures = selectors.county_figures(root.county, period.start, period.end, day)
    return render_to_string("teams/_board_section.html", {"fig": figures, "period": period, "day": day,
                                                          "accepted": figures["requests"].get(HelpStatus.ACCEPTED, 0) + figures["requests"].get(HelpStatus.DONE, 0)})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: who is attached to it now and the hours they gave in the period."""
    if unit.kind not in selectors.COMMUNITY_KINDS or not access.can(user, selectors.VIEW, unit):
        return ""
    day = min(clock.today(), period.end - dt.timedelta(days=1))
    members = selectors.helpers_of(unit, period.start, period.end, day)
    given = selectors.hours_given(members, period.start, period.end, community=unit)
    groups = [(label, [(m, given.get(m.pk, 0)) for m in group]) for _code, label, group in selectors.by_team(members)]
    return render_to_string("teams/_unit_section.html", {"groups": groups, "unit": unit, "period": period, "people": len(members)})


# --- The person's unit: add people, attach them, record activities and help given ---------------------------------

MEMBER_FIELDS = ("unit", "team", "name", "position", "phone", "skills", "notes")


@login_required
def member_new(request: HttpRequest) -> HttpResponse:
    """The person's unit puts someone on one of the four teams' rosters."""
    user: Any = request.user
    units = selectors.managed_units(user)
    if not units:
        raise PermissionDenied(access.DENIED_MESSAGE)
    values = {k: request.POST.get(k, "") for k in MEMBER_FIELDS}
    problem = ""
    if request.method == "POST":
        unit = next((u for u in units if u.pk == _int(values["unit"])), None)
        try:
            if unit is None:
                raise TeamsError("no_unit", NO_UNIT, "unit")
            member = services.member_add(actor=user, unit=unit, team=values["team"], name=values["name"], position=values["position"],
                                         phone=values["phone"], skills=values["skills"], notes=values["notes"])
        except TeamsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Added to the roster: %(name)s. Attach them to a community below.") % {"name": member.name})
            return redirect("teams:member", pk=member.pk)
    context = {"units": units, "teams": Team.choices, "values": values, "problem": problem}
    return render(request, "teams/member_new.html", context, status=400 if problem else 200)


@login_required
def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A person of the four teams: where they are attached (进社区), the hours given per community; their unit attaches them."""
    user: Any = request.user
    found = selectors.get_member(user, pk)
    can_manage = access.can(user, selectors.MANAGE, found.unit)
    values = {k: request.POST.get(k, "") for k in ("community", "since", "until")}
    problem = ""
    communities = selectors.communities_of_county(found.unit.county_id) if can_manage else []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(access.DENIED_MESSAGE)
        community = next((c for c in communities if c.pk == _int(values["community"])), None)
        try:
            if community is None:
                raise TeamsError("not_a_community", NOT_A_COMMUNITY, "community")
            services.member_attach(actor=user, member=found, community=community, since=_date(values["since"]), until=_date(values["until"]))
        except TeamsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Attached to %(community)s.") % {"community": community.name})
            return redirect("teams:member", pk=found.pk)
    today = clock.today()
    year = dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1)
    attachments = list(found.attachments.select_related("community").order_by("-since", "id"))
    hours = {a.community_id: selectors.hours_given([found], *year, community=a.community).get(found.pk, 0) for a in attachments}
    context = {"member": found, "attachments": [(a, hours.get(a.community_id, 0)) for a in attachments], "can_manage": can_manage,
               "communities": communities, "values": values or {}, "problem": problem, "today": today,
               "phone": selectors.contact_shown(user, [found], today).get(found.pk, "")}
    return render(request, "teams/member.html", context, status=400 if problem else 200)


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    """Record an activity in a community with the hours each participant gave (community staff, or the people's unit)."""
    user: Any = request.user
    data = request.POST if request.method == "POST" else request.GET
    today = clock.today()
    communities = selectors.recording_communities(user, today)
    if not communities:
        raise PermissionDenied(access.DENIED_MESSAGE)
    community = next((c for c in communities if c.pk == _int(data.get("community"))), communities[0])
    day = _date(data.get("day")) or today
    members = selectors.recordable_members(user, community, day if isinstance(day, dt.date) else today)
    values = {k: data.get(k, "") for k in ("title", "hours")}
    chosen = {_int(v) for v in data.getlist("members")[:300]}
    problem = ""
    if request.method == "POST":
        try:
            services.activity_record(actor=user, community=community, day=day, title=values["title"], hours=values["hours"],
                                     members=[m for m in members if m.pk in chosen])
        except TeamsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded: the hours count for %(community)s.") % {"community": community.name})
            return redirect(f"/teams/?community={community.pk}")
    context = {"communities": communities, "community": community, "day": day, "members": members, "values": values, "chosen": chosen,
               "problem": problem}
    return render(request, "teams/activity_new.html", context, status=400 if problem else 200)


@login_required
@require_POST
def done(request: HttpRequest, pk: int) -> HttpResponse:
    """The help asked for was given: the hours are recorded as an activity and the request is done."""
    user: Any = request.user
    found = selectors.get_request(user, pk)
    try:
        services.help_done(actor=user, request=found, hours=request.POST.get("hours", ""), day=_date(request.POST.get("day")))
    except TeamsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: the hours given count for %(community)s.") % {"community": found.community.name})
    return redirect("teams:index")
