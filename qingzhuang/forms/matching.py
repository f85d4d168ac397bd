"""Whether two form fields ask for the same thing: by name, synonym and definition, in Chinese.

A field is (name, type, unit of measure, definition). Names are compared after the project's
normalisation (``lib.chinese_text.normalise``: script, width, punctuation) and after replacing every
word of a synonym group (county-editable data: 常住人口、实有人口数、居住人口) by one token, so
synonyms compare equal; then as jieba tokens and as character bigrams. Definitions are compared as
character bigrams and with the project's passage similarity (``lib.near_duplicates.similarity``,
which finds a definition copied word for word inside a longer one).

Same words do not always mean the same thing: 老年人数 “60周岁及以上” is not 老年人数 “65周岁及以上”,
户籍人口 is not 常住人口, 建筑面积 is not 占地面积, 人 is not 人次. So before scoring, the qualifiers of
each side (numbers, residence, area kind, period, stock or flow) and the dimension of its unit are
read from its name and definition; two fields that disagree on one are capped below the match
threshold, and the reason is given to the reviewer.

Pure functions: the database and the gate call ``FieldMatcher.compare``; the evaluation on the
labelled pairs (``python -m qingzhuang.forms.eval``) calls the same.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qingzhuang.lib.chinese_text import normalise
from qingzhuang.lib.near_duplicates import similarity as passage_similarity

# A match at or above this is a known field (pre-filled); below POSSIBLE it is not shown.
KNOWN_SCORE = 0.7
POSSIBLE_SCORE = 0.45
# Two fields that disagree on a qualifier never score above this.
CONFLICT_CAP = 0.3

# Words that say "how many" and nothing about what: dropped from names before comparing.
_COUNT_SUFFIX = re.compile("(总人数|人数|总数|数量|个数|总量|合计|数)$")
# Where, not what: 辖区幼儿园 is 幼儿园 (kept when nothing else would be left).
_PLACE_PREFIX = re.compile("^(本社区|全社区|本村|全村|辖区内|辖区|社区|实有|现有|在册)")
_STOCK_TOKENS = frozenset({"数", "数量", "总数", "个数", "总量", "合计", "情况", "的", "及", "和", "与", "其中"})
# Words of definitions that every definition shares.
_DEFINITION_STOCK = re.compile("本社区|本村|辖区内|辖区|社区|统计|数量|总数|的")
# Definitions at least this long are also compared with the documents' passage similarity; shorter ones
# not: it bridges a swapped word inside a copied sentence, and in a short definition that word
# (医疗保险 / 养老保险) is the whole difference.
PASSAGE_MIN_CHARS = 40

# Qualifiers: (dimension, value) read from name + definition. Two fields with different values of one
# dimension are different fields, however alike their words.
_QUALIFIERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("residence", "registered", ("户籍", "户口")),
    ("residence", "living", ("常住", "实有", "实际居住", "居住半年")),
    ("residence", "floating", ("流动", "外来")),
    ("area", "building", ("建筑面积",)),
    ("area", "land", ("占地面积", "用地面积", "占地")),
    ("area", "usable", ("使用面积",)),
    ("period", "year", ("年度", "全年", "本年", "每年", "年内")),
    ("period", "quarter", ("季度", "本季", "每季")),
    ("period", "month", ("月度", "本月", "当月", "每月")),
    ("flow", "new", ("新增", "本期新")),
    ("flow", "cumulative", ("累计",)),
    ("place", "urban", ("城镇",)),
    ("place", "rural", ("农村", "乡村")),
    ("staff", "full_time", ("专职",)),
    ("staff", "part_time", ("兼职",)),
    ("money", "income", ("收入",)),
    ("money", "spending", ("支出",)),
)

# Units of measure: each to (dimension, factor of the dimension's base). 人 and 人次 differ in dimension.
_UNITS: dict[str, tuple[str, float]] = {
    "人": ("people", 1), "名": ("people", 1), "位": ("people", 1), "人数": ("people", 1),
    "人次": ("visits", 1), "支": ("teams", 1), "支队伍": ("teams", 1), "次": ("times", 1), "场": ("times", 1), "场次": ("times", 1),
    "户": ("households", 1), "家": ("organisations", 1), "个": ("things", 1), "处": ("things", 1),
    "所": ("things", 1), "座": ("things", 1), "栋": ("buildings", 1), "幢": ("buildings", 1), "套": ("dwellings", 1),
    "间": ("rooms", 1), "张": ("beds", 1), "床": ("beds", 1),
    "平方米": ("area", 1), "m2": ("area", 1), "㎡": ("area", 1), "平米": ("area", 1), "亩": ("area", 666.67),
    "公顷": ("area", 10000), "元": ("money", 1), "万元": ("money", 10000), "千元": ("money", 1000),
    "%": ("share", 1), "百分比": ("share", 1), "公里": ("length", 1000), "米": ("length", 1),
    "小时": ("hours", 1), "天": ("days", 1), "日": ("days", 1),
}
_NUMBER = re.compile(r"\d+")


def unit_dimension(unit: str) -> tuple[str, float] | None:
    """(dimension, factor) of a unit of measure, None when unknown or empty."""
    text = unit.strip().lower().replace(" ", "")
    if not text:
        return None
    if text in _UNITS:
        return _UNITS[text]
    folded = normalise(text)
    return _UNITS.get(folded)


def _numbers_compatible(a: str, b: str) -> bool:
    return a in ("integer", "decimal") and b in ("integer", "decimal")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str = "integer"
    unit: str = ""
    definition: str = ""


@dataclass(frozen=True)
class _Profile:
    folded: str
    bare: str
    key: str
    key_bigrams: frozenset[str]
    tokens: frozenset[str]
    definition: str
    definition_bigrams: frozenset[str]
    qualifiers: dict[str, str]
    numbers: frozenset[str]
    unit: tuple[str, float] | None


@dataclass(frozen=True)
class Comparison:
    score: float
    name_score: float
    definition_score: float | None
    reason: str  # short words for the reviewer: 同名 / 同义词 / 名称相近 / 定义相同 / 定义不同（60≠65）…
    conflict: str = ""

    @property
    def known(self) -> bool:
        return self.score >= KNOWN_SCORE


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _dice(a: Set[str], b: Set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


class FieldMatcher:
    """Compares fields under one set of synonym groups (a county's, with the national ones)."""

    def __init__(self, synonym_groups: Iterable[Sequence[str]] = ()) -> None:
        words: dict[str, str] = {}
        for index, group in enumerate(synonym_groups):
            token = chr(0xE000 + index % 6000)  # a private-use character stands for the group
            for word in group:
                folded = normalise(word)
                if len(folded) >= 2:
                    words.setdefault(folded, token)
                    stripped = _COUNT_SUFFIX.sub("", folded)
                    if len(stripped) >= 2:
                        words.setdefault(stripped, token)
        self._words = words
        self._group_tokens = set(words.values())
        self._keys: dict[str, str] = {}
        self._tokens: dict[str, set[str]] = {}
        self._definitions: dict[str, str] = {}
        self._profiles: dict[FieldSpec, _Profile] = {}
        ordered = sorted(words, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(w) for w in ordered)) if ordered else None

    def _synonymised(self, folded: str) -> str:
        if self._pattern is None:
            return folded
        return self._pattern.sub(lambda m: self._words[m.group()], folded)

    def name_key(self, name: str) -> str:
        """The name as compared: normalised, synonyms replaced, the count suffix (数, 总数…) dropped."""
        cached = self._keys.get(name)
        if cached is None:
            cached = self._keys[name] = self._name_key(name)
        return cached

    def _name_key(self, name: str) -> str:
        key = self._synonymised(normalise(name))
        stripped = _COUNT_SUFFIX.sub("", key) or key
        placeless = _PLACE_PREFIX.sub("", stripped)
        return placeless if len(placeless) >= 2 or placeless in self._group_tokens else stripped

    def tokens(self, name: str) -> set[str]:
        cached = self._tokens.get(name)
        if cached is None:
            cached = self._tokens[name] = self._tokenise(name)
        return cached

    def _tokenise(self, name: str) -> set[str]:
        found = set()
        for token in _jieba().lcut(self.name_key(name)):
            if len(token) > 1 and token.endswith("数"):
                token = token[:-1]
            if token and token not in _STOCK_TOKENS:
                found.add(token)
        return found

    def profile(self, spec: FieldSpec) -> _Profile:
        """Everything compared of one field, worked out once per matcher."""
        cached = self._profiles.get(spec)
        if cached is None:
            folded = normalise(spec.name)
            key = self.name_key(spec.name)
            definition = self._definition(spec.definition)
            text = normalise(f"{spec.name}{spec.definition}")
            found: dict[str, set[str]] = {}
            for dimension, value, words in _QUALIFIERS:
                if any(w in text for w in words):
                    found.setdefault(dimension, set()).add(value)
            cached = self._profiles[spec] = _Profile(
                folded=folded, bare=_COUNT_SUFFIX.sub("", folded), key=key, key_bigrams=frozenset(_bigrams(key)),
                tokens=frozenset(self.tokens(spec.name)), definition=definition, definition_bigrams=frozenset(_bigrams(definition)),
                # A side naming two values of one dimension (户籍及常住) does not restrict it.
                qualifiers={d: next(iter(v)) for d, v in found.items() if len(v) == 1},
                numbers=frozenset(_NUMBER.findall(normalise(f"{spec.name} {spec.definition}"))),
                unit=unit_dimension(spec.unit),
            )
        return cached

    def name_score(self, a: str, b: str) -> tuple[float, str]:
        return self._name_score(self.profile(FieldSpec(a)), self.profile(FieldSpec(b)))

    def _name_score(self, pa: _Profile, pb: _Profile) -> tuple[float, str]:
        if not pa.key or not pb.key:
            return 0.0, ""
        if pa.folded == pb.folded or pa.key == pb.key:
            return 1.0, "same_name" if pa.folded == pb.folded or pa.bare == pb.bare else "synonym"
        return max(_dice(pa.tokens, pb.tokens), _dice(pa.key_bigrams, pb.key_bigrams)), "similar_name"

    def definition_score(self, a: str, b: str) -> float | None:
        return self._definition_score(FieldSpec("", definition=a), FieldSpec("", definition=b))

    def _definition_score(self, a: FieldSpec, b: FieldSpec) -> float | None:
        pa, pb = self.profile(a), self.profile(b)
        if not pa.definition or not pb.definition:
            return None
        if pa.definition == pb.definition:
            return 1.0
        bigram = _dice(pa.definition_bigrams, pb.definition_bigrams)
        long_enough = min(len(pa.definition), len(pb.definition)) >= PASSAGE_MIN_CHARS
        passage = passage_similarity(a.definition, b.definition).score if long_enough else 0.0
        return max(bigram, passage)

    def _definition(self, text: str) -> str:
        cached = self._definitions.get(text)
        if cached is None:
            cached = self._definitions[text] = _DEFINITION_STOCK.sub("", self._synonymised(normalise(text)))
        return cached

    def qualifiers(self, spec: FieldSpec) -> dict[str, str]:
        return self.profile(spec).qualifiers

    def conflict(self, a: FieldSpec, b: FieldSpec) -> str:
        """Why two fields cannot be the same, in a few words; "" when nothing disagrees."""
        if a.type != b.type and not _numbers_compatible(a.type, b.type):
            return f"type:{a.type}≠{b.type}"
        pa, pb = self.profile(a), self.profile(b)
        if pa.unit and pb.unit and pa.unit[0] != pb.unit[0]:
            return f"unit:{a.unit}≠{b.unit}"
        subject = self._subject_conflict(pa.key, pb.key)
        if subject:
            return f"{subject}:{a.name}≠{b.name}"
        qa, qb = pa.qualifiers, pb.qualifiers
        for dimension in sorted(set(qa) & set(qb)):
            if qa[dimension] != qb[dimension]:
                return f"{dimension}:{qa[dimension]}≠{qb[dimension]}"
        # 新增 counts what came this period; a field without it counts what there is.
        if (qa.get("flow") == "new") != (qb.get("flow") == "new"):
            return "flow:new≠stock"
        if pa.numbers and pb.numbers and pa.numbers != pb.numbers:
            return f"number:{'/'.join(sorted(pa.numbers))}≠{'/'.join(sorted(pb.numbers))}"
        return ""

    def _subject_conflict(self, ka: str, kb: str) -> str:
        """"subject" when the names differ where one names a subject of the synonym data (是否建立孤儿台账 /
        是否建立留守儿童台账); "subgroup" when one is the other with words added next to such a subject; "" otherwise
        (60岁 / 60周岁, 养老服务站 / 养老服务站点, 物业服务企业 / 物业企业)."""
        if ka == kb:
            return ""
        prefix = len(os.path.commonprefix([ka, kb]))
        suffix = len(os.path.commonprefix([ka[prefix:][::-1], kb[prefix:][::-1]]))
        ra, rb = ka[prefix : len(ka) - suffix], kb[prefix : len(kb) - suffix]
        tokens = self._group_tokens
        if ra and rb:
            return "subject" if any(c in tokens for c in ra + rb) else ""
        extra = ra or rb
        before = ka[prefix - 1] if prefix else ""
        after = ka[len(ka) - suffix] if suffix else ""
        if extra and (before in tokens or after in tokens):
            # One name is the other with words added next to a subject of the synonym data: the longer one asks
            # about a part or another thing (老旧小区 of 小区, 志愿者队伍 beside 志愿者).
            return "subgroup"
        return ""

    def compare(self, a: FieldSpec, b: FieldSpec) -> Comparison:
        name, reason = self._name_score(self.profile(a), self.profile(b))
        definition = self._definition_score(a, b)
        if name >= 1.0:
            # Same name or synonyms: the definitions are worded as each department likes; what tells two
            # such fields apart is a qualifier they disagree on (below), not how many words they share.
            score = 0.85 if definition is None else 0.75 + 0.25 * definition
        elif definition is None:
            score = 0.9 * name
        else:
            # Names that only look alike lean on their own words: definitions of two subgroups of one group
            # share most of theirs (独自居住的老年人 / 老年人).
            score = 0.75 * name + 0.25 * definition
            if definition >= 0.9:
                score = max(score, 0.8 * definition + 0.2 * name)
                if reason == "similar_name":
                    reason = "same_definition"
        conflict = self.conflict(a, b)
        if conflict:
            score = min(score, CONFLICT_CAP)
        return Comparison(round(score, 3), round(name, 3), None if definition is None else round(definition, 3), reason, conflict)

    def best(self, spec: FieldSpec, candidates: Sequence[tuple[Any, FieldSpec]], *, limit: int = 5) -> list[tuple[Any, Comparison]]:
        """The candidates scoring at least POSSIBLE_SCORE against ``spec``, best first."""
        scored = []
        mine = self.profile(spec)
        for ref, other in candidates:
            theirs = self.profile(other)
            if (mine.key != theirs.key and not mine.key_bigrams & theirs.key_bigrams and not mine.tokens & theirs.tokens
                    and _dice(mine.definition_bigrams, theirs.definition_bigrams) < 0.5
                    and min(len(mine.definition), len(theirs.definition)) < PASSAGE_MIN_CHARS):
                # Names with nothing in common score at most 0.25 × the definitions' likeness (0.8 × when nearly
                # equal): below POSSIBLE_SCORE unless the definitions are alike.
                continue
            result = self.compare(spec, other)
            if result.score >= POSSIBLE_SCORE:
                scored.append((ref, result))
        scored.sort(key=lambda pair: -pair[1].score)
        return scored[:limit]
