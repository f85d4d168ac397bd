"""The county's rule for reading its hazard reports through Open311 without an api_key (GeoReport v2 lets anyone read
requests; a key is needed only to file one). A county setting like every gate rule: switched off, reads need a key.

What an anonymous reader gets is the public view: the place, the category, the status and the dates, never the words of
the report or its photo link, and nothing of the categories the county keeps private — reports that point at a person
(独居老人需要帮助: a point and that category locate a vulnerable resident's home, 个人信息保护法)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qingzhuang.gate.fields import Param
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import GateContext, Verdict

PRIVATE_DEFAULT = "独居老人需要帮助"
MSG_PUBLIC = gettext_noop("Anyone may read this county's reports through Open311, without their words, except: %(private)s.")


def names_of(value: Any) -> set[str]:
    """The category names listed in the setting (separated by 、, commas or new lines)."""
    text = str(value or "")
    for mark in ("，", ",", "\n", "；", ";"):
        text = text.replace(mark, "、")
    return {part.strip() for part in text.split("、") if part.strip()}


@dataclass(frozen=True)
class Open311PublicReadsRule:
    code: str = "open311.public_reads"
    item_kinds: frozenset[str] = frozenset({"open311"})
    title: Any = _("Open311: reading reports without a key")
    defaults: dict[str, Any] = field(default_factory=lambda: {"private_categories": PRIVATE_DEFAULT})
    param_info: dict[str, Param] = field(default_factory=lambda: {
        "private_categories": Param(_("Categories never shown without a key"),
                                    _("Separated by 、 or commas. Reports of these categories point at a person (a vulnerable resident's home): only apps with a key, within their account's reach, read them.")),
    })

    def check(self, ctx: GateContext, params: dict[str, Any]) -> Verdict:
        private = "、".join(sorted(names_of(params.get("private_categories", PRIVATE_DEFAULT)))) or "—"
        return Verdict(self.code, Outcome.PASS, MSG_PUBLIC, {"private": private})
