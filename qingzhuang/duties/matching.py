"""Which listed duties a task is about: short Chinese texts compared as character bigrams after
``qingzhuang.lib.chinese_text.normalise`` (full-width, traditional → simplified, punctuation), the overlap
coefficient when both keep three bigrams or more (a duty named inside a longer task text), Jaccard otherwise —
the measure the meetings' same-matter check uses for short topics.
"""

from __future__ import annotations

import re

from qingzhuang.lib import short_text
from qingzhuang.lib.chinese_text import normalise

# Words that say a task is a task, not what it is about.
_STOCK = re.compile("|".join(sorted(
    ["关于", "做好", "开展", "工作", "通知", "请", "各社区", "社区", "村", "组织", "落实", "相关", "有关", "的", "和", "及", "按时", "报送", "要求"],
    key=len, reverse=True,
)))


def bigrams(text: str) -> set[str]:
    return short_text.bigrams(_STOCK.sub("", normalise(text)))


def similarity(a: str, b: str) -> float:
    """0..1: how much two short texts are about the same thing."""
    return short_text.overlap(bigrams(a), bigrams(b))
