"""Reads of the four teams: whom a user sees, whom a community can call on, the requests to answer, the county's
figures, and the hours given (the ledger's help measure) from the raw activity records."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse

from qingzhuang.org import access
from qingzhuang.org.models import Role, Unit
from qingzhuang.org.privacy import mask_phone
from qingzhuang.teams.models import Activity, Attachment, HelpRequest, HelpStatus, Member, Team

VIEW = "teams.view"
MANAGE = "teams.manage"
RECORD = "teams.record"
ASK = "teams.ask"
ANSWER = "teams.answer"
COMMUNITY_KINDS = ("community", "village")
CONTACT_ROLES = (Role.DEPARTMENT_CLERK, Role.DEPARTMENT_LEADER, Role.STREET_OFFICER, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER)


def in_force(day: dt.date) -> Q:
    return Q(since__lte=day) & (Q(until__isnull=True) | Q(until__gte=day))


def visible(user: Any) -> QuerySet[Member]:
    return access.scoped_queryset(user, VIEW, Member.objects.select_related("unit")).distinct()


def get_member(user: Any, pk: int) -> Member:
    return access.get_for_user(user, VIEW, Member.objects.select_related("unit__county"), pk=pk)


def get_request(user: Any, pk: int) -> HelpRequest:
    return access.get_for_user(user, VIEW, HelpRequest.objects.select_related("community", "member__unit"), pk=pk)


def asking_communities(user: Any) -> list[Unit]:
    """The communities and villages the user asks for help for."""
    return list(access.scoped_queryset(user, ASK, Unit.objects.filter(kind__in=COMMUNITY_KINDS, is_active=True)).order_by("path")[:50])


def callable_for(community: Unit, day: dt.date) -> QuerySet[Member]:
    """The people attached to the community on ``day``, on a roster still: those it can call on."""
    attached = Attachment.objects.filter(in_force(day), community=community).values("member_id")
    return Member.objects.filter(pk__in=attached, is_active=True).select_related("unit").order_by("team", "unit__path", "name", "id")


def by_team(members: Iterable[Member]) -> list[tuple[str, Any, list[Member]]]:
    """Members grouped in the order of the four teams: (code, label, members), teams without anyone left out."""
    grouped: dict[str, list[Member]] = {}
    for member in members:
        grouped.setdefault(member.team, []).append(member)
    return [(code, label, grouped[code]) for code, label in Team.choices if code in grouped]


def contact_shown(user: Any, members: list[Member], day: dt.date) -> dict[int, str]:
    """Each member's phone, in clear for those who call on them (their unit, the communities they are attached to now)
    and masked for everyone else (the county's and the street's overviews, other communities)."""
    asking = access.unit_ids_for(user, ASK)
    ids = [m.pk for m in members]
    if asking is None:
        clear = set(ids)
    else:
        # The person's own unit: the staff acting for exactly that unit, not the county's or the street's wide reach.
        own = set(user.roles.filter(role__in=CONTACT_ROLES).values_list("unit_id", flat=True))
        clear = {m.pk for m in members if m.unit_id in own}
        clear |= set(Attachment.objects.filter(in_force(day), member_id__in=ids, community_id__in=asking).values_list("member_id", flat=True))
    return {m.pk: (m.phone if m.pk in clear else mask_phone(m.phone)) for m in members if m.phone}


def requests_visible(user: Any) -> QuerySet[HelpRequest]:
    return access.scoped_queryset(user, VIEW, HelpRequest.objects.select_related("community", "member__unit")).distinct()


def requests_to_answer(user: Any) -> QuerySet[HelpRequest]:
    """The requests waiting for an answer from the user's units (the members' own units)."""
    units = access.unit_ids_for(user, ANSWER)
    found = HelpRequest.objects.filter(status=HelpStatus.ASKED).select_related("community", "member__unit")
    if units is None:
        return found
    return found.filter(member__unit_id__in=units)


def hours_given(members: Iterable[Member], start: dt.date, end: dt.date, *, community: Unit | None = None) -> dict[int, Decimal]:
    """Hours each member gave in [start, end), from the activities they joined; with ``community``, only those held
    there (a person attached to two communities gives each only what was given in it, never their whole total)."""
    links = Activity.participants.through.objects.filter(member_id__in=[m.pk for m in members], activity__day__gte=start, activity__day__lt=end)
    if community is not None:
        links = links.filter(activity__community=community)
    return {r["member_id"]: r["total"] for r in links.values("member_id").annotate(total=Sum("activity__hours"))}


def helpers_of(community: Unit, start: dt.date, end: dt.date, day: dt.date) -> list[Member]:
    """The people attached to the community on ``day`` and those who gave it hours in [start, end) (since detached):
    the community page lists every hour its ledger counts."""
    gave = Activity.participants.through.objects.filter(activity__community=community, activity__day__gte=start, activity__day__lt=end)
    attached = Attachment.objects.filter(in_force(day), community=community, member__is_active=True).values("member_id")
    found = Member.objects.filter(Q(pk__in=attached) | Q(pk__in=gave.values("member_id"))).select_related("unit")
    return list(found.order_by("team", "unit__path", "name", "id"))


def county_figures(county: Any, start: dt.date, end: dt.date, day: dt.date) -> dict[str, Any]:
    """The county board's section: people per team, hours given in the period, communities with nobody attached on ``day``."""
    members = Member.objects.filter(unit__county=county, is_active=True)
    per_team = dict(members.values_list("team").annotate(n=Count("id")))
    teams = [(label, per_team.get(code, 0)) for code, label in Team.choices]
    links = Activity.participants.through.objects.filter(activity__community__county=county, activity__day__gte=start, activity__day__lt=end)
    hours = links.aggregate(total=Sum("activity__hours"))["total"] or Decimal(0)
    covered = Attachment.objects.filter(in_force(day), member__is_active=True, community__county=county).values("community_id")
    bare = Unit.objects.filter(county=county, kind__in=COMMUNITY_KINDS, is_active=True).exclude(pk__in=covered).order_by("path")
    return {"teams": teams, "people": sum(n for _label, n in teams), "hours": hours, "activities": links.values("activity_id").distinct().count(),
            "bare_count": bare.count(), "bare": list(bare[:60]),
            "requests": Counter(HelpRequest.objects.filter(community__county=county, asked_on__gte=start, asked_on__lt=end)
                                .values_list("status", flat=True))}


# --- Ledger rows ---------------------------------------------------------------------------------------------


def hours_compute(start: dt.date, end: dt.date) -> Any:
    """Hours given to each community: one row per participant of each activity, the member's unit as the issuer."""
    return (Activity.participants.through.objects.filter(activity__day__gte=start, activity__day__lt=end)
            .values_list(F("activity__community_id"), F("activity__day"), F("activity__hours"), F("member__unit_id")))


def hours_items(unit: Any, start: dt.date, end: dt.date) -> list[tuple[str, str, dt.date, float]]:
    found = (Activity.objects.filter(community=unit, day__gte=start, day__lt=end).annotate(people=Count("participants"))
             .order_by("day", "id")[:500])
    return [(f"{a.title}（{a.people}人×{a.hours}小时）", reverse("teams:index") + f"?community={unit.pk}", a.day, float(a.hours * a.people))
            for a in found]


def requests_to_record(user: Any) -> QuerySet[HelpRequest]:
    """Accepted requests the user may record as done: those of the user's units' people, or asked by the user's communities."""
    found = HelpRequest.objects.filter(status=HelpStatus.ACCEPTED).select_related("community", "member__unit")
    answering, recording = access.unit_ids_for(user, ANSWER), access.unit_ids_for(user, RECORD)
    if answering is None or recording is None:
        return found
    return found.filter(Q(member__unit_id__in=answering) | Q(community_id__in=recording))


def managed_units(user: Any) -> list[Unit]:
    """The units whose rosters the user keeps (a person is added to one of them)."""
    kinds = ("department", "office", "town", *COMMUNITY_KINDS)
    return list(access.scoped_queryset(user, MANAGE, Unit.objects.filter(is_active=True, kind__in=kinds)).order_by("path")[:200])


def communities_of_county(county_id: int | None) -> list[Unit]:
    return list(Unit.objects.filter(county_id=county_id, kind__in=COMMUNITY_KINDS, is_active=True).select_related("parent").order_by("path")[:2000])


def recording_communities(user: Any, day: dt.date) -> list[Unit]:
    """Communities the user records activities in: its own (community staff), and those its units' people are attached to."""
    own = access.scoped_queryset(user, RECORD, Unit.objects.filter(kind__in=COMMUNITY_KINDS, is_active=True)).values("pk")
    units = access.unit_ids_for(user, RECORD)
    attached = Attachment.objects.filter(in_force(day), member__is_active=True)
    if units is not None:
        attached = attached.filter(member__unit_id__in=units)
    return list(Unit.objects.filter(Q(pk__in=own) | Q(pk__in=attached.values("community_id"))).order_by("path")[:200])


def recordable_members(user: Any, community: Unit, day: dt.date) -> list[Member]:
    """The people attached to the community on ``day`` whose hours the user may record: all of them for the community's
    staff, the user's units' own people otherwise."""
    found = callable_for(community, day)
    if not access.can(user, RECORD, community):
        units = access.unit_ids_for(user, RECORD)
        if units is not None:
            found = found.filter(unit_id__in=units)
    return list(found[:300])
