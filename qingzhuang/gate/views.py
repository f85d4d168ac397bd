"""Pages of the gate: the county's red/yellow board, quota plans, rule settings, notices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingzhuang.gate import errors, selectors, services
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.fields import PERCENT, WEEKS, Param, from_form, param_for, percent_number, week_words, weeks_of
from qingzhuang.gate.kinds import QUOTA_KINDS, kind_label
from qingzhuang.gate.models import Notice, Quota
from qingzhuang.gate.rules import rule_by_code
from qingzhuang.org import access


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _years(year: int) -> list[int]:
    this = timezone.localdate().year
    return sorted({this - 2, this - 1, this, this + 1, year})


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    county, counties = selectors.pick_county(user, "gate.view_board", request.GET.get("county"))
    if county is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    year = _year(request)
    colour = request.GET.get("colour", "")
    data = selectors.board(county=county, year=year, colour=colour if colour in ("green", "yellow", "red") else "")
    context = {"board": data, "counties": counties, "year": year, "years": _years(year), "colour": colour}
    return render(request, "gate/board.html", context)


@login_required
def quotas(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    county, counties = selectors.pick_county(user, "gate.manage_quota", request.GET.get("county") or request.POST.get("county"))
    if county is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    year = _year(request)
    units = [u for u in selectors.issuing_units(county) if access.can(user, "gate.manage_quota", u)]
    existing = {(q.unit_id, q.kind): q for q in Quota.objects.filter(unit__in=units, year=year)}
    problems: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        changed = 0
        for unit in units:
            for kind in QUOTA_KINDS:
                name = f"q-{unit.pk}-{kind}"
                raw = request.POST.get(name, "").strip()
                values[name] = raw
                current = existing.get((unit.pk, kind))
                if raw == "" or (current is not None and raw == str(current.limit)):
                    continue
                try:
                    limit = int(raw)
                    if limit < 0:
                        raise ValueError
                except ValueError:
                    problems[name] = str(errors.LIMIT_INVALID)
                    continue
                try:
                    services.quota_set(actor=user, unit=unit, year=year, kind=kind, limit=limit)
                    changed += 1
                except GateError as exc:
                    problems[name] = exc.message
        if not problems:
            messages.success(request, _("%(count)s quotas saved.") % {"count": changed})
            return redirect(f"{request.path}?year={year}&county={county.pk}")
        messages.error(request, _("Some quotas were not saved; see the marked cells."))
        existing = {(q.unit_id, q.kind): q for q in Quota.objects.filter(unit__in=units, year=year)}
    rows = []
    for unit in units:
        cells = []
        for kind in QUOTA_KINDS:
            name = f"q-{unit.pk}-{kind}"
            quota = existing.get((unit.pk, kind))
            cells.append({"name": name, "kind": kind_label(kind), "quota": quota,
                          "value": values.get(name, str(quota.limit) if quota else ""), "problem": problems.get(name)})
        rows.append({"unit": unit, "cells": cells})
    context = {"rows": rows, "kinds": [kind_label(k) for k in QUOTA_KINDS], "year": year, "years": _years(year), "county": county, "counties": counties}
    return render(request, "gate/quotas.html", context)


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    county, counties = selectors.pick_county(user, "gate.configure_rules", request.GET.get("county"))
    if county is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    return render(request, "gate/rules.html", {"rows": selectors.rule_rows(county), "county": county, "counties": counties})


@login_required
def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    user: Any = request.user
    county, _counties = selectors.pick_county(user, "gate.configure_rules", request.GET.get("county") or request.POST.get("county"))
    if county is None:
        raise PermissionDenied(access.DENIED_MESSAGE)
    try:
        rule = rule_by_code(code)
    except KeyError:
        raise Http404 from None
    row = next(r for r in selectors.rule_rows(county) if r.code == code)
    problems: dict[str, str] = {}
    # What each input shows: the stored value in the form people type it (50 for a ratio of 0.5).
    shown_values: dict[str, Any] = {name: _form_value(param_for(rule, name), value) for name, value in row.values.items()}
    enabled = row.enabled
    if request.method == "POST":
        raw: dict[str, Any] = {}
        for name, default in rule.defaults.items():
            spec = param_for(rule, name)
            if isinstance(default, bool):
                raw[name] = request.POST.get(name) == "on"
                shown_values[name] = raw[name]
            else:
                raw[name] = from_form(spec, request.POST, name)
                shown_values[name] = weeks_of(raw[name]) if spec.kind == WEEKS else request.POST.get(name, "")
        enabled = request.POST.get("enabled") == "on"
        clean, problems = services.validate_params(rule, raw)
        if not problems:
            try:
                services.rule_setting_set(actor=user, county=county, rule=code, enabled=enabled, params=clean)
            except GateError as exc:
                problems[exc.field or "enabled"] = exc.message
            else:
                messages.success(request, _("Settings of “%(rule)s” saved for %(county)s.") % {"rule": row.title, "county": county.name})
                return redirect(f"/gate/rules/?county={county.pk}")
    fields = []
    for (name, default), words in zip(rule.defaults.items(), row.params, strict=True):
        spec = param_for(rule, name)
        value = shown_values.get(name, default)
        kind = ("checkbox" if isinstance(default, bool) else "weeks" if spec.kind == WEEKS else "choice" if name in row.choices
                else "percent" if spec.kind == PERCENT else "number" if isinstance(default, (int, float)) else "text")
        fields.append({
            "name": name, "label": words.label, "help": words.help, "unit": str(spec.unit), "default": words.default,
            "value": value, "problem": problems.get(name), "type": kind, "step": "any" if isinstance(default, float) else "1",
            "choices": [(c, str(spec.choices.get(c, c))) for c in row.choices.get(name, ())],
            # A week picker per chosen week, and two empty ones to add more (no typing of ISO weeks by hand).
            "weeks": [(w, week_words(w)) for w in value] + [("", ""), ("", "")] if kind == "weeks" else [],
        })
    return render(request, "gate/rule_edit.html", {"row": row, "fields": fields, "enabled": enabled, "county": county, "problems": problems})


def _form_value(spec: Param, value: Any) -> Any:
    if spec.kind == PERCENT:
        return percent_number(value)
    if spec.kind == WEEKS:
        return weeks_of(value)
    return value


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(request, "gate/notices.html", {"notices": selectors.notices_for(user)})


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    notice = access.get_for_user(user, "gate.view_quota", Notice.objects.select_related("unit"), pk=pk)
    services.notice_read(actor=user, notice=notice)
    return redirect("gate:notices")
