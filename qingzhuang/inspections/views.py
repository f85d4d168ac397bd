"""Pages: thin; selectors read, services write, DomainErrors become messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.gate.rules import latest_checks
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.inspections import selectors, services
from qingzhuang.inspections.forms import FeedbackForm, FindingForm, ProposeForm, ReasonForm, VisitForm
from qingzhuang.inspections.models import Finding, ItemStatus, PlanStatus
from qingzhuang.lib import clock
from qingzhuang.lib.errors import DomainError
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind

VIEW, PROPOSE, REVIEW, RESPOND = selectors.VIEW, selectors.PROPOSE, selectors.REVIEW, selectors.RESPOND


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2099 else clock.today().year


def _office(request: HttpRequest, user: Any) -> Unit:
    offices = selectors.offices_for(user)
    if not offices:
        raise PermissionDenied(access.DENIED_MESSAGE)
    raw = request.GET.get("office", "")
    return next((o for o in offices if str(o.pk) == raw), offices[0])


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    status = request.GET.get("status", "")
    items = selectors.items_visible(user).prefetch_related("targets")
    if status == "waiting":
        items = items.filter(pk__in=selectors.review_queue(user).values("pk"))
    elif status in ItemStatus.values:
        items = items.filter(status=status)
    context = {
        "items": items.order_by("-window_start", "-id")[:300],
        "status": status,
        "statuses": ItemStatus.choices,
        "can_propose": access.can(user, PROPOSE),
        "can_review": access.can(user, REVIEW),
        "waiting": selectors.review_queue(user).count(),
        "offices": selectors.offices_for(user),
        "year": clock.today().year,
    }
    return render(request, "inspections/list.html", context)


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, PROPOSE)
    form = ProposeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            item = services.item_propose(actor=user, targets=list(data.pop("targets")), **data)
        except DomainError as exc:
            refused = getattr(exc, "item", None)
            if refused is not None:
                messages.error(request, exc.message)
                return redirect("inspections:detail", refused.pk)
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
        else:
            if item.status == ItemStatus.MONTHLY_REVIEW:
                messages.warning(request, _("The annual plan is filed: this item is outside it and waits for the monthly review (月控)."))
            else:
                messages.success(request, _("Proposed: the county office reviews it for the annual plan."))
            return redirect("inspections:detail", item.pk)
    return render(request, "inspections/new.html", {"form": form})


def _detail_context(request: HttpRequest, item: Any) -> dict[str, Any]:
    user: Any = request.user
    respond_units = selectors.units_to_respond(user, item)
    can_lead = selectors.can_lead(user, item)
    return {
        "item": item,
        "targets": list(item.targets.order_by("path")),
        "partners": list(item.partners.all()),
        "merged_from": list(item.merged_from.select_related("lead")),
        "verdicts": selectors.verdicts(item),
        "overlaps": list(selectors.overlapping(item)) if item.status in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED, ItemStatus.MONTHLY_REVIEW, ItemStatus.FILED) else [],
        "visits": list(item.visits.select_related("unit")),
        "findings": list(item.findings.select_related("unit")),
        "feedback": list(item.feedback.select_related("unit")),
        "can_review": selectors.can_review(user, item),
        "can_lead": can_lead,
        "respond_units": respond_units,
        "respond_ids": {u.pk for u in respond_units},
        "visit_form": VisitForm(item=item, initial={"day": clock.today()}) if can_lead else None,
        "finding_form": FindingForm(item=item) if can_lead else None,
        "feedback_form": FeedbackForm(units=respond_units) if respond_units else None,
        "reason_form": ReasonForm(),
        "carryable": item.status == ItemStatus.FILED,
        "today": clock.today(),
    }


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    return render(request, "inspections/detail.html", _detail_context(request, item))


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    try:
        action(item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _back(request, "inspections:detail", pk)


def _back(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    """Back to the page the form was on (a local address only), else to ``name``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(nxt)
    return redirect(name, *args)


@login_required
@require_POST
def item_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda i: services.item_accept(actor=request.user, item=i), _("Accepted into the plan."))


@login_required
@require_POST
def item_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda i: services.item_refuse(actor=request.user, item=i, reason=request.POST.get("reason", "")), _("Refused."))


@login_required
@require_POST
def item_monthly_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk,
        lambda i: services.item_monthly_approve(actor=request.user, item=i, override_reason=request.POST.get("override_reason", "")),
        _("Passed the monthly review: the item is filed."),
    )


# The most items one monthly review page shows and decides.
MONTHLY_BATCH = 100


@login_required
def monthly_review(request: HttpRequest) -> HttpResponse:
    """月控 for the month: the items outside the plan awaiting the county office, with their gate verdicts, decided
    together (approve the ticked ones, or refuse them with one reason); each outcome is reported."""
    user: Any = request.user
    access.require(user, REVIEW)
    queue = selectors.review_queue(user).filter(status=ItemStatus.MONTHLY_REVIEW)
    if request.method == "POST":
        ticked = [int(raw) for raw in request.POST.getlist("item") if raw.isascii() and raw.isdigit() and len(raw) <= 18]
        chosen = list(queue.filter(pk__in=ticked).select_related("plan__office", "lead").order_by("window_start", "id")[:MONTHLY_BATCH])
        if not chosen:
            messages.error(request, _("Tick at least one item."))
            return redirect("inspections:monthly")
        approve = request.POST.get("decision") == "approve"
        try:
            decided = services.items_monthly_decide(actor=user, items=chosen, approve=approve, reason=request.POST.get("reason", ""),
                                                    override_reason=request.POST.get("override_reason", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("inspections:monthly")
        done = sum(d.done for d in decided)
        if done:
            messages.success(request, (_("Passed the monthly review: %(count)s item(s).") if approve else _("Refused: %(count)s item(s).")) % {"count": done})
        for d in decided:
            if not d.done:
                messages.error(request, d.message)
        return redirect("inspections:monthly")
    items = list(queue.select_related("lead").prefetch_related("targets").order_by("window_start", "id")[:MONTHLY_BATCH])
    checks = latest_checks(items)
    rows = [(item, verdict_rows(checks.get(item.pk))) for item in items]
    return render(request, "inspections/monthly.html", {"rows": rows, "can_review": True, "more": queue.count() > len(items)})


@login_required
@require_POST
def item_carry_out(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda i: services.item_carry_out(actor=request.user, item=i), _("Marked carried out."))


@login_required
@require_POST
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    form = VisitForm(request.POST, item=item)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspections:detail", pk)
    return _act(request, pk, lambda i: services.visit_record(actor=request.user, item=i, **form.cleaned_data), _("Visit recorded."))


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    form = FindingForm(request.POST, item=item)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspections:detail", pk)
    return _act(request, pk, lambda i: services.finding_add(actor=request.user, item=i, **form.cleaned_data), _("Finding recorded."))


@login_required
@require_POST
def finding_respond(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, item=item)
    return _act(request, pk, lambda _i: services.finding_respond(actor=request.user, finding=finding, response=request.POST.get("response", "")), _("Response recorded."))


@login_required
@require_POST
def feedback_give(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for(request.user, pk)
    form = FeedbackForm(request.POST, units=selectors.units_to_respond(request.user, item))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspections:detail", pk)
    return _act(request, pk, lambda i: services.feedback_give(actor=request.user, item=i, **form.cleaned_data), _("Thank you: your feedback is recorded."))


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The county's annual plan: items by state, merge proposals, the caps board; the county office acts here."""
    user: Any = request.user
    access.require(user, VIEW)
    office = _office(request, user)
    year = _year(request)
    found = selectors.plan_get(office, year)
    can_review = access.can(user, REVIEW, office)
    visible = selectors.items_visible(user).filter(plan__office=office, plan__year=year).prefetch_related("targets", "partners")
    context = {
        "office": office,
        "offices": selectors.offices_for(user),
        "year": year,
        "years": list(range(clock.today().year + 1, clock.today().year - 4, -1)),
        "plan": found,
        "items": list(visible.order_by("status", "window_start", "id")),
        "proposals": [p for p in selectors.merge_proposals(found) if all(i in visible for i in p.items)] if found else [],
        "caps": selectors.cap_board(office, year),
        "can_review": can_review,
        "undecided": found.items.filter(status=ItemStatus.PROPOSED).count() if found else 0,
        "PlanStatus": PlanStatus,
    }
    return render(request, "inspections/plan.html", context)


@login_required
@require_POST
def plan_merge(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    ids = [int(v) for v in request.POST.getlist("items") if v.isdigit()][:50]
    items = [selectors.item_for(user, pk) for pk in ids]
    try:
        if len(items) < 2:
            from qingzhuang.inspections import errors

            raise services.InspectionInvalid("merge_two", errors.MERGE_TWO, "items")
        joint = services.items_merge(actor=user, items=items, subject=request.POST.get("subject", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(request, "inspections:plan")
    messages.success(request, _("Merged into one joint inspection: “%(subject)s”.") % {"subject": joint.subject})
    return _back(request, "inspections:plan")


@login_required
@require_POST
def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    from qingzhuang.inspections.models import InspectionPlan

    user: Any = request.user
    found = access.get_for_user(user, VIEW, InspectionPlan.objects.select_related("office"), pk=pk)
    try:
        services.plan_file(actor=user, plan=found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The %(year)s plan is filed.") % {"year": found.year})
    return redirect(f"{_plan_url()}?office={found.office_id}&year={found.year}")


def _plan_url() -> str:
    from django.urls import reverse

    return reverse("inspections:plan")


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    office = _office(request, user)
    if not access.can(user, REVIEW, office) and not access.is_system_admin(user):
        raise PermissionDenied(access.DENIED_MESSAGE)
    year = _year(request)
    data = selectors.figures(county=office.county, year=year)  # type: ignore[arg-type]
    return render(request, "inspections/figures.html", {"data": data, "office": office, "offices": selectors.offices_for(user), "year": year, "UnitKind": UnitKind})


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's 督检考 section: the cap board, merges made, traces refused."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or not access.can(user, VIEW, root) or root.county_id is None:
        return ""
    year = period.year
    data = selectors.figures(county=root.county, year=year)  # type: ignore[arg-type]
    return render_to_string("inspections/_board_section.html", {"insp": data, "insp_caps": selectors.cap_board(root, year), "insp_office": root, "insp_year": year})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A unit's ledger page lists every inspection item aimed at it, with the announced window."""
    if not access.can(user, VIEW):
        return ""
    items = list(selectors.items_for_unit(unit).filter(pk__in=selectors.items_visible(user).values("pk"))[:200])
    return render_to_string("inspections/_unit_section.html", {"insp_items": items, "insp_today": clock.today()})

