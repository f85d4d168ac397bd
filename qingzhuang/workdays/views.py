"""Pages of the working-day calendar: the years recorded and those missing; an administrator records a new year."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.workdays import selectors, services
from qingzhuang.workdays.errors import CalendarError
from qingzhuang.workdays.models import CalendarYear, DayKind

VIEW = "workdays.view"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.require(request.user, VIEW)
    today = clock.today()
    context = {"rows": selectors.year_rows(today.year), "can_edit": access.can(request.user, services.EDIT), "this_year": today.year}
    return render(request, "workdays/home.html", context)


@login_required
def year(request: HttpRequest, year: int) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        raise Http404
    can_edit = access.can(user, services.EDIT)
    record = CalendarYear.objects.filter(year=year).first()
    days = selectors.year_days(year)
    values = {
        "notice": record.notice if record else "",
        "holidays": "\n".join(f"{d.day} {d.name}".strip() for d in days if d.kind == DayKind.HOLIDAY),
        "workdays": "\n".join(f"{d.day} {d.name}".strip() for d in days if d.kind == DayKind.WORKDAY),
    }
    problem = ""
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(access.DENIED_MESSAGE)
        values = {k: request.POST.get(k, "") for k in ("notice", "holidays", "workdays")}
        try:
            services.calendar_year_set(actor=user, year=year, **values)
        except CalendarError as exc:
            problem = exc.message
        else:
            messages.success(request, _("The %(year)s schedule is recorded: deadlines in %(year)s are computed with it.") % {"year": year})
            return redirect("workdays:year", year=year)
    context = {"year": year, "record": record, "days": days, "can_edit": can_edit, "values": values, "problem": problem}
    return render(request, "workdays/year.html", context, status=400 if problem else 200)
