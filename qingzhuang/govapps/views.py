"""Pages: thin; selectors read, services write, a GovAppError becomes the page's message."""

from __future__ import annotations

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

from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.selectors import verdict_rows
from qingzhuang.govapps import selectors, services
from qingzhuang.govapps.errors import GovAppError
from qingzhuang.govapps.models import AppKind, Entry, EntryStatus, FilingStatus, Platform, Practice, Requirement
from qingzhuang.lib import clock
from qingzhuang.org import access
from qingzhuang.org.models import GRASSROOTS_KINDS, Unit, UnitKind

VIEW, REGISTER, RECTIFY = selectors.VIEW, selectors.REGISTER, selectors.RECTIFY
FIELDS = ("name", "kind", "platform", "purpose", "description", "filing_status", "filing_number", "filed_on", "since")


def _date(value: Any) -> Any:
    """A typed date, or the text as typed (the service names it), or None when empty."""
    raw = str(value or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return raw


def _int(value: Any) -> int | None:
    raw = str(value or "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    today = clock.today()
    mine = [(u, selectors.required_on(u, today)) for u in selectors.my_units(user)]
    manages = access.can(user, REGISTER) or access.can(user, RECTIFY)
    entries = selectors.entries_visible(user)
    status = request.GET.get("status", "active" if manages else "")
    if status in EntryStatus.values:
        entries = entries.filter(status=status)
    if request.GET.get("banned"):
        entries = entries.filter(selectors.banned_q())
    figures = None
    offices = list(access.scoped_queryset(user, RECTIFY, Unit.objects.filter(kind=UnitKind.PARTY_GOV_OFFICE)).order_by("path")[:5])
    if offices and offices[0].county is not None:
        figures = selectors.figures(offices[0].county, dt.date(today.year, 1, 1), today + dt.timedelta(days=1))
    rows = list(entries.order_by("status", "owner__path", "name")[:300]) if manages else []
    using = selectors.units_using(rows, today)
    for e in rows:
        e.units_using = using.get(e.pk, 0)  # type: ignore[attr-defined]
    context = {"mine": mine, "manages": manages, "entries": rows, "status": status, "statuses": EntryStatus.choices,
               "banned": bool(request.GET.get("banned")), "figures": figures, "can_register": bool(selectors.owner_units(user)), "today": today}
    return render(request, "govapps/index.html", context)


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = access.get_for_user(user, VIEW, Unit.objects.filter(kind__in=GRASSROOTS_KINDS), pk=pk)
    today = clock.today()
    context = {"unit": found, "required": selectors.required_on(found, today),
               "ended": selectors.ended_between(found, dt.date(today.year, 1, 1), today + dt.timedelta(days=1)), "today": today}
    return render(request, "govapps/unit.html", context)


def _form_values(data: Any) -> dict[str, Any]:
    values: dict[str, Any] = {k: data.get(k, "") for k in FIELDS}
    values["practices"] = data.getlist("practices") if hasattr(data, "getlist") else []
    values["units"] = [u for u in (_int(v) for v in (data.getlist("units") if hasattr(data, "getlist") else [])[:services.MAX_UNITS + 1]) if u]
    values["found"] = bool(data.get("found"))
    return values


@login_required
def new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    owners = selectors.owner_units(user)
    if not owners:
        raise PermissionDenied(access.DENIED_MESSAGE)
    data = request.POST if request.method == "POST" else request.GET
    owner = next((u for u in owners if u.pk == _int(data.get("owner"))), owners[0])
    recipients = list(selectors.recipients_for(owner)[:1000])
    values = _form_values(data)
    can_survey = access.can(user, RECTIFY, owner)
    problem = ""
    if request.method == "POST" and data.get("register"):
        chosen = [u for u in recipients if u.pk in set(values["units"])]
        common = {k: values[k] for k in ("name", "kind", "platform", "purpose", "description", "filing_status", "filing_number")}
        try:
            if values["found"] and can_survey:
                entry = services.entry_record_found(actor=user, owner=owner, units=chosen, practices=values["practices"], filed_on=_date(values["filed_on"]),
                                                    since=_date(values["since"]), **common)
            else:
                entry = services.entry_register(actor=user, owner=owner, units=chosen, practices=values["practices"], filed_on=_date(values["filed_on"]),
                                                **common)
        except GovAppError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Registered: %(count)s units must use “%(name)s”.") % {"count": len(chosen), "name": entry.name})
            return redirect("govapps:detail", pk=entry.pk)
    context = {"owners": owners, "owner": owner, "recipients": recipients, "values": values, "problem": problem, "can_survey": can_survey,
               "kinds": AppKind.choices, "platforms": Platform.choices, "practices": Practice.choices, "filings": FilingStatus.choices}
    return render(request, "govapps/new.html", context, status=400 if problem else 200)


def _act(request: HttpRequest, user: Any, entry: Entry) -> str:
    """Carry out the posted action on the entry; returns the success message."""
    action = request.POST.get("action", "")
    data = request.POST
    if action == "impose":
        if not access.can(user, REGISTER, entry.owner):
            raise PermissionDenied(access.DENIED_MESSAGE)
        wanted = {_int(v) for v in data.getlist("units")[:services.MAX_UNITS + 1]}
        chosen = [u for u in selectors.recipients_for(entry.owner) if u.pk in wanted]
        services.requirements_add(actor=user, entry=entry, units=chosen)
        return _("Imposed on %(count)s more units.") % {"count": len(chosen)}
    if action == "end":
        requirement = access.get_for_user(user, VIEW, Requirement.objects.select_related("entry__owner", "unit"), pk=_int(data.get("requirement")) or 0)
        if requirement.entry_id != entry.pk:
            raise PermissionDenied(access.DENIED_MESSAGE)
        services.requirement_end(actor=user, requirement=requirement, until=_date(data.get("until")), reason=data.get("reason", ""))
        return _("%(unit)s no longer has to use it.") % {"unit": requirement.unit.name}
    if action == "filing":
        services.entry_filing_set(actor=user, entry=entry, filing_status=data.get("filing_status", ""), filing_number=data.get("filing_number", ""),
                                  filed_on=_date(data.get("filed_on")))
        return _("The filing is recorded.")
    if action == "close":
        services.entry_close(actor=user, entry=entry, closed_on=_date(data.get("ended_on")), reason=data.get("reason", ""))
        return _("Closed: no unit has to use it any more.")
    if action == "merge":
        into = access.get_for_user(user, VIEW, Entry.objects.select_related("owner"), pk=_int(data.get("into")) or 0)
        services.entry_merge(actor=user, entries=[entry], into=into, merged_on=_date(data.get("ended_on")), reason=data.get("reason", ""))
        return _("Merged into “%(name)s”: its units use that one now.") % {"name": into.name}
    raise PermissionDenied(access.DENIED_MESSAGE)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    entry = access.get_for_user(user, VIEW, Entry.objects.select_related("owner__county", "merged_into", "registered_by__person"), pk=pk)
    today = clock.today()
    problem = ""
    if request.method == "POST":
        try:
            done = _act(request, user, entry)
        except GovAppError as exc:
            problem = exc.message
        else:
            messages.success(request, done)
            return redirect("govapps:detail", pk=entry.pk)
    active = entry.status == EntryStatus.ACTIVE
    requirements = list(entry.requirements.select_related("unit").order_by("until", "unit__path"))
    using = [r for r in requirements if r.until is None]
    using_ids = {r.unit_id for r in using}
    can_register = active and access.can(user, REGISTER, entry.owner)
    context = {
        "entry": entry, "using": using, "ended": [r for r in requirements if r.until is not None], "problem": problem, "today": today,
        "verdicts": verdict_rows(latest_check(entry)), "merged_from": list(entry.merged_from.select_related("owner").order_by("name")),
        "can_manage": active and selectors.can_manage(user, entry), "can_register": can_register,
        "can_merge": active and access.can(user, RECTIFY, entry.owner),
        "candidates": selectors.merge_candidates(entry) if active and access.can(user, RECTIFY, entry.owner) else [],
        "recipients": [u for u in selectors.recipients_for(entry.owner)[:1000] if u.pk not in using_ids] if can_register else [],
        "filings": FilingStatus.choices,
    }
    return render(request, "govapps/detail.html", context, status=400 if problem else 200)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    units = selectors.my_units(request.user)
    if not units:
        return redirect("govapps:index")
    return redirect("govapps:unit", pk=units[0].pk)


def board_section(user: Any, root: Unit, period: Any) -> str:
    """The county board's section: entries active at the period's end, closed and merged in it, banned practices found,
    and how many each community or village must use."""
    if root.kind != UnitKind.PARTY_GOV_OFFICE or root.county_id is None or not access.can(user, VIEW, root):
        return ""
    data = selectors.figures(root.county, period.start, period.end)  # type: ignore[arg-type]
    return render_to_string("govapps/_board_section.html", {"ga": data, "ga_period": period, "ga_top": data.per_unit[:15]})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page lists the apps and groups it must use at the period's end, each with its basis:
    the owning unit, its filing (备案) and the practices it imposes; and those it stopped using in the period."""
    if unit.kind not in GRASSROOTS_KINDS or not access.can(user, VIEW, unit):
        return ""
    last = min(period.end - dt.timedelta(days=1), clock.today())
    return render_to_string("govapps/_unit_section.html", {
        "ga_required": selectors.required_on(unit, last), "ga_ended": selectors.ended_between(unit, period.start, period.end), "ga_on": last,
        "ga_url": reverse("govapps:unit", args=[unit.pk]),
    })
