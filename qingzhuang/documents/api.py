"""The documents API: a department's own system drafts and submits documents, and reads their status and
the gate's verdicts. Errors have the project's one shape ({"error": {"code", "message", "fields"}})."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from qingzhuang.documents import selectors, services
from qingzhuang.documents.models import Document, DocumentKind, PlanLine
from qingzhuang.gate.schemas import VerdictOut
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.org import access
from qingzhuang.org.models import Unit

router = Router()


class DocumentOut(Schema):
    id: int
    issuer_id: int
    issuer_name: str
    title: str
    kind: str
    status: str
    chars: int
    recipient_ids: list[int]
    demands_reports_back: bool
    is_task_deployment: bool
    issued_on: str | None
    dated: str
    quota_year: int
    merged_into_id: int | None
    explanation: str
    explanation_status: str  # "", "pending", "accepted" or "returned": 只减不增 issue waits for "accepted"
    explanation_reply: str
    gate_outcome: str | None
    verdicts: list[VerdictOut]


class DocumentIn(Schema):
    issuer_id: int
    title: str
    text: str
    kind: str = DocumentKind.RED_HEAD
    recipient_ids: list[int] = []
    demands_reports_back: bool = False
    is_task_deployment: bool = False
    plan_line_id: int | None = None
    number: str = ""
    dated: str | None = None  # YYYY-MM-DD, the day it is meant to go out (default today): its year is the quota year


class DocumentPatch(Schema):
    title: str | None = None
    text: str | None = None
    kind: str | None = None
    recipient_ids: list[int] | None = None
    demands_reports_back: bool | None = None
    is_task_deployment: bool | None = None
    dated: str | None = None


class CheckIn(Schema):
    """A draft as it is being typed: ``document_id`` for a saved draft, else ``issuer_id`` for a new one."""

    issuer_id: int | None = None
    document_id: int | None = None
    text: str = ""
    kind: str = DocumentKind.RED_HEAD
    demands_reports_back: bool = False
    is_task_deployment: bool = False
    dated: str | None = None


class CheckOut(Schema):
    chars: int | None
    limit: int | None
    blocked: bool
    can_submit: bool
    headline: str
    next_steps: list[str]
    verdicts: list[VerdictOut]


class ReasonIn(Schema):
    reason: str = ""


class ExplainIn(Schema):
    explanation: str


class ReplyIn(Schema):
    reply: str = ""


def _out(doc: Document, user: Any) -> DocumentOut:
    check = selectors.latest_check(doc)
    return DocumentOut(
        id=doc.pk, issuer_id=doc.issuer_id, issuer_name=doc.issuer.name, title=doc.title, kind=doc.kind, status=doc.status,
        chars=doc.chars, recipient_ids=sorted(doc.recipients.values_list("pk", flat=True)),
        demands_reports_back=doc.demands_reports_back, is_task_deployment=doc.is_task_deployment,
        issued_on=doc.issued_on.isoformat() if doc.issued_on else None, dated=doc.dated.isoformat(), quota_year=doc.quota_year,
        merged_into_id=doc.merged_into_id,
        explanation=doc.explanation, explanation_status=doc.explanation_status, explanation_reply=doc.explanation_reply,
        gate_outcome=check.outcome if check else None,
        verdicts=[VerdictOut.from_row(r) for r in selectors.rows_for_user(user, verdict_rows(check))],
    )


def _recipients(ids: list[int]) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=ids))


@router.get("/", response=list[DocumentOut], summary="Documents you may see (issued by your unit, addressed to it, or under your review)")
def documents(request: HttpRequest, status: str = "", q: str = "") -> Any:
    return [_out(d, request.user) for d in selectors.document_list(user=request.user, status=status, q=q)[:100]]


@router.post("/", response={201: DocumentOut}, summary="Draft a document for your unit")
def create(request: HttpRequest, payload: DocumentIn) -> Any:
    issuer = access.get_for_user(request.user, "documents.draft", Unit.objects.all(), pk=payload.issuer_id)
    line = PlanLine.objects.filter(pk=payload.plan_line_id).first() if payload.plan_line_id else None
    doc = services.document_create(
        actor=request.user, issuer=issuer, title=payload.title, text=payload.text, kind=payload.kind,
        recipients=_recipients(payload.recipient_ids), demands_reports_back=payload.demands_reports_back,
        is_task_deployment=payload.is_task_deployment, plan_line=line, number=payload.number, dated=payload.dated,
    )
    return Status(201, _out(doc, request.user))


@router.post("/check", response=CheckOut, summary="Check a draft before submitting: the gate's verdicts and the 字 count, nothing stored")
def check(request: HttpRequest, payload: CheckIn) -> Any:
    values: dict[str, Any] = {
        "text": payload.text, "kind": payload.kind, "demands_reports_back": payload.demands_reports_back,
        "is_task_deployment": payload.is_task_deployment,
    }
    if payload.dated:
        values["dated"] = payload.dated
    if payload.document_id is not None:
        doc = selectors.document_for(request.user, payload.document_id, "documents.draft")
        report = services.document_preview(actor=request.user, document=doc, **values)
    else:
        issuer = access.get_for_user(request.user, "documents.draft", Unit.objects.all(), pk=payload.issuer_id or 0)
        report = services.document_preview(actor=request.user, issuer=issuer, **values)
    summary = selectors.gate_summary(selectors.rows_for_user(request.user, selectors.report_rows(report)))
    return CheckOut(
        chars=summary.chars, limit=summary.limit, blocked=summary.level == "block", can_submit=summary.can_submit,
        headline=summary.headline, next_steps=summary.steps, verdicts=[VerdictOut.from_row(r) for r in summary.rows],
    )


@router.get("/{document_id}", response=DocumentOut, summary="A document's status and the gate's latest verdicts")
def detail(request: HttpRequest, document_id: int) -> Any:
    return _out(selectors.document_for(request.user, document_id), request.user)


@router.patch("/{document_id}", response=DocumentOut, summary="Change a draft or a returned document")
def update(request: HttpRequest, document_id: int, payload: DocumentPatch) -> Any:
    doc = selectors.document_for(request.user, document_id, "documents.draft")
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if k != "recipient_ids" and v is not None}
    recipients = _recipients(payload.recipient_ids) if payload.recipient_ids is not None else None
    return _out(services.document_update(actor=request.user, document=doc, recipients=recipients, **fields), request.user)


@router.post("/{document_id}/submit", response=DocumentOut, summary="Submit for the necessity review (runs the gate)")
def submit(request: HttpRequest, document_id: int) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_submit(actor=request.user, document=doc), request.user)


@router.post("/{document_id}/explain", response=DocumentOut, summary="File the explanation the only-reduce rule asks for")
def explain(request: HttpRequest, document_id: int, payload: ExplainIn) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_explain(actor=request.user, document=doc, explanation=payload.explanation), request.user)


@router.post("/{document_id}/explanation/accept", response=DocumentOut, summary="County office: accept the 只减不增 explanation")
def explanation_accept(request: HttpRequest, document_id: int, payload: ReplyIn) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_explanation_accept(actor=request.user, document=doc, reply=payload.reply), request.user)


@router.post("/{document_id}/explanation/return", response=DocumentOut, summary="County office: return the 只减不增 explanation with reasons")
def explanation_return(request: HttpRequest, document_id: int, payload: ReasonIn) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_explanation_return(actor=request.user, document=doc, reason=payload.reason), request.user)


@router.post("/{document_id}/issue", response=DocumentOut, summary="Issue an approved document")
def issue(request: HttpRequest, document_id: int) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_issue(actor=request.user, document=doc), request.user)


@router.post("/{document_id}/withdraw", response=DocumentOut, summary="Withdraw a document (its quota slot comes back)")
def withdraw(request: HttpRequest, document_id: int, payload: ReasonIn) -> Any:
    doc = selectors.document_for(request.user, document_id)
    return _out(services.document_withdraw(actor=request.user, document=doc, reason=payload.reason), request.user)
