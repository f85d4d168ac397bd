"""The gate's rules for supervision, inspection and assessment (督检考).

Sources: the 2024 national rules on rectifying formalism to lighten the burden on the grassroots
(《整治形式主义为基层减负若干规定》): an annual plan with a total cap (年控), items outside it reviewed
monthly (月控); supervisions, inspections and assessments of the same kind aimed at the same units are
combined (统筹, against 多头检查); results are judged, not traces — photos, sign-in sheets, study notes,
documents issued or meetings held as proof, leaders' instructions and app check-ins are not criteria
(不得简单以留痕多少评判工作好坏, 重痕不重绩); one-vote vetoes (一票否决) and responsibility contracts
(责任状) imposed on the grassroots are restricted.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import OUTCOME_CHOICES, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.quota_rule import QuotaRule
from qingzhuang.gate.rules import GateContext, Verdict

KIND = "inspection"  # the gate's item kind
DEPARTMENT_QUOTA = "inspection"  # per lead department, every kind
GRASSROOTS_ASSESSMENT_QUOTA = "inspection.grassroots_assess"
TRACES_RULE = "inspection.traces"


def county_quota_kind(kind: str) -> str:
    return f"inspection.{kind}"


# Seeded from the 2024 national rules: traces that may not be asked for as proof of work. A county
# changes the list in the gate's rule settings.
TRACE_PHRASES = (
    "留痕", "拍照", "照片", "影像资料", "工作照", "签到表", "签到簿", "学习笔记", "读书笔记", "心得体会",
    "发文数量", "印发文件数", "开会次数", "召开会议次数", "会议记录", "领导批示", "APP打卡", "打卡", "在线时长", "截图",
)

MSG_TRACES = gettext_noop("The criteria demand traces: “%(phrase)s” (留痕, 重痕不重绩). Judge results, not traces.")
MSG_NO_TRACES = gettext_noop("The criteria ask for no traces.")
MSG_OVERLAP = gettext_noop(
    "Overlaps %(others)s: same or related kind, same units, overlapping windows (多头检查). The county office can merge them into one joint inspection."
)
MSG_NO_OVERLAP = gettext_noop("No other item of a related kind aims at the same units in the same window.")
MSG_IN_PLAN = gettext_noop("In the %(year)s annual plan.")
MSG_OUTSIDE_PLAN = gettext_noop("Outside the filed %(year)s annual plan: it needs the monthly review (月控) before it may happen.")
MSG_FLAGS = gettext_noop("Flagged: %(flags)s. The 2024 national rules restrict these on the grassroots.")
MSG_NO_FLAGS = gettext_noop("No one-vote veto, no responsibility contract.")
MSG_NOT_GRASSROOTS_ASSESSMENT = gettext_noop("Not an assessment of grassroots units.")
FLAG_VETO = gettext_noop("one-vote veto (一票否决)")
FLAG_CONTRACT = gettext_noop("responsibility contract (责任状)")


def phrases_of(value: Any) -> list[str]:
    items = re.split(r"[,，、;；\n]+", value) if isinstance(value, str) else list(value or [])
    return [p.strip() for p in (str(i) for i in items) if p.strip()]


def _folded(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def trace_phrases_found(criteria: str, phrases: list[str]) -> list[str]:
    """The phrases the criteria contain, in the order they first appear (full-width and case folded)."""
    text = _folded(criteria)
    found = [(text.find(_folded(p)), p) for p in phrases if _folded(p) and _folded(p) in text]
    return [p for _pos, p in sorted(found)]


@dataclass(frozen=True)
class TracesRule:
    code: str = TRACES_RULE
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Criteria demanding traces (留痕)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"phrases": "、".join(TRACE_PHRASES), "when_found": "block"})
    choices: dict[str, Any] = field(default_factory=lambda: {"when_found": ("block", "warn")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "phrases": Param(_("Phrases that demand traces"), _("Separated by 、 or commas. Seeded from the 2024 national rules: photos, sign-in sheets, study notes, documents issued and meetings held as proof, leaders' instructions, app check-ins.")),
        "when_found": Param(_("When the criteria contain one"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        found = trace_phrases_found(ctx.item.criteria, phrases_of(params.get("phrases", "")))
        if not found:
            return Verdict(self.code, Outcome.PASS, MSG_NO_TRACES)
        outcome = Outcome.WARN if params.get("when_found") == "warn" else Outcome.BLOCK
        return Verdict(self.code, outcome, MSG_TRACES, {"phrase": "、".join(found)}, {"phrases": found})


@dataclass(frozen=True)
class OverlapRule:
    code: str = "inspection.overlap"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Overlapping inspections (多头检查)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"when_found": "warn"})
    choices: dict[str, Any] = field(default_factory=lambda: {"when_found": ("warn", "block")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "when_found": Param(_("When an item overlaps another"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.inspections.selectors import overlapping

        others = list(overlapping(ctx.item))
        if not others:
            return Verdict(self.code, Outcome.PASS, MSG_NO_OVERLAP)
        outcome = Outcome.BLOCK if params.get("when_found") == "block" else Outcome.WARN
        names = "、".join(f"“{o.subject}”（{o.lead.name}）" for o in others)
        return Verdict(self.code, outcome, MSG_OVERLAP, {"others": names}, {"item_ids": [o.pk for o in others]})


@dataclass(frozen=True)
class PlanRule:
    code: str = "inspection.plan"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("Annual plan and monthly review (年控, 月控)")
    defaults: dict[str, Any] = field(default_factory=dict)

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        item = ctx.item
        if item.in_plan:
            return Verdict(self.code, Outcome.PASS, MSG_IN_PLAN, {"year": item.plan.year})
        return Verdict(self.code, Outcome.WARN, MSG_OUTSIDE_PLAN, {"year": item.plan.year})


@dataclass(frozen=True)
class FlagsRule:
    code: str = "inspection.flags"
    item_kinds: frozenset[str] = frozenset({KIND})
    title: Any = _("One-vote veto and responsibility contracts")
    defaults: dict[str, Any] = field(default_factory=lambda: {"when_found": "warn"})
    choices: dict[str, Any] = field(default_factory=lambda: {"when_found": ("warn", "block")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "when_found": Param(_("When an item carries one"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from django.utils.translation import gettext

        item = ctx.item
        flags = [f for f, on in ((FLAG_VETO, item.one_vote_veto), (FLAG_CONTRACT, item.responsibility_contract)) if on]
        if not flags:
            return Verdict(self.code, Outcome.PASS, MSG_NO_FLAGS)
        outcome = Outcome.BLOCK if params.get("when_found") == "block" else Outcome.WARN
        return Verdict(self.code, outcome, MSG_FLAGS, {"flags": "、".join(gettext(f) for f in flags)}, {"flags": flags})


def _office(ctx: GateContext) -> Any:
    from qingzhuang.gate.selectors import county_office

    return county_office(ctx.county) if ctx.county is not None else None


@dataclass(frozen=True)
class CountyKindQuotaRule(QuotaRule):
    """年控 per kind for the whole county: a quota of the county office of kind ``inspection.<kind>``."""

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        office = _office(ctx)
        if office is None:
            return super().check(ctx, params)
        rule = dataclasses.replace(self, quota_kind=county_quota_kind(ctx.item.kind))
        return QuotaRule.check(rule, dataclasses.replace(ctx, issuer=office), params)


@dataclass(frozen=True)
class GrassrootsAssessmentQuotaRule(QuotaRule):
    """Assessments of grassroots units have their own county cap."""

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.inspections.selectors import is_grassroots_assessment

        office = _office(ctx)
        if office is None or not is_grassroots_assessment(ctx.item):
            return Verdict(self.code, Outcome.PASS, MSG_NOT_GRASSROOTS_ASSESSMENT)
        return QuotaRule.check(self, dataclasses.replace(ctx, issuer=office), params)


GATE_RULES = (
    TracesRule(),
    OverlapRule(),
    PlanRule(),
    FlagsRule(),
    QuotaRule(code="inspection.quota", item_kind=KIND, quota_kind=DEPARTMENT_QUOTA, title=_("Lead department's yearly cap (年控)")),
    CountyKindQuotaRule(code="inspection.county_quota", item_kind=KIND, quota_kind="inspection.inspection", title=_("County's yearly cap per kind (年控)")),
    GrassrootsAssessmentQuotaRule(
        code="inspection.grassroots_assessment_quota", item_kind=KIND, quota_kind=GRASSROOTS_ASSESSMENT_QUOTA,
        title=_("County's cap on assessments of grassroots units"),
    ),
)
