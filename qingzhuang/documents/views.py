"""Pages of documents: drafting (with file upload), lists per role, the detail page, the necessity review, plans."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.documents import selectors, services
from qingzhuang.documents.models import EDITABLE, Document, DocumentKind, PlanLine, Status
from qingzhuang.gate.models import Colour
from qingzhuang.lib.chinese_text import clean_text, has_unstorable
from qingzhuang.lib.errors import DomainError
from qingzhuang.lib.keyset import keyset_page
from qingzhuang.org import access
from qingzhuang.org.models import Unit


def _flag(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name) == "on"


def _upload(request: HttpRequest) -> tuple[str, bytes] | None:
    file = request.FILES.get("file")
    if file is None:
        return None
    # One byte past the limit is enough for the service to refuse it; a huge upload is never read whole.
    return file.name or "upload", file.read(settings.QZ_UPLOAD_MAX_BYTES + 1)


def _typed(request: HttpRequest) -> dict[str, Any]:
    """What the gate looks at, as typed in the form (the live check stores none of it)."""
    values: dict[str, Any] = {
        "text": request.POST.get("text", ""), "kind": request.POST.get("kind") or DocumentKind.RED_HEAD,
        "demands_reports_back": _flag(request, "demands_reports_back"), "is_task_deployment": _flag(request, "is_task_deployment"),
    }
    if request.POST.get("dated"):
        values["dated"] = request.POST["dated"]
    return values


def _preview(user: Any, *, issuer: Unit | None = None, document: Document | None = None, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The check panel's context: the gate's verdicts on what is typed (nothing stored), or why it cannot run."""
    try:
        report = services.document_preview(actor=user, issuer=issuer, document=document, **(values or {}))
    except DomainError as exc:
        return {"check_error": exc}
    return {"summary": selectors.gate_summary(selectors.rows_for_user(user, selectors.report_rows(report)))}


def _check_response(request: HttpRequest, context: dict[str, Any]) -> HttpResponse | None:
    """The 立即检查 button and the debounced check: with htmx only the panel, without it the whole form again."""
    if request.headers.get("HX-Request"):
        return render(request, "documents/_draft_check.html", context)
    return None


def _submitted(request: HttpRequest, doc: Document) -> None:
    """Say it was submitted, or, when the gate still blocks it, that it is blocked and what happens next."""
    rows = selectors.rows_for_user(request.user, selectors.verdict_rows(selectors.latest_check(doc)))
    summary = selectors.gate_summary(rows, status=doc.status)
    if summary.level == "block":
        messages.warning(request, _("Submitted for the necessity review, but blocked: %(steps)s") % {"steps": " ".join(summary.steps)})
    else:
        messages.success(request, _("Submitted for the necessity review."))


def _id_from(raw: str | None) -> int:
    """A unit id from the form: anything but a plain, storable number is no unit (404), never a 500."""
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0


# Documents per page of the list (a county's clerks see thousands over the years).
PAGE_SIZE = 50


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    q = clean_text(request.GET.get("q", ""))[:100]
    q = "" if has_unstorable(q) else q  # a NUL or a lone surrogate matches nothing a database holds
    after = request.GET.get("after", "")
    docs, next_cursor = keyset_page(selectors.document_list(user=user, status=status, q=q), field="created", after=after, size=PAGE_SIZE)
    context = {
        "documents": docs, "status": status, "q": q, "statuses": Status.choices, "next_cursor": next_cursor, "paged": bool(after),
        "can_draft": access.can(user, "documents.draft"), "can_review": access.can(user, "documents.review"),
    }
    return render(request, "documents/list.html", context)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can(user, "documents.review"):
        raise PermissionDenied(access.DENIED_MESSAGE)
    return render(request, "documents/review_list.html",
                  {"documents": selectors.review_queue(user), "explanations": selectors.explanations_waiting(user)})


def _form_context(user: Any, document: Document | None, issuer: Unit | None) -> dict[str, Any]:
    units = selectors.draftable_units(user)
    issuer = issuer or (document.issuer if document else (units[0] if units else None))
    recipients = list(selectors.recipient_choices(issuer)) if issuer else []
    lines = (
        PlanLine.objects.filter(plan__unit=issuer, plan__year=timezone.localdate().year).select_related("document").order_by("id")
        if issuer else PlanLine.objects.none()
    )
    chosen = set(document.recipients.values_list("pk", flat=True)) if document else set()
    return {"units": units, "issuer": issuer, "recipients": recipients, "chosen": chosen, "kinds": DocumentKind.choices,
            "lines": lines, "document": document}


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can(user, "documents.draft"):
        raise PermissionDenied(access.DENIED_MESSAGE)
    if request.method == "POST":
        issuer = access.get_for_user(user, "documents.draft", Unit.objects.all(), pk=_id_from(request.POST.get("issuer")))
        then = request.POST.get("then", "")
        chosen = {int(x) for x in request.POST.getlist("recipients") if x.isdigit() and len(x) <= 18}
        if then == "check":
            checked = _preview(user, issuer=issuer, values=_typed(request))
            return _check_response(request, checked) or render(
                request, "documents/form.html", {**_form_context(user, None, issuer), **checked, "values": request.POST, "chosen": chosen}
            )
        try:
            with transaction.atomic():
                doc = services.document_create(
                    actor=user, issuer=issuer, title=request.POST.get("title", ""), text=request.POST.get("text", ""),
                    kind=request.POST.get("kind") or DocumentKind.RED_HEAD,
                    recipients=Unit.objects.filter(pk__in=chosen),
                    demands_reports_back=_flag(request, "demands_reports_back"), is_task_deployment=_flag(request, "is_task_deployment"),
                    plan_line=PlanLine.objects.filter(pk=_id_from(request.POST.get("plan_line"))).first(),
                    number=request.POST.get("number", ""), upload=_upload(request), dated=request.POST.get("dated") or None,
                )
                if then == "submit":
                    services.document_submit(actor=user, document=doc)
        except DomainError as exc:
            # Nothing was written (a refused submission takes the new draft back with it): the form comes back as typed.
            context = _form_context(user, None, issuer)
            context.update({"error": exc, "values": request.POST, "chosen": chosen, **_preview(user, issuer=issuer, values=_typed(request))})
            return render(request, "documents/form.html", context, status=400)
        if then == "submit":
            _submitted(request, doc)
        else:
            messages.success(request, _("Draft saved. Submit it for review when it is ready."))
        return redirect("documents:detail", doc.pk)
    chosen_issuer = None
    if request.GET.get("issuer"):
        chosen_issuer = access.get_for_user(user, "documents.draft", Unit.objects.all(), pk=_id_from(request.GET["issuer"]))
    return render(request, "documents/form.html", {**_form_context(user, None, chosen_issuer), "values": {}})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    doc = selectors.document_for(user, pk, "documents.draft")
    if request.method == "POST":
        then = request.POST.get("then", "")
        if then == "check":
            checked = _preview(user, document=doc, values=_typed(request))
            return _check_response(request, checked) or render(
                request, "documents/form.html", {**_form_context(user, doc, doc.issuer), **checked, "values": request.POST}
            )
        upload = _upload(request)
        fields: dict[str, Any] = {
            "title": request.POST.get("title", ""), "kind": request.POST.get("kind") or doc.kind, "number": request.POST.get("number", ""),
            "demands_reports_back": _flag(request, "demands_reports_back"), "is_task_deployment": _flag(request, "is_task_deployment"),
        }
        if request.POST.get("dated"):
            fields["dated"] = request.POST["dated"]
        if upload is None:
            fields["text"] = request.POST.get("text", "")
        try:
            with transaction.atomic():
                services.document_update(
                    actor=user, document=doc, recipients=Unit.objects.filter(pk__in=request.POST.getlist("recipients")), upload=upload,
                    plan_line=PlanLine.objects.filter(pk=_id_from(request.POST.get("plan_line"))).first(), **fields,
                )
                if then == "submit":
                    services.document_submit(actor=user, document=doc)
        except DomainError as exc:
            doc.refresh_from_db()
            context = _form_context(user, doc, doc.issuer)
            context.update({"error": exc, "values": request.POST, **_preview(user, document=doc, values=_typed(request))})
            return render(request, "documents/form.html", context, status=400)
        if then == "submit":
            doc.refresh_from_db()
            _submitted(request, doc)
        else:
            messages.success(request, _("Changes saved."))
        return redirect("documents:detail", doc.pk)
    values = {"title": doc.title, "text": doc.text, "kind": doc.kind, "number": doc.number, "dated": doc.dated.isoformat(),
              "demands_reports_back": doc.demands_reports_back, "is_task_deployment": doc.is_task_deployment,
              "plan_line": str(doc.plan_line_id or "")}
    checked = _preview(user, document=doc) if doc.status in EDITABLE and doc.text else {}
    return render(request, "documents/form.html", {**_form_context(user, doc, doc.issuer), **checked, "values": values})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    doc = selectors.document_for(user, pk)
    check = selectors.latest_check(doc)
    if doc.status in EDITABLE and access.can(user, "documents.draft", doc.issuer):
        # A draft shows what the gate would say now (nothing stored); later states show the stored verdicts.
        context: dict[str, Any] = _preview(user, document=doc)
        context["previewed"] = True
    else:
        context = {"summary": selectors.gate_summary(selectors.rows_for_user(user, selectors.verdict_rows(check)), status=doc.status)}
    if "summary" in context:
        context["verdicts"] = context["summary"].rows
    context |= {
        "document": doc,
        "recipients": list(doc.recipients.order_by("path")),
        "merged_from": list(doc.merged_from.select_related("issuer").order_by("id")),
        "events": selectors.events_of(doc),
        "history": selectors.check_history(doc),
        "can_edit": doc.is_editable and access.can(user, "documents.draft", doc.issuer),
        "can_submit": doc.is_editable and access.can(user, "documents.submit", doc.issuer),
        "can_issue": doc.status == Status.APPROVED and (access.can(user, "documents.submit", doc.issuer) or access.can(user, "documents.review", doc.issuer)),
        "can_explain": doc.status in (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED)
        and access.can(user, "documents.submit", doc.issuer),
        "can_withdraw": doc.status in (Status.APPROVED, Status.ISSUED, Status.SUBMITTED, Status.IN_REVIEW)
        and access.can(user, "documents.submit", doc.issuer),
        "can_review": doc.status in (Status.SUBMITTED, Status.IN_REVIEW) and access.can(user, "documents.review", doc.issuer),
        "can_judge_explanation": doc.explanation_status == "pending" and access.can(user, "documents.review", doc.issuer),
        "at_issue": doc.status == Status.ISSUED and check is not None and doc.events.filter(action="issue", at__lte=check.ran_at).exists(),
    }
    return render(request, "documents/detail.html", context)


@login_required
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    doc = selectors.document_for(user, pk, "documents.review")
    compare = request.GET.get("compare")
    context = selectors.review_context(doc, compare_with=int(compare) if compare and compare.isdigit() else None)
    merge_q = request.GET.get("merge_q", "").strip()[:100]
    context.update({
        "document": doc,
        "recipients": list(doc.recipients.order_by("path")),
        "can_decide": doc.status in (Status.SUBMITTED, Status.IN_REVIEW),
        "can_judge_explanation": doc.explanation_status == "pending" and doc.status in (*EDITABLE, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED),
        "can_override": access.can(user, "gate.override_quota", doc.issuer),
        "quota_red": context["quota"].colour == Colour.RED or (context["quota"].quota is not None and context["quota"].left == 0),
        "targets": selectors.merge_targets(user, doc, q=merge_q),
        "merge_q": merge_q,
    })
    if request.headers.get("HX-Request") and request.GET.get("part") == "targets":
        return render(request, "documents/_merge_targets.html", context)
    return render(request, "documents/review.html", context)


ACTIONS = {"submit", "review_start", "check", "approve", "return", "reject", "merge", "issue", "explain", "withdraw",
           "explanation_accept", "explanation_return"}


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user: Any = request.user
    if action not in ACTIONS:
        raise PermissionDenied(access.DENIED_MESSAGE)
    doc = selectors.document_for(user, pk)
    reason = request.POST.get("reason", "")
    on_review = ("review_start", "check", "approve", "return", "reject", "merge", "explanation_accept", "explanation_return")
    back = "documents:review" if action in on_review else "documents:detail"
    try:
        if action == "submit":
            services.document_submit(actor=user, document=doc)
            doc.refresh_from_db()
            _submitted(request, doc)
        elif action == "review_start":
            services.document_review_start(actor=user, document=doc)
        elif action == "check":
            if not access.can(user, "documents.review", doc.issuer):
                raise PermissionDenied(access.DENIED_MESSAGE)
            services.document_check(actor=user, document=doc)
            messages.success(request, _("The checks were run again."))
        elif action == "approve":
            services.document_approve(actor=user, document=doc, override_reason=request.POST.get("override_reason", ""))
            messages.success(request, _("Approved."))
            back = "documents:detail"
        elif action == "return":
            services.document_return(actor=user, document=doc, reason=reason)
            messages.success(request, _("Returned to the drafter with your reasons."))
            back = "documents:detail"
        elif action == "reject":
            services.document_reject(actor=user, document=doc, reason=reason)
            messages.success(request, _("Rejected: the document will not be issued."))
            back = "documents:detail"
        elif action == "merge":
            into = access.get_for_user(user, "documents.view", Document.objects.select_related("issuer"), pk=request.POST.get("into") or 0)
            services.document_merge(actor=user, document=doc, into=into, reason=reason)
            messages.success(request, _("Merged into “%(title)s”.") % {"title": into.title})
            back = "documents:detail"
        elif action == "issue":
            services.document_issue(actor=user, document=doc, override_reason=request.POST.get("override_reason", ""))
            messages.success(request, _("Issued."))
        elif action == "explain":
            services.document_explain(actor=user, document=doc, explanation=request.POST.get("explanation", ""))
            messages.success(request, _("Explanation filed: the county office reviews it; the document can be issued once it is accepted."))
        elif action == "withdraw":
            services.document_withdraw(actor=user, document=doc, reason=reason)
            messages.success(request, _("Withdrawn."))
        elif action == "explanation_accept":
            services.document_explanation_accept(actor=user, document=doc, reply=request.POST.get("reply", ""))
            messages.success(request, _("Explanation accepted: the drafter is told, and the document may be issued once approved."))
        elif action == "explanation_return":
            services.document_explanation_return(actor=user, document=doc, reason=reason)
            messages.success(request, _("Explanation returned to the drafter with your reasons."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(back, doc.pk)


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can(user, "documents.plan"):
        raise PermissionDenied(access.DENIED_MESSAGE)
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    error = None
    if request.method == "POST":
        unit = access.get_for_user(user, "documents.plan", Unit.objects.all(), pk=request.POST.get("unit") or 0)
        month = request.POST.get("planned_month", "")
        try:
            services.plan_line_add(
                actor=user, unit=unit, year=year, title=request.POST.get("title", ""), is_task_deployment=_flag(request, "is_task_deployment"),
                planned_month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None, reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("Added to the plan."))
            return redirect(f"{request.path}?year={year}")
    plan_rows = list(selectors.plans_for(user, year).prefetch_related("lines__document"))
    units = list(access.scoped_queryset(user, "documents.plan", Unit.objects.exclude(kind__in=("community", "village"))).order_by("path")[:200])
    context = {"plans": plan_rows, "year": year, "years": [year - 1, year, year + 1], "units": units, "error": error,
               "total": sum(getattr(p, "planned", 0) for p in plan_rows), "values": request.POST if error else {}}
    return render(request, "documents/plans.html", context)
