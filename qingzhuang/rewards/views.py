"""Pages of training and points: the rider's phone pages (my growth, the store), the staff's courses, riders' growth
records and store counter, and the sections on the ledger's board and community page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.rewards import growth, selectors, services, store
from qingzhuang.rewards.errors import RewardsError
from qingzhuang.rewards.models import CourseKind, Enrolment, RedemptionStatus
from qingzhuang.riders import points

PAGE_ERROR = 400


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0


def _growth_context(rider: Any) -> dict[str, Any]:
    """The growth page's figures; its courses: those completed (with the day) and those enrolled in and not yet completed."""
    completions = list(rider.completions.select_related("course").order_by("-completed_on", "-id")[:50])
    done = {c.course_id for c in completions}
    open_ones = [e.course for e in Enrolment.objects.filter(rider=rider).exclude(course_id__in=done).select_related("course")[:50]]
    return {"rider": rider, "growth": growth.growth_of(rider), "balance": points.balance(rider), "levels": growth.LEVELS,
            "courses": [(c.course, c) for c in completions] + [(course, None) for course in open_ones]}


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The rider's own page: growth on three axes, points, courses, what they redeemed (with the collection code)."""
    user: Any = request.user
    rider = selectors.rider_of(user)
    if rider is None:
        if access.can(user, selectors.VIEW):
            return redirect("rewards:riders")
        access.require(user, selectors.REDEEM)
    context = _growth_context(rider) if rider is not None else {"rider": None}
    context["redemptions"] = list(selectors.my_redemptions(user)[:50])
    context["own"] = True
    return render(request, "rewards/growth.html", context)


@login_required
def shop(request: HttpRequest) -> HttpResponse:
    """The rider's store: their community's shelf, their balance, a big button per item."""
    user: Any = request.user
    rider = selectors.rider_of(user)
    if rider is None:
        access.require(user, selectors.REDEEM)
    problem = ""
    if request.method == "POST" and rider is not None:
        try:
            made = store.redeem(actor=user, item=selectors.item_for(user, _int(request.POST.get("item"))))
        except RewardsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Redeemed “%(item)s”. Show the code %(code)s at the community to collect it.")
                             % {"item": made.item.name, "code": made.code})
            return redirect("rewards:shop")
    context = {"rider": rider, "problem": problem, "items": list(selectors.shelf(rider.community)) if rider else [],
               "balance": points.balance(rider) if rider else 0, "redemptions": list(selectors.my_redemptions(user)[:20])}
    return render(request, "rewards/shop.html", context, status=PAGE_ERROR if problem else 200)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.redemption_for(user, pk)
    try:
        store.cancel(actor=user, redemption=found, reason=request.POST.get("reason", ""))
    except RewardsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Cancelled: %(points)s points are back.") % {"points": found.points})
    back = request.POST.get("back", "")
    return redirect(reverse("rewards:store") + f"?community={found.item.community_id}" if back == "store" else reverse("rewards:shop"))


@login_required
@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.redemption_for(user, pk)
    try:
        store.hand_over(actor=user, redemption=found, code=request.POST.get("code", ""))
    except RewardsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Handed over to %(name)s.") % {"name": found.rider.name})
    return redirect(reverse("rewards:store") + f"?community={found.item.community_id}")


@login_required
def riders(request: HttpRequest) -> HttpResponse:
    """Staff: the riders of their communities with the count on each axis of the growth record."""
    user: Any = request.user
    access.require(user, selectors.VIEW)
    found = list(selectors.riders_for(user)[:300])
    counts = growth.axis_counts(found)
    rows = [(r, [counts[r.pk][code] for code in growth.AXES]) for r in found]
    return render(request, "rewards/riders.html", {"rows": rows, "axes": list(growth.AXES.values())})


@login_required
def rider(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = selectors.rider_for(user, pk)
    context = {**_growth_context(found), "redemptions": list(found.redemptions.select_related("item")[:50]), "own": found.user_id == user.pk}
    return render(request, "rewards/growth.html", context)


def _offerers(user: Any) -> list[Unit]:
    kinds = services.OFFERERS
    return list(access.scoped_queryset(user, services.TRAIN, Unit.objects.filter(kind__in=kinds, is_active=True)).order_by("path")[:300])


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, selectors.VIEW)
    offerers = _offerers(user)
    problem, values = "", {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("kind", "title", "required_sessions", "description", "offered_by")}
        offerer = next((u for u in offerers if u.pk == _int(values["offered_by"])), None)
        if offerer is None:
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            made = services.course_create(actor=user, offered_by=offerer, kind=values["kind"], title=values["title"],
                                          required_sessions=values["required_sessions"], description=values["description"])
        except RewardsError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Course created: now add its sessions."))
            return redirect("rewards:course", pk=made.pk)
    listed = selectors.courses_for(user).select_related("offered_by")
    context = {"courses": list(listed.order_by("-created_at", "-id")[:200]), "offerers": offerers, "kinds": CourseKind.choices,
               "problem": problem, "values": values}
    return render(request, "rewards/courses.html", context, status=PAGE_ERROR if problem else 200)


def _course_post(user: Any, course: Any, data: Any) -> str:
    """Run the course page's action; returns the success message."""
    action = data.get("action", "")
    chosen = list(selectors.riders_for(user, course).filter(pk__in=[_int(v) for v in data.getlist("riders")][:500]))
    if action == "session":
        services.session_add(actor=user, course=course, starts_at=data.get("starts_at", ""), place=data.get("place", ""),
                             trainer=data.get("trainer", ""), seats=data.get("seats", ""))
        return _("Session added.")
    if action == "enrol":
        services.enrol(actor=user, course=course, riders=chosen)
        return pgettext("course", "Enrolled.")
    if action == "attendance":
        session = course.sessions.filter(pk=_int(data.get("session"))).first()
        if session is None:
            raise PermissionDenied(access.DENIED_MESSAGE)
        done = services.attendance_record(actor=user, session=session, riders=chosen)
        return _("Attendance recorded; %(n)s completed the course.") % {"n": len(done)}
    if action == "complete" and len(chosen) == 1:
        services.completion_mark(actor=user, course=course, rider=chosen[0], reason=data.get("reason", ""))
        return _("Marked completed.")
    if action == "complete":
        raise RewardsError("no_riders", services.errors.NO_RIDERS, "riders")
    raise PermissionDenied(access.DENIED_MESSAGE)


@login_required
def course(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: a course's sessions, who is enrolled and who completed (riders see their own courses on their growth page)."""
    user: Any = request.user
    access.require(user, selectors.VIEW)
    found = selectors.course_for(user, pk)
    problem = ""
    if request.method == "POST":
        try:
            done = _course_post(user, found, request.POST)
        except RewardsError as exc:
            problem = exc.message
        else:
            messages.success(request, done)
            return redirect("rewards:course", pk=found.pk)
    enrolled = list(found.enrolments.select_related("rider__community").order_by("rider__name", "id"))
    completed = {c.rider_id: c for c in found.completions.all()}
    enrolled_ids = {e.rider_id for e in enrolled}
    for e in enrolled:
        e.completion = completed.get(e.rider_id)  # type: ignore[attr-defined]
    can_train = access.can(user, services.TRAIN, found.offered_by) or access.can(user, services.TRAIN)
    context = {"course": found, "sessions": selectors.sessions_of(found), "enrolled": enrolled, "completed": completed, "problem": problem,
               "can_train": can_train and access.can(user, selectors.VIEW),
               "candidates": [r for r in selectors.riders_for(user, found)[:300] if r.pk not in enrolled_ids] if can_train else [],
               "now": clock.now()}
    return render(request, "rewards/course.html", context, status=PAGE_ERROR if problem else 200)


def _store_post(user: Any, community: Unit, data: Any) -> str:
    action = data.get("action", "")
    if action == "item":
        store.item_create(actor=user, community=community, name=data.get("name", ""), price=data.get("price", ""), stock=data.get("stock") or 0)
        return _("Item put on the shelf.")
    item = store.StoreItem.objects.filter(community=community, pk=_int(data.get("item"))).first()
    if item is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    if action in ("receive", "adjust"):
        store.stock_change(actor=user, item=item, change=data.get("change", ""), reason=data.get("reason", ""), receive=action == "receive")
        return _("Stock recorded.")
    if action == "price":
        store.item_update(actor=user, item=item, price=data.get("price", ""), is_active=data.get("is_active") == "1")
        return _("Recorded.")
    raise PermissionDenied(access.DENIED_MESSAGE)


@login_required
def store_counter(request: HttpRequest) -> HttpResponse:
    """Staff: the community's store — items and stock, redemptions waiting to be collected (find one by its code)."""
    user: Any = request.user
    access.require(user, selectors.STORE)
    communities = selectors.stores_for(user)
    community = next((u for u in communities if u.pk == _int(request.GET.get("community") or request.POST.get("community"))),
                     communities[0] if communities else None)
    problem = ""
    if request.method == "POST" and community is not None:
        try:
            done = _store_post(user, community, request.POST)
        except RewardsError as exc:
            problem = exc.message
        else:
            messages.success(request, done)
            return redirect(reverse("rewards:store") + f"?community={community.pk}")
    code = str(request.GET.get("code", "")).strip()[:8]
    pending = selectors.waiting(community) if community is not None else None
    context = {"communities": communities, "community": community, "problem": problem, "code": code,
               "items": list(store.StoreItem.objects.filter(community=community).order_by("-is_active", "price", "name")) if community else [],
               "waiting": list(pending.filter(code=code) if code and pending is not None else (pending or [])[:100]),
               "recent": list(store.Redemption.objects.filter(item__community=community).exclude(status=RedemptionStatus.RESERVED)
                              .select_related("item", "rider")[:30]) if community else []}
    return render(request, "rewards/store.html", context, status=PAGE_ERROR if problem else 200)


def _section(fig: dict[str, Any], period: Any, where: str) -> str:
    rows = [(selectors.POINT_LABELS[kind], plus, minus) for kind, plus, minus in fig["points"]]
    redeemed = fig["redemptions"]
    return render_to_string("rewards/_section.html", {"fig": fig, "period": period, "where": where, "points": rows,
                                                      "redeemed": {s: redeemed.get(s, 0) for s in RedemptionStatus.values}})


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board: courses held, completions, points by kind, store redemptions of the county's riders."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    fig = selectors.figures(riders=Q(community__county_id=root.county_id), start=period.start, end=period.end)
    return _section(fig, period, root.county.name if root.county else root.name)


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: the same figures for its own riders."""
    if unit.kind not in services.COMMUNITY_KINDS or not access.can(user, selectors.VIEW, unit):
        return ""
    return _section(selectors.figures(riders=Q(community=unit), start=period.start, end=period.end), period, unit.name)
