"""Pages of the service centers: staff pages (the community runs its center, the county sees its tree) and each
center's public page (no login, large type, simple steps for the elderly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from qingzhuang.centers import errors, selectors, services, throttle
from qingzhuang.centers.errors import CenterError, SlotFull
from qingzhuang.centers.models import Booking, Center, Channel, Service, ServiceKind, Slot, SlotPattern, Space, SpaceUse
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    today = clock.today()
    return int(raw) if raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= today.year + 1 else today.year


def _pk(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 9 else 0


# --- Staff pages -----------------------------------------------------------------------------------------


def _manageable_communities(user: Any) -> list[Unit]:
    units = access.scoped_queryset(user, services.MANAGE, Unit.objects.filter(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE), is_active=True))
    return list(units.order_by("path")[:300])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The centers in the user's reach with their resident-area share and the year's usage; a form for a new one."""
    user: Any = request.user
    access.require(user, selectors.VIEW)
    year = _year(request)
    centers = list(selectors.centers_visible(user)[:500])
    rows = selectors.center_rows(centers, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    area, usage = selectors.totals(rows)
    communities = _manageable_communities(user)
    values = {k: request.POST.get(k, "") for k in ("community", "name", "code", "address", "phone")}
    problem, field = "", ""
    if request.method == "POST":
        community = next((u for u in communities if u.pk == _pk(values["community"])), None)
        try:
            if community is None:
                raise CenterError("not_community", errors.NOT_COMMUNITY, "community")
            center = services.center_create(actor=user, community=community, name=values["name"], code=values["code"],
                                            address=values["address"], phone=values["phone"])
        except CenterError as exc:
            problem, field = exc.message, exc.field or ""
        else:
            messages.success(request, _("Center created. Add its opening hours and spaces."))
            return redirect("centers:center", pk=center.pk)
    context = {"rows": rows, "area": area, "usage": usage, "year": year, "communities": communities, "values": values,
               "problem": problem, "field": field}
    return render(request, "centers/index.html", context, status=400 if problem else 200)


def _center_for(user: Any, pk: int, perm: str = selectors.VIEW) -> Center:
    return access.get_for_user(user, perm, Center.objects.select_related("community"), pk=pk)


def _weekday_values(request: HttpRequest) -> dict[int, tuple[str, str] | None]:
    week: dict[int, tuple[str, str] | None] = {}
    for day in range(7):
        if request.POST.get(f"closed_{day}"):
            week[day] = None
        else:
            week[day] = (request.POST.get(f"opens_{day}", ""), request.POST.get(f"closes_{day}", ""))
    return week


def _center_post(request: HttpRequest, user: Any, center: Center) -> str:
    """Apply one staff action on the center page; the message to show, or raise CenterError."""
    action = request.POST.get("action", "")
    post = request.POST
    if action == "center":
        services.center_update(actor=user, center=center, name=post.get("name", ""), address=post.get("address", ""),
                               phone=post.get("phone", ""), closed_on_holidays=bool(post.get("closed_on_holidays")),
                               is_active=bool(post.get("is_active")))
        return _("Center saved.")
    if action == "hours":
        services.hours_set(actor=user, center=center, week=_weekday_values(request))  # type: ignore[arg-type]
        return _("Opening hours saved.")
    if action == "space_add":
        services.space_create(actor=user, center=center, name=post.get("name", ""), function=post.get("function", ""),
                              area=post.get("area", ""), use=post.get("use", ""))
        return _("Space added.")
    if action in ("space_save", "space_delete"):
        space = Space.objects.filter(center=center, pk=_pk(post.get("space"))).first()
        if space is None:
            raise CenterError("space_unknown", errors.SPACE_UNKNOWN, "space")
        if action == "space_delete":
            services.space_delete(actor=user, space=space)
            return _("Space removed.")
        services.space_update(actor=user, space=space, name=post.get("name", ""), function=post.get("function", ""),
                              area=post.get("area", ""), use=post.get("use", ""))
        return _("Space saved.")
    if action == "service_add":
        created = services.service_create(actor=user, center=center, space_id=post.get("space", ""), name=post.get("name", ""),
                                          kind=post.get("kind", ""), capacity=post.get("capacity", ""), description=post.get("description", ""))
        return _("Service “%(name)s” added: give it weekly slots on its page.") % {"name": created.name}
    raise CenterError("unknown_action", errors.UNKNOWN_ACTION)


@login_required
@require_http_methods(["GET", "POST"])
def center(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = _center_for(user, pk)
    can_manage = access.can(user, services.MANAGE, found)
    problem, field = "", ""
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            done = _center_post(request, user, found)
        except CenterError as exc:
            problem, field = exc.message, exc.field or ""
        else:
            messages.success(request, done)
            return redirect("centers:center", pk=found.pk)
    year = _year(request)
    usage = selectors.usage_by_service_month(found, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    context = {
        "center": found, "area": selectors.area_of(found), "hours": selectors.week_hours(found),
        "spaces": list(Space.objects.filter(center=found)), "services": list(Service.objects.filter(center=found).select_related("space")),
        "usage": selectors.usage_table(usage), "year": year, "can_manage": can_manage, "can_book": access.can(user, services.BOOK, found),
        "problem": problem, "field": field, "post": request.POST if problem else {}, "uses": SpaceUse.choices, "kinds": ServiceKind.choices,
        "closures": selectors.upcoming_closures(found),
    }
    return render(request, "centers/center.html", context, status=400 if problem else 200)


def _service_post(request: HttpRequest, user: Any, service: Service) -> str:
    post = request.POST
    action = post.get("action", "")
    if action == "service":
        services.service_update(actor=user, service=service, space_id=post.get("space", ""), name=post.get("name", ""),
                                kind=post.get("kind", ""), capacity=post.get("capacity", ""), description=post.get("description", ""),
                                is_active=bool(post.get("is_active")))
        return _("Service saved.")
    if action == "pattern_add":
        services.pattern_add(actor=user, service=service, weekday=post.get("weekday", ""), starts=post.get("starts", ""), ends=post.get("ends", ""))
        return _("Weekly slot added.")
    if action == "pattern_remove":
        pattern = SlotPattern.objects.filter(service=service, pk=_pk(post.get("pattern"))).first()
        if pattern is not None:
            services.pattern_remove(actor=user, pattern=pattern)
        return _("Weekly slot removed.")
    if action == "generate":
        start = _date(post.get("start"))
        if start is None:
            raise CenterError("date_invalid", errors.DATE_INVALID, "start")
        made = services.slots_generate(actor=user, service=service, start=start, days=post.get("days", ""))
        return _("%(count)s slots made.") % {"count": made}
    if action == "seats":
        slot = Slot.objects.filter(service=service, pk=_pk(post.get("slot"))).first()
        if slot is None:
            raise CenterError("slot_closed", errors.SLOT_CLOSED, "slot")
        services.slot_seats_set(actor=user, slot=slot, seats=post.get("seats", ""))
        return _("Seats saved.")
    if action == "book":
        booking = services.booking_make(actor=user, slot_id=post.get("slot", ""), name=post.get("name", ""), phone=post.get("phone", ""),
                                        channel=Channel.STAFF)
        return _("Booked for %(name)s: code %(code)s.") % {"name": booking.name, "code": booking.code}
    raise CenterError("unknown_action", errors.UNKNOWN_ACTION)


@login_required
@require_http_methods(["GET", "POST"])
def service(request: HttpRequest, pk: int, service_pk: int) -> HttpResponse:
    user: Any = request.user
    found = _center_for(user, pk)
    svc = Service.objects.select_related("space", "center").filter(center=found, pk=service_pk).first()
    if svc is None:
        raise Http404
    can_manage, can_book = access.can(user, services.MANAGE, found), access.can(user, services.BOOK, found)
    problem, field = "", ""
    if request.method == "POST":
        needed = services.BOOK if request.POST.get("action") == "book" else services.MANAGE
        if not access.can(user, needed, found):
            raise PermissionDenied(access.DENIED_MESSAGE)
        try:
            done = _service_post(request, user, svc)
        except CenterError as exc:
            problem, field = exc.message, exc.field or ""
        else:
            messages.success(request, done)
            return redirect("centers:service", pk=found.pk, service_pk=svc.pk)
    slots = selectors.upcoming_slots(found, 14, service_id=svc.pk)
    context = {
        "center": found, "service": svc, "patterns": list(SlotPattern.objects.filter(service=svc)),
        "slots": slots[0].slots if slots else [], "spaces": list(Space.objects.filter(center=found)), "kinds": ServiceKind.choices,
        "weekdays": list(enumerate(selectors.WEEKDAYS)), "can_manage": can_manage, "can_book": can_book, "problem": problem,
        "field": field, "post": request.POST if problem else {}, "today": clock.today(),
    }
    return render(request, "centers/service.html", context, status=400 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest, pk: int) -> HttpResponse:
    """The check-in list: today's bookings of the center; staff check residents in or cancel for them."""
    user: Any = request.user
    found = _center_for(user, pk)
    can_book = access.can(user, services.BOOK, found)
    problem = ""
    if request.method == "POST":
        if not can_book:
            raise PermissionDenied(access.DENIED_MESSAGE)
        booking = Booking.objects.select_related("slot__service__center").filter(slot__service__center=found, pk=_pk(request.POST.get("booking"))).first()
        try:
            if booking is None:
                raise CenterError("code_not_found", errors.CODE_NOT_FOUND, "booking")
            if request.POST.get("action") == "cancel":
                services.booking_cancel(actor=user, booking=booking)
                messages.success(request, _("Booking %(code)s cancelled.") % {"code": booking.code})
            else:
                services.booking_check_in(actor=user, booking=booking)
                messages.success(request, _("%(name)s checked in.") % {"name": booking.name})
        except CenterError as exc:
            problem = exc.message
        else:
            return redirect("centers:today", pk=found.pk)
    day = clock.today()
    rows = selectors.booking_rows(user, found, selectors.bookings_on(found, day))
    return render(request, "centers/today.html", {"center": found, "day": day, "rows": rows, "can_book": can_book, "problem": problem},
                  status=400 if problem else 200)


# --- The public page (no login) ------------------------------------------------------------------------------


def _public_center(code: str) -> Center:
    found = selectors.public_center(code)
    if found is None:
        raise Http404
    return found


def public(request: HttpRequest, code: str) -> HttpResponse:
    found = _public_center(code)
    context = {"center": found, "hours": selectors.week_hours(found), "offer": selectors.upcoming_slots(found, 14),
               "closures": selectors.upcoming_closures(found)}
    return render(request, "centers/public.html", context)


def _too_many(request: HttpRequest, center: Center) -> HttpResponse | None:
    if throttle.try_allowed(request):
        return None
    message = errors.TOO_MANY_REQUESTS % {"minutes": throttle.minutes_left()}
    return render(request, "centers/public_refused.html", {"center": center, "message": message}, status=429)


@require_http_methods(["GET", "POST"])
def public_book(request: HttpRequest, code: str, slot_pk: int) -> HttpResponse:
    found = _public_center(code)
    slot = Slot.objects.select_related("service").filter(pk=slot_pk, service__center=found).first()
    if slot is None:
        raise Http404
    values = {"name": request.POST.get("name", ""), "phone": request.POST.get("phone", "")}
    problem, field, following = "", "", None
    if request.method == "POST":
        refused = _too_many(request, found)
        if refused is not None:
            return refused
        try:
            booking = services.booking_make(actor=None, slot_id=slot.pk, name=values["name"], phone=values["phone"])
        except SlotFull as exc:
            problem, field, following = exc.message, "slot", exc.next_slot
        except CenterError as exc:
            problem, field = exc.message, exc.field or ""
        else:
            return render(request, "centers/public_booked.html", {"center": found, "booking": booking, "slot": slot,
                                                                  "when": selectors.slot_label(slot)})
    slot.refresh_from_db()
    context = {"center": found, "slot": slot, "when": selectors.slot_label(slot), "values": values, "problem": problem, "field": field,
               "following": following, "following_when": selectors.slot_label(following)}
    return render(request, "centers/public_book.html", context, status=(409 if following is not None or field == "slot" else 400) if problem else 200)


@require_http_methods(["GET", "POST"])
def public_cancel(request: HttpRequest, code: str) -> HttpResponse:
    found = _public_center(code)
    values = {"code": request.POST.get("code", ""), "tail": request.POST.get("tail", "")}
    problem = ""
    if request.method == "POST":
        refused = _too_many(request, found)
        if refused is not None:
            return refused
        try:
            booking = services.booking_cancel_public(center=found, code=values["code"], phone_tail=values["tail"])
        except CenterError as exc:
            problem = exc.message
        else:
            return render(request, "centers/public_cancelled.html", {"center": found, "when": selectors.slot_label(booking.slot),
                                                                     "service": booking.slot.service})
    return render(request, "centers/public_cancel.html", {"center": found, "values": values, "problem": problem}, status=400 if problem else 200)


# --- Ledger sections -----------------------------------------------------------------------------------------


def _rows_under(user: Any, root: Unit, period: Any) -> list[selectors.CenterRow]:
    centers = list(selectors.centers_visible(user).filter(community__path__startswith=root.path)[:500])
    return selectors.center_rows(centers, period.start, period.end)


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county or street board's section: each center's resident-area share and its usage in the period."""
    if root.kind not in (UnitKind.PARTY_GOV_OFFICE, UnitKind.TOWN_OFFICE) or not access.can(user, selectors.VIEW, root):
        return ""
    rows = _rows_under(user, root, period)
    if not rows:
        return ""
    area, usage = selectors.totals(rows)
    return render_to_string("centers/_board_section.html", {"rows": rows, "area": area, "usage": usage, "period": period})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: its center's resident-area share and usage in the period."""
    if unit.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE) or not access.can(user, selectors.VIEW):
        return ""
    rows = _rows_under(user, unit, period)
    if not rows:
        return ""
    area, usage = selectors.totals(rows)
    return render_to_string("centers/_board_section.html", {"rows": rows, "area": area, "usage": usage, "period": period, "one": True})
