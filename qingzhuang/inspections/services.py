"""Writes of supervision, inspection and assessment (督检考): each checks the actor's right, the item's
state and the plan, changes them and records the change in the audit trail in the same transaction.

Proposal: a department proposes an item into its county's plan for the window's year. The gate runs at
once: criteria demanding traces (留痕) refuse the proposal, naming the rule and the phrase (the refused
item is kept, refused, so the county sees what was refused); overlaps and flags are shown to the county
office. While the plan takes proposals the office accepts, refuses or merges them and then files the plan
(年控: every filed item takes its slots in the caps). Proposed after the plan is filed, an item is outside
it and waits for the monthly review (月控). Only a filed item may be carried out: visits, findings,
feedback, and the ledger's receipts when it is marked carried out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.rules import GateReport, gate_check
from qingzhuang.gate.selectors import county_office
from qingzhuang.gate.services import quota_release, quota_take
from qingzhuang.inspections import errors
from qingzhuang.inspections.errors import InspectionError, InspectionInvalid
from qingzhuang.inspections.ledger import received_measure, received_rows, visit_rows
from qingzhuang.inspections.models import (
    LIVE,
    RELATED_KINDS,
    Feedback,
    Finding,
    InspectionKind,
    InspectionPlan,
    Item,
    ItemStatus,
    PlanStatus,
    TargetScope,
    Visit,
)
from qingzhuang.inspections.rules import (
    DEPARTMENT_QUOTA,
    GRASSROOTS_ASSESSMENT_QUOTA,
    KIND,
    TRACES_RULE,
    county_quota_kind,
)
from qingzhuang.inspections.selectors import (
    ON_SITE_DAYS,
    PROPOSE,
    RESPOND,
    REVIEW,
    is_grassroots_assessment,
    units_in_scope,
)
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import is_blank
from qingzhuang.lib.validate import LONG_TEXT_MAX, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit

# Bounds of what is typed: past these a typo fills the ledger.
ON_SITE_DAYS_MAX = 60
RANGES = {"on_site_days": (0, ON_SITE_DAYS_MAX), "heaviness": (1, 5), "year": (2000, 2099)}
CRITERIA_MAX = 5_000
TARGETS_MAX = 2_000


def _require(actor: Any, perm: str, unit: Any) -> None:
    if actor is not None:
        access.require(actor, perm, unit)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related("lead", "lead__county", "plan", "plan__office").get(pk=item.pk)


def _state(item: Item, *allowed: str) -> None:
    if item.status not in allowed:
        raise InspectionError("wrong_state", errors.WRONG_STATE % {"status": item.get_status_display()}, "status")


def _reason(reason: str) -> str:
    if is_blank(reason or ""):
        raise InspectionInvalid("reason_required", errors.REASON_REQUIRED, "reason")
    label = Item._meta.get_field("review_note").verbose_name
    return text_value(reason, field="reason", label=label, max_length=LONG_TEXT_MAX, multiline=True, error=InspectionInvalid)


def _trail(item: Item) -> dict[str, Any]:
    return {
        **snapshot(item),
        "targets": sorted(item.targets.values_list("pk", flat=True)),
        "partners": sorted(item.partners.values_list("pk", flat=True)),
    }


def _gate(item: Item, actor: Any) -> GateReport:
    report, _check = gate_check(item=item, item_kind=KIND, issuer=item.lead, actor=actor)
    return report


def plan_open(*, actor: Any, office: Unit, year: int) -> InspectionPlan:
    """The county's plan for ``year``, opened for proposals when it does not exist yet (audited)."""
    year = clean_values(InspectionPlan, {"year": year}, error=InspectionInvalid, ranges=RANGES)["year"]
    with transaction.atomic():
        plan, created = InspectionPlan.objects.get_or_create(office=office, year=year)
        if created:
            audit_created(actor=actor, obj=plan, unit=office)
    return plan


def _clean_item(values: dict[str, Any]) -> dict[str, Any]:
    return clean_values(Item, values, error=InspectionInvalid, ranges=RANGES, lengths={"criteria": CRITERIA_MAX})


def _resolve_targets(lead: Unit, scope: str, targets: Sequence[Unit]) -> list[Unit]:
    if scope == TargetScope.NAMED:
        found = list({u.pk: u for u in targets}.values())
        if not found:
            raise InspectionInvalid("targets_required", errors.TARGETS_REQUIRED, "targets")
        if len(found) > TARGETS_MAX or any(u.county_id != lead.county_id for u in found):
            raise InspectionInvalid("target_outside_county", errors.TARGET_OUTSIDE_COUNTY, "targets")
        return found
    found = list(units_in_scope(lead.county, scope)) if lead.county is not None else []
    if not found:
        raise InspectionInvalid("no_targets_in_scope", errors.NO_TARGETS_IN_SCOPE, "target_scope")
    return found


def _window(start: Any, end: Any) -> tuple[dt.date, dt.date]:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise InspectionInvalid("window_order", errors.WINDOW_ORDER, "window_start")
    if end < start:
        raise InspectionInvalid("window_order", errors.WINDOW_ORDER, "window_end")
    if start.year != end.year or not 2000 <= start.year <= 2099:
        raise InspectionInvalid("window_one_year", errors.WINDOW_ONE_YEAR, "window_end")
    return start, end


def item_propose(
    *,
    actor: Any,
    lead: Unit,
    kind: str,
    subject: str,
    criteria: str,
    window_start: dt.date,
    window_end: dt.date,
    target_scope: str = TargetScope.NAMED,
    targets: Sequence[Unit] = (),
    on_site: bool = True,
    one_vote_veto: bool = False,
    responsibility_contract: bool = False,
) -> Item:
    """Propose an item into the county's plan (or, once the plan is filed, for the monthly review).

    Criteria demanding traces are refused by the gate: the item is kept as refused and InspectionError
    names the rule and the phrase.
    """
    _require(actor, PROPOSE, lead)
    if lead.county_id is None:
        raise InspectionInvalid("lead_not_in_county", errors.LEAD_NOT_IN_COUNTY, "lead")
    office = county_office(lead.county)
    if office is None:
        raise InspectionInvalid("no_county_office", errors.NO_COUNTY_OFFICE, "lead")
    values = _clean_item({"kind": kind, "subject": subject, "criteria": criteria, "target_scope": target_scope})
    window_start, window_end = _window(window_start, window_end)
    units = _resolve_targets(lead, values["target_scope"], targets)
    refusal: InspectionError | None = None
    with transaction.atomic():
        plan = plan_open(actor=actor, office=office, year=window_start.year)
        plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        item = Item.objects.create(
            plan=plan, in_plan=not plan.is_filed, lead=lead, window_start=window_start, window_end=window_end,
            on_site=bool(on_site), one_vote_veto=bool(one_vote_veto), responsibility_contract=bool(responsibility_contract),
            status=ItemStatus.PROPOSED if not plan.is_filed else ItemStatus.MONTHLY_REVIEW,
            review_month=None if not plan.is_filed else window_start.replace(day=1),
            created_by=_user(actor), **values,
        )
        item.targets.set(units)
        report = _gate(item, actor)
        traces = next((v for v in report.blocking() if v.rule == TRACES_RULE), None)
        if traces is not None:
            from qingzhuang.gate.rules import rule_by_code

            message = errors.TRACES_REFUSED % {"rule": rule_by_code(TRACES_RULE).title, "phrase": traces.params.get("phrase", "")}
            item.status = ItemStatus.REFUSED
            item.refused_by_rule = TRACES_RULE
            item.review_note = str(message)
            item.save()
            refusal = InspectionError("traces_refused", message, "criteria")
            refusal.item = item  # type: ignore[attr-defined]
        audit_record(actor=actor, action="create", obj=item, changes={k: [None, v] for k, v in _trail(item).items()}, unit=lead)
    if refusal is not None:
        raise refusal
    return item


def _blocking_besides_quota(report: GateReport) -> list[str]:
    return [v.rule for v in report.blocking() if not v.rule.endswith("quota")]


def item_accept(*, actor: Any, item: Item, note: str = "") -> Item:
    """The county office accepts a proposal into the plan (not yet filed)."""
    _require(actor, REVIEW, item.plan.office)
    with transaction.atomic():
        item = _lock(item)
        _state(item, ItemStatus.PROPOSED)
        blocked = _blocking_besides_quota(_gate(item, actor))
        if blocked:
            raise InspectionError("gate_blocked", errors.GATE_BLOCKED % {"rules": "、".join(blocked)})
        before = snapshot(item)
        item.status = ItemStatus.ACCEPTED
        item.review_note = text_value(note, field="note", label=Item._meta.get_field("review_note").verbose_name, max_length=LONG_TEXT_MAX, required=False, multiline=True, error=InspectionInvalid)
        item.save()
        audit_updated(actor=actor, obj=item, before=before, unit=item.lead)
    return item


def item_refuse(*, actor: Any, item: Item, reason: str) -> Item:
    _require(actor, REVIEW, item.plan.office)
    reason = _reason(reason)
    with transaction.atomic():
        item = _lock(item)
        _state(item, ItemStatus.PROPOSED, ItemStatus.ACCEPTED, ItemStatus.MONTHLY_REVIEW)
        before = snapshot(item)
        item.status = ItemStatus.REFUSED
        item.review_note = reason
        item.save()
        audit_updated(actor=actor, obj=item, before=before, unit=item.lead, reason=reason)
    return item


def _take_slots(item: Item, actor: Any, override_reason: str = "") -> None:
    """年控: the lead department's cap, the county's cap for the kind, and for an assessment of grassroots units its own cap."""
    office = item.plan.office
    year = item.plan.year
    takes = [(item.lead, DEPARTMENT_QUOTA), (office, county_quota_kind(item.kind))]
    if is_grassroots_assessment(item):
        takes.append((office, GRASSROOTS_ASSESSMENT_QUOTA))
    for unit, quota_kind in takes:
        try:
            quota_take(actor=actor, unit=unit, year=year, kind=quota_kind, item=item, override_reason=override_reason)
        except GateError as exc:
            raise InspectionError(exc.code, f"“{item.subject}”：{exc.message}", "quota") from exc


def item_monthly_approve(*, actor: Any, item: Item, note: str = "", override_reason: str = "") -> Item:
    """月控: the county office lets an item outside the filed plan happen; it takes its slots in the caps."""
    _require(actor, REVIEW, item.plan.office)
    with transaction.atomic():
        item = _lock(item)
        _state(item, ItemStatus.MONTHLY_REVIEW)
        blocked = _blocking_besides_quota(_gate(item, actor))
        if blocked:
            raise InspectionError("gate_blocked", errors.GATE_BLOCKED % {"rules": "、".join(blocked)})
        before = snapshot(item)
        _take_slots(item, actor, override_reason)
        item.status = ItemStatus.FILED
        item.review_month = clock.today().replace(day=1)
        item.review_note = text_value(note, field="note", label=Item._meta.get_field("review_note").verbose_name, max_length=LONG_TEXT_MAX, required=False, multiline=True, error=InspectionInvalid)
        item.save()
        audit_updated(actor=actor, obj=item, before=before, unit=item.lead, reason=override_reason)
    return item


@dataclass(frozen=True)
class Decided:
    """One item of a monthly review batch: decided, or left as it was with the reason why."""

    item: Item
    done: bool
    message: str = ""


def items_monthly_decide(*, actor: Any, items: Iterable[Item], approve: bool, reason: str = "", override_reason: str = "") -> list[Decided]:
    """月控 for a month's batch: each item is approved (or refused with ``reason``) in its own transaction, so one
    item the gate blocks leaves the others decided; what was not decided says why."""
    if not approve:
        reason = _reason(reason)  # a refusal without a reason refuses nothing
    decided = []
    for item in items:
        try:
            if approve:
                item_monthly_approve(actor=actor, item=item, override_reason=override_reason)
            else:
                item_refuse(actor=actor, item=item, reason=reason)
        except (InspectionError, InspectionInvalid) as exc:
            decided.append(Decided(item, False, exc.message))
        else:
            decided.append(Decided(item, True))
    return decided


def plan_file(*, actor: Any, plan: InspectionPlan) -> InspectionPlan:
    """File the annual plan: every accepted item is filed and takes its slots; no proposal may be left undecided."""
    _require(actor, REVIEW, plan.office)
    with transaction.atomic():
        plan = InspectionPlan.objects.select_for_update().select_related("office").get(pk=plan.pk)
        if plan.is_filed:
            raise InspectionError("plan_filed", errors.PLAN_FILED % {"year": plan.year})
        waiting = plan.items.filter(status=ItemStatus.PROPOSED).count()
        if waiting:
            raise InspectionError("plan_undecided", errors.PLAN_UNDECIDED % {"count": waiting})
        for item in plan.items.filter(status=ItemStatus.ACCEPTED).select_related("lead", "plan", "plan__office").order_by("id"):
            before = snapshot(item)
            _take_slots(item, actor)
            item.status = ItemStatus.FILED
            item.save()
            audit_updated(actor=actor, obj=item, before=before, unit=item.lead)
        before = snapshot(plan)
        plan.status = PlanStatus.FILED
        plan.filed_at = timezone.now()
        plan.filed_by = _user(actor)
        plan.save()
        audit_updated(actor=actor, obj=plan, before=before, unit=plan.office)
    return plan


def _merged_kind(items: list[Item]) -> str:
    kinds = {i.kind for i in items}
    for kind in kinds:
        if not kinds <= set(RELATED_KINDS[InspectionKind(kind)]):
            raise InspectionInvalid("merge_kinds", errors.MERGE_KINDS, "items")
    if kinds == {InspectionKind.SUPERVISION}:
        return InspectionKind.SUPERVISION
    return InspectionKind.ASSESSMENT if kinds == {InspectionKind.ASSESSMENT} else InspectionKind.INSPECTION


def items_merge(*, actor: Any, items: Sequence[Item], subject: str = "") -> Item:
    """Merge overlapping items into one joint inspection (统筹): it keeps their lineage and counts once.

    The joint item is led by the department of the earliest proposal, joined by the others; it inspects
    every unit any of them named, in the span of their windows, against all their criteria. Slots the
    replaced items held are given back; a joint item of a filed plan is filed and takes one set of slots.
    """
    if len({i.pk for i in items}) < 2:
        raise InspectionInvalid("merge_two", errors.MERGE_TWO, "items")
    plans = {i.plan_id for i in items}
    if len(plans) != 1:
        raise InspectionInvalid("merge_other_plan", errors.MERGE_OTHER_PLAN, "items")
    office = items[0].plan.office
    _require(actor, REVIEW, office)
    with transaction.atomic():
        locked = [_lock(i) for i in sorted({i.pk: i for i in items}.values(), key=lambda i: i.pk)]
        for item in locked:
            _state(item, *LIVE)
            if item.visits.exists():
                _state(item, ItemStatus.CARRIED_OUT)  # raises: one already being carried out is not merged
        kind = _merged_kind(locked)
        first = min(locked, key=lambda i: (i.created, i.pk))
        plan = InspectionPlan.objects.select_for_update().get(pk=first.plan_id)
        default_subject = "联合检查：" + "；".join(i.subject for i in locked)
        values = _clean_item({"subject": subject or default_subject[:200]})
        joint = Item.objects.create(
            plan=plan, in_plan=all(i.in_plan for i in locked), lead=first.lead, kind=kind, subject=values["subject"],
            criteria="\n".join(f"【{i.lead.name}】{i.criteria}" for i in locked)[:CRITERIA_MAX],
            target_scope=TargetScope.NAMED if len({i.target_scope for i in locked}) > 1 else first.target_scope,
            window_start=min(i.window_start for i in locked), window_end=max(i.window_end for i in locked),
            on_site=any(i.on_site for i in locked), one_vote_veto=any(i.one_vote_veto for i in locked),
            responsibility_contract=any(i.responsibility_contract for i in locked),
            status=ItemStatus.FILED if plan.is_filed else ItemStatus.ACCEPTED,
            review_month=clock.today().replace(day=1) if plan.is_filed and not all(i.in_plan for i in locked) else None,
            created_by=_user(actor),
        )
        joint.targets.set({t.pk for i in locked for t in i.targets.all()})
        joint.partners.set({i.lead_id for i in locked} - {first.lead_id})
        for item in locked:
            before = snapshot(item)
            quota_release(actor=actor, item=item)
            item.status = ItemStatus.MERGED
            item.merged_into = joint
            item.save()
            audit_updated(actor=actor, obj=item, before=before, unit=item.lead)
        _gate(joint, actor)
        if joint.status == ItemStatus.FILED:
            _take_slots(joint, actor)
        audit_record(
            actor=actor, action="create", obj=joint, unit=joint.lead,
            changes={**{k: [None, v] for k, v in _trail(joint).items()}, "merged_from": [None, [i.pk for i in locked]]},
        )
    return joint


def _filed(item: Item) -> None:
    if item.status not in (ItemStatus.FILED, ItemStatus.CARRIED_OUT):
        raise InspectionError("not_filed", errors.NOT_FILED % {"subject": item.subject}, "status")


def _target(item: Item, unit: Unit, message: Any, code: str) -> None:
    if not item.targets.filter(pk=unit.pk).exists():
        raise InspectionInvalid(code, message % {"unit": unit.name} if "%(unit)s" in str(message) else message, "unit")


def visit_record(*, actor: Any, item: Item, unit: Unit, day: dt.date, inspectors: str, on_site_days: int = 1) -> Visit:
    """Record a visit to an inspected unit. An unfiled item cannot be carried out (月控 first)."""
    _require(actor, PROPOSE, item.lead)
    values = clean_values(Visit, {"inspectors": inspectors, "on_site_days": on_site_days}, error=InspectionInvalid, ranges=RANGES)
    if not isinstance(day, dt.date):
        raise InspectionInvalid("visit_day", errors.VISIT_DAY_FUTURE, "day")
    if day > clock.today():
        raise InspectionInvalid("visit_day_future", errors.VISIT_DAY_FUTURE, "day")
    with transaction.atomic():
        item = _lock(item)
        _filed(item)
        _state(item, ItemStatus.FILED)
        _target(item, unit, errors.VISIT_NOT_TARGET, "visit_not_target")
        visit = Visit.objects.create(item=item, unit=unit, day=day, **values)
        audit_created(actor=actor, obj=visit, unit=item.lead)
        if visit.on_site_days:
            ledger_add_many(measure=ON_SITE_DAYS, rows=visit_rows(visit))
    return visit


def item_carry_out(*, actor: Any, item: Item, day: dt.date | None = None) -> Item:
    """Mark a filed item carried out on ``day``: each inspected unit has received it (the ledger counts it once per unit)."""
    _require(actor, PROPOSE, item.lead)
    with transaction.atomic():
        item = _lock(item)
        _filed(item)
        _state(item, ItemStatus.FILED)
        last_visit = item.visits.order_by("-day").values_list("day", flat=True).first()
        if item.on_site and last_visit is None:
            raise InspectionError("carry_out_no_visit", errors.CARRY_OUT_NO_VISIT, "visits")
        day = day or last_visit or clock.today()
        if not isinstance(day, dt.date) or day > clock.today():
            raise InspectionInvalid("visit_day_future", errors.VISIT_DAY_FUTURE, "day")
        before = snapshot(item)
        item.status = ItemStatus.CARRIED_OUT
        item.carried_out_on = day
        item.save()
        audit_updated(actor=actor, obj=item, before=before, unit=item.lead)
        ledger_add_many(measure=received_measure(item), rows=received_rows(item))
    return item


def finding_add(*, actor: Any, item: Item, unit: Unit, kind: str, text: str) -> Finding:
    _require(actor, PROPOSE, item.lead)
    values = clean_values(Finding, {"kind": kind, "text": text}, error=InspectionInvalid)
    with transaction.atomic():
        item = _lock(item)
        _filed(item)
        _target(item, unit, errors.VISIT_NOT_TARGET, "finding_not_target")
        finding = Finding.objects.create(item=item, unit=unit, **values)
        audit_created(actor=actor, obj=finding, unit=unit)
    return finding


def finding_respond(*, actor: Any, finding: Finding, response: str) -> Finding:
    """The inspected unit answers a finding (what it did about the problem, or what it makes of the advice)."""
    _require(actor, RESPOND, finding.unit)
    if is_blank(response or ""):
        raise InspectionInvalid("response_required", errors.RESPONSE_REQUIRED, "response")
    response = clean_values(Finding, {"response": response}, error=InspectionInvalid)["response"]
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        before = snapshot(finding)
        finding.response = response
        finding.responded_at = timezone.now()
        finding.save()
        audit_updated(actor=actor, obj=finding, before=before, unit=finding.unit)
    return finding


def feedback_give(*, actor: Any, item: Item, unit: Unit, heaviness: int, comment: str = "") -> Feedback:
    """The inspected unit says how heavy the item was for it (once; giving it again replaces it, audited)."""
    _require(actor, RESPOND, unit)
    values = clean_values(Feedback, {"heaviness": heaviness, "comment": comment}, error=InspectionInvalid, ranges=RANGES)
    if not item.targets.filter(pk=unit.pk).exists():
        raise InspectionInvalid("feedback_not_target", errors.FEEDBACK_NOT_TARGET, "unit")
    with transaction.atomic():
        item = _lock(item)
        _filed(item)
        existing = Feedback.objects.select_for_update().filter(item=item, unit=unit).first()
        if existing is None:
            feedback = Feedback.objects.create(item=item, unit=unit, **values)
            audit_created(actor=actor, obj=feedback, unit=unit)
            return feedback
        before = snapshot(existing)
        existing.heaviness, existing.comment = values["heaviness"], values["comment"]
        existing.save()
        audit_updated(actor=actor, obj=existing, before=before, unit=unit)
    return existing
