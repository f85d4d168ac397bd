"""The gate: one mechanism every burden item passes before it goes down.

A rule is an object with a ``code`` ("document.length"), the item kinds it applies to, a title,
default settings (from the national rules), and ``check(ctx, params) -> Verdict``. Components
contribute rules through ``Component.gate_rules``; the gate never imports a rule by hand, so a
new kind of item (inspections, forms, tasks) adds its rules without touching these.

Messages are stored as msgids with parameters and translated when shown, so a reviewer reading
in English sees the same verdict in English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Model, Q
from django.utils.translation import gettext

from qingzhuang.components import all_components
from qingzhuang.gate.models import GateCheck, Outcome, RuleSetting
from qingzhuang.lib import clock

SEVERITY = {Outcome.PASS: 0, Outcome.WARN: 1, Outcome.BLOCK: 2}


@dataclass(frozen=True)
class Verdict:
    rule: str
    outcome: Outcome
    message: str  # a msgid (mark it with gettext_noop) with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict)
    # Whatever the reviewer needs to see the reason: ids of near-duplicates, counts, limits…
    evidence: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return render_message(self.message, self.params)

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "outcome": str(self.outcome), "message": self.message, "params": self.params, "evidence": self.evidence}


def render_message(message: str, params: dict[str, Any]) -> str:
    translated = gettext(message)
    try:
        return translated % params if params else translated
    except (KeyError, TypeError, ValueError):
        return translated


def outcome_setting(value: Any, default: Outcome) -> Outcome:
    """A rule's outcome setting ("warn", "block", "pass") as an Outcome, or ``default`` for anything else."""
    try:
        return Outcome(value)
    except ValueError:
        return default


@dataclass(frozen=True)
class GateContext:
    item: Any
    item_kind: str  # "document", "meeting", …
    issuer: Any  # the Unit pushing the item down
    county: Any  # the issuer's county Region (None above county level)
    today: dt.date
    actor: Any = None


class Rule(Protocol):
    code: str
    item_kinds: frozenset[str]
    title: Any  # lazy translatable title, names the rule in the reviewer's view
    defaults: dict[str, Any]

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict: ...


@cache
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for component in all_components():
        rules.extend(component.gate_rules)
    codes = [r.code for r in rules]
    duplicated = {c for c in codes if codes.count(c) > 1}
    if duplicated:
        raise RuntimeError(f"gate rules declared twice: {sorted(duplicated)}")
    return tuple(rules)


def rules_for(item_kind: str) -> list[Rule]:
    return [r for r in all_rules() if item_kind in r.item_kinds]


def rule_by_code(code: str) -> Rule:
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise KeyError(code)


def rule_params(rule: Rule, county: Any) -> tuple[bool, dict[str, Any]]:
    """(enabled, settings) for a rule in a county: defaults, then the national row, then the county's."""
    params = dict(rule.defaults)
    enabled = True
    rows = RuleSetting.objects.filter(rule=rule.code).filter(Q(county__isnull=True) | Q(county=county))
    for row in sorted(rows, key=lambda r: r.county_id is not None):
        params.update(row.params)
        enabled = row.enabled
    return enabled, params


@dataclass
class GateReport:
    verdicts: list[Verdict]

    @property
    def outcome(self) -> Outcome:
        worst = max((SEVERITY[Outcome(v.outcome)] for v in self.verdicts), default=0)
        return next(o for o, s in SEVERITY.items() if s == worst)

    @property
    def blocked(self) -> bool:
        return self.outcome == Outcome.BLOCK

    def blocking(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.outcome == Outcome.BLOCK]


def gate_run(*, ctx: GateContext) -> GateReport:
    """Run every enabled rule for the item's kind; a rule that fails to run blocks, naming itself."""
    verdicts = []
    for rule in rules_for(ctx.item_kind):
        enabled, params = rule_params(rule, ctx.county)
        if not enabled:
            continue
        verdicts.append(rule.check(ctx, params))
    return GateReport(verdicts=verdicts)


def gate_record(*, item: Model, report: GateReport, actor: Any = None) -> GateCheck:
    with transaction.atomic():
        return GateCheck.objects.create(
            item_type=item._meta.label_lower,
            item_id=item.pk,
            by=actor if getattr(actor, "is_authenticated", False) else None,
            outcome=report.outcome,
            verdicts=[v.as_json() for v in report.verdicts],
        )


def gate_check(*, item: Model, item_kind: str, issuer: Any, actor: Any = None, today: dt.date | None = None) -> tuple[GateReport, GateCheck]:
    """Run the gate for an item and store what it said."""
    ctx = GateContext(item=item, item_kind=item_kind, issuer=issuer, county=issuer.county, today=today or clock.today(), actor=actor)
    report = gate_run(ctx=ctx)
    return report, gate_record(item=item, report=report, actor=actor)


def latest_check(item: Model) -> GateCheck | None:
    return GateCheck.objects.filter(item_type=item._meta.label_lower, item_id=item.pk).first()


def latest_checks(items: Sequence[Model]) -> dict[Any, GateCheck]:
    """The latest check of each item (by primary key), in one query: for lists of items."""
    if not items:
        return {}
    found: dict[Any, GateCheck] = {}
    for check in GateCheck.objects.filter(item_type=items[0]._meta.label_lower, item_id__in=[i.pk for i in items]):
        found.setdefault(check.item_id, check)  # newest first (Meta.ordering)
    return found
