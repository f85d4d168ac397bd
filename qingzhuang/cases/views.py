"""Pages of the cases: the list (red when overdue), raising one, a case with its timeline and the actions each party may take."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.cases import selectors, services
from qingzhuang.cases.errors import MEETING_DATE, CaseError
from qingzhuang.cases.models import WORKING, Case, CasePhoto, Category, MeetingKind, Rating, Status, Urgency
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.pairing.selectors import departments_for


def _int(value: Any) -> int:
    """A whole number from a form, or 0 (no row has id 0)."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    now = clock.now()
    found = selectors.cases_visible(user)
    status = request.GET.get("status", "")
    if status in Status.values:
        found = found.filter(status=status)
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        found = found.filter(selectors.overdue_q(now))
    context = {"rows": selectors.rows(found.order_by("-raised_at", "-id"), now, limit=300), "statuses": Status.choices, "status": status,
               "overdue_only": overdue_only, "can_raise": bool(selectors.communities_raising(user)), "now": now}
    return render(request, "cases/index.html", context)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    communities = selectors.communities_raising(user)
    if not communities and not access.is_system_admin(user):
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    community = next((u for u in communities if u.pk == _int(data.get("community"))), communities[0] if communities else None)
    values: dict[str, Any] = {k: data.get(k, "") for k in ("title", "description", "category", "urgency", "location")}
    values.update({"beyond_power": bool(data.get("beyond_power")), "beyond_ability": bool(data.get("beyond_ability"))})
    problem = ""
    if request.method == "POST":
        try:
            if community is None:
                raise CaseError("not_community", _("Choose the community raising the case."), "community")
            case = services.case_raise(actor=user, community=community, title=values["title"], description=values["description"],
                                       category=values["category"], urgency=values["urgency"] or Urgency.GENERAL, location=values["location"],
                                       beyond_power=bool(values["beyond_power"]), beyond_ability=bool(values["beyond_ability"]),
                                       photos=request.FILES.getlist("photos"))
        except CaseError as exc:
            problem = exc.message
        else:
            names = "、".join(r.department.name for r in case.recipients.select_related("department"))
            messages.success(request, _("Raised to %(names)s: the first to accept leads it.") % {"names": names})
            return redirect("cases:case", pk=case.pk)
    paired = departments_for(community, clock.today()) if community else []
    context = {"communities": communities, "community": community, "values": values, "problem": problem, "paired": paired,
               "categories": Category.choices, "urgencies": Urgency.choices, "max_photos": services.MAX_PHOTOS}
    return render(request, "cases/new.html", context, status=400 if problem else 200)


def _case_for(user: Any, pk: int) -> Case:
    return access.get_for_user(user, selectors.VIEW, Case.objects.select_related("community", "community__parent", "lead", "merged_into"), pk=pk)


def _powers(user: Any, case: Case) -> dict[str, bool]:
    acting = {u.pk for u in selectors.units_acting(user)}
    admin = access.is_system_admin(user)
    recipient = admin or case.recipients.filter(department_id__in=acting).exists()
    lead = case.lead_id is not None and (admin or case.lead_id in acting)
    community = access.can(user, selectors.RAISE, case.community)
    return {
        "accept": case.status == Status.RAISED and recipient,
        "lead": lead and case.status in WORKING,
        "raise_again": community and case.status == Status.RETURNED,
        "rate": case.status == Status.RESOLVED and access.can(user, selectors.CALLBACK, case.community),
        "merge": case.status in (Status.RAISED, *WORKING) and (lead or access.can(user, selectors.OVERSEE, case.community)),
        "photos": case.status != Status.MERGED and (community or recipient or admin or case.handlers.filter(unit_id__in=acting).exists()),
    }


@login_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = _case_for(user, pk)
    now = clock.now()
    context = {
        "case": found, "row": selectors.row(found, now), "source_url": selectors.source_url(found), "timeline": selectors.timeline(found), "meetings": selectors.meetings(found),
        "handlers": sorted(found.handlers.select_related("unit"), key=lambda h: (h.role != "lead", h.added_at, h.pk)), "recipients": list(found.recipients.select_related("department")),
        "callbacks": list(found.callbacks.all()), "can": _powers(user, found), "photos": list(found.photos.all()), "max_photos": services.MAX_PHOTOS, "meeting_kinds": MeetingKind.choices, "ratings": Rating.choices,
        "units": Unit.objects.filter(county_id=found.county_id, kind__in=services.HANDLER_KINDS, is_active=True).exclude(pk=found.lead_id or 0).order_by("kind", "name"),
        "today": clock.today(), "problem": request.session.pop("case_problem", ""), "action": request.session.pop("case_action", ""),
    }
    return render(request, "cases/case.html", context, status=400 if context["problem"] else 200)


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise CaseError("meeting_date", MEETING_DATE, "held_on") from None


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user: Any = request.user
    found = _case_for(user, pk)
    can = _powers(user, found)
    post = request.POST
    needed = {"accept": "accept", "return": "accept", "start": "lead", "handler": "lead", "pause": "lead", "resume": "lead", "meeting": "lead",
              "resolve": "lead", "rate": "rate", "raise_again": "raise_again", "merge": "merge", "photos": "photos"}
    if action not in needed or not can[needed[action]]:
        raise PermissionDenied(access.DENIED_MESSAGE)
    try:
        if action == "accept":
            services.case_accept(actor=user, case=found, note=post.get("note", ""))
        elif action == "return":
            services.case_return(actor=user, case=found, reason=post.get("reason", ""))
        elif action == "start":
            services.case_start(actor=user, case=found, note=post.get("note", ""))
        elif action == "handler":
            unit = Unit.objects.filter(pk=_int(post.get("unit")), county_id=found.county_id).first() if post.get("unit") else None
            services.handler_add(actor=user, case=found, unit=unit, party_name=post.get("party_name", ""), part=post.get("part", ""))
        elif action == "pause":
            services.case_pause(actor=user, case=found, reason=post.get("reason", ""))
        elif action == "resume":
            services.case_resume(actor=user, case=found)
        elif action == "meeting":
            services.meeting_record(actor=user, case=found, kind=post.get("kind", ""), held_on=_date(post.get("held_on")),
                                    participants=post.get("participants", ""), decisions=post.get("decisions", ""), place=post.get("place", ""))
        elif action == "resolve":
            services.case_resolve(actor=user, case=found, note=post.get("note", ""))
        elif action == "rate":
            services.callback_record(actor=user, case=found, rating=post.get("rating", ""), handler_side=post.get("handler_side") == "1",
                                     comment=post.get("comment", ""))
        elif action == "raise_again":
            services.case_raise_again(actor=user, case=found, note=post.get("note", ""))
        elif action == "photos":
            services.case_photos_add(actor=user, case=found, photos=request.FILES.getlist("photos"))
        elif action == "merge":
            into = Case.objects.filter(pk=_int(post.get("into"))).first()
            if into is None:
                raise CaseError("merge_target", _("Give the number of the case this one repeats."), "into")
            services.case_merge(actor=user, case=found, into=into, note=post.get("note", ""))
    except CaseError as exc:
        request.session["case_problem"] = exc.message
        request.session["case_action"] = action
    else:
        messages.success(request, _("Saved."))
    return redirect("cases:case", pk=found.pk)


@login_required
def photo(request: HttpRequest, pk: int, size: str) -> FileResponse:
    """A case's photo, for those who may see the case (never a public media URL)."""
    found = CasePhoto.objects.filter(pk=pk).first()
    if found is None or size not in ("full", "thumb"):
        raise Http404
    _case_for(request.user, found.case_id)
    stored = found.image if size == "full" else found.thumbnail
    response = FileResponse(stored.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's 赋能 cases section: cases by state and age, overdue now, the rates per department."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    county: Any = root.county
    figures = selectors.county_figures(county, period.start, period.end, clock.now())
    return render_to_string("cases/_board_section.html", {"fig": figures, "period": period})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page lists the cases it raised in the period, with their state and lead."""
    if unit.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE) or not access.can(user, selectors.VIEW, unit):
        return ""
    start = dt.datetime.combine(period.start, dt.time.min)
    end = dt.datetime.combine(period.end, dt.time.min)
    from django.utils import timezone

    found = Case.objects.filter(community=unit, raised_at__gte=timezone.make_aware(start), raised_at__lt=timezone.make_aware(end)).select_related("lead")
    return render_to_string("cases/_unit_section.html", {"rows": selectors.rows(found.order_by("-raised_at"), clock.now(), limit=200)})
