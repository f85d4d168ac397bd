"""Pages of secondments: the list (the county's, a unit's), the request form, one secondment with its decisions,
extension and return, and the section on the ledger's community page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.ledger.index import capacities_for
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit
from qingzhuang.org.privacy import mask_name, mask_phone
from qingzhuang.secondments import errors, selectors, services
from qingzhuang.secondments.errors import SecondmentError
from qingzhuang.secondments.models import ExtensionStatus, SecondmentStatus


def _date(value: Any) -> Any:
    """A typed date as a date; anything else is passed on as typed, for the service to refuse in words."""
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text or None


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    today = clock.today()
    shown = selectors.visible(user)
    only_overdue = bool(request.GET.get("overdue"))
    if only_overdue:
        shown = selectors.overdue(shown, today)
    rows = list(shown.order_by("-start_on", "-id")[:300])
    context = {
        "rows": rows, "today": today, "only_overdue": only_overdue,
        "overdue": selectors.overdue_for(user, today).count(),
        "requests": list(selectors.requests_to_decide(user).order_by("requested_on", "id")[:100]) if access.can(user, selectors.DECIDE) else [],
        "extensions": list(selectors.extensions_to_decide(user).order_by("requested_on", "id")[:100]) if access.can(user, selectors.DECIDE) else [],
        "can_request": access.can(user, selectors.REQUEST),
    }
    return render(request, "secondments/index.html", context)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    borrowers = selectors.borrowing_units(user)
    if not borrowers:
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    borrower = next((u for u in borrowers if u.pk == _int(data.get("borrower"))), borrowers[0])
    lenders = list(selectors.lenders_for(borrower)[:1000])
    values = {k: data.get(k, "") for k in ("lender", "person_name", "post", "purpose", "basis", "start_on", "planned_end")}
    problem = ""
    if request.method == "POST" and data.get("send"):
        lender = next((u for u in lenders if u.pk == _int(values["lender"])), None)
        try:
            if lender is None:
                raise SecondmentError("lender_not_grassroots", errors.LENDER_NOT_GRASSROOTS, "lender")
            made = services.secondment_request(actor=user, borrower=borrower, lender=lender, person_name=values["person_name"], post=values["post"],
                                               purpose=values["purpose"], basis=values["basis"], start_on=_date(values["start_on"]),
                                               planned_end=_date(values["planned_end"]))
        except SecondmentError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Requested: the county office decides."))
            return redirect("secondments:detail", pk=made.pk)
    context = {"borrowers": borrowers, "borrower": borrower, "lenders": lenders, "values": values, "problem": problem}
    return render(request, "secondments/new.html", context, status=400 if problem else 200)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.get(user, pk)
    today = clock.today()
    extensions = list(found.extensions.select_related("decided_by__person").order_by("requested_on", "id"))
    pending = next((e for e in extensions if e.status == ExtensionStatus.REQUESTED), None)
    away = found.status == SecondmentStatus.APPROVED
    can = {
        "decide": found.status == SecondmentStatus.REQUESTED and access.can(user, services.DECIDE, found.lender),
        "extend": away and pending is None and access.can(user, services.REQUEST, found.borrower),
        "decide_extension": pending is not None and access.can(user, services.DECIDE, found.lender),
        "return": away and access.can(user, services.RETURN, found),
    }
    problem = ""
    values = {k: request.POST.get(k, "") for k in ("note", "new_end", "reason", "returned_on")}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if not can.get(action):
            raise PermissionDenied(access.DENIED_MESSAGE)
        approve = request.POST.get("decision") == "approve"
        try:
            if action == "decide":
                services.secondment_decide(actor=user, secondment=found, approve=approve, note=values["note"])
                messages.success(request, _("Approved: the person counts as seconded away from the start day.") if approve else _("Secondment refused."))
            elif action == "extend":
                services.extension_request(actor=user, secondment=found, new_end=_date(values["new_end"]), reason=values["reason"])
                messages.success(request, _("Extension requested: the county office decides."))
            elif action == "decide_extension":
                assert pending is not None
                services.extension_decide(actor=user, extension=pending, approve=approve, note=values["note"])
                messages.success(request, _("Extension approved.") if approve else _("Extension refused."))
            else:
                services.secondment_return(actor=user, secondment=found, returned_on=_date(values["returned_on"]), note=values["note"])
                messages.success(request, _("Recorded: back at the post."))
        except SecondmentError as exc:
            problem = exc.message
        else:
            return redirect("secondments:detail", pk=found.pk)
    person = found.person
    clear = person is not None and access.can(user, "org.view_personal_data", found.lender)
    # Only the phone, and masked unless the reader may see the unit's personal data; the ID number is never shown here.
    contact = {"phone": person.phone if clear else mask_phone(person.phone)} if person is not None and person.phone else None
    context = {"s": found, "extensions": extensions, "pending": pending, "can": can, "problem": problem, "values": values, "today": today,
               "overdue": away and found.ends_on < today, "contact": contact, "verdicts": verdict_rows(latest_check(found)),
               "extension_verdicts": verdict_rows(latest_check(pending)) if pending else []}
    return render(request, "secondments/detail.html", context, status=400 if problem else 200)


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """The ledger's page of a community, village or town: its staff net of those seconded away at the period's end,
    and who is away (names for those who see the secondments, initials for others)."""
    if unit.kind not in GRASSROOTS_KINDS:
        return ""
    last_day = period.end - dt.timedelta(days=1)  # the day the index's capacity is read on
    capacity = capacities_for([unit.pk], period).get(unit.pk)
    standing = list(selectors.standing([unit.pk], last_day).select_related("borrower").order_by("start_on", "id"))
    if capacity is None and not standing:
        return ""
    named = access.can(user, selectors.VIEW, unit)
    today = clock.today()
    people = [{"s": s, "name": s.person_name if named else mask_name(s.person_name), "overdue": s.status == SecondmentStatus.APPROVED and s.ends_on < today}
              for s in standing]
    return render_to_string("secondments/_unit_section.html", {"capacity": capacity, "people": people, "on": last_day, "named": named})
