"""Writes of secondments (借调): request, the county's decision, one extension, the return to the post.

Every check is here, so the pages and the API refuse alike: the borrowing unit is above the lending one in its county,
the dates are real and in order, the person is not already away, somebody stays at the post, and the gate's limits
(a term of at most 6 months, one extension, a total cap: county settings) hold. Each state change writes its audit
event in the same transaction; the staff seconded away is a level in the ledger (+1 the day they leave, −1 the day
they are back), counted against the lending unit and, as its issuer, the borrowing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.components import board_inputs_changed
from qingzhuang.gate.rules import GateContext, GateReport, gate_record, gate_run, rule_by_code, rule_params
from qingzhuang.ledger.services import ledger_add
from qingzhuang.lib import clock
from qingzhuang.lib.validate import clean_values, int_value, text_value
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, CommunityProfile, Person, Unit, UnitKind
from qingzhuang.secondments import errors
from qingzhuang.secondments.errors import SecondmentError
from qingzhuang.secondments.models import ExtensionStatus, Secondment, SecondmentExtension, SecondmentStatus
from qingzhuang.secondments.rules import EXTENSION, SECONDMENT, SecondmentLimitsRule, months_later

REQUEST = "secondments.request"
DECIDE = "secondments.decide"
RETURN = "secondments.return"
AWAY = "secondments.away"
BORROWER_KINDS = (UnitKind.PARTY_GOV_OFFICE, UnitKind.DEPARTMENT, UnitKind.TOWN_OFFICE)
# Counted as away (for the one-person and the somebody-stays checks): approved and not back yet, or waiting.
OPEN = (SecondmentStatus.REQUESTED, SecondmentStatus.APPROVED)
# Past any county's longest term (≤ 24 months); a number of months larger than this is refused without date arithmetic.
MONTHS_MAX = 10**30


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _date(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise SecondmentError("date_invalid", errors.DATE_INVALID, field)
    if not 2000 <= value.year <= 2099:
        raise SecondmentError("date_out_of_range", errors.DATE_OUT_OF_RANGE, field)
    return value


def _end_from(start: dt.date, end: Any, months: Any, *, field: str, county: Any) -> dt.date:
    """The end given as a date, or as a number of months after ``start`` (over the county's longest term: refused)."""
    if months in (None, ""):
        return _date(end, field)
    if end not in (None, ""):
        raise SecondmentError("months_or_end", errors.MONTHS_OR_END, "months")
    count = int_value(months, field="months", label=errors.MONTHS_LABEL, minimum=1, maximum=MONTHS_MAX, error=SecondmentError)
    enabled, params = rule_params(rule_by_code(SecondmentLimitsRule.code), county)
    longest = int(params["total_months"]) if enabled else 1200
    if count > longest:
        raise SecondmentError("term_too_long", errors.MONTHS_TOO_MANY % {"months": f"{count:,}", "max": longest}, "months")
    return _date(months_later(start, count), field)


def _gate(item: Any, kind: str, borrower: Unit, actor: Any) -> GateReport:
    report = gate_run(ctx=GateContext(item=item, item_kind=kind, issuer=borrower, county=borrower.county, today=clock.today(), actor=actor))
    if report.blocked:
        raise SecondmentError("gate_blocked", errors.GATE_BLOCKED % {"reason": "；".join(v.text() for v in report.blocking())}, "planned_end")
    return report


def _staff_on(unit: Unit, day: dt.date) -> int | None:
    profile = (CommunityProfile.objects.filter(unit=unit, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
               .order_by("-valid_from").first())
    return profile.staff if profile else None


def _availability(*, lender: Unit, name: str, start: dt.date, end: dt.date, exclude: int | None = None) -> None:
    """The person is not away already in those days, and the unit keeps at least one member of staff at the post."""
    overlapping = Secondment.objects.filter(lender=lender, status__in=OPEN, start_on__lte=end, ends_on__gte=start)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude)
    same = overlapping.filter(person_name=name).select_related("borrower").first()
    if same is not None:
        raise SecondmentError("already_away", errors.ALREADY_AWAY % {"name": name, "lender": lender.name, "start": same.start_on,
                                                                     "end": same.ends_on, "borrower": same.borrower.name}, "person_name")
    staff = _staff_on(lender, start)
    away = overlapping.filter(status=SecondmentStatus.APPROVED).count()
    if staff is not None and away + 1 >= staff:
        raise SecondmentError("no_one_left", errors.NO_ONE_LEFT % {"lender": lender.name, "staff": staff, "away": away}, "lender")


def secondment_request(
    *, actor: Any, borrower: Unit, lender: Unit, person_name: str, post: str, purpose: str, basis: str, start_on: Any,
    planned_end: Any = None, months: Any = None, person: Person | None = None,
) -> Secondment:
    """An upper-level unit asks to borrow a member of a grassroots unit's staff; the county decides.

    The end is a date or a number of months after the start; a term past the county's limit is refused by the gate
    and nothing is written."""
    if actor is not None:
        access.require(actor, REQUEST, borrower)
    if lender.kind not in GRASSROOTS_KINDS:
        raise SecondmentError("lender_not_grassroots", errors.LENDER_NOT_GRASSROOTS, "lender")
    above = (borrower.kind in BORROWER_KINDS and borrower.county_id is not None and borrower.county_id == lender.county_id
             and borrower.pk != lender.pk and (borrower.kind != UnitKind.TOWN_OFFICE or lender.path.startswith(borrower.path)))
    if not above:
        raise SecondmentError("borrower_not_above", errors.BORROWER_NOT_ABOVE % {"borrower": borrower.name, "lender": lender.name}, "borrower")
    if person is not None:
        if person.unit_id != lender.pk:
            raise SecondmentError("person_not_of_lender", errors.PERSON_NOT_OF_LENDER % {"lender": lender.name}, "person")
        person_name = person_name or person.name
    values = clean_values(Secondment, {"person_name": person_name, "post": post, "purpose": purpose, "basis": basis}, error=SecondmentError)
    start = _date(start_on, "start_on")
    end = _end_from(start, planned_end, months, field="planned_end", county=borrower.county)
    if end < start:
        raise SecondmentError("end_before_start", errors.END_BEFORE_START % {"start": start, "end": end}, "planned_end")
    secondment = Secondment(borrower=borrower, lender=lender, person=person, start_on=start, planned_end=end, ends_on=end,
                            requested_by=_user(actor), requested_on=clock.today(), **values)
    report = _gate(secondment, SECONDMENT, borrower, actor)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=lender.pk).first()  # one request at a time per lending unit
        _availability(lender=lender, name=values["person_name"], start=start, end=end)
        secondment.save()
        audit_created(actor=actor, obj=secondment, unit=lender)
        gate_record(item=secondment, report=report, actor=actor)
    return secondment


def secondment_decide(*, actor: Any, secondment: Secondment, approve: bool, note: str = "") -> Secondment:
    """The county approves (the person counts as away from the start day) or refuses with a reason."""
    if actor is not None:
        access.require(actor, DECIDE, secondment.lender)
    note = text_value(note, field="note", label=Secondment._meta.get_field("decision_note").verbose_name, max_length=2000, multiline=True,
                      required=not approve, error=SecondmentError)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=secondment.lender_id).first()
        locked = Secondment.objects.select_for_update(of=("self",)).select_related("borrower__county", "lender").get(pk=secondment.pk)
        if locked.status != SecondmentStatus.REQUESTED:
            raise SecondmentError("not_requested", errors.NOT_REQUESTED)
        before = snapshot(locked)
        if approve:
            # The county's limits may have changed since the request: the approval checks them again.
            report = _gate(locked, SECONDMENT, locked.borrower, actor)
            _availability(lender=locked.lender, name=locked.person_name, start=locked.start_on, end=locked.ends_on, exclude=locked.pk)
            locked.status = SecondmentStatus.APPROVED
            gate_record(item=locked, report=report, actor=actor)
            ledger_add(measure=AWAY, unit_id=locked.lender_id, day=locked.start_on, amount=1.0, issuer_id=locked.borrower_id)
        else:
            locked.status = SecondmentStatus.REFUSED
        locked.decided_by, locked.decided_on, locked.decision_note = _user(actor), clock.today(), note
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.lender)
    return locked


def extension_request(*, actor: Any, secondment: Secondment, reason: str, new_end: Any = None, months: Any = None) -> SecondmentExtension:
    """The borrowing unit asks to extend a secondment in force (the gate allows one extension, within the total cap)."""
    if actor is not None:
        access.require(actor, REQUEST, secondment.borrower)
    reason = text_value(reason, field="reason", label=SecondmentExtension._meta.get_field("reason").verbose_name, max_length=2000,
                        multiline=True, error=SecondmentError)
    with transaction.atomic():
        locked = Secondment.objects.select_for_update(of=("self",)).select_related("borrower__county").get(pk=secondment.pk)
        if locked.status != SecondmentStatus.APPROVED:
            raise SecondmentError("not_away", errors.NOT_AWAY)
        if locked.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
            raise SecondmentError("extension_pending", errors.EXTENSION_PENDING)
        end = _end_from(locked.ends_on, new_end, months, field="new_end", county=locked.borrower.county)
        if end <= locked.ends_on:
            raise SecondmentError("extension_not_later", errors.EXTENSION_NOT_LATER % {"new_end": end, "end": locked.ends_on}, "new_end")
        extension = SecondmentExtension(secondment=locked, new_end=end, reason=reason, requested_by=_user(actor), requested_on=clock.today())
        report = _gate(extension, EXTENSION, locked.borrower, actor)
        extension.save()
        audit_created(actor=actor, obj=extension, unit=locked.lender)
        gate_record(item=extension, report=report, actor=actor)
    return extension


def extension_decide(*, actor: Any, extension: SecondmentExtension, approve: bool, note: str = "") -> SecondmentExtension:
    """The county approves an extension (the planned end moves) or refuses it with a reason."""
    if actor is not None:
        access.require(actor, DECIDE, extension.secondment.lender)
    note = text_value(note, field="note", label=SecondmentExtension._meta.get_field("decision_note").verbose_name, max_length=2000,
                      multiline=True, required=not approve, error=SecondmentError)
    with transaction.atomic():
        secondment = Secondment.objects.select_for_update(of=("self",)).select_related("borrower__county", "lender").get(pk=extension.secondment_id)
        locked = SecondmentExtension.objects.select_for_update().get(pk=extension.pk)
        if locked.status != ExtensionStatus.REQUESTED:
            raise SecondmentError("not_requested", errors.NOT_REQUESTED)
        before = snapshot(locked)
        if approve:
            if secondment.status != SecondmentStatus.APPROVED:
                raise SecondmentError("not_away", errors.NOT_AWAY)
            locked.secondment = secondment
            report = _gate(locked, EXTENSION, secondment.borrower, actor)
            gate_record(item=locked, report=report, actor=actor)
            kept = snapshot(secondment)
            secondment.ends_on = locked.new_end
            secondment.save(update_fields=["ends_on"])
            audit_updated(actor=actor, obj=secondment, before=kept, unit=secondment.lender)
            # The staff on duty at a period's end move with the planned end: the county's cached boards are stale.
            board_inputs_changed({secondment.lender.county_id})
            locked.status = ExtensionStatus.APPROVED
        else:
            locked.status = ExtensionStatus.REFUSED
        locked.decided_by, locked.decided_on, locked.decision_note = _user(actor), clock.today(), note
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=secondment.lender)
    return locked


def secondment_return(*, actor: Any, secondment: Secondment, returned_on: Any, note: str = "") -> Secondment:
    """Record that the person is back at the post (借调结束、返岗) on a day: from then on they count as on duty."""
    if actor is not None:
        access.require(actor, RETURN, secondment)
    day = _date(returned_on, "returned_on")
    note = text_value(note, field="note", label=Secondment._meta.get_field("return_note").verbose_name, max_length=2000, multiline=True,
                      required=False, error=SecondmentError)
    if day > clock.today():
        raise SecondmentError("return_in_future", errors.RETURN_IN_FUTURE, "returned_on")
    with transaction.atomic():
        locked = Secondment.objects.select_for_update(of=("self",)).select_related("lender").get(pk=secondment.pk)
        if locked.status != SecondmentStatus.APPROVED:
            raise SecondmentError("not_away", errors.NOT_AWAY)
        if day < locked.start_on:
            raise SecondmentError("return_before_start", errors.RETURN_BEFORE_START % {"day": day, "start": locked.start_on}, "returned_on")
        before = snapshot(locked)
        locked.status, locked.returned_on, locked.return_note, locked.return_recorded_by = SecondmentStatus.RETURNED, day, note, _user(actor)
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.lender)
        ledger_add(measure=AWAY, unit_id=locked.lender_id, day=day, amount=-1.0, issuer_id=locked.borrower_id)
    return locked
