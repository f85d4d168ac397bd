"""The county's pairing page: coverage at a glance, the pairings in force, filing and editing one."""

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

from qingzhuang.gate.models import Outcome
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.pairing import proposal, selectors, services
from qingzhuang.pairing.errors import DATE_INVALID, PairingError
from qingzhuang.pairing.models import Pairing


def _int(value: Any) -> int:
    """A whole number from a form, or 0 (no row has id 0)."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def _date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PairingError("date_invalid", DATE_INVALID, "valid_from") from None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    counties = selectors.counties_for(user)
    wanted = _int(request.GET.get("county"))
    county = next((c for c in counties if c.pk == wanted), counties[0] if counties else None)
    today = clock.today()
    pairings = list(selectors.pairings_visible(user).filter(selectors.in_force(today), county=county).order_by("community__path", "department__name")[:1000]) if county else []
    can_manage = bool(county) and access.can(user, selectors.MANAGE, Unit.objects.filter(county=county, kind=UnitKind.PARTY_GOV_OFFICE).first())
    cover = selectors.coverage(county, today) if county and can_manage else None
    values: dict[str, Any] = {k: request.POST.get(k, "") for k in ("department", "community", "leader", "cadres", "valid_from", "valid_to")}
    problem = ""
    status = 200
    if request.method == "POST":
        if not can_manage or county is None:
            raise PermissionDenied(access.DENIED_MESSAGE)
        department = selectors.departments_of(county).filter(pk=_int(values["department"])).first()
        community = selectors.communities_of(county).filter(pk=_int(values["community"])).first()
        try:
            if department is None or community is None:
                raise PairingError("not_department", _("Choose a department and a community of the county."), "department")
            pairing, report = services.pairing_file(actor=user, department=department, community=community, leader=values["leader"],
                                                    cadres=values["cadres"], valid_from=_date(values["valid_from"]) or today,
                                                    valid_to=_date(values["valid_to"]))
        except PairingError as exc:
            problem, status = exc.message, 400
        else:
            messages.success(request, _("Filed: %(department)s is paired with %(community)s.") % {"department": department.name, "community": community.name})
            for verdict in report.verdicts:
                if verdict.outcome == Outcome.WARN:
                    messages.warning(request, verdict.text())
            return redirect(f"{request.path}?county={county.pk}")
    context = {"counties": counties, "county": county, "pairings": pairings, "cover": cover, "can_manage": can_manage, "today": today,
               "departments": selectors.departments_of(county) if can_manage and county else [],
               "communities": selectors.communities_of(county) if can_manage and county else [], "values": values, "problem": problem}
    return render(request, "pairing/index.html", context, status=status)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    pairing = access.get_for_user(user, selectors.MANAGE, Pairing.objects.select_related("department", "community"), pk=pk)
    values = {"leader": pairing.leader, "cadres": pairing.cadres, "valid_to": pairing.valid_to.isoformat() if pairing.valid_to else ""}
    problem = ""
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            services.pairing_edit(actor=user, pairing=pairing, leader=values["leader"], cadres=values["cadres"], valid_to=_date(values["valid_to"]))
        except PairingError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Saved."))
            return redirect(f"/pairing/?county={pairing.county_id}")
    return render(request, "pairing/edit.html", {"pairing": pairing, "values": values, "problem": problem}, status=400 if problem else 200)


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's 赋能 pairing coverage: communities covered, departments pairing, too many, none."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    day = min(period.end - dt.timedelta(days=1), clock.today())
    county: Any = root.county
    return render_to_string("pairing/_board_section.html", {"cover": selectors.coverage(county, day)})


def _rows_posted(data: Any) -> list[dict[str, Any]]:
    """The proposal's rows a person kept (ticked), with the department each row now names; at most one more than the
    service files, so an oversized form is refused in words rather than cut."""
    kept = []
    for value in data.getlist("row")[: services.MAX_PROPOSAL_ROWS + 1]:
        key = str(value)[:12]
        if data.get(f"take-{key}"):
            kept.append({"community": key, "department": data.get(f"department-{key}", ""), "leader": data.get(f"leader-{key}", ""),
                         "before": [b for b in str(data.get(f"before-{key}", ""))[:200].split(",") if b]})
    return kept


def _county_managed(user: Any, data: Any) -> Any:
    counties = [c for c in selectors.counties_for(user)
                if access.can(user, selectors.MANAGE, Unit.objects.filter(county=c, kind=UnitKind.PARTY_GOV_OFFICE).first())]
    if not counties:
        raise PermissionDenied(access.DENIED_MESSAGE)
    wanted = _int(data.get("county"))
    return next((c for c in counties if c.pk == wanted), counties[0]), counties


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    """A balanced pairing proposal: shown (nothing saved), adjusted (rows dropped or moved, checked again), then filed."""
    user: Any = request.user
    data = request.POST if request.method == "POST" else request.GET
    county, counties = _county_managed(user, data)
    weight = data.get("weight", proposal.RESIDENTS)
    if weight not in dict(proposal.WEIGHTS):
        weight = proposal.RESIDENTS
    problem, status = "", 200
    try:
        day = _date(data.get("valid_from")) or clock.today()
    except PairingError as exc:
        day, problem, status = clock.today(), exc.message, 400
    chosen = data.get("chosen") == "1"
    kept_ids = {_int(v) for v in data.getlist("keep")[:5000]} if chosen else None
    plan = proposal.propose(county, day, weight, kept_ids)
    if request.method == "POST" and not problem:
        rows = _rows_posted(request.POST)
        try:
            if request.POST.get("action") == "file":
                filed, reports = services.proposal_file(actor=user, county=county, data=rows, valid_from=day)
                messages.success(request, _("Filed: %(count)s new pairings from the proposal.") % {"count": len(filed)})
                for report in reports:
                    for verdict in report.verdicts:
                        if verdict.outcome == Outcome.WARN:
                            messages.warning(request, verdict.text())
                return redirect(f"/pairing/?county={county.pk}")
            plan = proposal.adjusted(county, day, weight, services.proposal_rows(county=county, data=rows))
        except PairingError as exc:
            problem, status = exc.message, 400
    current = list(selectors.pairings_visible(user).filter(selectors.in_force(day), county=county).order_by("community__path", "department__name")[:2000])
    context = {"plan": plan, "county": county, "counties": counties, "weight": weight, "weights": proposal.WEIGHTS, "day": day,
               "current": current, "kept_ids": kept_ids, "chosen": chosen, "problem": problem,
               "adjusted": request.method == "POST"}
    return render(request, "pairing/propose.html", context, status=status)
