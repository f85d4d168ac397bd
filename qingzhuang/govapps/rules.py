"""The gate's rules for apps and work groups imposed on the grassroots (2024 national rules on 指尖上的形式主义).

An app or mini-program must be filed (备案) before it is pushed down: unfiled, it is refused until filed. Banned
practices — check-ins, point rankings, online-time demands, forced installs, likes and shares as assessment — are
refused by default (a county may lower that to a warning): they are the formalism the rules forbid, not a matter
of degree. A description that mentions one without the practice ticked is a warning, naming the words. An entry
near-same to one already active in the county is a warning naming it: merge rather than open another group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import OUTCOME_CHOICES, PERCENT, Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict
from qingzhuang.gate.rules import outcome_setting as outcome
from qingzhuang.govapps import matching
from qingzhuang.govapps.models import FILED_KINDS, AppKind, Entry, EntryStatus, FilingStatus, Practice

GOVAPP = "govapp"
CHOICES = ("block", "warn", "pass")

MSG_FILED = gettext_noop("Filed (备案): %(number)s on %(date)s.")
MSG_NO_FILING_NEEDED = gettext_noop("A %(kind)s needs no filing.")
MSG_UNFILED = gettext_noop("“%(name)s” is a %(kind)s that is not filed (备案): refused until it is filed.")
MSG_FILING_REFUSED = gettext_noop("“%(name)s” was refused filing (备案): it cannot be pushed to the grassroots.")
MSG_PRACTICES = gettext_noop("Imposes banned practices: %(practices)s. The 2024 national rules forbid demanding them of the grassroots.")
MSG_NO_PRACTICES = gettext_noop("Imposes no banned practice.")
MSG_MENTIONS = gettext_noop("The description mentions %(phrases)s: if it demands that, tick the practice — it is banned.")
MSG_NO_MENTIONS = gettext_noop("The description mentions no banned practice.")
MSG_DUPLICATE = gettext_noop("Near-same as %(others)s, already active: use or merge into it rather than open another.")
MSG_NO_DUPLICATE = gettext_noop("No active app or group of the county is near-same.")

# Words that name a banned practice, as a county may extend them; each default word says which practice it is.
PHRASE_PRACTICE = {
    "打卡": Practice.CHECK_IN, "签到": Practice.CHECK_IN,
    "积分": Practice.RANKING, "排名": Practice.RANKING, "排行": Practice.RANKING,
    "在线时长": Practice.ONLINE_TIME, "在线时间": Practice.ONLINE_TIME, "登录时长": Practice.ONLINE_TIME, "挂机": Practice.ONLINE_TIME,
    "强制下载": Practice.FORCED_INSTALL, "强制安装": Practice.FORCED_INSTALL, "必须下载": Practice.FORCED_INSTALL,
    "下载量": Practice.FORCED_INSTALL, "安装率": Practice.FORCED_INSTALL, "注册率": Practice.FORCED_INSTALL,
    "点赞": Practice.LIKES_ASSESSED, "转发": Practice.LIKES_ASSESSED, "阅读量": Practice.LIKES_ASSESSED, "关注率": Practice.LIKES_ASSESSED,
}
DEFAULT_WORDS = "、".join(PHRASE_PRACTICE)


@dataclass(frozen=True)
class FilingRule:
    code: str = "govapp.filing"
    item_kinds: frozenset[str] = frozenset({GOVAPP})
    title: Any = _("An app or mini-program is filed (备案)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"unfiled": "block"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"unfiled": CHOICES})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "unfiled": Param(_("An app or mini-program not filed"), _("2024 national rules: filed before it is pushed to the grassroots."),
                         choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        entry: Entry = ctx.item
        kind = str(AppKind(entry.kind).label)
        if entry.kind not in FILED_KINDS:
            return Verdict(self.code, Outcome.PASS, MSG_NO_FILING_NEEDED, {"kind": kind})
        if entry.filing_status == FilingStatus.FILED:
            return Verdict(self.code, Outcome.PASS, MSG_FILED, {"number": entry.filing_number, "date": str(entry.filed_on)})
        if entry.filing_status == FilingStatus.REFUSED:
            return Verdict(self.code, Outcome.BLOCK, MSG_FILING_REFUSED, {"name": entry.name})
        return Verdict(self.code, outcome(params.get("unfiled"), Outcome.BLOCK), MSG_UNFILED, {"name": entry.name, "kind": kind})


@dataclass(frozen=True)
class PracticesRule:
    code: str = "govapp.practices"
    item_kinds: frozenset[str] = frozenset({GOVAPP})
    title: Any = _("No banned practices (check-ins, rankings, online time, forced installs, likes)")
    defaults: dict[str, Any] = field(default_factory=lambda: {"banned": "block"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"banned": CHOICES})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "banned": Param(_("An app or group imposing a banned practice"),
                        _("Refused by default: the 2024 national rules forbid them outright."), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        labels = ctx.item.practice_labels
        if not labels:
            return Verdict(self.code, Outcome.PASS, MSG_NO_PRACTICES)
        return Verdict(self.code, outcome(params.get("banned"), Outcome.BLOCK), MSG_PRACTICES, {"practices": "、".join(labels)},
                       {"practices": ctx.item.practices})


@dataclass(frozen=True)
class PracticeWordsRule:
    code: str = "govapp.practice_words"
    item_kinds: frozenset[str] = frozenset({GOVAPP})
    title: Any = _("The description names no banned practice that is not ticked")
    defaults: dict[str, Any] = field(default_factory=lambda: {"words": DEFAULT_WORDS, "mentioned": "warn"})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"mentioned": CHOICES})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "words": Param(_("Words that name a banned practice"),
                       _("Separated by 、 or commas; compared after folding script, width and spacing (積分 = 积分, 打　卡 = 打卡).")),
        "mentioned": Param(_("A description mentioning one"), choices=OUTCOME_CHOICES),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        entry: Entry = ctx.item
        flagged = set(entry.practices)
        found = [p for p in matching.mentioned(f"{entry.description}\n{entry.purpose}", params.get("words"))
                 if PHRASE_PRACTICE.get(p) not in flagged]
        if not found:
            return Verdict(self.code, Outcome.PASS, MSG_NO_MENTIONS)
        return Verdict(self.code, outcome(params.get("mentioned"), Outcome.WARN), MSG_MENTIONS,
                       {"phrases": "、".join(f"“{p}”" for p in found)}, {"phrases": found})


@dataclass(frozen=True)
class DuplicateRule:
    code: str = "govapp.duplicate"
    item_kinds: frozenset[str] = frozenset({GOVAPP})
    title: Any = _("Not a duplicate of an active app or group")
    defaults: dict[str, Any] = field(default_factory=lambda: {"outcome": "warn", "threshold": 0.6})
    choices: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"outcome": CHOICES})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "outcome": Param(_("An app or group near-same as an active one"), choices=OUTCOME_CHOICES),
        "threshold": Param(_("Similarity from which it is near-same"), _("Of the names, or of name and purpose together."), kind=PERCENT),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        found = similar_active(ctx.item, float(params.get("threshold") or 0.6))
        if not found:
            return Verdict(self.code, Outcome.PASS, MSG_NO_DUPLICATE)
        others = "、".join(f"“{e.name}”（{e.owner.name}，{round(score * 100)}%）" for e, score in found[:3])
        return Verdict(self.code, outcome(params.get("outcome"), Outcome.WARN), MSG_DUPLICATE, {"others": others},
                       {"entry_ids": [e.pk for e, _s in found[:3]]})


def similar_active(entry: Entry, threshold: float) -> list[tuple[Entry, float]]:
    """Active entries of the entry's county near-same to it, the closest first."""
    others = Entry.objects.filter(status=EntryStatus.ACTIVE, owner__county_id=entry.owner.county_id).select_related("owner")
    if entry.pk:
        others = others.exclude(pk=entry.pk)
    scored = [(e, matching.entry_similarity(entry.name, entry.purpose, e.name, e.purpose)) for e in others[:2000]]
    return sorted((pair for pair in scored if pair[1] >= threshold), key=lambda pair: -pair[1])


GATE_RULES = (FilingRule(), PracticesRule(), PracticeWordsRule(), DuplicateRule())
