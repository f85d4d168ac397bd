"""Writes of the documents domain: drafting, the review's decisions, issuing and withdrawing.

Every change checks the actor's permission on the issuing unit, locks the document row, checks
the state machine, writes a DocumentEvent and the audit row in the same transaction. The quota
is taken at approval (and again, idempotently, at issue) under the quota row's lock, so the last
slot of a quota goes to exactly one document. A document has one quota year, the year of its date
(``dated``), decided when it is drafted: approval and issue take the slot of that year; a date moved
into another year (edited, or issued on a day of another year) moves the slot with it (``quota_move``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.documents import errors
from qingzhuang.documents.duplicates import fingerprint_bytes, index_add, index_remove
from qingzhuang.documents.errors import DocumentError, DocumentInvalid
from qingzhuang.documents.extract import text_from_upload
from qingzhuang.documents.models import (
    EDITABLE,
    UNDER_REVIEW,
    Document,
    DocumentEvent,
    DocumentKind,
    DocumentPlan,
    ExplanationStatus,
    PlanLine,
    Status,
    fill_quota_year,
)
from qingzhuang.documents.rules import DRAFTER_FIXABLE, ITEM_KIND, QUOTA_KIND
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, GateReport, gate_check, gate_record, gate_run
from qingzhuang.gate.services import quota_move, quota_release, quota_take
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import count_zi, is_blank
from qingzhuang.lib.validate import LONG_TEXT_MAX, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit

RECEIVED = "documents.received"
CHARS_RECEIVED = "documents.chars_received"
QUOTA_RULE = "document.quota"
# Blocks these rules raise are settled elsewhere: the quota by an override at approval, only-reduce
# by the written explanation before issuing.
NOT_BLOCKING_APPROVAL = {QUOTA_RULE, "document.only_reduce"}


def _require(actor: Any, perms: Sequence[str], unit: Unit) -> None:
    """A service called by the system (actor None: demo, imports) is trusted; a person needs one of perms."""
    if actor is None:
        return
    if not any(access.can(actor, perm, unit) for perm in perms):
        access.require(actor, perms[0], unit)


def _by(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().select_related("issuer").get(pk=document.pk)


def _event(document: Document, *, actor: Any, action: str, before: str, reason: str = "", data: dict[str, Any] | None = None) -> None:
    DocumentEvent.objects.create(
        document=document, by=_by(actor), action=action, from_status=before, to_status=document.status, reason=reason, data=data or {}
    )


def _expect(document: Document, allowed: Iterable[str]) -> None:
    if document.status not in tuple(allowed):
        raise DocumentError("wrong_status", errors.WRONG_STATUS % {"status": Status(document.status).label}, "status")


def _move(
    document: Document, *, actor: Any, action: str, to: str, reason: str = "", data: dict[str, Any] | None = None, **fields: Any
) -> None:
    before = snapshot(document)
    from_status = document.status
    document.status = to
    for name, value in fields.items():
        setattr(document, name, value)
    document.save()
    _event(document, actor=actor, action=action, before=from_status, reason=reason, data=data)
    audit_updated(actor=actor, obj=document, before=before, unit=document.issuer, reason=reason)


def _clean_recipients(issuer: Unit, recipients: Iterable[Unit]) -> list[Unit]:
    units = list(recipients)
    for unit in units:
        if unit.kind not in GRASSROOTS_KINDS or (issuer.county_id and unit.county_id != issuer.county_id):
            raise DocumentInvalid("recipient_not_below", errors.RECIPIENT_NOT_BELOW % {"unit": unit.name}, "recipients")
        if not unit.is_active:
            # A deactivated unit receives nothing new; what it received before stays in its ledger.
            raise DocumentInvalid("recipient_inactive", errors.RECIPIENT_INACTIVE % {"unit": unit.name}, "recipients")
    return units


def _clean_dated(dated: Any) -> dt.date:
    """A document date: a real day of 2000–2099 (its year is a quota year)."""
    if isinstance(dated, str):
        try:
            dated = dt.date.fromisoformat(dated.strip())
        except ValueError:
            raise DocumentInvalid("date_invalid", errors.DATE_INVALID, "dated") from None
    if isinstance(dated, dt.datetime) or not isinstance(dated, dt.date) or not 2000 <= dated.year <= 2099:
        raise DocumentInvalid("date_invalid", errors.DATE_INVALID, "dated")
    return dated


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Typed values as stored, or DocumentInvalid naming the field (length, blank, choices, NUL, ranges)."""
    return clean_values(
        Document, values, error=DocumentInvalid, lengths={"text": settings.QZ_UPLOAD_TEXT_MAX_CHARS}, optional=("text",)
    )


def _reason(reason: str, field: str = "reason", label: Any = None) -> str:
    if is_blank(reason or ""):
        raise DocumentInvalid("reason_required", errors.REASON_REQUIRED, field)
    return text_value(reason, field=field, label=label or _("reason"), max_length=LONG_TEXT_MAX, multiline=True, error=DocumentInvalid)


def _text_and_source(text: str, upload: tuple[str, bytes] | None) -> tuple[str, str]:
    if upload is not None:
        name, data = upload
        return text_from_upload(name=name, data=data), name[:200]
    return _clean({"text": text})["text"], ""


def document_create(
    *,
    actor: Any,
    issuer: Unit,
    title: str,
    text: str = "",
    kind: str = DocumentKind.RED_HEAD,
    recipients: Iterable[Unit] = (),
    demands_reports_back: bool = False,
    is_task_deployment: bool = False,
    plan_line: PlanLine | None = None,
    number: str = "",
    upload: tuple[str, bytes] | None = None,
    dated: dt.date | str | None = None,
) -> Document:
    """Draft a document. ``dated``: the day it is meant to go out (default today); its year is the quota year."""
    _require(actor, ["documents.draft"], issuer)
    if is_blank(title or ""):
        raise DocumentInvalid("title_required", errors.TITLE_REQUIRED, "title")
    title, kind, number = _clean({"title": title, "kind": kind, "number": number}).values()
    day = _clean_dated(dated) if dated is not None else clock.today()
    body, source = _text_and_source(text, upload)
    units = _clean_recipients(issuer, recipients)
    with transaction.atomic():
        if plan_line is not None:
            plan_line = PlanLine.objects.select_for_update().select_related("plan").get(pk=plan_line.pk)
            _check_plan_line(plan_line, issuer, None)
        document = Document.objects.create(
            issuer=issuer, title=title.strip(), text=body, chars=count_zi(body), kind=DocumentKind(kind),
            demands_reports_back=demands_reports_back, is_task_deployment=is_task_deployment, plan_line=plan_line,
            number=number.strip(), source_file=source, fingerprint=fingerprint_bytes(body), created_by=_by(actor),
            dated=day,
        )
        document.recipients.set(units)
        _event(document, actor=actor, action="create", before="")
        audit_created(actor=actor, obj=document, unit=issuer)
    return document


def _check_plan_line(line: PlanLine, issuer: Unit, document: Document | None) -> None:
    if line.plan.unit_id != issuer.pk:
        raise DocumentInvalid("plan_line_other_unit", errors.PLAN_LINE_OTHER_UNIT, "plan_line")
    used = Document.objects.filter(plan_line=line)
    if document is not None:
        used = used.exclude(pk=document.pk)
    if used.exists():
        raise DocumentInvalid("plan_line_used", errors.PLAN_LINE_USED, "plan_line")


# The explanation is not among them: it is filed with document_explain, which sends it to the county office.
UPDATABLE = {"title", "text", "kind", "demands_reports_back", "is_task_deployment", "number", "dated"}


def document_update(
    *, actor: Any, document: Document, recipients: Iterable[Unit] | None = None, upload: tuple[str, bytes] | None = None,
    plan_line: PlanLine | None = None, **fields: Any,
) -> Document:
    _require(actor, ["documents.draft"], document.issuer)
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise TypeError(f"document_update got unknown fields {sorted(unknown)}")
    if upload is not None:
        fields["text"], source = _text_and_source("", upload)
    else:
        source = None
    if "title" in fields and is_blank(str(fields["title"])):
        raise DocumentInvalid("title_required", errors.TITLE_REQUIRED, "title")
    fields.update(_clean(fields))
    units = _clean_recipients(document.issuer, recipients) if recipients is not None else None
    if "dated" in fields:
        fields["dated"] = _clean_dated(fields["dated"])
    with transaction.atomic():
        doc = _locked(document)
        if doc.status not in EDITABLE:
            raise DocumentError("not_editable", errors.NOT_EDITABLE, "status")
        before = snapshot(doc)
        for name, value in fields.items():
            setattr(doc, name, value.strip() if isinstance(value, str) else value)
        if source is not None:
            doc.source_file = source[:200]
        if plan_line is not None:
            line = PlanLine.objects.select_related("plan").get(pk=plan_line.pk)
            _check_plan_line(line, doc.issuer, doc)
            doc.plan_line = line
        if "text" in fields:
            doc.chars = count_zi(doc.text)
            doc.fingerprint = fingerprint_bytes(doc.text)
        if "dated" in fields:
            _move_quota_year(doc, actor=actor)
        doc.save()
        if units is not None:
            doc.recipients.set(units)
        audit_updated(actor=actor, obj=doc, before=before, unit=doc.issuer)
    return doc


def _move_quota_year(doc: Document, *, actor: Any) -> None:
    """The document's date decides its quota year: a date in another year moves the year and any slot it holds."""
    if doc.dated.year != doc.quota_year:
        doc.quota_year = doc.dated.year
        quota_move(actor=actor, unit=doc.issuer, year=doc.quota_year, kind=QUOTA_KIND, item=doc)


def document_check(*, actor: Any, document: Document, today: dt.date | None = None) -> GateReport:
    """Run the gate for a document and store what it said (shown to the reviewer)."""
    report, _check = gate_check(item=document, item_kind=ITEM_KIND, issuer=document.issuer, actor=actor, today=today)
    return report


PREVIEWED = ("text", "kind", "demands_reports_back", "is_task_deployment", "dated")


def document_preview(*, actor: Any, issuer: Unit | None = None, document: Document | None = None, **values: Any) -> GateReport:
    """Run the gate on a draft as it is being typed, storing nothing (no verdict, no audit row, no quota slot).

    ``document``: the draft being edited (its issuer, explanation and date count); otherwise a new draft of
    ``issuer``. ``values``: the form's fields as typed. The actor needs the right to draft for the issuer.
    """
    if document is not None:
        issuer = document.issuer
    if issuer is None:
        raise TypeError("document_preview needs an issuer or a document")
    _require(actor, ["documents.draft"], issuer)
    unknown = set(values) - set(PREVIEWED)
    if unknown:
        raise TypeError(f"document_preview got unknown fields {sorted(unknown)}")
    clean = _clean({k: v for k, v in values.items() if k in ("text", "kind")})
    item = Document(
        pk=document.pk if document else None, issuer=issuer,
        text=clean.get("text", document.text if document else ""),
        kind=clean.get("kind", document.kind if document else DocumentKind.RED_HEAD),
        demands_reports_back=bool(values.get("demands_reports_back", document.demands_reports_back if document else False)),
        is_task_deployment=bool(values.get("is_task_deployment", document.is_task_deployment if document else False)),
        dated=_clean_dated(values["dated"]) if values.get("dated") else (document.dated if document else clock.today()),
    )
    if document is not None:
        _copy_explanation_state(document, item)
    fill_quota_year(item)
    if document is not None and item.dated.year == document.dated.year:
        item.quota_year = document.quota_year
    return gate_run(ctx=GateContext(item=item, item_kind=ITEM_KIND, issuer=issuer, county=issuer.county, today=clock.today(), actor=actor))


def _copy_explanation_state(source: Document, target: Document) -> None:
    for name in ("explanation", "explanation_status", "explanation_reply"):
        setattr(target, name, getattr(source, name))


def _fix_length(v: Any) -> str:
    return str(errors.FIX_LENGTH % {k: f"{v.params.get(k, 0):,}" for k in ("chars", "over", "limit")})


def _fix_reply_demand(v: Any) -> str:
    return str(errors.FIX_REPLY_DEMAND)


DRAFTER_FIXES: dict[str, Callable[[Any], str]] = {"document.length": _fix_length, "document.reply_demand": _fix_reply_demand}


def drafter_fixes(report: GateReport) -> list[str]:
    """What the drafter must change before the draft may be submitted, in words (empty: nothing)."""
    return [DRAFTER_FIXES[v.rule](v) for v in report.blocking() if v.rule in DRAFTER_FIXABLE]


def document_submit(*, actor: Any, document: Document) -> Document:
    """Submit for the necessity review. A block the drafter can fix (too long…) refuses it, writing nothing."""
    _require(actor, ["documents.submit"], document.issuer)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, EDITABLE)
        if not doc.text.strip():
            raise DocumentInvalid("text_required", errors.TEXT_REQUIRED, "text")
        if not doc.recipients.exists():
            raise DocumentInvalid("recipients_required", errors.RECIPIENTS_REQUIRED, "recipients")
        ctx = GateContext(item=doc, item_kind=ITEM_KIND, issuer=doc.issuer, county=doc.issuer.county, today=clock.today(), actor=actor)
        report = gate_run(ctx=ctx)
        fixes = drafter_fixes(report)
        if fixes:
            raise GateError("fix_before_submit", errors.FIX_BEFORE_SUBMIT % {"problems": "；".join(fixes)}, "text")
        _move(doc, actor=actor, action="submit", to=Status.SUBMITTED)
        gate_record(item=doc, report=report, actor=actor)
        # From now on the county's other drafts are compared with it (two departments, one notice).
        # Upper-level drafts wait until issued: every county sees those.
        if doc.issuer.county_id:
            index_add(doc)
    return doc


def document_review_start(*, actor: Any, document: Document) -> Document:
    _require(actor, ["documents.review"], document.issuer)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, [Status.SUBMITTED])
        _move(doc, actor=actor, action="review_start", to=Status.IN_REVIEW)
        document_check(actor=actor, document=doc)
    return doc


def _blocking_except_quota(report: GateReport) -> list[str]:
    return [v.rule for v in report.blocking() if v.rule not in NOT_BLOCKING_APPROVAL]


def _rule_titles(codes: list[str]) -> str:
    from qingzhuang.gate.rules import rule_by_code

    return "、".join(str(rule_by_code(c).title) for c in codes)


def document_approve(*, actor: Any, document: Document, override_reason: str = "") -> Document:
    """Approve after the gate: any block but the quota's refuses; a red quota needs an authorised override."""
    _require(actor, ["documents.review"], document.issuer)
    doc = Document.objects.select_related("issuer").get(pk=document.pk)
    _expect(doc, UNDER_REVIEW)
    report = document_check(actor=actor, document=doc)
    blocking = _blocking_except_quota(report)
    if blocking:
        raise GateError("gate_blocked", errors.GATE_BLOCKED % {"rules": _rule_titles(blocking)})
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, UNDER_REVIEW)
        use = quota_take(actor=actor, unit=doc.issuer, year=doc.quota_year, kind=QUOTA_KIND, item=doc, override_reason=override_reason)
        data = {"gate": str(report.outcome)}
        if use is not None and use.override_reason:
            data["override"] = use.override_reason
        _move(doc, actor=actor, action="approve", to=Status.APPROVED, reason=override_reason.strip(), data=data)
    return doc


def document_return(*, actor: Any, document: Document, reason: str) -> Document:
    return _decide(actor=actor, document=document, action="return", to=Status.RETURNED, reason=reason)


def document_reject(*, actor: Any, document: Document, reason: str) -> Document:
    return _decide(actor=actor, document=document, action="reject", to=Status.REJECTED, reason=reason)


def _decide(*, actor: Any, document: Document, action: str, to: str, reason: str) -> Document:
    _require(actor, ["documents.review"], document.issuer)
    reason = _reason(reason)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, UNDER_REVIEW)
        _move(doc, actor=actor, action=action, to=to, reason=reason.strip())
        index_remove(doc)  # returned: back with its drafter (indexed again on resubmission); rejected: gone
    return doc


def document_merge(*, actor: Any, document: Document, into: Document, reason: str) -> Document:
    """Merge a document into another one (合并发文): it stops counting; if it was issued, the ledger takes it back."""
    _require(actor, ["documents.review"], document.issuer)
    reason = _reason(reason)
    bad_target = (
        into.pk == document.pk
        or into.status in (Status.MERGED, Status.REJECTED, Status.WITHDRAWN)
        or into.issuer.county_id != document.issuer.county_id
    )
    if bad_target:
        raise DocumentInvalid("merge_target", errors.MERGE_TARGET, "into")
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, [*UNDER_REVIEW, Status.APPROVED, Status.ISSUED])
        was_issued = doc.status == Status.ISSUED
        quota_release(actor=actor, item=doc)
        if was_issued:
            _ledger(doc, sign=-1)
        index_remove(doc)
        _move(doc, actor=actor, action="merge", to=Status.MERGED, reason=reason.strip(), data={"into": into.pk}, merged_into=into)
        _merged_in(actor=actor, target=into, merged=doc, reason=reason.strip())
    return doc


def _merged_in(*, actor: Any, target: Document, merged: Document, reason: str) -> None:
    """The surviving document records what was merged into it; while it is not issued it also takes
    the merged one's recipients, so no community the merged draft addressed is forgotten."""
    into = _locked(target)
    added: list[int] = []
    if into.status in (*EDITABLE, *UNDER_REVIEW, Status.APPROVED):
        have = set(into.recipients.values_list("pk", flat=True))
        added = [pk for pk in merged.recipients.filter(is_active=True).values_list("pk", flat=True) if pk not in have]
        if added:
            into.recipients.add(*added)
    data = {"from": merged.pk, "from_title": merged.title, "from_issuer": merged.issuer.name, "recipients_added": added}
    _event(into, actor=actor, action="merged_in", before=into.status, reason=reason, data=data)
    audit_record(
        actor=actor, action="update", obj=into, unit=into.issuer, reason=reason,
        changes={"merged_from": [None, merged.pk], "recipients": [None, added] if added else [None, []]},
    )


EXPLAINABLE = (*EDITABLE, *UNDER_REVIEW, Status.APPROVED)

MSG_NOTICE_EXPLAINED = gettext_noop("%(unit)s filed a 只减不增 explanation for “%(title)s”: accept it or return it.")
MSG_NOTICE_ACCEPTED = gettext_noop("The county office accepted the 只减不增 explanation for “%(title)s”: it may be issued once approved.")
MSG_NOTICE_RETURNED = gettext_noop("The county office returned the 只减不增 explanation for “%(title)s”: %(reply)s")


def _notify_after_commit(*, units: Iterable[Unit], message: str, document: Document, level: str, url: str, **params: Any) -> None:
    """In-app notices once the change is committed (a rolled-back decision tells no one)."""
    from qingzhuang.gate.models import Notice

    payload = {"title": document.title, "unit": document.issuer.name, "document_id": document.pk, **params}
    targets = [u.pk for u in units]

    def send() -> None:
        Notice.objects.bulk_create([Notice(unit_id=pk, level=level, message=message, params=payload, url=url) for pk in targets])

    transaction.on_commit(send)


def _county_offices(doc: Document) -> list[Unit]:
    from qingzhuang.org.models import UnitKind

    if not doc.issuer.county_id:
        return []
    return list(Unit.objects.filter(county_id=doc.issuer.county_id, kind=UnitKind.PARTY_GOV_OFFICE, is_active=True).exclude(pk=doc.issuer_id))


def document_explain(*, actor: Any, document: Document, explanation: str) -> Document:
    """File the written explanation 只减不增 asks for when a unit issues more than last year; the county office reviews it."""
    from django.urls import reverse

    _require(actor, ["documents.submit", "documents.draft"], document.issuer)
    explanation = _reason(explanation, "explanation", Document._meta.get_field("explanation").verbose_name)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, EXPLAINABLE)
        before = snapshot(doc)
        doc.explanation = explanation.strip()
        doc.explanation_status = ExplanationStatus.PENDING
        doc.explanation_reply = ""
        doc.save()
        _event(doc, actor=actor, action="explain", before=doc.status, reason=doc.explanation)
        audit_updated(actor=actor, obj=doc, before=before, unit=doc.issuer)
        _notify_after_commit(units=_county_offices(doc), message=MSG_NOTICE_EXPLAINED, document=doc, level="warning",
                             url=reverse("documents:review", args=[doc.pk]) + "#explanation")
    return doc


def document_explanation_accept(*, actor: Any, document: Document, reply: str = "") -> Document:
    """The county office accepts a 只减不增 explanation: the document may be issued (once approved)."""
    reply = text_value(reply, field="reply", label=pgettext_lazy("explanation", "note"), max_length=LONG_TEXT_MAX, required=False, multiline=True, error=DocumentInvalid)
    return _explanation_decide(actor=actor, document=document, accepted=True, reply=reply)


def document_explanation_return(*, actor: Any, document: Document, reason: str) -> Document:
    """The county office returns a 只减不增 explanation with its reasons: the drafter revises it and files it again."""
    return _explanation_decide(actor=actor, document=document, accepted=False, reply=_reason(reason))


def _explanation_decide(*, actor: Any, document: Document, accepted: bool, reply: str) -> Document:
    from django.urls import reverse

    _require(actor, ["documents.review"], document.issuer)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, EXPLAINABLE)
        if doc.explanation_status != ExplanationStatus.PENDING:
            raise DocumentError("explanation_not_pending", errors.EXPLANATION_NOT_PENDING, "explanation")
        before = snapshot(doc)
        doc.explanation_status = ExplanationStatus.ACCEPTED if accepted else ExplanationStatus.RETURNED
        doc.explanation_reply = reply.strip()
        doc.save()
        _event(doc, actor=actor, action="explanation_accept" if accepted else "explanation_return", before=doc.status,
               reason=doc.explanation_reply, data={"explanation": doc.explanation})
        audit_updated(actor=actor, obj=doc, before=before, unit=doc.issuer, reason=doc.explanation_reply)
        _notify_after_commit(
            units=[doc.issuer], message=MSG_NOTICE_ACCEPTED if accepted else MSG_NOTICE_RETURNED, document=doc,
            level="info" if accepted else "warning", url=reverse("documents:detail", args=[doc.pk]), reply=doc.explanation_reply,
        )
    return doc


def _require_accepted_explanation(doc: Document, day: dt.date) -> None:
    """只减不增: the document that takes a unit past last year's count needs an explanation the county office accepted."""
    from qingzhuang.documents.rules import issued_counts

    this_year, last_year = issued_counts(doc.issuer, day.year, exclude=doc.pk)
    if this_year + 1 <= last_year or (doc.explanation.strip() and doc.explanation_status == ExplanationStatus.ACCEPTED):
        return
    params = {"unit": doc.issuer.name, "count": this_year, "last": last_year, "reply": doc.explanation_reply}
    if doc.explanation.strip() and doc.explanation_status == ExplanationStatus.PENDING:
        raise GateError("explanation_pending", errors.EXPLANATION_PENDING % params, "explanation")
    if doc.explanation.strip() and doc.explanation_status == ExplanationStatus.RETURNED:
        raise GateError("explanation_returned", errors.EXPLANATION_RETURNED % params, "explanation")
    raise GateError("explanation_required", errors.EXPLANATION_REQUIRED % params, "explanation")


def document_issue(*, actor: Any, document: Document, issued_on: dt.date | None = None, override_reason: str = "") -> Document:
    """Issue an approved document: only-reduce is enforced, the quota held, the archive and the ledger fed,
    and the gate's verdicts at issue recorded (the issued page shows those, not the blocks settled before)."""
    _require(actor, ["documents.submit", "documents.review"], document.issuer)
    day = issued_on or clock.today()
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, [Status.APPROVED])
        _require_accepted_explanation(doc, day)
        # The issue date becomes the document's date: issued on a day of another year, it moves to that
        # year's quota (the slot taken at approval is given back, both audited).
        quota_move(actor=actor, unit=doc.issuer, year=day.year, kind=QUOTA_KIND, item=doc, override_reason=override_reason, take=True)
        data = {"quota_year": [doc.quota_year, day.year]} if doc.quota_year != day.year else None
        _move(doc, actor=actor, action="issue", to=Status.ISSUED, issued_on=day, dated=day, quota_year=day.year, data=data)
        index_add(doc)
        _ledger(doc, sign=1)
        document_check(actor=actor, document=doc, today=day)
    return doc


def document_withdraw(*, actor: Any, document: Document, reason: str) -> Document:
    """Withdraw an approved or issued document: its quota slot comes back and the ledger takes it back."""
    _require(actor, ["documents.submit", "documents.review"], document.issuer)
    reason = _reason(reason)
    with transaction.atomic():
        doc = _locked(document)
        _expect(doc, [Status.APPROVED, Status.ISSUED, *UNDER_REVIEW])
        if doc.status == Status.ISSUED:
            _ledger(doc, sign=-1)
        index_remove(doc)
        quota_release(actor=actor, item=doc)
        _move(doc, actor=actor, action="withdraw", to=Status.WITHDRAWN, reason=reason.strip())
    return doc


def _ledger(doc: Document, *, sign: int) -> None:
    from qingzhuang.ledger.services import ledger_add_many

    assert doc.issued_on is not None
    recipients = list(doc.recipients.filter(kind__in=GRASSROOTS_KINDS).values_list("pk", flat=True))
    ledger_add_many(measure=RECEIVED, rows=[(pk, doc.issued_on, float(sign), doc.issuer_id) for pk in recipients])
    ledger_add_many(measure=CHARS_RECEIVED, rows=[(pk, doc.issued_on, float(sign * doc.chars), doc.issuer_id) for pk in recipients])


# --- plans (计划管理, 发文立项) ------------------------------------------------------------


def plan_line_add(
    *, actor: Any, unit: Unit, year: int, title: str, is_task_deployment: bool = False, planned_month: int | None = None, reason: str = ""
) -> PlanLine:
    _require(actor, ["documents.draft", "documents.plan"], unit)
    if is_blank(title or ""):
        raise DocumentInvalid("title_required", errors.TITLE_REQUIRED, "title")
    title, reason, planned_month = clean_values(
        PlanLine, {"title": title, "reason": reason, "planned_month": planned_month}, error=DocumentInvalid, ranges={"planned_month": (1, 12)}
    ).values()
    year = clean_values(DocumentPlan, {"year": year}, error=DocumentInvalid, ranges={"year": (2000, 2099)})["year"]
    with transaction.atomic():
        plan, created = DocumentPlan.objects.get_or_create(unit=unit, year=year)
        if created:
            audit_created(actor=actor, obj=plan, unit=unit)
        if plan.lines.filter(title=title.strip()).exists():
            raise DocumentInvalid("plan_exists", errors.PLAN_EXISTS, "title")
        line = PlanLine.objects.create(
            plan=plan, title=title.strip(), is_task_deployment=is_task_deployment, planned_month=planned_month, reason=reason.strip()
        )
        audit_record(actor=actor, action="create", obj=line, unit=unit, changes={"title": [None, line.title], "plan": [None, plan.pk]})
    return line


def gate_summary(report: GateReport) -> list[dict[str, Any]]:
    return [{"rule": v.rule, "outcome": str(v.outcome), "text": v.text()} for v in report.verdicts if v.outcome != Outcome.PASS]

