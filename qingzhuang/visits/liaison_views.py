"""Pages of liaison visits (走访): the department cadre's phone page (log a visit with what it found, the paired
communities), a finding turned into a case in one step, and the community's page (who came, what they found, which
findings became cases)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.cases.models import Category, Urgency
from qingzhuang.lib import clock
from qingzhuang.lib.errors import DomainError
from qingzhuang.org import access
from qingzhuang.visits import selectors, services
from qingzhuang.visits.errors import VisitError
from qingzhuang.visits.models import Finding, Visit
from qingzhuang.visits.views import _date, _int

LOG_FIELDS = ("leader", "members", "member_count", "purpose", "visited_on", "finding", "category", "crowd_reason")


def _log_values(request: HttpRequest) -> dict[str, Any]:
    if request.method == "POST":
        return {k: request.POST.get(k, "") for k in LOG_FIELDS}
    person = getattr(request.user, "person", None)
    return {"leader": getattr(person, "name", "") or "", "members": "", "member_count": "1", "purpose": "", "visited_on": clock.today().isoformat(),
            "finding": "", "category": "", "crowd_reason": ""}


@login_required
def liaison(request: HttpRequest) -> HttpResponse:
    """The cadre logs a liaison visit; a community (no department to visit for) sees the visits it received."""
    user: Any = request.user
    organisers = selectors.liaison_organisers_for(user)
    if not organisers:
        return _community_page(request)
    data = request.POST if request.method == "POST" else request.GET
    organiser = next((u for u in organisers if u.pk == _int(data.get("organiser"))), organisers[0])
    today = clock.today()
    communities = list(selectors.paired_communities(organiser, today)[:500])
    values = _log_values(request)
    chosen = _int(data.get("community"))
    problem = ""
    crowd = None
    if request.method == "POST":
        findings = [(values["finding"], values["category"] or Category.OTHER)] if values["finding"] else []
        try:
            visit = services.liaison_log(actor=user, organiser=organiser, community_id=data.get("community", ""), visited_on=_date(values["visited_on"]),
                                         leader=values["leader"], members=values["members"], member_count=values["member_count"],
                                         purpose=values["purpose"], findings=findings, crowd_reason=values["crowd_reason"])
        except VisitError as exc:
            problem = exc.message
            place = next((c for c in communities if c.pk == chosen), None)
            day = _date(values["visited_on"])
            if exc.code in ("crowd_reason_needed", "crowded_blocked") and place is not None and not isinstance(day, str):
                crowd = selectors.crowding(county=organiser.county, places=[place], start_on=day, end_on=day)
        else:
            messages.success(request, _("Logged: %(community)s, %(day)s.") % {"community": visit.places.get().name, "day": visit.start_on.isoformat()})
            return redirect("visits:detail", pk=visit.pk)
    recent = selectors.liaison_visits(Visit.objects.filter(organiser=organiser))[:30]
    last = selectors.last_liaison_visits(organiser)
    context = {"organisers": organisers, "organiser": organiser, "communities": communities, "chosen": chosen, "values": values, "problem": problem,
               "crowd": crowd, "categories": Category.choices, "recent": list(recent),
               "paired_rows": [(c, last.get(c.pk)) for c in communities]}
    return render(request, "visits/liaison.html", context, status=400 if problem else 200)


def _community_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    units = list(selectors.received_units(user)[:300])
    if not units:
        raise PermissionDenied(access.DENIED_MESSAGE)
    unit = next((u for u in units if u.pk == _int(request.GET.get("unit"))), units[0])
    visits = list(selectors.liaison_visits(Visit.objects.filter(visit_places__unit=unit))[:100])
    return render(request, "visits/liaison_received.html", {"units": units, "unit": unit, "visits": visits})


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    visit = access.get_for_user(user, selectors.VIEW, Visit.objects.select_related("organiser"), pk=pk)
    if not access.can(user, selectors.BOOK, visit.organiser):
        raise PermissionDenied(access.DENIED_MESSAGE)
    try:
        services.finding_add(actor=user, visit=visit, text=request.POST.get("text", ""), category=request.POST.get("category", ""))
    except VisitError as exc:
        request.session["visit_problem"] = exc.message
    else:
        messages.success(request, _("Finding recorded."))
    return redirect("visits:detail", pk=visit.pk)


@login_required
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    """A finding's address (a case's source): its visit's page, for those who may see the visit."""
    found = access.get_for_user(request.user, selectors.VIEW, Finding.objects.all(), pk=pk)
    return redirect(reverse("visits:detail", args=[found.visit_id]) + "#findings")


@login_required
@require_POST
def finding_raise(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a finding into a case in one step (the visiting department raises it for the community)."""
    user: Any = request.user
    finding = access.get_for_user(user, selectors.VIEW, Finding.objects.select_related("visit__organiser"), pk=pk)
    if not access.can(user, selectors.BOOK, finding.visit.organiser):
        raise PermissionDenied(access.DENIED_MESSAGE)
    post = request.POST
    try:
        case = services.finding_raise(actor=user, finding=finding, title=post.get("title", ""), urgency=post.get("urgency") or Urgency.GENERAL,
                                      location=post.get("location", ""), beyond_power=post.get("beyond_power") == "1",
                                      beyond_ability=post.get("beyond_ability") == "1", photos=request.FILES.getlist("photos"))
    except DomainError as exc:
        request.session["visit_problem"] = exc.message
        request.session["visit_finding"] = finding.pk
        return redirect("visits:detail", pk=finding.visit_id)
    names = "、".join(r.department.name for r in case.recipients.select_related("department"))
    messages.success(request, _("Raised as a case for %(community)s to %(names)s: the first to accept leads it.")
                     % {"community": case.community.name, "names": names})
    return redirect("cases:case", pk=case.pk)
