"""The four teams over the API: rosters, attachments to communities, activities with hours, help requests and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.teams import errors, selectors, services
from qingzhuang.teams.errors import TeamsError
from qingzhuang.teams.models import HelpRequest, Member

router = Router()


class MemberIn(Schema):
    unit_id: int
    team: str
    name: str
    position: str = ""
    phone: str = ""
    skills: str = ""
    notes: str = ""


class AttachIn(Schema):
    community_id: int
    since: dt.date
    until: dt.date | None = None


class ActivityIn(Schema):
    community_id: int
    day: dt.date
    title: str
    hours: str | float | int  # per person; checked by the service (more than 0, at most 24, in tenths)
    member_ids: list[int]


class HelpIn(Schema):
    community_id: int
    member_id: int
    what: str
    needed_on: dt.date
    case_ref: int | str | None = None


class AnswerIn(Schema):
    accept: bool
    answer: str = ""


class MemberOut(Schema):
    id: int
    team: str
    name: str
    unit_id: int
    position: str
    skills: str
    phone: str  # masked unless the reader calls on the person (their unit, the community they are attached to)
    attached_to: list[int]


class ActivityOut(Schema):
    id: int
    community_id: int
    day: str
    title: str
    hours: float
    member_ids: list[int]


class HelpOut(Schema):
    id: int
    community_id: int
    member_id: int
    what: str
    needed_on: str
    case_ref: int | None
    status: str
    answer: str


def _members_out(user: Any, members: list[Member]) -> list[MemberOut]:
    today = clock.today()
    phones = selectors.contact_shown(user, members, today)
    attached: dict[int, list[int]] = {}
    for member_id, community_id in services.Attachment.objects.filter(selectors.in_force(today), member__in=members).values_list(
            "member_id", "community_id"):
        attached.setdefault(member_id, []).append(community_id)
    return [MemberOut(id=m.pk, team=m.team, name=m.name, unit_id=m.unit_id, position=m.position, skills=m.skills, phone=phones.get(m.pk, ""),
                      attached_to=attached.get(m.pk, [])) for m in members]


def _help_out(h: HelpRequest) -> HelpOut:
    return HelpOut(id=h.pk, community_id=h.community_id, member_id=h.member_id, what=h.what, needed_on=h.needed_on.isoformat(),
                   case_ref=h.case_id, status=h.status, answer=h.answer)


def _community(request: HttpRequest, perm: str, pk: int) -> Unit:
    return access.get_for_user(request.user, perm, Unit.objects.select_related("county"), pk=pk)


@router.get("/members", response=list[MemberOut], summary="People on the four teams' rosters in your scope (community: those it can call on today)")
def member_list(request: HttpRequest, team: str = "", community_id: int | None = None) -> Any:
    if community_id is not None:
        community = _community(request, selectors.VIEW, community_id)
        found = selectors.callable_for(community, clock.today())
    else:
        found = selectors.visible(request.user)
    if team:
        found = found.filter(team=team)
    return _members_out(request.user, list(found.order_by("team", "name", "id")[:500]))


@router.post("/members", response=MemberOut, summary="Put a person of your unit on a team's roster")
def member_add(request: HttpRequest, payload: MemberIn) -> Any:
    unit = access.get_for_user(request.user, services.MANAGE, Unit.objects.select_related("county"), pk=payload.unit_id)
    made = services.member_add(actor=request.user, unit=unit, team=payload.team, name=payload.name, position=payload.position, phone=payload.phone,
                               skills=payload.skills, notes=payload.notes)
    return _members_out(request.user, [made])[0]


@router.post("/members/{member_id}/attachments", response=MemberOut, summary="Attach a person to a community or village (进社区)")
def member_attach(request: HttpRequest, member_id: int, payload: AttachIn) -> Any:
    member = access.get_for_user(request.user, services.MANAGE, Member.objects.select_related("unit__county"), pk=member_id)
    community = Unit.objects.filter(pk=payload.community_id, county_id=member.unit.county_id).first()
    if community is None:
        raise Http404
    services.member_attach(actor=request.user, member=member, community=community, since=payload.since, until=payload.until)
    return _members_out(request.user, [member])[0]


@router.post("/activities", response=ActivityOut, summary="Record an activity in a community with the hours each participant gave")
def activity_record(request: HttpRequest, payload: ActivityIn) -> Any:
    community = Unit.objects.filter(pk=payload.community_id).first()
    if community is None:
        raise Http404
    ids = list(dict.fromkeys(payload.member_ids))[:500]
    members = list(Member.objects.filter(pk__in=ids, unit__county_id=community.county_id).select_related("unit"))
    if len(members) != len(ids):
        raise TeamsError("not_of_the_county", errors.NOT_OF_THE_COUNTY, "member_ids")
    made = services.activity_record(actor=request.user, community=community, day=payload.day, title=payload.title, hours=payload.hours,
                                    members=members)
    return ActivityOut(id=made.pk, community_id=made.community_id, day=made.day.isoformat(), title=made.title, hours=float(made.hours),
                       member_ids=sorted(m.pk for m in members))


@router.get("/requests", response=list[HelpOut], summary="Help requests in your scope (to_answer: waiting for your units)")
def help_list(request: HttpRequest, to_answer: bool = False) -> Any:
    found = selectors.requests_to_answer(request.user) if to_answer else selectors.requests_visible(request.user)
    return [_help_out(h) for h in found.order_by("-asked_on", "-id")[:300]]


@router.post("/requests", response=HelpOut, summary="A community asks a person it can call on for help")
def help_ask(request: HttpRequest, payload: HelpIn) -> Any:
    community = _community(request, services.ASK, payload.community_id)
    member = Member.objects.filter(pk=payload.member_id, unit__county_id=community.county_id).select_related("unit").first()
    if member is None:
        raise Http404
    return _help_out(services.help_ask(actor=request.user, community=community, member=member, what=payload.what, needed_on=payload.needed_on,
                                       case_ref=payload.case_ref))


@router.post("/requests/{request_id}/answer", response=HelpOut, summary="The person's unit accepts, or declines with a reason")
def help_answer(request: HttpRequest, request_id: int, payload: AnswerIn) -> Any:
    found = selectors.get_request(request.user, request_id)
    return _help_out(services.help_answer(actor=request.user, request=found, accept=payload.accept, answer=payload.answer))


class DoneIn(Schema):
    hours: str | float | int  # given by the person; checked by the service (more than 0, at most 24, in tenths)
    day: dt.date | None = None  # today by default; never a day still to come


@router.post("/requests/{request_id}/done", response=HelpOut,
             summary="Record accepted help as done with the hours given: an activity of the person in the community")
def help_done(request: HttpRequest, request_id: int, payload: DoneIn) -> Any:
    found = selectors.get_request(request.user, request_id)
    return _help_out(services.help_done(actor=request.user, request=found, hours=payload.hours, day=payload.day))
