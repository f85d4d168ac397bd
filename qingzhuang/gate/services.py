"""Writes of the gate: quotas set, taken and released. Taking is race-free: the quota row is locked
(select_for_update on PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_noop

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.gate import errors
from qingzhuang.gate.errors import GateError, GateInvalid
from qingzhuang.gate.fields import PERCENT, param_for
from qingzhuang.gate.kinds import COUNTY_QUOTA_KINDS, QUOTA_KINDS, kind_label
from qingzhuang.gate.models import Colour, Notice, Quota, QuotaUse, RuleSetting
from qingzhuang.gate.rules import rule_params
from qingzhuang.gate.warnings import WARNING_DEFAULTS, quota_warning
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import has_unstorable
from qingzhuang.lib.validate import choice_value, clean_values
from qingzhuang.org import access

WARNING_RULE = "quota.warning"


def warning_params(county: Any) -> dict[str, Any]:
    from qingzhuang.gate.rules import rule_by_code

    try:
        _enabled, params = rule_params(rule_by_code(WARNING_RULE), county)
    except KeyError:
        params = dict(WARNING_DEFAULTS)
    return params


# A unit's yearly quota of one kind: past this it is a typo, not a plan (镇安县's departments: 10–20).
QUOTA_LIMIT_MAX = 10_000


def quota_set(*, actor: Any, unit: Any, year: int, kind: str, limit: int) -> Quota:
    if actor is not None:
        access.require(actor, "gate.manage_quota", unit)
    kind = choice_value(kind, field="kind", label=Quota._meta.get_field("kind").verbose_name, choices=[*QUOTA_KINDS.items(), *COUNTY_QUOTA_KINDS.items()], error=GateInvalid)
    year, limit = clean_values(
        Quota, {"year": year, "limit": limit}, error=GateInvalid, ranges={"year": (2000, 2099), "limit": (0, QUOTA_LIMIT_MAX)}
    ).values()
    with transaction.atomic():
        quota, created = Quota.objects.select_for_update().get_or_create(unit=unit, year=year, kind=kind, defaults={"limit": limit})
        if created:
            _refresh_colour(quota, notify=False)
            audit_created(actor=actor, obj=quota, unit=unit)
            return quota
        if limit < quota.used:
            raise GateError("quota_limit_below_used", errors.QUOTA_LIMIT_BELOW_USED % {"used": quota.used}, "limit")
        before = snapshot(quota)
        quota.limit = limit
        _refresh_colour(quota)
        audit_updated(actor=actor, obj=quota, before=before, unit=unit)
    return quota


def quota_take(*, actor: Any, unit: Any, year: int, kind: str, item: Model, override_reason: str = "") -> QuotaUse | None:
    """Count ``item`` against the unit's quota. None when the unit has no quota of that kind for the year.

    Idempotent per item. When the quota is used up, only a user holding gate.override_quota may take
    it, with a written reason (audited). An item holds at most one slot of a kind: one already held in
    another year is a mistake of the caller (the item's year moves with ``quota_move``).
    """
    override_reason = clean_values(QuotaUse, {"override_reason": override_reason or ""}, error=GateInvalid)["override_reason"]
    item_type = item._meta.label_lower
    with transaction.atomic():
        quota = Quota.objects.select_for_update().filter(unit=unit, year=year, kind=kind).first()
        if quota is None:
            return None
        elsewhere = QuotaUse.objects.filter(quota__kind=kind, item_type=item_type, item_id=item.pk).exclude(quota=quota)
        if elsewhere.exists():
            raise ValueError(f"{item_type}:{item.pk} already holds a {kind} slot in another year: move it with quota_move")
        existing = QuotaUse.objects.filter(quota=quota, item_type=item_type, item_id=item.pk).first()
        if existing:
            return existing
        if quota.used >= quota.limit:
            if not override_reason.strip():
                raise GateError(
                    "quota_exhausted",
                    errors.QUOTA_EXHAUSTED % {"kind": kind_label(kind), "unit": unit.name, "year": year, "used": quota.used, "limit": quota.limit},
                )
            if actor is not None and not access.can(actor, "gate.override_quota", unit):
                raise GateError("override_not_allowed", errors.OVERRIDE_NOT_ALLOWED)
        use = QuotaUse.objects.create(
            quota=quota,
            item_type=item_type,
            item_id=item.pk,
            by=actor if getattr(actor, "is_authenticated", False) else None,
            override_reason=override_reason.strip() if quota.used >= quota.limit else "",
        )
        before = snapshot(quota)
        quota.used += 1
        _refresh_colour(quota)
        audit_updated(actor=actor, obj=quota, before=before, unit=unit, reason=use.override_reason)
        if use.override_reason:
            audit_record(actor=actor, action="override", obj=quota, unit=unit, reason=use.override_reason, changes={"item": [None, f"{item_type}:{item.pk}"]})
    return use


def quota_move(*, actor: Any, unit: Any, year: int, kind: str, item: Model, override_reason: str = "", take: bool = False) -> QuotaUse | None:
    """The item's date moved to ``year``: give back the slot it holds in any other year and take one in ``year``.

    Both changes are audited. The quota rows involved are locked first, in the order of their ids, so
    two items moving in opposite directions at once cannot deadlock. With ``take`` False an item that
    held no slot (none was set, or it takes none) takes none now either; with ``take`` True it takes one.
    """
    item_type = item._meta.label_lower
    with transaction.atomic():
        held = list(QuotaUse.objects.filter(quota__kind=kind, item_type=item_type, item_id=item.pk).exclude(quota__year=year, quota__unit=unit))
        target = Quota.objects.filter(unit=unit, year=year, kind=kind).values_list("pk", flat=True).first()
        ids = sorted({u.quota_id for u in held} | ({target} if target else set()))
        list(Quota.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        for use in held:
            _give_back(actor=actor, use=use, reason=f"→ {year}")
        if not held and not take:
            return QuotaUse.objects.filter(quota_id=target, item_type=item_type, item_id=item.pk).first() if target else None
        return quota_take(actor=actor, unit=unit, year=year, kind=kind, item=item, override_reason=override_reason)


def _give_back(*, actor: Any, use: QuotaUse, reason: str = "") -> None:
    quota = Quota.objects.select_for_update().select_related("unit").get(pk=use.quota_id)
    before = snapshot(quota)
    use.delete()
    quota.used = max(0, quota.used - 1)
    _refresh_colour(quota)
    audit_updated(actor=actor, obj=quota, before=before, unit=quota.unit, reason=reason)


def quota_release(*, actor: Any, item: Model) -> int:
    """Give back every quota slot an item took (it was withdrawn, merged or rejected after counting)."""
    item_type = item._meta.label_lower
    released = 0
    with transaction.atomic():
        uses = list(QuotaUse.objects.filter(item_type=item_type, item_id=item.pk).order_by("quota_id"))
        for use in uses:
            _give_back(actor=actor, use=use)
            released += 1
    return released


def _refresh_colour(quota: Quota, *, notify: bool = True) -> None:
    warning = quota_warning(
        limit=quota.limit, used=quota.used, year=quota.year, today=clock.today(), params=warning_params(quota.unit.county)
    )
    changed = warning.colour != quota.colour
    quota.colour = warning.colour
    quota.save()
    if changed and notify and warning.colour != Colour.GREEN:
        _notify(quota, warning.message, warning.params, warning.colour)


MSG_NOTICE = gettext_noop("%(unit)s: the %(year)s %(kind_label)s quota turned %(colour_label)s (%(used)s of %(limit)s used).")


def _notify(quota: Quota, message: str, params: dict[str, Any], colour: str) -> None:
    """Tell the unit and its county office, after commit, that a quota turned yellow or red (in-app notices).

    The notice names the unit and the kind; ``detail`` keeps the warning's own message (usage or pace).
    """
    from qingzhuang.org.models import Unit, UnitKind

    level = "danger" if colour == Colour.RED else "warning"
    targets = [quota.unit]
    if quota.unit.county_id:
        targets += list(Unit.objects.filter(county_id=quota.unit.county_id, kind=UnitKind.PARTY_GOV_OFFICE).exclude(pk=quota.unit_id))
    payload = {
        **params, "unit": quota.unit.name, "kind": quota.kind, "year": quota.year, "colour": str(colour),
        "used": quota.used, "limit": quota.limit, "detail": message, "quota_id": quota.pk,
    }
    for target in targets:
        Notice.objects.create(unit=target, level=level, message=MSG_NOTICE, params=payload, url=reverse("gate:notices"))


def notice_text(notice: Notice) -> str:
    """A notice in the reader's language: kind and colour names are translated when shown."""
    from qingzhuang.gate.rules import render_message

    params = dict(notice.params)
    params["kind_label"] = kind_label(str(params.get("kind", "")))
    colour = str(params.get("colour", ""))
    params["colour_label"] = str(Colour(colour).label) if colour in Colour.values else colour
    return render_message(notice.message, params)


def notice_read(*, actor: Any, notice: Notice) -> Notice:
    access.require(actor, "gate.view_quota", notice.unit)
    if not notice.read:
        notice.read = True
        notice.save(update_fields=["read"])
    return notice


def rule_setting_set(*, actor: Any, county: Any, rule: str, enabled: bool, params: dict[str, Any]) -> RuleSetting:
    """Set a county's values for a rule, validated against the rule's defaults (types, ranges, choices)."""
    from qingzhuang.gate.rules import rule_by_code
    from qingzhuang.gate.selectors import county_office

    office = county_office(county)
    if actor is not None:
        if office is None:
            raise GateError("no_county_office", errors.NO_COUNTY_OFFICE)
        access.require(actor, "gate.configure_rules", office)
    found = rule_by_code(rule)
    clean, problems = validate_params(found, params)
    if problems:
        field_name, message = next(iter(problems.items()))
        raise GateError("invalid_setting", message, field_name)
    with transaction.atomic():
        setting, created = RuleSetting.objects.select_for_update().get_or_create(county=county, rule=rule, defaults={"enabled": enabled, "params": clean})
        if created:
            audit_created(actor=actor, obj=setting, unit=office)
            return setting
        before = snapshot(setting)
        setting.enabled = enabled
        setting.params = clean
        setting.save()
        audit_updated(actor=actor, obj=setting, before=before, unit=office)
    return setting


# No rule's setting is a number past this (lengths in 字, minutes, counts): larger is a typo.
SETTING_NUMBER_MAX = 1_000_000


def validate_params(rule: Any, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Coerce settings to the types of the rule's defaults; returns (clean values, {field: problem})."""
    clean: dict[str, Any] = {}
    problems: dict[str, str] = {}
    choices = getattr(rule, "choices", {}) or {}
    for name, default in rule.defaults.items():
        value = raw.get(name, default)
        if isinstance(value, str) and has_unstorable(value):
            problems[name] = str(errors.INVALID_SETTING % {"name": param_for(rule, name).label})
            continue
        try:
            if isinstance(default, bool):
                clean[name] = value in (True, "on", "true", "1", 1)
            elif isinstance(default, int):
                clean[name] = int(str(value).strip())
                if not 0 <= clean[name] <= SETTING_NUMBER_MAX:
                    raise ValueError
            elif isinstance(default, float):
                clean[name] = float(str(value).strip())
                # NaN and infinity are no settings (and PostgreSQL's JSON cannot hold them).
                if not 0 <= clean[name] <= SETTING_NUMBER_MAX:
                    raise ValueError
            else:
                clean[name] = str(value).strip()
                if name in choices and clean[name] not in choices[name]:
                    raise ValueError
        except (TypeError, ValueError):
            problems[name] = str(errors.INVALID_SETTING % {"name": param_for(rule, name).label})
            continue
        if param_for(rule, name).kind == PERCENT and not 0 <= clean[name] <= 1:
            problems[name] = str(errors.PERCENT_RANGE % {"name": param_for(rule, name).label})
    if not problems and name_ratio_problem(clean):
        problems["yellow_ratio"] = str(errors.RATIOS_ORDER)
    if not problems and hasattr(rule, "validate"):
        problems.update({k: str(v) for k, v in rule.validate(clean).items()})
    return clean, problems


def name_ratio_problem(clean: dict[str, Any]) -> bool:
    if "yellow_ratio" in clean and "red_ratio" in clean:
        return not (0 < clean["yellow_ratio"] <= clean["red_ratio"])
    return False
