"""Pages of the vulnerable households: the community staff's list, record, edit and pairing, the helps to confirm; the
rider's phone page 我的结对户 (masked, phone on demand, help in two taps); the sections on the ledger's pages."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from qingzhuang.households import imports, selectors, services
from qingzhuang.households.errors import HouseholdError
from qingzhuang.households.models import ConsentHow, Help, HelpKind, Kind, Pairing, Status
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.org.privacy import mask_id_number, mask_phone
from qingzhuang.riders.models import Rider

TEXT_FIELDS = ("head_name", "address", "phone", "id_number", "needs", "health", "consent_by", "consent_on", "consent_how", "status",
               "status_since")
REVEAL_REASONS = (gettext_lazy("Calling before a home visit"), gettext_lazy("Confirming what to buy or do"),
                  gettext_lazy("No answer at the door: checking they are safe"))


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def _community(user: Any, data: Any) -> tuple[list[Unit], Unit | None]:
    communities = selectors.communities_managed(user)
    chosen = next((u for u in communities if u.pk == _int(data.get("community"))), communities[0] if communities else None)
    return communities, chosen


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The community's list: who, what kind of need, status, who is paired; the helps waiting to be confirmed."""
    user: Any = request.user
    access.require(user, selectors.MANAGE)
    communities, community = _community(user, request.GET)
    status = request.GET.get("status", "active")
    today = clock.today()
    households = list(selectors.households_for(user, community).filter(**({"status": status} if status in Status.values else {}))
                      .order_by("head_name", "id")[:500]) if community else []
    paired = selectors.pairings_now(households, today)
    rows = [{"h": h, "kinds": selectors.kind_labels(h.kinds), "phone": mask_phone(h.phone) if h.phone else "",
             "riders": "、".join(p.rider.name for p in paired.get(h.pk, []))} for h in households]
    waiting = list(selectors.helps_to_confirm(user).filter(household__community=community).order_by("done_on", "id")[:100]) if community else []
    context = {"communities": communities, "community": community, "rows": rows, "status": status, "statuses": Status.choices,
               "waiting": waiting, "today": today, "by_year": selectors.helped_by_year(community, today) if community else []}
    return render(request, "households/index.html", context)


def _values(data: Any) -> dict[str, Any]:
    values: dict[str, Any] = {k: data.get(k, "") for k in TEXT_FIELDS}
    values["kinds"] = data.getlist("kinds")
    return values


@login_required
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a household to the community's list, or change one (the consent is part of the record)."""
    user: Any = request.user
    household = selectors.get_household(user, pk) if pk else None
    communities, community = _community(user, request.POST if request.method == "POST" else request.GET)
    if household is None and community is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    problem, field = "", ""
    if request.method == "POST":
        values = _values(request.POST)
        try:
            if household is None:
                assert community is not None
                household = services.household_create(actor=user, community=community, **values)
                messages.success(request, _("The household is on the list."))
            else:
                if not values["status_since"]:
                    values.pop("status_since")
                household = services.household_update(actor=user, household=household, **values)
                messages.success(request, _("Saved."))
        except HouseholdError as exc:
            problem, field = exc.message, exc.field or ""
        else:
            return redirect("households:detail", household.pk)
    elif household is not None:
        services.household_read(actor=user, household=household, via="edit")
        values = {k: getattr(household, k) for k in TEXT_FIELDS} | {"kinds": household.kinds}
        values["consent_on"], values["status_since"] = household.consent_on.isoformat(), household.status_since.isoformat()
    else:
        values = {"kinds": [], "status": Status.ACTIVE, "consent_on": clock.today().isoformat(), "consent_how": ConsentHow.WRITTEN}
    context = {"household": household, "communities": communities, "community": household.community if household else community,
               "values": values, "problem": problem, "field": field, "kinds": Kind.choices, "statuses": Status.choices, "hows": ConsentHow.choices}
    return render(request, "households/edit.html", context, status=400 if problem else 200)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's whole record, for the community's staff; the read is on the audit trail."""
    user: Any = request.user
    household = selectors.get_household(user, pk)
    services.household_read(actor=user, household=household, via="page")
    today = clock.today()
    context = {"h": household, "kinds": selectors.kind_labels(household.kinds), "today": today,
               "pairings": Pairing.objects.filter(household=household).select_related("rider").order_by("-since", "-id"),
               "riders": selectors.riders_to_pair(household, today), "helps": selectors.helps_of(household)[:200]}
    return render(request, "households/detail.html", context)


@login_required
@require_POST
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    household = selectors.get_household(user, pk)
    rider = Rider.objects.filter(pk=_int(request.POST.get("rider")), community_id=household.community_id).first()
    try:
        if rider is None:
            raise HouseholdError("rider_elsewhere", _("Choose a rider or volunteer of the community."), "rider")
        services.pairing_create(actor=user, household=household, rider=rider, since=request.POST.get("since", ""),
                                until=request.POST.get("until", ""))
    except HouseholdError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Paired: %(name)s now sees this household on their phone.") % {"name": rider.name})
    return redirect("households:detail", household.pk)


@login_required
@require_POST
def unpair(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    pairing = access.get_for_user(user, selectors.MANAGE, Pairing.objects.select_related("household__community"), pk=pk)
    try:
        services.pairing_end(actor=user, pairing=pairing, until=request.POST.get("until", ""))
    except HouseholdError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The pairing has ended."))
    return redirect("households:detail", pairing.household_id)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff confirm a visit or errand (the rider earns points) or decline it with a reason."""
    user: Any = request.user
    found = access.get_for_user(user, selectors.MANAGE, Help.objects.select_related("household__community", "rider"), pk=pk)
    confirm = request.POST.get("decision") == "confirm"
    try:
        services.help_decide(actor=user, help=found, confirm=confirm, note=request.POST.get("note", ""))
    except HouseholdError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Confirmed: %(name)s earns the points.") % {"name": found.rider.name} if confirm else _("Declined."))
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/households/") else reverse("households:index"))


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The community's list as CSV for its staff; each household in it is a read on the audit trail. ID numbers are masked."""
    user: Any = request.user
    access.require(user, selectors.MANAGE)
    _communities, community = _community(user, request.GET)
    if community is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    households = list(selectors.households_for(user, community).order_by("head_name", "id")[:5000])
    services.households_exported(actor=user, community=community, households=households)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="households.csv"'
    response.write("\ufeff")
    out = csv.writer(response)
    out.writerow([_("Head of household"), _("Address"), _("Contact phone"), _("ID number"), _("Kinds of need"), _("Help needed"), _("Status")])
    for h in households:
        out.writerow([_safe(v) for v in (h.head_name, h.address, h.phone, mask_id_number(h.id_number) if h.id_number else "",
                                         "、".join(selectors.kind_labels(h.kinds)), h.needs, h.get_status_display())])
    return response


def _safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def import_households(request: HttpRequest) -> HttpResponse:
    """Import the community's list from an .xlsx workbook: all or nothing, with a report row by row."""
    user: Any = request.user
    _communities, community = _community(user, request.POST if request.method == "POST" else request.GET)
    if community is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    report = None
    upload = request.FILES.get("file")
    if request.method == "POST" and upload is not None:
        report = imports.households_import(actor=user, community=community, source=upload, filename=upload.name or "",
                                           dry_run=request.POST.get("dry_run") == "1")
        if report.ok and not report.dry_run:
            messages.success(request, _("%(n)s households imported.") % {"n": report.created["households"]})
            return redirect(reverse("households:index") + f"?community={community.pk}")
    status = 400 if report is not None and not report.ok else 200
    return render(request, "households/import.html", {"community": community, "report": report}, status=status)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    access.require(request.user, selectors.MANAGE)
    response = HttpResponse(imports.template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="households-template.xlsx"'
    return response


# --- The rider's phone pages -----------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的结对户: the households paired with the rider today, masked; a tap opens one."""
    user: Any = request.user
    access.require(user, selectors.HELP)
    households = selectors.my_households(user, clock.today())
    return render(request, "households/mine.html", {"rows": [selectors.for_rider(h) for h in households]})


@login_required
def mine_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One paired household for the rider: the address and the needs; the phone on a tap, with a reason, on the trail."""
    user: Any = request.user
    access.require(user, selectors.HELP)
    household = selectors.my_household(user, pk, clock.today())
    phone, problem = "", ""
    if request.method == "POST":
        try:
            phone = services.phone_reveal(actor=user, household=household, reason=request.POST.get("reason", ""))
        except HouseholdError as exc:
            problem = exc.message
    else:
        services.household_read(actor=user, household=household, via="rider page")
    context = {"h": selectors.for_rider(household), "phone": phone, "problem": problem, "reasons": REVEAL_REASONS,
               "kinds": HelpKind.choices, "helps": selectors.my_helps(user, household)[:20]}
    return render(request, "households/mine_detail.html", context, status=400 if problem else 200)


@login_required
def mine_help(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a visit or errand: the kind was the first tap, 提交 is the second (what, day and minutes come filled in)."""
    user: Any = request.user
    access.require(user, selectors.HELP)
    household = selectors.my_household(user, pk, clock.today())
    data = request.POST if request.method == "POST" else request.GET
    kind = str(data.get("kind")) if data.get("kind") in HelpKind.values else str(HelpKind.VISIT)
    values = {"kind": kind, "what": data.get("what", str(HelpKind(kind).label).split("（")[0].split(" (")[0]),
              "done_on": data.get("done_on", clock.today().isoformat()), "minutes": data.get("minutes", "30")}
    problem = ""
    if request.method == "POST":
        try:
            services.help_record(actor=user, household=household, **values)
        except HouseholdError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded: the community will confirm it."))
            return redirect("households:mine_detail", household.pk)
    context = {"h": selectors.for_rider(household), "values": values, "problem": problem, "kinds": HelpKind.choices, "today": clock.today()}
    return render(request, "households/mine_help.html", context, status=400 if problem else 200)


# --- The ledger's pages ------------------------------------------------------------------------------------------


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board: households helped one-on-one and help acts in the period, by community (counts only)."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.FIGURES, root):
        return ""
    figures = selectors.county_figures(root.county, period.start, period.end)
    return render_to_string("households/_board_section.html", {"fig": figures, "period": period})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: its households kept and paired, helped one-on-one and help acts in the period."""
    if unit.kind not in selectors.COMMUNITY_KINDS or not access.can(user, selectors.FIGURES, unit):
        return ""
    day = min(clock.today(), period.end - dt.timedelta(days=1))
    figures = selectors.community_figures(unit, period.start, period.end, day)
    return render_to_string("households/_unit_section.html", {"fig": figures, "period": period, "unit": unit, "day": day,
                                                              "can_manage": access.can(user, selectors.MANAGE, unit)})
