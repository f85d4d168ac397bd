"""The quota rule every counted kind of item uses: 总量控制 with red/yellow warning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from qingzhuang.gate.fields import OUTCOME_CHOICES, PERCENT, Param
from qingzhuang.gate.models import Colour, Outcome, Quota
from qingzhuang.gate.rules import GateContext, Verdict
from qingzhuang.gate.warnings import WARNING_DEFAULTS, quota_warning

MSG_NO_QUOTA = gettext_noop("%(unit)s has no %(year)s quota for this kind of item: it is not in any plan.")
MSG_OVER = gettext_noop("Over the quota: %(used)s of %(limit)s already used; only an authorised override with a reason lets this one through.")
MSG_LAST = gettext_noop("This one takes the last slot: %(used)s of %(limit)s used after it.")
MSG_CLOSE = gettext_noop("Close to the limit: %(used)s of %(limit)s used after this one.")
MSG_FITS = gettext_noop("%(used)s of %(limit)s used after this one.")


@dataclass(frozen=True)
class WarningSettings:
    """Holds the red/yellow thresholds as rule settings (so counties can change them); checks nothing."""

    code: str = "quota.warning"
    item_kinds: frozenset[str] = frozenset()
    title: Any = _("Red/yellow warning thresholds")
    defaults: dict[str, Any] = field(default_factory=lambda: dict(WARNING_DEFAULTS))
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "yellow_ratio": Param(_("Yellow from"), _("A unit turns yellow once it has used this share of its year's quota."), kind=PERCENT),
        "red_ratio": Param(_("Red from"), _("A unit turns red once it has used this share; red blocks issuing unless an authorised override with a reason is recorded."), kind=PERCENT),
        "pace_tolerance": Param(_("Ahead of pace allowed"), _("Items a unit may be ahead of the quarterly pace (a quarter of the year's quota for each quarter gone by) before it turns yellow (超发苗头)."), pgettext_lazy("unit of count", "items")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:  # pragma: no cover - never run
        return Verdict(self.code, Outcome.PASS, "")


@dataclass(frozen=True)
class QuotaRule:
    """Green passes, yellow warns, red blocks (until an authorised override with a reason)."""

    code: str
    item_kind: str
    quota_kind: str
    title: Any = _("Quota and red/yellow warning")
    defaults: dict[str, Any] = field(default_factory=lambda: {"missing_quota": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"missing_quota": ("warn", "block")})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "missing_quota": Param(_("When the issuing unit has no quota"), _("An item from a unit without a quota for its year is outside every plan."), choices=OUTCOME_CHOICES),
    })

    @property
    def item_kinds(self) -> frozenset[str]:
        return frozenset({self.item_kind})

    def year_of(self, ctx: GateContext) -> int:
        return getattr(ctx.item, "quota_year", None) or ctx.today.year

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        from qingzhuang.gate.services import warning_params

        year = self.year_of(ctx)
        quota = Quota.objects.filter(unit=ctx.issuer, year=year, kind=self.quota_kind).first()
        if quota is None:
            outcome = Outcome.BLOCK if params.get("missing_quota") == "block" else Outcome.WARN
            return Verdict(self.code, outcome, MSG_NO_QUOTA, {"unit": ctx.issuer.name, "year": year})
        # The item itself would take one more slot unless it already holds one.
        already = quota.uses.filter(item_type=ctx.item._meta.label_lower, item_id=ctx.item.pk).exists()
        used_after = quota.used + (0 if already else 1)
        warning = quota_warning(
            limit=quota.limit, used=used_after, year=year, today=ctx.today, params=warning_params(ctx.county)
        )
        over = used_after > quota.limit
        outcome = Outcome.BLOCK if over else Outcome.WARN if warning.colour != Colour.GREEN else Outcome.PASS
        evidence = {"quota_id": quota.pk, "limit": quota.limit, "used": quota.used, "used_after": used_after, "colour": str(warning.colour)}
        if over:
            message, params_out = MSG_OVER, {"used": quota.used, "limit": quota.limit}
        elif warning.colour == Colour.RED:
            message, params_out = MSG_LAST, {"used": used_after, "limit": quota.limit}
        elif warning.colour == Colour.YELLOW and "quarter" in warning.params:
            message, params_out = warning.message, dict(warning.params)
        elif warning.colour == Colour.YELLOW:
            message, params_out = MSG_CLOSE, {"used": used_after, "limit": quota.limit}
        else:
            message, params_out = MSG_FITS, {"used": used_after, "limit": quota.limit}
        return Verdict(self.code, outcome, message, params_out, evidence)
