"""Pages of documents: drafting (with file upload), lists per role, the detail page, the necessity review, plans."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.documents import selectors, services
from qingzhuang.documents.models import Document, DocumentKind, PlanLine, Status
from qingzhuang.gate.models import Colour
from qingzhuang.lib.errors import DomainError
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


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    q = request.GET.get("q", "").strip()
    docs = selectors.document_list(user=user, status=status, q=q)[:200]
    context = {
        "documents": docs, "status": status, "q": q, "statuses": Status.choices,
        "can_draft": access.can(user, "documents.draft"), "can_review": access.can(user, "documents.review"),
    }
    return render(request, "documents/list.html", context)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can(user, "documents.review"):
        raise PermissionDenied(access.DENIED_MESSAGE)
    return render(request, "documents/review_list.html", {"documents": selectors.review_queue(user)})


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
        issuer = access.get_for_user(user, "documents.draft", Unit.objects.all(), pk=request.POST.get("issuer") or 0)
        try:
            doc = services.document_create(
                actor=user, issuer=issuer, title=request.POST.get("title", ""), text=request.POST.get("text", ""),
                kind=request.POST.get("kind") or DocumentKind.RED_HEAD,
                recipients=Unit.objects.filter(pk__in=request.POST.getlist("recipients")),
                demands_reports_back=_flag(request, "demands_reports_back"), is_task_deployment=_flag(request, "is_task_deployment"),
                plan_line=PlanLine.objects.filter(pk=request.POST.get("plan_line") or 0).first(),
                number=request.POST.get("number", ""), upload=_upload(request), dated=request.POST.get("dated") or None,
            )
        except DomainError as exc:
            context = _form_context(user, None, issuer)
            context.update({"error": exc, "values": request.POST, "chosen": {int(x) for x in request.POST.getlist("recipients") if x.isdigit()}})
            return render(request, "documents/form.html", context, status=400)
        messages.success(request, _("Draft saved. Submit it for review when it is ready."))
        return redirect("documents:detail", doc.pk)
    chosen_issuer = None
    if request.GET.get("issuer"):
        chosen_issuer = access.get_for_user(user, "documents.draft", Unit.objects.all(), pk=request.GET["issuer"])
    return render(request, "documents/form.html", {**_form_context(user, None, chosen_issuer), "values": {}})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    doc = selectors.document_for(user, pk, "documents.draft")
    if request.method == "POST":
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
            services.document_update(
                actor=user, document=doc, recipients=Unit.objects.filter(pk__in=request.POST.getlist("recipients")), upload=upload,
                plan_line=PlanLine.objects.filter(pk=request.POST.get("plan_line") or 0).first(), **fields,
            )
        except DomainError as exc:
            context = _form_context(user, doc, doc.issuer)
            context.update({"error": exc, "values": request.POST})
            return render(request, "documents/form.html", context, status=400)
        messages.success(request, _("Changes saved."))
        return redirect("documents:detail", doc.pk)
    values = {"title": doc.title, "text": doc.text, "kind": doc.kind, "number": doc.number, "dated": doc.dated.isoformat(),
              "demands_reports_back": doc.demands_reports_back, "is_task_deployment": doc.is_task_deployment,
              "plan_line": str(doc.plan_line_id or "")}
    return render(request, "documents/form.html", {**_form_context(user, doc, doc.issuer), "values": values})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    doc = selectors.document_for(user, pk)
    context = {
        "document": doc,
        "recipients": list(doc.recipients.order_by("path")),
        "merged_from": list(doc.merged_from.select_related("issuer").order_by("id")),
        "events": selectors.events_of(doc),
        "verdicts": selectors.verdict_rows(selectors.latest_check(doc)),
        "history": selectors.check_history(doc),
        "can_edit": doc.is_editable and access.can(user, "documents.draft", doc.issuer),
        "can_submit": doc.is_editable and access.can(user, "documents.submit", doc.issuer),
        "can_issue": doc.status == Status.APPROVED and (access.can(user, "documents.submit", doc.issuer) or access.can(user, "documents.review", doc.issuer)),
        "can_explain": doc.status in (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED)
        and access.can(user, "documents.submit", doc.issuer),
        "can_withdraw": doc.status in (Status.APPROVED, Status.ISSUED, Status.SUBMITTED, Status.IN_REVIEW)
        and access.can(user, "documents.submit", doc.issuer),
        "can_review": doc.status in (Status.SUBMITTED, Status.IN_REVIEW) and access.can(user, "documents.review", doc.issuer),
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
        "can_override": access.can(user, "gate.override_quota", doc.issuer),
        "quota_red": context["quota"].colour == Colour.RED or (context["quota"].quota is not None and context["quota"].left == 0),
        "targets": selectors.merge_targets(user, doc, q=merge_q),
        "merge_q": merge_q,
    })
    if request.headers.get("HX-Request") and request.GET.get("part") == "targets":
        return render(request, "documents/_merge_targets.html", context)
    return render(request, "documents/review.html", context)


ACTIONS = {"submit", "review_start", "check", "approve", "return", "reject", "merge", "issue", "explain", "withdraw"}


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user: Any = request.user
    if action not in ACTIONS:
        raise PermissionDenied(access.DENIED_MESSAGE)
    doc = selectors.document_for(user, pk)
    reason = request.POST.get("reason", "")
    back = "documents:review" if action in ("review_start", "check", "approve", "return", "reject", "merge") else "documents:detail"
    try:
        if action == "submit":
            services.document_submit(actor=user, document=doc)
            messages.success(request, _("Submitted for the necessity review."))
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
            messages.success(request, _("Explanation filed."))
        elif action == "withdraw":
            services.document_withdraw(actor=user, document=doc, reason=reason)
            messages.success(request, _("Withdrawn."))
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
