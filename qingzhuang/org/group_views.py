"""Pages of saved recipient groups: list, create, change, delete, and the picker's save-as-group call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.lib.errors import DomainError
from qingzhuang.org import access, picker, services
from qingzhuang.org.models import RecipientGroup, Unit


def _require(user: Any) -> None:
    if not access.can(user, picker.GROUP_PERMISSION):
        raise PermissionDenied(access.DENIED_MESSAGE)


def _candidates(user: Any) -> Any:
    """Units a group may hold: the active units the user may address."""
    return access.scoped_queryset(user, "org.view_unit", Unit.objects.filter(is_active=True))


def _owner(user: Any, posted: Any) -> Unit:
    owners = picker.group_owner_units(user)
    if not owners:
        raise PermissionDenied(access.DENIED_MESSAGE)
    for unit in owners:
        if str(unit.pk) == str(posted or "").strip():
            return unit
    return owners[0]


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require(user)
    groups = list(picker.groups_for(user))
    active = {u.pk for g in groups for u in g.members.all() if u.is_active}
    rows = [(g, choice) for g, choice in zip(groups, picker.group_choices(groups, active), strict=True)]
    return render(request, "org/groups.html", {"rows": rows})


def _group_form(request: HttpRequest, group: RecipientGroup | None) -> HttpResponse:
    user: Any = request.user
    owners = picker.group_owner_units(user)
    error = None
    if request.method == "POST":
        try:
            members = picker.units_from_ids(request.POST.getlist("members"))
            if group is None:
                group = services.recipient_group_create(
                    actor=user, owner=_owner(user, request.POST.get("owner")), name=request.POST.get("name", ""), members=members
                )
                messages.success(request, _("Saved the group “%(name)s”.") % {"name": group.name})
            else:
                services.recipient_group_update(actor=user, group=group, name=request.POST.get("name", ""), members=members)
                messages.success(request, _("Changes saved."))
            return redirect("org:groups")
        except DomainError as exc:
            error = exc
    if error is not None:
        chosen: Any = [x for x in request.POST.getlist("members") if x.isdigit() and len(x) < 19]
        name = request.POST.get("name", "")
    else:
        chosen = list(group.members.filter(is_active=True).values_list("pk", flat=True)) if group else []
        name = group.name if group else ""
    context = {"group": group, "owners": owners, "error": error, "name": name, "units": _candidates(user), "chosen": chosen,
               "owner_id": str(request.POST.get("owner") or (group.owner_id if group else ""))}
    return render(request, "org/group_form.html", context, status=400 if error else 200)


@login_required
def group_new(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    return _group_form(request, None)


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_form(request, picker.group_for(request.user, pk))


@login_required
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = picker.group_for(request.user, pk)
    name = group.name
    services.recipient_group_delete(actor=request.user, group=group)
    messages.success(request, _("Deleted the group “%(name)s”.") % {"name": name})
    return redirect("org:groups")


@login_required
@require_POST
def group_save(request: HttpRequest) -> HttpResponse:
    """Save the picker's current choice as a group (the picker calls this; a plain form post works too)."""
    user: Any = request.user
    _require(user)
    try:
        members = picker.units_from_ids(request.POST.getlist("members"))
        group = services.recipient_group_create(
            actor=user, owner=_owner(user, request.POST.get("owner")), name=request.POST.get("name", ""), members=members
        )
    except DomainError as exc:
        if _wants_json(request):
            fields = [{"loc": [exc.field], "message": exc.message}] if exc.field else []
            return JsonResponse({"error": {"code": exc.code, "message": exc.message, "fields": fields}}, status=exc.status)
        messages.error(request, exc.message)
        return redirect("org:groups")
    ids = sorted(group.members.values_list("pk", flat=True))
    if _wants_json(request):
        return JsonResponse({"id": group.pk, "name": group.name, "owner": group.owner.name, "members": ids}, status=201)
    messages.success(request, _("Saved the group “%(name)s”.") % {"name": group.name})
    return redirect("org:groups")
