"""Vulnerable households over the API. The community's staff: the list, a record (the read is audited), add, change,
pair, confirm help. A rider: only the households paired with them, masked (no ID number, no health details, the phone
only masked until revealed with a reason, on the trail), and recording the help they gave."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from qingzhuang.households import selectors, services
from qingzhuang.households.models import Help, Household
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit
from qingzhuang.org.privacy import mask_id_number, mask_phone
from qingzhuang.riders.models import Rider

router = Router()


class HouseholdIn(Schema):
    community_id: int
    head_name: str
    address: str
    phone: str = ""
    id_number: str = ""
    kinds: list[str]
    needs: str
    health: str = ""
    consent_by: str
    consent_on: str  # YYYY-MM-DD; checked by the service, refused in words
    consent_how: str
    status: str = "active"
    status_since: str = ""


class HouseholdChange(Schema):
    head_name: str | None = None
    address: str | None = None
    phone: str | None = None
    id_number: str | None = None
    kinds: list[str] | None = None
    needs: str | None = None
    health: str | None = None
    consent_by: str | None = None
    consent_on: str | None = None
    consent_how: str | None = None
    status: str | None = None
    status_since: str | None = None


class HouseholdRow(Schema):
    """The staff list: no health details, the ID number and phone masked (the record has them in full)."""

    id: int
    community_id: int
    head_name: str
    address: str
    phone: str
    id_number: str
    kinds: list[str]
    status: str
    paired_rider_ids: list[int]


class HouseholdOut(Schema):
    id: int
    community_id: int
    head_name: str
    address: str
    phone: str
    id_number: str
    kinds: list[str]
    needs: str
    health: str
    consent_by: str
    consent_on: str
    consent_how: str
    status: str
    status_since: str


class RiderHouseholdOut(Schema):
    """What a paired rider gets: what help needs, nothing more."""

    id: int
    name: str
    address: str
    needs: str
    kinds: list[str]
    phone_masked: str


class PairIn(Schema):
    rider_id: int
    since: str
    until: str = ""


class PairOut(Schema):
    id: int
    household_id: int
    rider_id: int
    since: str
    until: str | None


class RevealIn(Schema):
    reason: str


class PhoneOut(Schema):
    phone: str


class HelpIn(Schema):
    kind: str
    what: str
    done_on: str = ""
    minutes: int | str = 30


class DecideIn(Schema):
    confirm: bool
    note: str = ""


class HelpOut(Schema):
    id: int
    household_id: int
    rider_id: int
    kind: str
    what: str
    done_on: str
    minutes: int
    status: str


def _row(h: Household, paired: list[int]) -> HouseholdRow:
    return HouseholdRow(id=h.pk, community_id=h.community_id, head_name=h.head_name, address=h.address, phone=mask_phone(h.phone) if h.phone else "",
                        id_number=mask_id_number(h.id_number) if h.id_number else "", kinds=h.kinds, status=h.status, paired_rider_ids=paired)


def _out(h: Household) -> HouseholdOut:
    return HouseholdOut(id=h.pk, community_id=h.community_id, head_name=h.head_name, address=h.address, phone=h.phone, id_number=h.id_number,
                        kinds=h.kinds, needs=h.needs, health=h.health, consent_by=h.consent_by, consent_on=h.consent_on.isoformat(),
                        consent_how=h.consent_how, status=h.status, status_since=h.status_since.isoformat())


def _help_out(h: Help) -> HelpOut:
    return HelpOut(id=h.pk, household_id=h.household_id, rider_id=h.rider_id, kind=h.kind, what=h.what, done_on=h.done_on.isoformat(),
                   minutes=h.minutes, status=h.status)


@router.get("/", response=list[HouseholdRow], summary="The community staff's list of vulnerable households (masked ID and phone)")
def household_list(request: HttpRequest, community_id: int | None = None, status: str = "") -> Any:
    access.require(request.user, selectors.MANAGE)
    found = selectors.households_for(request.user)
    if community_id is not None:
        found = found.filter(community_id=community_id)
    if status:
        found = found.filter(status=status)
    households = list(found.order_by("community_id", "head_name", "id")[:1000])
    paired = selectors.pairings_now(households, clock.today())
    return [_row(h, [p.rider_id for p in paired.get(h.pk, [])]) for h in households]


@router.post("/", response=HouseholdOut, summary="Add a household to a community's list, with the consent (who, when, how)")
def household_create(request: HttpRequest, payload: HouseholdIn) -> Any:
    community = access.get_for_user(request.user, selectors.MANAGE, Unit.objects.all(), pk=payload.community_id)
    values = payload.dict(exclude={"community_id"})
    return _out(services.household_create(actor=request.user, community=community, **values))


@router.get("/mine", response=list[RiderHouseholdOut], summary="A rider's own paired households, masked")
def my_households(request: HttpRequest) -> Any:
    access.require(request.user, selectors.HELP)
    return [selectors.for_rider(h) for h in selectors.my_households(request.user, clock.today())]


@router.get("/mine/{household_id}", response=RiderHouseholdOut, summary="One of a rider's paired households (the read is audited)")
def my_household(request: HttpRequest, household_id: int) -> Any:
    access.require(request.user, selectors.HELP)
    household = selectors.my_household(request.user, household_id, clock.today())
    services.household_read(actor=request.user, household=household, via="api")
    return selectors.for_rider(household)


@router.post("/mine/{household_id}/phone", response=PhoneOut, summary="Reveal the household's phone to its paired rider, for a reason (audited)")
def my_household_phone(request: HttpRequest, household_id: int, payload: RevealIn) -> Any:
    access.require(request.user, selectors.HELP)
    household = selectors.my_household(request.user, household_id, clock.today())
    return PhoneOut(phone=services.phone_reveal(actor=request.user, household=household, reason=payload.reason))


@router.post("/mine/{household_id}/helps", response=HelpOut, summary="The paired rider records a visit or errand")
def my_help_record(request: HttpRequest, household_id: int, payload: HelpIn) -> Any:
    access.require(request.user, selectors.HELP)
    household = selectors.my_household(request.user, household_id, clock.today())
    return _help_out(services.help_record(actor=request.user, household=household, kind=payload.kind, what=payload.what, done_on=payload.done_on,
                                          minutes=payload.minutes))


@router.get("/helps", response=list[HelpOut], summary="Visits and errands waiting for the community staff's confirmation")
def helps_waiting(request: HttpRequest) -> Any:
    access.require(request.user, selectors.MANAGE)
    return [_help_out(h) for h in selectors.helps_to_confirm(request.user).order_by("done_on", "id")[:500]]


@router.post("/helps/{help_id}/decide", response=HelpOut, summary="Confirm a visit or errand (points to the rider, once) or decline it with a reason")
def help_decide(request: HttpRequest, help_id: int, payload: DecideIn) -> Any:
    found = access.get_for_user(request.user, selectors.MANAGE, Help.objects.select_related("household"), pk=help_id)
    return _help_out(services.help_decide(actor=request.user, help=found, confirm=payload.confirm, note=payload.note))


@router.get("/{household_id}", response=HouseholdOut, summary="A household's whole record, for the community's staff (the read is audited)")
def household_detail(request: HttpRequest, household_id: int) -> Any:
    household = selectors.get_household(request.user, household_id)
    services.household_read(actor=request.user, household=household, via="api")
    return _out(household)


@router.patch("/{household_id}", response=HouseholdOut, summary="Change a household's record (fields left out keep their value)")
def household_update(request: HttpRequest, household_id: int, payload: HouseholdChange) -> Any:
    household = selectors.get_household(request.user, household_id)
    return _out(services.household_update(actor=request.user, household=household, **payload.dict(exclude_none=True)))


@router.post("/{household_id}/pairings", response=PairOut, summary="Pair a rider or volunteer of the community with the household")
def household_pair(request: HttpRequest, household_id: int, payload: PairIn) -> Any:
    household = selectors.get_household(request.user, household_id)
    rider = Rider.objects.filter(pk=payload.rider_id, community_id=household.community_id).first()
    if rider is None:
        raise Http404
    made = services.pairing_create(actor=request.user, household=household, rider=rider, since=payload.since, until=payload.until)
    return PairOut(id=made.pk, household_id=household.pk, rider_id=rider.pk, since=made.since.isoformat(),
                   until=made.until.isoformat() if made.until else None)
