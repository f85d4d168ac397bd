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
from qingzhuang.pairing import selectors, services
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
