"""Pages of the riders: the community's roster (enrol, status, membership over time), the rider's phone page to report
a hazard and follow their reports, the reports a community must act on, and the boundaries import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Region, RegionLevel, Unit, UnitKind
from qingzhuang.org.privacy import mask_phone
from qingzhuang.riders import geo, handoff, selectors, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import (
    OPEN_STATUSES,
    Datum,
    Duty,
    HazardPhoto,
    HazardStatus,
    MemberKind,
    MemberStatus,
    PatrolStatus,
    Platform,
    Rider,
)

PERSONAL = "org.view_personal_data"


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def _year_starts(first: dt.date, today: dt.date) -> list[dt.date]:
    days = [dt.date(year, 1, 1) for year in range(first.year, today.year + 1) if dt.date(year, 1, 1) >= first]
    return [*days, today] if not days or days[-1] != today else days


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The community's riders and volunteers: who, their roles and status today, and membership over time."""
    user: Any = request.user
    access.require(user, selectors.VIEW)
    communities = list(access.scoped_queryset(user, selectors.VIEW, Unit.objects.filter(kind__in=geo.GRASSROOTS, is_active=True))
                       .order_by("path")[:300])
    chosen = next((u for u in communities if u.pk == _int(request.GET.get("community") or request.POST.get("community"))),
                  communities[0] if communities else None)
    today = clock.today()
    problem = ""
    values: dict[str, Any] = {}
    if request.method == "POST" and chosen is not None:
        action = request.POST.get("action", "")
        try:
            if action == "enrol":
                values = {k: request.POST.get(k, "") for k in ("name", "phone", "platform", "station", "joined_on", "title")}
                values["kind"] = request.POST.get("kind") or MemberKind.RIDER
                services.rider_enrol(actor=user, community=chosen, duties=request.POST.getlist("duties"), **values)
                messages.success(request, _("Enrolled."))
            elif action == "status":
                rider = access.get_for_user(user, services.MANAGE, Rider.objects.all(), pk=_int(request.POST.get("rider")))
                services.rider_status_set(actor=user, rider=rider, status=request.POST.get("status", ""),
                                          since=request.POST.get("since", ""), note=request.POST.get("note", ""))
                messages.success(request, _("Status recorded."))
            else:
                raise PermissionDenied(access.DENIED_MESSAGE)
        except RiderError as exc:
            problem = exc.message
        else:
            return redirect(reverse("riders:index") + f"?community={chosen.pk}")
    rows: list[Any] = []
    series: list[tuple[dt.date, int]] = []
    if chosen is not None:
        show_phone = access.can(user, PERSONAL, chosen)
        rows = list(selectors.with_status(selectors.riders_for(user, community=chosen), today).order_by("-joined_on", "name")[:500])
        for rider in rows:
            rider.phone_shown = rider.phone if show_phone else mask_phone(rider.phone)
            rider.duty_labels = [Duty(d).label for d in rider.duties if d in Duty.values]
        first = min((r.joined_on for r in rows), default=today)
        series = selectors.membership_series(user, chosen, _year_starts(first, today))
    context = {
        "communities": communities, "community": chosen, "rows": rows, "series": series, "today": today, "problem": problem,
        "values": values, "can_manage": chosen is not None and access.can(user, services.MANAGE, chosen),
        "platforms": Platform.choices, "duties": Duty.choices, "kinds": MemberKind.choices, "statuses": MemberStatus.choices,
        "members_now": sum(1 for r in rows if r.status_now in (MemberStatus.ACTIVE, MemberStatus.PAUSED)),
    }
    return render(request, "riders/index.html", context, status=400 if problem else 200)


def _report_context(user: Any, data: Any) -> dict[str, Any]:
    home = services.home_unit(user)
    categories = services.categories_for(home.county) if home is not None and home.county_id else []
    centre = geo.centre_of(home, settings.QZ_MAP_DATUM) if home is not None else None
    return {"categories": categories, "values": data, "datums": Datum.choices, "max_photos": services.MAX_PHOTOS, "home": home,
            "map": {"tiles": settings.QZ_MAP_TILE_URL, "attribution": settings.QZ_MAP_ATTRIBUTION, "datum": settings.QZ_MAP_DATUM,
                    "subdomains": settings.QZ_MAP_SUBDOMAINS, "centre": centre} if settings.QZ_MAP_TILE_URL else None}


def _own_patrol(user: Any, data: Any) -> Any:
    """The rider's own patrol whose finding is being reported (?patrol=<id>), or None."""
    pk = _int(data.get("patrol"))
    own = selectors.own_rider(user)
    if not pk or own is None:
        return None
    return services.Patrol.objects.filter(pk=pk, rider=own).first()


def _nearby(data: Any) -> list[tuple[Any, float]]:
    """Open reports of the chosen category near the given point, or [] when either is missing or invalid."""
    try:
        point = geo.point_wgs84(data.get("lat"), data.get("lng"), data.get("datum") or Datum.WGS84)
    except RiderError:
        return []
    if point is None or not _int(data.get("category")):
        return []
    return selectors.nearby_open(category_id=_int(data.get("category")), lat=point[0], lng=point[1], radius_m=settings.QZ_HAZARD_NEARBY_M)


def _from_patrol(patrol: Any) -> dict[str, Any]:
    """The report form pre-filled from a patrol's finding: what was found, and where the patrol went."""
    if patrol is None:
        return {}
    return {"description": patrol.findings[:500], "address": patrol.area[:200], "patrol": patrol.pk}


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The rider's phone page: report a hazard (category, a few words, photos, where)."""
    user: Any = request.user
    access.require(user, services.REPORT)
    patrol = _own_patrol(user, request.POST if request.method == "POST" else request.GET)
    data: Any = request.POST if request.method == "POST" else _from_patrol(patrol)
    context = _report_context(user, data)
    context["patrol"] = patrol
    problem = ""
    offers: list[Any] = []
    if request.method == "POST":
        offers = [] if request.POST.get("confirm_new") else _nearby(request.POST)
        if not offers:
            try:
                made = services.hazard_report(actor=user, category=request.POST.get("category"), description=request.POST.get("description", ""),
                                              lat=request.POST.get("lat"), lng=request.POST.get("lng"), datum=request.POST.get("datum", ""),
                                              address=request.POST.get("address", ""), photos=request.FILES.getlist("photos"), patrol=patrol)
            except RiderError as exc:
                problem = exc.message
            else:
                messages.success(request, _("Reported to %(unit)s. Thank you!") % {"unit": made.unit.name})
                return redirect("riders:report_detail", pk=made.pk)
    context.update({"problem": problem, "offers": offers})
    return render(request, "riders/report.html", context, status=400 if problem else 200)


@login_required
def nearby(request: HttpRequest) -> HttpResponse:
    """The "是这个吗？" list for the report page's script: open reports of the category near the point."""
    user: Any = request.user
    access.require(user, services.REPORT)
    return render(request, "riders/_offers.html", {"offers": _nearby(request.GET)})


@login_required
@require_POST
def add_to(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(user, services.REPORT)
    found = services.HazardReport.objects.filter(pk=pk).select_related("unit").first()
    if found is None:
        raise Http404
    try:
        services.hazard_add_to(actor=user, report=found, note=request.POST.get("description", ""), photos=request.FILES.getlist("photos"))
    except RiderError as exc:
        messages.error(request, exc.message)
        return redirect("riders:report")
    messages.success(request, _("Added to the existing report. Thank you!"))
    return redirect("riders:mine")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, services.REPORT)
    rider = Rider.objects.filter(user=user).first()
    context = {"reports": list(selectors.my_reports(user)[:100]), "rider": rider,
               "balance": selectors.points_balance(rider) if rider else None, "entries": list(rider.points.all()[:20]) if rider else []}
    return render(request, "riders/mine.html", context)


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, services.HANDLE)
    wanted = request.GET.get("status", "open")
    qs = selectors.reports_to_handle(user)
    if wanted in HazardStatus.values:
        qs = qs.filter(status=wanted)
    return render(request, "riders/reports.html", {"reports": list(qs[:200]), "status": wanted, "statuses": HazardStatus.choices})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.report_for(user, pk)
    can_handle = access.can(user, services.HANDLE, found.unit)
    problem = ""
    if request.method == "POST":
        if not can_handle:
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            if request.POST.get("action") == "escalate":
                services.hazard_escalate(actor=user, report=found, beyond_power=request.POST.get("beyond_power") == "1",
                                         beyond_ability=request.POST.get("beyond_ability") == "1")
            else:
                services.hazard_decide(actor=user, report=found, status=request.POST.get("status", ""), note=request.POST.get("note", ""))
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded."))
            return redirect("riders:report_detail", pk=found.pk)
    context = {"report": found, "photos": list(found.photos.all()), "additions": list(found.additions.select_related("reporter")),
               "can_handle": can_handle, "moves": services.MOVES.get(HazardStatus(found.status), ()), "problem": problem,
               "status_labels": dict(HazardStatus.choices), "case": handoff.case_of(found),
               "can_escalate": can_handle and not found.case_ref and found.status in OPEN_STATUSES and found.unit.kind in geo.GRASSROOTS}
    return render(request, "riders/report_detail.html", context, status=400 if problem else 200)


@login_required
def photo(request: HttpRequest, pk: int, size: str) -> FileResponse:
    """A stored photo, for those who may see its report (never a public media URL)."""
    user: Any = request.user
    found = HazardPhoto.objects.filter(pk=pk).first()
    if found is None or size not in ("full", "thumb"):
        raise Http404
    selectors.report_for(user, found.report_id)
    stored = found.image if size == "full" else found.thumbnail
    return FileResponse(stored.open("rb"), content_type="image/jpeg")


@login_required
def areas(request: HttpRequest) -> HttpResponse:
    """Import community boundaries (GeoJSON) for routing reports."""
    user: Any = request.user
    access.require(user, services.AREAS)
    problem = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        text = request.POST.get("text", "")
        if upload is not None:
            raw = upload.read(settings.QZ_UPLOAD_MAX_BYTES + 1)
            text = raw.decode("utf-8", "replace")
        try:
            count = services.areas_import(actor=user, text=text)
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("%(count)s boundaries imported.") % {"count": count})
            return redirect("riders:areas")
    known = access.scoped_queryset(user, services.AREAS, services.CommunityArea.objects.select_related("unit")).order_by("unit__path")[:500]
    return render(request, "riders/areas.html", {"areas": list(known), "problem": problem}, status=400 if problem else 200)


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    """The county office keeps its county's list of hazard categories."""
    user: Any = request.user
    access.require(user, services.CATEGORIES)
    scopes = access.user_scopes(user, services.CATEGORIES)
    counties_qs = Region.objects.filter(level=RegionLevel.COUNTY, county_units__isnull=False).distinct().order_by("code")
    if isinstance(scopes, list):
        counties_qs = counties_qs.filter(pk__in={s.county_id for s in scopes if s.county_id})
    counties = list(counties_qs[:100])
    county = next((c for c in counties if c.pk == _int(request.GET.get("county") or request.POST.get("county"))), counties[0] if counties else None)
    problem = ""
    if request.method == "POST" and county is not None:
        try:
            action = request.POST.get("action")
            if action in ("retire", "department"):
                found = services.HazardCategory.objects.filter(pk=_int(request.POST.get("category")), county=county).first()
                if found is None:
                    raise Http404
                if action == "retire":
                    services.category_retire(actor=user, category=found)
                else:
                    raw = request.POST.get("department", "").strip()
                    department = Unit.objects.filter(pk=_int(raw)).first() if raw else None
                    if raw and department is None:
                        raise RiderError("department_unknown", str(services.errors.DEPARTMENT_UNKNOWN), "department")
                    services.category_department_set(actor=user, category=found, department=department)
            else:
                services.category_add(actor=user, county=county, name=request.POST.get("name", ""))
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded."))
            return redirect(reverse("riders:categories") + f"?county={county.pk}")
    listed = services.categories_for(county) if county is not None else []
    departments = list(Unit.objects.filter(county=county, kind=UnitKind.DEPARTMENT, is_active=True).order_by("path")[:300]) if county else []
    context = {"counties": counties, "county": county, "categories": listed, "problem": problem, "departments": departments}
    return render(request, "riders/categories.html", context, status=400 if problem else 200)


def _acting_rider(user: Any, data: Any) -> Rider | None:
    """The rider a staff member records for (their pick), or None: the user records for themselves."""
    if not data.get("rider"):
        return None
    return access.get_for_user(user, services.MANAGE, Rider.objects.select_related("community"), pk=_int(data.get("rider")))


def _riders_to_pick(user: Any) -> list[Rider]:
    if not access.can(user, services.MANAGE):
        return []
    qs = access.scoped_queryset(user, services.MANAGE, Rider.objects.select_related("community"))
    return list(selectors.with_status(qs, clock.today()).filter(status_now__in=("active", "paused")).order_by("community__path", "name")[:500])


def _local_input(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@login_required
def patrols(request: HttpRequest) -> HttpResponse:
    """Patrols (巡查): a rider records theirs and sees their own; the community's staff see their riders' and accept them."""
    user: Any = request.user
    own = selectors.own_rider(user)
    if own is None and not access.can(user, selectors.VIEW):
        access.require(user, services.REPORT)
    problem = ""
    values: dict[str, Any] = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("area", "started_at", "ended_at", "findings", "rider")}
        try:
            made = services.patrol_record(actor=user, rider=_acting_rider(user, request.POST), area=values["area"],
                                          started_at=values["started_at"], ended_at=values["ended_at"], findings=values["findings"])
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Patrol recorded."))
            return redirect("riders:patrol_detail", pk=made.pk)
    now = clock.now()
    values.setdefault("started_at", _local_input(now - dt.timedelta(hours=1)))
    values.setdefault("ended_at", _local_input(now))
    wanted = request.GET.get("status", "")
    found = selectors.patrols_for(user)
    if wanted in PatrolStatus.values:
        found = found.filter(status=wanted)
    context = {"patrols": list(found[:200]), "own": own, "values": values, "problem": problem, "pick": _riders_to_pick(user),
               "status": wanted, "statuses": PatrolStatus.choices}
    return render(request, "riders/patrols.html", context, status=400 if problem else 200)


@login_required
def patrol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.patrol_for(user, pk)
    can_decide = found.status == PatrolStatus.RECORDED and access.can(user, services.HANDLE, found.community)
    problem = ""
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            services.patrol_decide(actor=user, patrol=found, status=request.POST.get("status", ""), note=request.POST.get("note", ""))
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded."))
            return redirect("riders:patrol_detail", pk=found.pk)
    own = selectors.own_rider(user)
    context = {"patrol": found, "can_decide": can_decide, "problem": problem, "reports": list(found.reports.select_related("category")),
               "can_report": own is not None and own.pk == found.rider_id and access.can(user, services.REPORT)}
    return render(request, "riders/patrol_detail.html", context, status=400 if problem else 200)


@login_required
def publicity(request: HttpRequest) -> HttpResponse:
    """Publicity handed out (宣传): what, how many copies, where and when; by a rider, or recorded by staff for one."""
    user: Any = request.user
    own = selectors.own_rider(user)
    if own is None and not access.can(user, selectors.VIEW):
        access.require(user, services.REPORT)
    problem = ""
    values: dict[str, Any] = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("material", "count", "place", "day", "rider")}
        try:
            services.publicity_record(actor=user, rider=_acting_rider(user, request.POST), material=values["material"],
                                      count=values["count"], place=values["place"], day=values["day"])
        except RiderError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Recorded."))
            return redirect("riders:publicity")
    values.setdefault("day", clock.today().isoformat())
    found = selectors.publicity_for(user)
    context = {"rows": list(found[:200]), "total": found.aggregate(n=Sum("count"))["n"] or 0, "own": own, "values": values,
               "problem": problem, "pick": _riders_to_pick(user), "materials": MATERIAL_SUGGESTIONS}
    return render(request, "riders/publicity.html", context, status=400 if problem else 200)


MATERIAL_SUGGESTIONS = ("反诈骗宣传单", "消防安全提示卡", "交通安全告知书", "燃气安全使用手册", "文明城市倡议书")


@login_required
def department_reports(request: HttpRequest) -> HttpResponse:
    """The reports of the categories a department answers for, wherever they were routed (read only: the community acts)."""
    user: Any = request.user
    access.require(user, selectors.FOLLOW)
    wanted = request.GET.get("status", "open")
    qs = selectors.reports_for_department(user)
    if wanted in HazardStatus.values:
        qs = qs.filter(status=wanted)
    return render(request, "riders/reports.html", {"reports": list(qs[:200]), "status": wanted, "statuses": HazardStatus.choices,
                                                   "for_department": True})
