"""The county's settings for pairing: how many communities one department may carry before it is flagged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

PAIRING = "pairing"
# 碑林区 pairs 62 departments with 105 communities: about two each; three is already a heavy load.
DEFAULT_MAX_COMMUNITIES = 3

MSG_LOAD_OK = gettext_noop("%(department)s carries %(count)s communities (at most %(max)s).")
MSG_LOAD_HIGH = gettext_noop("%(department)s would carry %(count)s communities, more than %(max)s: spread the load.")


def max_communities(params: dict[str, Any]) -> int:
    try:
        value = int(params.get("max_communities", DEFAULT_MAX_COMMUNITIES))
    except (TypeError, ValueError):
        return DEFAULT_MAX_COMMUNITIES
    return value if value > 0 else DEFAULT_MAX_COMMUNITIES


@dataclass(frozen=True)
class PairingLoadRule:
    code: str = "pairing.load"
    item_kinds: frozenset[str] = frozenset({PAIRING})
    title: Any = _("A department carries a bounded number of communities (包抓)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"max_communities": DEFAULT_MAX_COMMUNITIES})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "max_communities": Param(_("Communities one department may carry"), _("More than this is shown as too many on the coverage page."),
                                 unit=pgettext_lazy("how many", "communities")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.pairing.selectors import load_of

        pairing = ctx.item
        count = load_of(pairing.department, pairing.valid_from) + (0 if pairing.pk else 1)
        limit = max_communities(params)
        values = {"department": pairing.department.name, "count": count, "max": limit}
        if count > limit:
            return Verdict(self.code, Outcome.WARN, MSG_LOAD_HIGH, values)
        return Verdict(self.code, Outcome.PASS, MSG_LOAD_OK, values)
