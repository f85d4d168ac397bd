"""Writes of the vulnerable households: keep the list (with consent and status), pair riders, record and confirm help,
and the audit of every read of a household's record and every phone revealed.

Every check is here, so the pages, the API and the import refuse alike; each change writes its audit row in the same
transaction. A confirmed help earns the rider the county's points (riders.points, act "help:<id>") and counts in the
ledger, in the same transaction as the confirmation.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Min, Q

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.households import errors
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import Help, HelpKind, HelpStatus, Household, Kind, Pairing, Status
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.validate import choice_value, clean_values, int_value, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.riders.models import MEMBER_STATUSES, Rider, StatusChange
from qingzhuang.riders.points import points_award

MANAGE = "households.manage"
HELP = "households.help"
HELPED = "households.helped"
ACTS = "households.help_acts"
# Audit actions of this app: a read of a household's record and a phone shown to a rider (PIPL: who saw what, when, why).
READ = "read"
REVEAL = "reveal_phone"
COMMUNITY_KINDS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)
EARLIEST = dt.date(2000, 1, 1)
_PHONE = re.compile(r"(1[3-9]\d{9})|(0\d{2,3}-?\d{7,8})")
_ID = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
FIELDS = ("head_name", "address", "phone", "id_number", "kinds", "needs", "health", "consent_by", "consent_on", "consent_how", "status",
          "status_since")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def day_value(value: Any, field: str) -> dt.date:
    """A date not in the future and not before 2000; typed text such as 2026-12-01 is read, anything else refused in words."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        text = "" if value is None else str(value)[:40].strip()
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise HouseholdError("date_invalid", errors.DATE_INVALID, field) from None
    if value > clock.today():
        raise HouseholdError("date_in_future", errors.DATE_IN_FUTURE, field)
    if value < EARLIEST:
        raise HouseholdError("date_too_early", errors.DATE_TOO_EARLY, field)
    return value


def phone_value(value: Any) -> str:
    """A mobile (13912345678) or landline (0917-3216688) number; full-width digits, spaces and +86 are accepted."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)[:40]).strip()
    if not text:
        return ""
    digits = re.sub(r"[\s()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not _PHONE.fullmatch(digits):
        raise HouseholdError("phone_invalid", errors.PHONE_INVALID, "phone")
    return digits


def id_number_value(value: Any) -> str:
    """An 18-character resident ID number whose GB 11643 check digit and birth date hold, or "" when none is given."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)[:40]).strip().upper().replace(" ", "")
    if not text:
        return ""
    if not _ID.match(text) or _ID_CHECK[sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True)) % 11] != text[17]:
        raise HouseholdError("id_invalid", errors.ID_INVALID, "id_number")
    try:
        born = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise HouseholdError("id_invalid", errors.ID_INVALID, "id_number") from None
    if not dt.date(1900, 1, 1) <= born <= clock.today():
        raise HouseholdError("id_invalid", errors.ID_INVALID, "id_number")
    return text


def kinds_value(values: Any) -> list[str]:
    chosen: list[str] = []
    items = [values] if isinstance(values, str) else list(values or [])[:20]
    for value in items:
        key = choice_value(value, field="kinds", label=Household._meta.get_field("kinds").verbose_name, choices=Kind.choices, error=HouseholdError)
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        raise HouseholdError("kind_needed", errors.KIND_NEEDED, "kinds")
    return [k for k in Kind.values if k in chosen]


def household_values(given: dict[str, Any]) -> dict[str, Any]:
    """Every field of a household checked (the form, the API and the import share it); the first fault raises."""
    texts = {k: given.get(k, "") for k in ("head_name", "address", "needs", "health", "consent_by", "consent_how", "status")}
    texts["status"] = texts["status"] or Status.ACTIVE
    values = clean_values(Household, texts, error=HouseholdError)
    values["phone"] = phone_value(given.get("phone"))
    values["id_number"] = id_number_value(given.get("id_number"))
    values["kinds"] = kinds_value(given.get("kinds"))
    values["consent_on"] = day_value(given.get("consent_on"), "consent_on")
    since = given.get("status_since")
    values["status_since"] = day_value(since, "status_since") if since not in (None, "") else values["consent_on"]
    if values["status_since"] < values["consent_on"]:
        raise HouseholdError("status_before_consent", errors.STATUS_BEFORE_CONSENT % {"day": values["consent_on"]}, "status_since")
    return values


def _community(unit: Unit) -> None:
    if unit.kind not in COMMUNITY_KINDS:
        raise HouseholdError("not_community", errors.NOT_COMMUNITY, "community")


def household_create(*, actor: Any, community: Unit, **given: Any) -> Household:
    """Put a household on the community's list, with the consent (who, when, how) that is the basis for keeping it."""
    if actor is not None:
        access.require(actor, MANAGE, community)
    _community(community)
    values = household_values(given)
    with transaction.atomic():
        household = Household.objects.create(community=community, created_by=_user(actor), **values)
        audit_created(actor=actor, obj=household, unit=community)
    return household


def household_update(*, actor: Any, household: Household, **given: Any) -> Household:
    """Change a household's record (a field left out keeps its value); a status change takes its day."""
    if actor is not None:
        access.require(actor, MANAGE, household)
    merged = {name: getattr(household, name) for name in FIELDS} | given
    if "status" in given and given["status"] != household.status and "status_since" not in given:
        merged["status_since"] = clock.today()
    values = household_values(merged)
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        before = snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.community)
    return locked


def household_read(*, actor: Any, household: Household, via: str) -> None:
    """Record that ``actor`` read the household's record (page, API, export): every read is on the trail."""
    audit_record(actor=actor, action=READ, obj=household, unit=household.community, changes={"via": via})


def households_exported(*, actor: Any, community: Unit, households: Iterable[Household]) -> None:
    """Record an export of the list as one read per household in it, in one transaction."""
    with transaction.atomic():
        for household in households:
            household_read(actor=actor, household=household, via="export")


def phone_reveal(*, actor: Any, household: Household, reason: Any) -> str:
    """Show the household's phone to the paired rider (or staff) for a reason, on the trail; returns the number."""
    reason = text_value(reason, field="reason", label=errors.REASON_LABEL, max_length=200, error=HouseholdError)
    if not access.can(actor, MANAGE, household):
        _paired_rider(actor, household, clock.today())
    audit_record(actor=actor, action=REVEAL, obj=household, unit=household.community, changes={"phone": "shown"}, reason=reason)
    return household.phone


# --- Pairing -------------------------------------------------------------------------------------------------


def status_on(rider: Rider, day: dt.date) -> str | None:
    found = StatusChange.objects.filter(rider=rider, since__lte=day).order_by("-since", "-id").values_list("status", flat=True).first()
    return found


def _active(household: Household) -> None:
    if household.status != Status.ACTIVE:
        raise HouseholdError("not_active", errors.NOT_ACTIVE % {"status": household.get_status_display()}, "household")


def pairing_create(*, actor: Any, household: Household, rider: Rider, since: Any, until: Any = None) -> Pairing:
    """Pair a rider or volunteer of the household's community with it (一对一结对), from a day, until a day or for now."""
    if actor is not None:
        access.require(actor, MANAGE, household)
    _active(household)
    if rider.community_id != household.community_id:
        raise HouseholdError("rider_elsewhere", errors.RIDER_ELSEWHERE % {"community": household.community.name}, "rider")
    start = day_value(since, "since")
    end = None if until in (None, "") else _until(until, start)
    if status_on(rider, start) not in MEMBER_STATUSES:
        raise HouseholdError("rider_not_member", errors.RIDER_NOT_MEMBER % {"name": rider.name, "day": start}, "rider")
    with transaction.atomic():
        Household.objects.select_for_update().filter(pk=household.pk).first()  # one pairing at a time per household
        overlapping = Pairing.objects.filter(household=household, rider=rider).filter(Q(until__isnull=True) | Q(until__gte=start))
        if end is not None:
            overlapping = overlapping.filter(since__lte=end)
        if overlapping.exists():
            raise HouseholdError("already_paired", errors.ALREADY_PAIRED % {"name": rider.name}, "rider")
        pairing = Pairing.objects.create(household=household, rider=rider, since=start, until=end, created_by=_user(actor))
        audit_created(actor=actor, obj=pairing, unit=household.community)
    return pairing


def _until(value: Any, start: dt.date) -> dt.date:
    end = value if isinstance(value, dt.date) else None
    if end is None:
        try:
            end = dt.date.fromisoformat(str(value)[:40].strip())
        except ValueError:
            raise HouseholdError("date_invalid", errors.DATE_INVALID, "until") from None
    if end < start:
        raise HouseholdError("until_before_since", errors.UNTIL_BEFORE_SINCE % {"since": start, "until": end}, "until")
    if end.year > 2099:
        raise HouseholdError("date_invalid", errors.DATE_INVALID, "until")
    return end


def pairing_end(*, actor: Any, pairing: Pairing, until: Any = None) -> Pairing:
    """End a pairing on a day (today by default)."""
    if actor is not None:
        access.require(actor, MANAGE, pairing.household)
    with transaction.atomic():
        locked = Pairing.objects.select_for_update().get(pk=pairing.pk)
        if locked.until is not None and locked.until < clock.today():
            raise HouseholdError("pairing_ended", errors.PAIRING_ENDED, "until")
        before = snapshot(locked)
        locked.until = _until(until if until not in (None, "") else clock.today(), locked.since)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=pairing.household.community)
    return locked


def in_force(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}since__lte": day}) & (Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": day}))


def rider_of(user: Any) -> Rider | None:
    """The rider or volunteer record the signed-in account belongs to."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Rider.objects.filter(user=user).select_related("community").first()


def _paired_rider(actor: Any, household: Household, day: dt.date) -> Rider:
    """The actor's rider record, when it is paired with the household on ``day`` and holds the helping role there."""
    rider = rider_of(actor)
    if rider is None:
        raise HouseholdError("not_a_rider", errors.NOT_A_RIDER, "rider")
    paired = Pairing.objects.filter(in_force(day), household=household, rider=rider).exists()
    if not paired or not access.can(actor, HELP, household) or status_on(rider, day) not in MEMBER_STATUSES:
        raise HouseholdError("not_paired", errors.NOT_PAIRED % {"day": day}, "household")
    return rider


# --- Help ----------------------------------------------------------------------------------------------------


def help_record(*, actor: Any, household: Household, kind: Any, what: Any, done_on: Any = None, minutes: Any = 30) -> Help:
    """The paired rider records a visit or errand (what, when, how long); the community's staff confirm it."""
    chosen = choice_value(kind, field="kind", label=Help._meta.get_field("kind").verbose_name, choices=HelpKind.choices, error=HouseholdError)
    values = clean_values(Help, {"what": what}, error=HouseholdError)
    day = day_value(done_on if done_on not in (None, "") else clock.today(), "done_on")
    length = int_value(minutes, field="minutes", label=Help._meta.get_field("minutes").verbose_name, minimum=1, maximum=1440, error=HouseholdError)
    rider = _paired_rider(actor, household, day)
    if household.status != Status.ACTIVE and day >= household.status_since:
        _active(household)
    with transaction.atomic():
        made = Help.objects.create(household=household, rider=rider, kind=chosen, done_on=day, minutes=length, recorded_by=_user(actor), **values)
        audit_created(actor=actor, obj=made, unit=household.community)
    return made


def help_decide(*, actor: Any, help: Help, confirm: bool, note: Any = "") -> Help:
    """Staff confirm a recorded help (points to the rider, once; the ledger counts it) or decline it with a reason."""
    if actor is not None:
        access.require(actor, MANAGE, help.household)
    note = text_value(note, field="note", label=Help._meta.get_field("note").verbose_name, max_length=200, required=not confirm, error=HouseholdError)
    with transaction.atomic():
        # Household first, then the help: two confirmations of one household's helps queue, so "first help of the year" is counted once.
        household = Household.objects.select_for_update().select_related("community").get(pk=help.household_id)
        locked = Help.objects.select_for_update().get(pk=help.pk)
        if locked.status != HelpStatus.RECORDED:
            raise HouseholdError("help_decided", errors.HELP_DECIDED % {"status": locked.get_status_display()}, "help")
        before = snapshot(locked)
        locked.status = HelpStatus.CONFIRMED if confirm else HelpStatus.REJECTED
        locked.decided_by, locked.decided_on, locked.note = _user(actor), clock.today(), note
        if confirm:
            rows = helped_rows_on_confirm(locked)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=household.community)
        if confirm:
            points_award(actor=actor, rider=locked.rider_id, kind="help", act=f"help:{locked.pk}",
                         reason=f"{locked.get_kind_display()} {locked.done_on}（{household.masked_name}）")
            ledger_add_many(measure=ACTS, rows=[(household.community_id, locked.done_on, 1.0, None)])
            if rows:
                ledger_add_many(measure=HELPED, rows=rows)
    return locked


def helped_rows_on_confirm(help: Help) -> list[tuple[int, dt.date, float, None]]:
    """The ledger rows that keep "households helped" right when ``help`` is confirmed: the household counts once a year,
    on the day of its first confirmed help that year (so the year's figure is distinct households)."""
    year = help.done_on.year
    first = (Help.objects.filter(household_id=help.household_id, status=HelpStatus.CONFIRMED, done_on__year=year).exclude(pk=help.pk)
             .aggregate(first=Min("done_on"))["first"])
    community = help.household.community_id
    if first is None:
        return [(community, help.done_on, 1.0, None)]
    if help.done_on < first:
        return [(community, first, -1.0, None), (community, help.done_on, 1.0, None)]
    return []
