"""The gate's rules for tasks pushed down (工作任务) and signboards (挂牌).

A task passes when it cites a duty on the receiving unit's list in force; it is blocked when it cites an item
taken back by an upper department; citing nothing it goes down only as "no basis" — the receiving unit may
refuse it, or the issuer applies for entry (准入).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.duties.models import Section
from qingzhuang.gate.fields import OUTCOME_CHOICES, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict
from qingzhuang.gate.rules import outcome_setting as _outcome

TASK = "task"
SIGNBOARD = "signboard"

MSG_LISTED = gettext_noop("Cites “%(title)s”, a %(section)s on %(unit)s's list.")
MSG_TAKEN_BACK = gettext_noop("Cites “%(title)s”, which %(department)s took back from the grassroots: refused.")
MSG_UNLISTED = gettext_noop("Cites no listed duty of %(unit)s: it needs entry approval (准入), and until admitted the unit may refuse it.")
MSG_TRACES = gettext_noop("Asks for traces (留痕: photos, sign-in sheets, records as proof of work): 重痕不重绩 is not allowed.")
MSG_NO_TRACES = gettext_noop("Asks for no traces.")


@dataclass(frozen=True)
class TaskBasisRule:
    code: str = "task.basis"
    item_kinds: frozenset[str] = frozenset({TASK})
    title: Any = _("A task cites a listed duty")
    defaults: dict[str, Any] = field(default_factory=lambda: {"unlisted": "warn"})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "unlisted": Param(_("A task citing no listed duty"), _("It goes down without a basis: the unit may refuse it until it is admitted."), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        task = ctx.item
        item = task.cited_item
        unit = task.recipient.name
        if item is None:
            return Verdict(self.code, _outcome(params.get("unlisted"), Outcome.WARN), MSG_UNLISTED, {"unit": unit})
        if item.section == Section.TAKEN_BACK:
            department = item.department.name if item.department else "上级部门"
            return Verdict(self.code, Outcome.BLOCK, MSG_TAKEN_BACK, {"title": item.title, "department": department}, {"duty_item_id": item.pk})
        return Verdict(self.code, Outcome.PASS, MSG_LISTED, {"title": item.title, "section": str(Section(item.section).label), "unit": unit},
                       {"duty_item_id": item.pk})


@dataclass(frozen=True)
class TaskTracesRule:
    code: str = "task.traces"
    item_kinds: frozenset[str] = frozenset({TASK})
    title: Any = _("No traces demanded from the grassroots (留痕)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn"})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("A task demanding traces"), _("2024 national rules: no photos, sign-in sheets or records demanded as proof of work."), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        if ctx.item.needs_traces:
            return Verdict(self.code, _outcome(params.get("outcome"), Outcome.WARN), MSG_TRACES)
        return Verdict(self.code, Outcome.PASS, MSG_NO_TRACES)


MSG_ALLOWED = gettext_noop("“%(name)s” is on the county's list of plaques allowed outside.")
MSG_INSIDE = gettext_noop("Hung inside: the allowed list limits plaques outside only.")
MSG_EXCESS = gettext_noop("“%(name)s” is not on the county's list of plaques allowed outside (%(allowed)s): it would be one plaque too many.")
# 2024 national rules (村级组织挂牌): outside at most the party organisation, the residents'/villagers' committee, militia and the
# party-mass service center. Matched as words in the plaque's name; a county may change the list.
DEFAULT_ALLOWED_OUTSIDE = "中共、中国共产党、党组织、党委、党总支、党支部、居民委员会、村民委员会、居委会、村委会、民兵、党群服务中心"


def allowed_words(setting: Any) -> list[str]:
    import re

    return [w.strip() for w in re.split(r"[、,，;；\s]+", str(setting or "")) if w.strip()]


def is_allowed_outside(name: str, setting: Any) -> bool:
    return any(word in name for word in allowed_words(setting))


@dataclass(frozen=True)
class SignboardAllowedRule:
    code: str = "signboard.allowed"
    item_kinds: frozenset[str] = frozenset({SIGNBOARD})
    title: Any = _("Plaques outside only from the allowed list (挂牌)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"allowed_outside": DEFAULT_ALLOWED_OUTSIDE, "excess": "block"})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "allowed_outside": Param(_("Plaques allowed outside (words in the name)"),
                                 _("2024 national rules: the party organisation, the residents'/villagers' committee, militia and the party-mass service center.")),
        "excess": Param(_("A request for a plaque outside the list"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        board = ctx.item
        if board.placement != "outside":
            return Verdict(self.code, Outcome.PASS, MSG_INSIDE)
        if is_allowed_outside(board.name, params.get("allowed_outside")):
            return Verdict(self.code, Outcome.PASS, MSG_ALLOWED, {"name": board.name})
        return Verdict(self.code, _outcome(params.get("excess"), Outcome.BLOCK), MSG_EXCESS,
                       {"name": board.name, "allowed": "、".join(allowed_words(params.get("allowed_outside")))})
