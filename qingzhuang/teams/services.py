"""Writes of the four teams: a person put on a roster by their unit, attached to a community (进社区) and detached,
an activity recorded with the hours each participant gave, a help request from a community and its answer.

Every check is here, so the pages and the API refuse alike; each change writes its audit event in the same transaction.
The hours given count in the ledger as help to the community (the help sign: they lighten its index), recorded with
the member's unit as the issuer.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.cases.models import Case
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.validate import clean_values, int_value, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.teams import errors
from qingzhuang.teams.errors import TeamsError
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, HelpStatus, Member

MANAGE = "teams.manage"
RECORD = "teams.record"
ASK = "teams.ask"
ANSWER = "teams.answer"
HOURS = "teams.hours"
COMMUNITY_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,18}$")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _date(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TeamsError("date_invalid", errors.DATE_INVALID, field)
    if not 2000 <= value.year <= 2099:
        raise TeamsError("date_out_of_range", errors.DATE_OUT_OF_RANGE, field)
    return value


def _hours(value: Any) -> Decimal:
    """Hours per person: more than 0, at most 24, in tenths (2, 2.5); anything else refused in words."""
    if isinstance(value, bool):
        raise TeamsError("hours_invalid", errors.HOURS_INVALID, "hours")
    text = str(value).strip() if value is not None else ""
    if len(text) > 10:
        raise TeamsError("hours_invalid", errors.HOURS_INVALID, "hours")
    try:
        hours = Decimal(text)
    except (InvalidOperation, ValueError):
        raise TeamsError("hours_invalid", errors.HOURS_INVALID, "hours") from None
    if not hours.is_finite() or not Decimal(0) < hours <= Decimal(24) or hours != hours.quantize(Decimal("0.1")):
        raise TeamsError("hours_invalid", errors.HOURS_INVALID, "hours")
    return hours.quantize(Decimal("0.1"))


def _community(unit: Unit, member: Member) -> None:
    if unit.kind not in COMMUNITY_KINDS or unit.county_id is None or unit.county_id != member.unit.county_id:
        raise TeamsError("not_a_community", errors.NOT_A_COMMUNITY, "community")


def attached_on(members: Any, community: Unit, day: dt.date) -> Any:
    """The attachments of ``members`` to ``community`` in force on ``day``."""
    return Attachment.objects.filter(member__in=members, community=community, since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))


def member_add(*, actor: Any, unit: Unit, team: str, name: str, position: str = "", phone: str = "", skills: str = "",
               notes: str = "") -> Member:
    """The person's unit puts them on a team's roster."""
    if actor is not None:
        access.require(actor, MANAGE, unit)
    values = clean_values(Member, {"team": team, "name": name, "position": position, "phone": phone, "skills": skills, "notes": notes},
                          error=TeamsError)
    if values["phone"] and not PHONE.match(values["phone"]):
        raise TeamsError("phone_invalid", errors.PHONE_INVALID, "phone")
    with transaction.atomic():
        member = Member.objects.create(unit=unit, **values)
        audit_created(actor=actor, obj=member, unit=unit)
    return member


def member_attach(*, actor: Any, member: Member, community: Unit, since: Any, until: Any = None) -> Attachment:
    """Attach a member to a community or village (进社区) from a day, until a day or open-ended."""
    if actor is not None:
        access.require(actor, MANAGE, member.unit)
    _community(community, member)
    start = _date(since, "since")
    end = None if until in (None, "") else _date(until, "until")
    if end is not None and end < start:
        raise TeamsError("until_before_since", errors.UNTIL_BEFORE_SINCE % {"since": start, "until": end}, "until")
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()  # one attachment at a time per person
        overlapping = Attachment.objects.filter(member=member, community=community).filter(Q(until__isnull=True) | Q(until__gte=start))
        if end is not None:
            overlapping = overlapping.filter(since__lte=end)
        if overlapping.exists():
            raise TeamsError("already_attached", errors.ALREADY_ATTACHED % {"name": member.name, "community": community.name}, "community")
        attachment = Attachment.objects.create(member=member, community=community, since=start, until=end)
        audit_created(actor=actor, obj=attachment, unit=community)
    return attachment


def activity_record(*, actor: Any, community: Unit, day: Any, title: str, hours: Any, members: list[Member]) -> Activity:
    """Record an activity in a community with the hours each participant gave; entered by the community's staff or,
    for its own people, by their unit. Each participant is attached to the community on that day."""
    if actor is not None and not access.can(actor, RECORD, community):
        if not members:
            access.require(actor, RECORD, community)
        for member in members:
            access.require(actor, RECORD, member.unit)
    if community.kind not in COMMUNITY_KINDS:
        raise TeamsError("not_a_community", errors.NOT_A_COMMUNITY, "community")
    if not members:
        raise TeamsError("no_participants", errors.NO_PARTICIPANTS, "members")
    when = _date(day, "day")
    values = clean_values(Activity, {"title": title}, error=TeamsError)
    amount = _hours(hours)
    attached = set(attached_on(members, community, when).values_list("member_id", flat=True))
    for member in members:
        if member.pk not in attached:
            raise TeamsError("not_attached", errors.NOT_ATTACHED % {"name": member.name, "community": community.name, "day": when}, "members")
    with transaction.atomic():
        activity = Activity.objects.create(community=community, day=when, hours=amount, recorded_by=_user(actor), **values)
        activity.participants.set(members)
        audit_created(actor=actor, obj=activity, unit=community)
        ledger_add_many(measure=HOURS, rows=[(community.pk, when, float(amount), m.unit_id) for m in members])
    return activity


def help_ask(*, actor: Any, community: Unit, member: Member, what: str, needed_on: Any, case_ref: Any = None) -> HelpRequest:
    """A community asks a member it can call on for help, on one of its own cases (by number) or not; the member's unit answers."""
    if actor is not None:
        access.require(actor, ASK, community)
    if community.kind not in COMMUNITY_KINDS:
        raise TeamsError("not_a_community", errors.NOT_A_COMMUNITY, "community")
    if member.unit.county_id != community.county_id:
        raise TeamsError("not_of_the_county", errors.NOT_OF_THE_COUNTY, "member")
    if not member.is_active:
        raise TeamsError("not_on_roster", errors.NOT_ON_ROSTER, "member")
    what = text_value(what, field="what", label=HelpRequest._meta.get_field("what").verbose_name, max_length=2000, multiline=True,
                      error=TeamsError)
    day = _date(needed_on, "needed_on")
    case = None
    if case_ref not in (None, ""):
        number = int_value(case_ref, field="case_ref", label=errors.CASE_LABEL, minimum=1, maximum=2147483647, error=TeamsError)
        case = Case.objects.filter(pk=number, community=community).first()
        if case is None:
            raise TeamsError("case_unknown", errors.CASE_UNKNOWN % {"number": number, "community": community.name}, "case_ref")
    with transaction.atomic():
        request = HelpRequest.objects.create(community=community, member=member, what=what, needed_on=day, case=case,
                                             asked_by=_user(actor), asked_on=clock.today())
        audit_created(actor=actor, obj=request, unit=community)
    return request


def help_answer(*, actor: Any, request: HelpRequest, accept: bool, answer: str = "") -> HelpRequest:
    """The member's unit accepts the request or declines it with a reason."""
    if actor is not None:
        access.require(actor, ANSWER, request.member.unit)
    answer = text_value(answer, field="answer", label=HelpRequest._meta.get_field("answer").verbose_name, max_length=2000, multiline=True,
                        required=not accept, error=TeamsError)
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != HelpStatus.ASKED:
            raise TeamsError("not_asked", errors.NOT_ASKED)
        before = snapshot(locked)
        locked.status = HelpStatus.ACCEPTED if accept else HelpStatus.DECLINED
        locked.answered_by, locked.answered_on, locked.answer = _user(actor), clock.today(), answer
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=request.community)
    return locked


def help_done(*, actor: Any, request: HelpRequest, hours: Any, day: Any = None) -> HelpRequest:
    """The help asked for was given: record it as an activity of the person in the community on ``day`` (today by
    default, never later) with the hours given, and mark the request done. The hours count once, through the activity."""
    if actor is not None and not access.can(actor, RECORD, request.community):
        access.require(actor, ANSWER, request.member.unit)
    when = clock.today() if day in (None, "") else _date(day, "day")
    if when > clock.today():
        raise TeamsError("day_in_future", errors.DAY_IN_FUTURE % {"day": when}, "day")
    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != HelpStatus.ACCEPTED:
            raise TeamsError("not_accepted", errors.NOT_ACCEPTED)
        activity = activity_record(actor=actor, community=request.community, day=when, title=" ".join(locked.what.split())[:100], hours=hours,
                                   members=[request.member])
        before = snapshot(locked)
        locked.status, locked.activity = HelpStatus.DONE, activity
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=request.community)
    return locked
