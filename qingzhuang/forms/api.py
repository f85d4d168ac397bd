"""Forms over the API: define and submit a form, review it, send it; fill an answer; read the master record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile

from qingzhuang.forms import imports, selectors, services
from qingzhuang.forms.models import Answer, Form
from qingzhuang.org import access
from qingzhuang.org.imports import ImportReport
from qingzhuang.org.models import Unit

router = Router()


class FormIn(Schema):
    issuer_id: int
    title: str
    purpose: str
    legal_basis: str = ""
    frequency: str  # once, monthly, quarterly, half_yearly, yearly
    recipient_ids: list[Any]
    fields: list[Any]  # [{"name", "type", "unit", "definition", "cell"}]
    due_on: dt.date | None = None


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class AnswerIn(Schema):
    values: dict[str, Any]  # {field id: value}
    confirmed: list[Any] = []  # field ids of pre-filled values checked


class FieldOut(Schema):
    id: int
    position: int
    name: str
    type: str
    unit: str
    definition: str
    cell: str
    match_kind: str
    score: float
    matches: list[dict[str, Any]]


class FormOut(Schema):
    id: int
    issuer_id: int
    issuer: str
    title: str
    purpose: str
    legal_basis: str
    frequency: str
    status: str
    status_label: str
    catalogue_no: str
    decision_note: str
    repeats: list[dict[str, Any]]
    fields: list[FieldOut]


class ValueOut(Schema):
    field_id: int
    name: str
    value: str
    prefilled: bool


class AnswerOut(Schema):
    id: int
    form_id: int
    form: str
    unit_id: int
    unit: str
    status: str
    typed_count: int
    prefilled_count: int
    values: list[ValueOut]


def _form_out(form: Form) -> FormOut:
    return FormOut(
        id=form.pk, issuer_id=form.issuer_id, issuer=form.issuer.name, title=form.title, purpose=form.purpose,
        legal_basis=form.legal_basis, frequency=form.frequency, status=form.status, status_label=str(form.get_status_display()),
        catalogue_no=form.catalogue_no, decision_note=form.decision_note,
        repeats=[{"id": r.pk, "title": r.title} for r in form.repeats.all()],
        fields=[FieldOut(id=f.pk, position=f.position, name=f.name, type=f.type, unit=f.unit, definition=f.definition, cell=f.cell,
                         match_kind=f.match_kind, score=f.score, matches=f.matches) for f in form.fields.all()],
    )


def _answer_out(answer: Answer) -> AnswerOut:
    values = [ValueOut(field_id=v.field_id, name=v.field.name, value=v.value, prefilled=v.prefilled)
              for v in answer.values.select_related("field").order_by("field__position")]
    return AnswerOut(id=answer.pk, form_id=answer.form_id, form=answer.form.title, unit_id=answer.unit_id, unit=answer.unit.name,
                     status=answer.status, typed_count=answer.typed_count, prefilled_count=answer.prefilled_count, values=values)


class ProblemOut(Schema):
    loc: list[Any]  # ["file", sheet, row, column]
    message: str


class ErrorBodyOut(Schema):
    code: str
    message: str
    fields: list[ProblemOut] = []


class RefusedOut(Schema):
    error: ErrorBodyOut


def _refused(report: ImportReport) -> Status[dict[str, Any]]:
    """A refused workbook in the API's error shape, one entry per problem with its sheet, row and column."""
    first = report.problems[0].message if report.problems else ""
    message = str(imports.REFUSED % {"count": report.problem_count, "first": first})
    fields = [{"loc": ["file", p.sheet, p.row, p.column], "message": p.message} for p in report.problems]
    return Status(400, {"error": {"code": "workbook_refused", "message": message, "fields": fields}})


def _workbook_import(upload: UploadedFile, run: Any) -> ImportReport:
    """``run(source, filename)``'s report on the uploaded workbook; a file refused unread (too big, not .xlsx) reported the same way."""
    from qingzhuang.org.imports import ImportFileError

    report = ImportReport(filename=str(upload.name or "")[:200])
    try:
        source = imports.upload_read(upload)[0]
    except ImportFileError as exc:
        report.add("", None, "", exc.message)
        return report
    result: ImportReport = run(source, report.filename)
    return result


def _form(request: HttpRequest, perm: str, form_id: int) -> Form:
    return access.get_for_user(request.user, perm, Form.objects.select_related("issuer__county"), pk=form_id)


@router.get("/forms", response=list[FormOut], summary="Forms in your scope (the catalogue and drafts), newest first")
def form_list(request: HttpRequest, status: str = "") -> Any:
    forms = selectors.forms_visible(request.user)
    if status:
        forms = forms.filter(status=status[:20])
    return [_form_out(f) for f in forms.prefetch_related("fields", "repeats")[:200]]


@router.post("/forms", response=FormOut, summary="Define a form (a draft) with its fields and target units")
def form_create(request: HttpRequest, payload: FormIn) -> Any:
    issuer = access.get_for_user(request.user, services.DRAFT, Unit.objects.all(), pk=payload.issuer_id)
    form = services.form_create(actor=request.user, issuer=issuer, title=payload.title, purpose=payload.purpose,
                                legal_basis=payload.legal_basis, frequency=payload.frequency, recipients=payload.recipient_ids,
                                fields=payload.fields, due_on=payload.due_on)
    return _form_out(form)


@router.get("/forms/{form_id}", response=FormOut, summary="One form with its fields and each field's matches and scores")
def form_detail(request: HttpRequest, form_id: int) -> Any:
    return _form_out(_form(request, selectors.VIEW, form_id))


@router.post("/forms/{form_id}/submit", response=FormOut, summary="Submit a draft: fields matched, gate run (a duplicate is refused)")
def form_submit(request: HttpRequest, form_id: int) -> Any:
    form = _form(request, services.DRAFT, form_id)
    return _form_out(services.form_submit(actor=request.user, form=form))


@router.post("/forms/{form_id}/decide", response=FormOut, summary="The county office approves a form into the catalogue or refuses it")
def form_decide(request: HttpRequest, form_id: int, payload: DecisionIn) -> Any:
    form = _form(request, services.REVIEW, form_id)
    return _form_out(services.form_decide(actor=request.user, form=form, approve=payload.approve, note=payload.note))


@router.post("/forms/{form_id}/send", response=FormOut, summary="Send a catalogued form to its target units")
def form_send(request: HttpRequest, form_id: int) -> Any:
    form = _form(request, services.DRAFT, form_id)
    return _form_out(services.form_send(actor=request.user, form=form))


@router.post("/forms/{form_id}/fields.xlsx", response={200: FormOut, 400: RefusedOut},
             summary="Replace a draft's fields with a field sheet (.xlsx: 字段名称, 类型, 计量单位, 口径说明, 单元格); all or nothing")
def form_fields_import(request: HttpRequest, form_id: int, file: UploadedFile = File(...)) -> Any:  # noqa: B008 (ninja's idiom)
    form = _form(request, services.DRAFT, form_id)
    report = _workbook_import(file, lambda source, name: imports.form_fields_import(actor=request.user, form=form, source=source, filename=name))
    if not report.ok:
        return _refused(report)
    return _form_out(Form.objects.select_related("issuer").get(pk=form.pk))


@router.get("/answers", response=list[AnswerOut], summary="Answers in your scope (a community: its own)")
def answer_list(request: HttpRequest, status: str = "") -> Any:
    answers = selectors.answers_visible(request.user)
    if status:
        answers = answers.filter(status=status[:20])
    return [_answer_out(a) for a in answers[:200]]


@router.get("/answers/{answer_id}", response=AnswerOut, summary="One answer with its values (pre-filled ones marked)")
def answer_detail(request: HttpRequest, answer_id: int) -> Any:
    return _answer_out(access.get_for_user(request.user, selectors.VIEW, Answer.objects.select_related("form", "unit"), pk=answer_id))


@router.post("/answers/{answer_id}/submit", response=AnswerOut, summary="Submit an answer: typed values, pre-filled ones confirmed")
def answer_submit(request: HttpRequest, answer_id: int, payload: AnswerIn) -> Any:
    answer = access.get_for_user(request.user, services.FILL, Answer.objects.select_related("form", "unit"), pk=answer_id)
    return _answer_out(services.answer_submit(actor=request.user, answer=answer, values=payload.values, confirmed=payload.confirmed))


@router.post("/answers/{answer_id}/submit.xlsx", response={200: AnswerOut, 400: RefusedOut},
             summary="Submit an answer from a workbook (the answer sheet or the issuer's template); all or nothing")
def answer_import(request: HttpRequest, answer_id: int, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    answer = access.get_for_user(request.user, services.FILL, Answer.objects.select_related("form", "unit"), pk=answer_id)
    report = _workbook_import(file, lambda source, name: imports.answer_import(actor=request.user, answer=answer, source=source, filename=name))
    if not report.ok:
        return _refused(report)
    return _answer_out(Answer.objects.select_related("form", "unit").get(pk=answer.pk))


@router.get("/master/{unit_id}", response=list[dict[str, Any]], summary="A community's master record (counts only)")
def master_record(request: HttpRequest, unit_id: int) -> Any:
    unit = access.get_for_user(request.user, selectors.MASTER_VIEW, Unit.objects.all(), pk=unit_id)
    return [{"code": f.code, "name": f.name, "group": f.group, "type": f.type, "unit": f.unit, "definition": f.definition,
             "value": v.value if v else None, "confirmed_on": v.confirmed_on.isoformat() if v else None}
            for f, v in selectors.master_table(unit)]
