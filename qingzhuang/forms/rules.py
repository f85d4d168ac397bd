"""The gate's rules for forms (报表): a form whose fields are all known is a duplicate; a form without a
legal basis, or one asking for personal data, is shown to the reviewer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.forms.matching import KNOWN_SCORE
from qingzhuang.gate.fields import OUTCOME_CHOICES, PERCENT, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

ITEM_KIND = "form"
DUPLICATE_RULE = "form.duplicate_fields"

MSG_ALL_KNOWN = gettext_noop(
    "All %(total)s fields are already known (%(sources)s): the form repeats what the county already holds and is refused (一表通)."
)
MSG_SOME_KNOWN = gettext_noop("%(known)s of %(total)s fields are already known and will be pre-filled; %(new)s are new.")
MSG_NONE_KNOWN = gettext_noop("All %(total)s fields are new: none is in the master record or another catalogued form.")
MSG_BASIS_MISSING = gettext_noop("No legal basis given: say which rule or document requires this data.")
MSG_BASIS_OK = gettext_noop("Legal basis: %(basis)s")
MSG_PERSONAL = gettext_noop("Asks for personal data (%(fields)s): the grassroots report counts, not people's details.")
MSG_PERSONAL_NONE = gettext_noop("Asks for counts only, no personal data.")

# Field names that ask about a person rather than a count.
PERSONAL = re.compile("姓名|身份证|手机|电话|住址|家庭住址|门牌号|出生日期|银行卡|照片")


@dataclass(frozen=True)
class DuplicateFieldsRule:
    """一表通: each field is matched against the master record and the catalogued forms; all known → refused."""

    code: str = DUPLICATE_RULE
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Fields already known (一表通)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"known_score": KNOWN_SCORE})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "known_score": Param(
            _("Match score of a known field"),
            _("A field matching a master-record field or a catalogued form's field at least this well is known: it is pre-filled, and a form of known fields only is refused."),
            kind=PERCENT,
        ),
    })

    def validate(self, params: dict[str, Any]) -> dict[str, Any]:
        if not 0.3 <= float(params["known_score"]) <= 1:
            return {"known_score": _("Enter a percentage from 30 to 100.")}
        return {}

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        form = ctx.item
        fields = list(form.fields.all())
        known = [f for f in fields if f.known]
        sources: dict[str, dict[str, Any]] = {}
        for f in known:
            best = f.matches[0] if f.matches else {}
            key = f"form:{best.get('form_id')}" if f.match_kind == "form" else "master"
            entry = sources.setdefault(key, {"title": best.get("form") if f.match_kind == "form" else "社区基础数据",
                                             "form_id": best.get("form_id"), "fields": 0})
            entry["fields"] += 1
        evidence = {"total": len(fields), "known": len(known), "sources": list(sources.values()),
                    "fields": [{"name": f.name, "kind": f.match_kind, "score": f.score} for f in fields]}
        if fields and len(known) == len(fields):
            named = "、".join(f"《{s['title']}》" for s in sources.values())
            return Verdict(self.code, Outcome.BLOCK, MSG_ALL_KNOWN, {"total": len(fields), "sources": named}, evidence)
        if known:
            return Verdict(self.code, Outcome.PASS, MSG_SOME_KNOWN, {"known": len(known), "total": len(fields), "new": len(fields) - len(known)}, evidence)
        return Verdict(self.code, Outcome.PASS, MSG_NONE_KNOWN, {"total": len(fields)}, evidence)


@dataclass(frozen=True)
class LegalBasisRule:
    code: str = "form.legal_basis"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Legal basis of a form")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": ("warn", "block", "pass")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("When a form gives no legal basis"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        basis = ctx.item.legal_basis.strip()
        if basis:
            return Verdict(self.code, Outcome.PASS, MSG_BASIS_OK, {"basis": basis[:120]}, {"legal_basis": basis})
        return Verdict(self.code, Outcome(params["outcome"]), MSG_BASIS_MISSING, {}, {"legal_basis": ""})


@dataclass(frozen=True)
class PersonalDataRule:
    code: str = "form.personal_data"
    item_kinds: frozenset[str] = frozenset({ITEM_KIND})
    title: Any = _("Personal data in a form")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": ("warn", "block", "pass")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("When a form asks for personal data"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        asked = [f.name for f in ctx.item.fields.all() if PERSONAL.search(f.name)]
        if asked:
            return Verdict(self.code, Outcome(params["outcome"]), MSG_PERSONAL, {"fields": "、".join(asked[:5])}, {"fields": asked})
        return Verdict(self.code, Outcome.PASS, MSG_PERSONAL_NONE, {}, {"fields": []})


RULES = (DuplicateFieldsRule(), LegalBasisRule(), PersonalDataRule())
