"""Writes of the community's voice: sign for an item, report a burden problem on it, answer the report.

Each checks the actor's scope through ``qingzhuang.org.access`` and writes its audit event in the same
transaction; a report counts once in the ledger (measure ``feedback.reports``) for the reporting unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from qingzhuang.audit.services import audit_created, audit_updated, snapshot
from qingzhuang.cases.models import Case, Source
from qingzhuang.cases.services import case_raise
from qingzhuang.feedback import errors
from qingzhuang.feedback.errors import FeedbackError
from qingzhuang.feedback.models import ItemType, ProblemKind, Receipt, Report, ReportStatus
from qingzhuang.feedback.selectors import item_issuer, received_item
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib.validate import clean_values
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS

SIGN = "feedback.sign"
REPORT = "feedback.report"
ANSWER = "feedback.answer"
MEASURE = "feedback.reports"


def _item_for(unit: Any, item_type: str, item_id: int) -> Model:
    if unit.kind not in GRASSROOTS_KINDS:
        raise FeedbackError("not_grassroots", errors.NOT_GRASSROOTS, "unit")
    item = received_item(unit=unit, item_type=item_type, item_id=item_id)
    if item is None:
        raise FeedbackError("not_received", errors.NOT_RECEIVED, "item")
    return item


def receipt_sign(*, actor: Any, unit: Any, item_type: str, item_id: int) -> Receipt:
    """Sign for an item the unit received (签收); signing twice keeps the first signature."""
    if actor is not None:
        access.require(actor, SIGN, unit)
    _item_for(unit, item_type, item_id)
    with transaction.atomic():
        receipt, created = Receipt.objects.get_or_create(
            unit=unit, item_type=item_type, item_id=item_id,
            defaults={"signed_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        if created:
            audit_created(actor=actor, obj=receipt, unit=unit)
    return receipt


def report_create(*, actor: Any, unit: Any, item_type: str, item_id: int, kind: str, text: str) -> Report:
    """Report a burden problem on an item the unit received, to the county office."""
    if actor is not None:
        access.require(actor, REPORT, unit)
    if item_type not in ItemType.values:
        raise FeedbackError("not_received", errors.NOT_RECEIVED, "item")
    item = _item_for(unit, item_type, item_id)
    values = clean_values(Report, {"kind": kind, "text": text}, error=FeedbackError)
    if values["kind"] not in ProblemKind.values:
        raise FeedbackError("kind_unknown", errors.KIND_UNKNOWN, "kind")
    title = str(getattr(item, "title", None) or getattr(item, "topic", ""))[:200]
    with transaction.atomic():
        report = Report.objects.create(
            unit=unit, item_type=item_type, item_id=item_id, item_title=title, issuer=item_issuer(item),
            kind=values["kind"], text=values["text"], reported_on=timezone.localdate(), reported_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_created(actor=actor, obj=report, unit=unit)
        ledger_add_many(measure=MEASURE, rows=[(unit.pk, report.reported_on, 1.0, report.issuer_id)])
    return report


def report_answer(*, actor: Any, report: Report, accepted: bool, reply: str) -> Report:
    """The county office accepts or rejects a report, with a reply the community reads."""
    if actor is not None:
        access.require(actor, ANSWER, report.unit)
    values = clean_values(Report, {"reply": reply}, error=FeedbackError, optional=())
    if not values["reply"]:
        raise FeedbackError("reply_blank", errors.REPLY_BLANK, "reply")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.OPEN:
            raise FeedbackError("already_answered", errors.ALREADY_ANSWERED)
        before = snapshot(locked)
        locked.status = ReportStatus.ACCEPTED if accepted else ReportStatus.REJECTED
        locked.reply = values["reply"]
        locked.answered_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.answered_at = timezone.now()
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return locked


def report_raise_case(
    *, actor: Any, report: Report, title: Any, description: Any, category: Any, urgency: Any = "general", location: Any = "",
    beyond_power: bool = False, beyond_ability: bool = False, photos: Any = (), now: dt.datetime | None = None,
) -> Case:
    """Raise a burden report as a case when the problem needs a department to solve it, not only the gate: through the
    cases' one entry point, by the community (its permission to raise cases is checked there); the report then shows
    the case and its state."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.case_id is not None:
            raise FeedbackError("already_case", errors.ALREADY_CASE % {"case": locked.case_id})
        case = case_raise(actor=actor, community=locked.unit, title=title, description=description, category=category, urgency=urgency,
                          location=location, beyond_power=beyond_power, beyond_ability=beyond_ability, source=Source.BURDEN_REPORT,
                          source_ref=f"feedback.Report:{locked.pk}", photos=photos, now=now)
        before = snapshot(locked)
        locked.case = case
        locked.save(update_fields=["case"])
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
    return case
