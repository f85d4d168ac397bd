"""Whether two meeting topics are about the same matter (同一事项).

Topics are short (10–30 字) and share stock words that say nothing about the matter (会议, 推进会,
全县…), so after ``chinese_text.normalise`` those words are removed and the rest is compared as
sets of character bigrams. The score is the overlap coefficient |A∩B| / min(|A|, |B|) when both
topics keep at least three bigrams (a shorter topic restated inside a longer one is the same
matter: 低保专项治理 in 全县低保专项治理工作调度会), and the Jaccard index otherwise (two bigrams are
too few to call containment).
"""

from __future__ import annotations

import re

from qingzhuang.lib.chinese_text import normalise
from qingzhuang.lib.short_text import bigrams, overlap

# Words that name the occasion, the place or the year, not the matter. Longest first.
_STOCK = sorted(
    {
        "会议", "工作会议", "专题会议", "视频会议", "电视电话会议", "工作会", "推进会", "部署会", "调度会", "座谈会", "培训会", "动员会", "现场会", "例会", "专题会",
        "视频会", "电视电话会", "电话会", "布置会", "讲评会", "总结会", "协调会", "联席会", "汇报会", "专题", "工作",
        "全县", "全镇", "全区", "全市", "全省", "镇安县", "部署", "推进", "召开", "关于", "暨", "会",
    },
    key=len,
    reverse=True,
)
_STOCK_RE = re.compile("|".join(re.escape(w) for w in _STOCK))
_YEAR_RE = re.compile(r"\d{2,4}年?(度)?|第?[一二三四]季度")


def matter(topic: str) -> str:
    """The words of a topic that name its matter."""
    text = normalise(topic)
    text = _YEAR_RE.sub("", text)
    return _STOCK_RE.sub("", text)


def topic_similarity(a: str, b: str) -> float:
    """0..1: how much two topics name the same matter."""
    return overlap(bigrams(matter(a)), bigrams(matter(b)))
