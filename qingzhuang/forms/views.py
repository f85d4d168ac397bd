"""Pages of forms: the catalogue, a new form, one form (matches, review, template, sending, answers), filling an
answer, the master record, the county's synonyms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from qingzhuang.forms import errors, imports, selectors, services
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.models import (
    Answer,
    AnswerStatus,
    FieldType,
    Form,
    FormStatus,
    Frequency,
    SynonymGroup,
)
from qingzhuang.forms.synonyms import SEED_GROUPS
from qingzhuang.gate.rules import latest_check, render_message
from qingzhuang.gate.selectors import counties_for
from qingzhuang.org import access
from qingzhuang.org.imports import ImportFileError, ImportReport
from qingzhuang.org.models import Unit, UnitKind

REASONS = {
    "same_name": gettext_lazy("same name"), "synonym": gettext_lazy("synonym"),
    "similar_name": gettext_lazy("similar name"), "same_definition": gettext_lazy("same definition"),
}
# Why two alike fields are not one (matching.FieldMatcher.conflict's dimension).
CONFLICTS = {
    "type": gettext_lazy("different type"), "unit": gettext_lazy("different unit of measure"),
    "residence": gettext_lazy("registered vs. resident population"), "area": gettext_lazy("different kind of area"),
    "period": gettext_lazy("different period"), "flow": gettext_lazy("new vs. cumulative count"),
    "place": gettext_lazy("urban vs. rural"), "staff": gettext_lazy("full-time vs. part-time"),
    "money": gettext_lazy("income vs. spending"), "number": gettext_lazy("different figures in the definition"),
}


def conflict_words(conflict: str) -> str:
    dimension, _sep, detail = conflict.partition(":")
    return f"{CONFLICTS.get(dimension, dimension)}（{detail}）" if conflict else ""


FIELD_ROWS = 8
FIELD_ROWS_MAX = services.FIELDS_MAX


def _int(value: Any) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


def _county_of(user: Any) -> Any:
    counties = counties_for(user, selectors.VIEW) if access.can(user, selectors.VIEW) else []
    if counties:
        return counties[0]
    for unit in access.scoped_queryset(user, selectors.VIEW, Unit.objects.filter(county__isnull=False)).select_related("county")[:1]:
        return unit.county
    return None


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    status = request.GET.get("status", "")
    forms = selectors.forms_visible(user).prefetch_related("fields")
    if status in FormStatus.values:
        forms = forms.filter(status=status)
    county = _county_of(user)
    size = selectors.catalogue_size(county) if county is not None else None
    answers = selectors.answers_visible(user).filter(status=AnswerStatus.SUBMITTED).aggregate(p=Sum("prefilled_count"), t=Sum("typed_count"))
    filled = (answers["p"] or 0) + (answers["t"] or 0)
    context = {
        "forms": forms.order_by("-created_at", "-id")[:300], "status": status, "statuses": FormStatus.choices, "county": county, "size": size,
        "prefill_rate": round(100 * (answers["p"] or 0) / filled) if filled else None,
        "can_draft": access.can(user, services.DRAFT), "can_synonyms": access.can(user, services.SYNONYMS),
    }
    return render(request, "forms/catalogue.html", context)


def _draft_units(user: Any) -> list[Unit]:
    return list(access.scoped_queryset(user, services.DRAFT, Unit.objects.exclude(kind__in=selectors.COMMUNITY_KINDS)).order_by("path")[:50])


def _field_rows(data: Any) -> list[dict[str, str]]:
    rows = []
    count = min(_int(data.get("rows")) or FIELD_ROWS, FIELD_ROWS_MAX)
    for i in range(count):
        row = {k: data.get(f"{k}-{i}", "") for k in ("name", "type", "unit", "definition", "cell")}
        rows.append(row)
    return rows


@login_required
def form_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    issuers = _draft_units(user)
    if not issuers:
        raise PermissionDenied(access.DENIED_MESSAGE)
    issuer = next((u for u in issuers if u.pk == _int(request.POST.get("issuer") or request.GET.get("issuer"))), issuers[0])
    targets = list(Unit.objects.filter(county_id=issuer.county_id, kind__in=selectors.COMMUNITY_KINDS).order_by("path")[:500])
    problem = ""
    values: dict[str, Any] = {"title": "", "purpose": "", "legal_basis": "", "frequency": Frequency.ONCE, "due_on": "", "recipients": []}
    rows = [{"name": "", "type": FieldType.INTEGER, "unit": "", "definition": "", "cell": ""} for _ in range(FIELD_ROWS)]
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("title", "purpose", "legal_basis", "frequency", "due_on")}
        values["recipients"] = [n for n in (_int(v) for v in request.POST.getlist("recipients")) if n]
        rows = _field_rows(request.POST)
        fields: list[dict[str, Any]] = [r for r in rows if any(str(v).strip() for k, v in r.items() if k != "type")]
        try:
            due = dt.date.fromisoformat(values["due_on"]) if values["due_on"] else None
        except ValueError:
            due = None
        upload = request.FILES.get("fields_file")
        if upload is not None:
            report, fields = _fields_from_upload(upload)
            if not report.ok:
                context = {"issuers": issuers, "issuer": issuer, "targets": targets, "values": values, "rows": rows,
                           "types": FieldType.choices, "frequencies": Frequency.choices, "report": report}
                return render(request, "forms/new.html", context, status=400)
        try:
            form = services.form_create(actor=user, issuer=issuer, title=values["title"], purpose=values["purpose"],
                                        legal_basis=values["legal_basis"], frequency=values["frequency"],
                                        recipients=values["recipients"], fields=fields, due_on=due)
            form = services.form_submit(actor=user, form=form)
        except FormsError as exc:
            problem = exc.message
        else:
            if form.status == FormStatus.REFUSED:
                messages.error(request, _("Refused: every field of this form is already known. See the forms it repeats below."))
            else:
                messages.success(request, _("Submitted to the county office for the catalogue review."))
            return redirect("forms:detail", pk=form.pk)
    context = {"issuers": issuers, "issuer": issuer, "targets": targets, "values": values, "rows": rows, "problem": problem,
               "types": FieldType.choices, "frequencies": Frequency.choices}
    return render(request, "forms/new.html", context)


def _fields_from_upload(upload: Any) -> tuple[ImportReport, list[dict[str, Any]]]:
    report = ImportReport(filename=str(upload.name or "")[:200])
    try:
        source, _name = imports.upload_read(upload)
    except ImportFileError as exc:
        report.add("", None, "", exc.message)
        return report, []
    fields: list[dict[str, Any]] = list(imports.fields_read(source, report))
    return report, fields


@login_required
def fields_template(request: HttpRequest) -> HttpResponse:
    if not _draft_units(request.user):
        raise PermissionDenied(access.DENIED_MESSAGE)
    return _xlsx(imports.fields_template(), "form-fields.xlsx")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{filename}"
    return response


def _match_rows(form: Form) -> list[dict[str, Any]]:
    rows = []
    for f in form.fields.all():
        matches = [{**m, "conflict_words": conflict_words(m.get("conflict") or ""), "percent": round(100 * float(m["score"])),
                    "reason_words": REASONS.get(m.get("reason", ""), "")} for m in f.matches]
        rows.append({"field": f, "matches": matches, "best": matches[0] if matches and f.known else None})
    return rows


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    form = access.get_for_user(user, selectors.VIEW, Form.objects.select_related("issuer__county", "decided_by"), pk=pk)
    can_review = form.status == FormStatus.SUBMITTED and access.can(user, services.REVIEW, form.issuer)
    can_issue = access.can(user, services.DRAFT, form.issuer)
    problem = ""
    note = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        note = request.POST.get("note", "")
        try:
            if action in ("approve", "refuse"):
                if not can_review:
                    raise PermissionDenied(access.DENIED_MESSAGE)
                services.form_decide(actor=user, form=form, approve=action == "approve", note=note)
                messages.success(request, _("Approved into the catalogue.") if action == "approve" else _("Refused; the department sees your note."))
            elif action == "send":
                if not can_issue:
                    raise PermissionDenied(access.DENIED_MESSAGE)
                services.form_send(actor=user, form=form)
                messages.success(request, _("Sent: each target unit fills it online, with what is known pre-filled."))
            else:
                raise PermissionDenied(access.DENIED_MESSAGE)
        except FormsError as exc:
            problem = exc.message
        else:
            return redirect("forms:detail", pk=form.pk)
    check = latest_check(form)
    verdicts = [{"outcome": v["outcome"], "text": render_message(v["message"], v["params"])} for v in (check.verdicts if check else [])]
    answers = list(selectors.answers_visible(user).filter(form=form).order_by("unit__path")) if form.status == FormStatus.SENT else []
    known = sum(1 for f in form.fields.all() if f.known)
    context = {"form": form, "rows": _match_rows(form), "verdicts": verdicts, "can_review": can_review, "can_issue": can_issue,
               "answers": answers, "problem": problem, "note": note, "known": known, "total": form.fields.count(),
               "recipients": form.recipients.order_by("path"), "repeats": form.repeats.select_related("issuer")}
    return render(request, "forms/detail.html", context)


@login_required
@require_POST
def template_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    form = access.get_for_user(user, services.DRAFT, Form.objects.select_related("issuer"), pk=pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise FormsError("file_empty", _("Choose a workbook (.xlsx) to upload."), "file")
        limit = settings.QZ_UPLOAD_MAX_BYTES
        if (upload.size or 0) > limit:  # refused unread
            raise FormsError("file_too_big", errors.FILE_TOO_BIG % {"size": f"{(upload.size or 0) / 1048576:.1f}", "max": limit // 1048576}, "file")
        services.form_template_set(actor=user, form=form, name=upload.name or "", data=upload.read())
    except FormsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Template saved: answers will be written into its cells."))
    return redirect("forms:detail", pk=form.pk)


@login_required
def answers_download(request: HttpRequest, pk: int) -> HttpResponse:
    from qingzhuang.forms.workbooks import answers_workbook

    user: Any = request.user
    form = access.get_for_user(user, selectors.VIEW, Form.objects.select_related("issuer"), pk=pk)
    if not (access.can(user, services.DRAFT, form.issuer) or access.can(user, services.REVIEW, form.issuer)):
        raise PermissionDenied(access.DENIED_MESSAGE)
    answers = list(Answer.objects.filter(form=form).select_related("unit").prefetch_related("values").order_by("unit__path"))
    return _xlsx(answers_workbook(form=form, answers=answers), f"form-{form.pk}-answers.xlsx")


@login_required
def answers(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    units = selectors.grassroots_units(user)
    if not units:
        raise PermissionDenied(access.DENIED_MESSAGE)
    found = selectors.answers_visible(user).filter(unit__in=units).order_by("status", "-form__sent_on", "-id")
    return render(request, "forms/answers.html", {"answers": found[:200], "units": units})


@login_required
def answer_fill(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    answer = access.get_for_user(user, selectors.VIEW, Answer.objects.select_related("form__issuer", "unit"), pk=pk)
    can_fill = answer.status == AnswerStatus.WAITING and access.can(user, services.FILL, answer.unit)
    stored = {v.field_id: v for v in answer.values.all()}
    fields = list(answer.form.fields.all())
    problem = ""
    problem_field = ""
    posted: dict[int, str] = {}
    ticked: set[int] = set()
    report = None
    if request.method == "POST" and request.POST.get("action") == "upload":
        if not can_fill:
            raise PermissionDenied(access.DENIED_MESSAGE)
        report = _answer_from_upload(user, answer, request.FILES.get("file"))
        if report.ok:
            messages.success(request, _("Submitted from the workbook. The values that are master data now stand in your master record."))
            return redirect("forms:answer", pk=answer.pk)
    elif request.method == "POST":
        if not can_fill:
            raise PermissionDenied(access.DENIED_MESSAGE)
        posted = {f.pk: request.POST.get(f"field_{f.pk}", "") for f in fields}
        ticked = {f.pk for f in fields if request.POST.get(f"confirm_{f.pk}")}
        try:
            services.answer_submit(actor=user, answer=answer, values=posted, confirmed=ticked)
        except FormsError as exc:
            problem, problem_field = exc.message, exc.field or ""
        else:
            messages.success(request, _("Submitted. The values that are master data now stand in your master record."))
            return redirect("forms:answer", pk=answer.pk)
    rows = []
    for f in fields:
        row = stored.get(f.pk)
        source = selectors.prefill_for(f, answer.unit) if row is not None and row.prefilled and can_fill else None
        rows.append({"field": f, "value": posted.get(f.pk, row.value if row else ""), "prefilled": bool(row and row.prefilled),
                     "source": source[1] if source else "", "ticked": f.pk in ticked, "error": problem_field == f"field_{f.pk}"})
    context = {"answer": answer, "rows": rows, "can_fill": can_fill, "problem": problem, "report": report,
               "to_type": sum(1 for r in rows if not r["prefilled"]), "to_confirm": sum(1 for r in rows if r["prefilled"])}
    return render(request, "forms/answer.html", context, status=400 if report is not None else 200)


def _answer_from_upload(user: Any, answer: Answer, upload: Any) -> ImportReport:
    if upload is None:
        report = ImportReport()
        report.add("", None, "", _("Choose a workbook (.xlsx) to upload."))
        return report
    try:
        source, name = imports.upload_read(upload)
    except ImportFileError as exc:
        report = ImportReport(filename=str(upload.name or "")[:200])
        report.add("", None, "", exc.message)
        return report
    return imports.answer_import(actor=user, answer=answer, source=source, filename=name)


@login_required
def answer_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    answer = access.get_for_user(user, selectors.VIEW, Answer.objects.select_related("form", "unit"), pk=pk)
    return _xlsx(imports.answer_sheet(answer), f"answer-{answer.pk}.xlsx")


@login_required
def master(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    units = list(access.scoped_queryset(user, selectors.MASTER_VIEW, Unit.objects.filter(kind__in=selectors.COMMUNITY_KINDS)).order_by("path")[:500])
    if not units:
        raise PermissionDenied(access.DENIED_MESSAGE)
    wanted = _int(request.GET.get("unit") or request.POST.get("unit"))
    unit = next((u for u in units if u.pk == wanted), units[0])
    can_edit = access.can(user, services.FILL, unit)
    problem = ""
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(access.DENIED_MESSAGE)
        values = {f.code: request.POST.get(f.code, "") for f in services.master_fields_ensure()}
        try:
            services.master_values_set(actor=user, unit=unit, values=values)
        except FormsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Master record confirmed."))
            return redirect(f"{request.path}?unit={unit.pk}")
    services.master_fields_ensure()
    if can_edit:
        services.master_record_ensure(unit=unit)
    record = selectors.record_of(unit)
    table = selectors.master_table(unit)
    groups: dict[str, list[Any]] = {}
    for f, v in table:
        groups.setdefault(f.group, []).append((f, v))
    return render(request, "forms/master.html", {"unit": unit, "units": units, "groups": groups, "record": record,
                                                 "can_edit": can_edit, "problem": problem})


@login_required
def synonyms(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    counties = counties_for(user, services.SYNONYMS)
    if not counties:
        raise PermissionDenied(access.DENIED_MESSAGE)
    county = counties[0]
    problem = ""
    words = ""
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                group = SynonymGroup.objects.filter(pk=_int(request.POST.get("delete")) or 0, county=county).first()
                if group is None:
                    raise PermissionDenied(access.DENIED_MESSAGE)
                services.synonym_group_delete(actor=user, group=group)
                messages.success(request, _("Synonym group removed."))
            else:
                words = request.POST.get("words", "")
                services.synonym_group_save(actor=user, county=county, words=words, note=request.POST.get("note", ""))
                messages.success(request, _("Synonym group saved: new forms are matched with it."))
        except FormsError as exc:
            problem = exc.message
        else:
            return redirect("forms:synonyms")
    context = {"county": county, "seeded": ["、".join(g) for g in SEED_GROUPS],
               "groups": SynonymGroup.objects.filter(county=county), "problem": problem, "words": words}
    return render(request, "forms/synonyms.html", context)



def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's 一表通 section: the catalogue's size over the period, duplicates refused, the pre-fill rate."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    figures = selectors.county_figures(root.county, period.start, period.end)
    return render_to_string("forms/_board_section.html", {"fig": figures, "period": period, "county": root.county})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page lists every form it had to fill in the period, with what it typed and what was pre-filled."""
    if unit.kind not in selectors.COMMUNITY_KINDS or not access.can(user, selectors.VIEW):
        return ""
    answers = selectors.unit_answers(user, unit, period.start, period.end)
    return render_to_string("forms/_unit_section.html", {"form_answers": answers})
