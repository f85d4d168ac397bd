"""Whether two apps or groups are the same thing under two names, and which banned practices a text mentions.

Names and purposes are short: after ``chinese_text.normalise`` the words that only say what kind of thing it is
(工作群, 小程序, 平台…) are dropped and the rest compared as character bigrams — the overlap coefficient when both keep
three bigrams or more, Jaccard otherwise, as the meetings' same-matter check and the duties' matching do.
"""

from __future__ import annotations

import re

from qingzhuang.lib.chinese_text import normalise
from qingzhuang.lib.short_text import bigrams, overlap

# Words naming the kind of thing or the place, not what it is for. Longest first.
_STOCK = re.compile("|".join(sorted(
    ["工作群", "微信群", "钉钉群", "交流群", "工作", "小程序", "公众号", "服务号", "订阅号", "平台", "系统", "app", "客户端",
     "群", "镇安县", "镇安", "全县", "县", "街道", "社区", "村", "综合", "专班"],
    key=len, reverse=True,
)))


def text_similarity(a: str, b: str) -> float:
    return overlap(bigrams(_STOCK.sub("", normalise(a))), bigrams(_STOCK.sub("", normalise(b))))


def entry_similarity(name_a: str, purpose_a: str, name_b: str, purpose_b: str) -> float:
    """0..1: near-same name, or name and purpose together alike."""
    names = text_similarity(name_a, name_b)
    return max(names, (names + text_similarity(purpose_a, purpose_b)) / 2)


def phrases(setting: object) -> list[str]:
    """A county's phrase list ("打卡、积分排名；在线时长") as its normalised phrases."""
    return [p for p in (normalise(w) for w in re.split(r"[、,，;；\s]+", str(setting or ""))) if p]


def mentioned(text: str, setting: object) -> list[str]:
    """The phrases of the setting the text mentions, in the setting's order (script, width and spacing do not matter)."""
    folded = normalise(text)
    return [p for p in phrases(setting) if p in folded]
