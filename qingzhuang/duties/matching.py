"""Which listed duties a task is about: short Chinese texts compared as character bigrams after
``qingzhuang.lib.chinese_text.normalise`` (full-width, traditional → simplified, punctuation), the overlap
coefficient when both keep three bigrams or more (a duty named inside a longer task text), Jaccard otherwise —
the measure the meetings' same-matter check uses for short topics.
"""

from __future__ import annotations

import re

from qingzhuang.lib.chinese_text import normalise

# Words that say a task is a task, not what it is about.
_STOCK = re.compile("|".join(sorted(
    ["关于", "做好", "开展", "工作", "通知", "请", "各社区", "社区", "村", "组织", "落实", "相关", "有关", "的", "和", "及", "按时", "报送", "要求"],
    key=len, reverse=True,
)))


def bigrams(text: str) -> set[str]:
    core = _STOCK.sub("", normalise(text))
    if len(core) < 2:
        return {core} if core else set()
    return {core[i : i + 2] for i in range(len(core) - 1)}


def similarity(a: str, b: str) -> float:
    """0..1: how much two short texts are about the same thing."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    shared = len(x & y)
    if min(len(x), len(y)) >= 3:
        return shared / min(len(x), len(y))
    return shared / len(x | y)
