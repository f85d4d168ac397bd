"""The recipient picker's reads: the units a form offers, laid out by town/street, the saved groups that
fit them, and the summary of a selection.

Documents and meetings pass the units they may address (their own rules decide which); the picker only
arranges them. Search runs in the browser over each unit's stored pinyin keys (``Unit.pinyin`` and
``Unit.initials``, written with the name), so nothing is converted per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from qingzhuang.org import access, errors
from qingzhuang.org.errors import OrgError
from qingzhuang.org.models import RecipientGroup, RoleAssignment, Unit, UnitKind

GROUP_PERMISSION = "org.recipient_groups"
# What the picker reads of a unit, its region and its parent (a county's ~190 units in one query).
_PICKER_FIELDS = ("id", "name", "kind", "pinyin", "initials", "path", "is_active", "parent__id", "parent__kind", "parent__name",
                  "region__id", "region__code", "region__name", "region__level")
# An id longer than this is no row of ours (and past SQLite's 64-bit integers).
_MAX_ID_DIGITS = 18
# A short list opens every town at once; a county's ~190 units open only the towns with a choice.
OPEN_ALL_UP_TO = 30
# A partial town shows its units one by one up to this many; past it, one "N units of X" part.
SUMMARY_SINGLES = 3


@dataclass
class PickerUnit:
    id: int
    name: str
    kind: str
    pinyin: str
    initials: str
    chosen: bool


@dataclass
class PickerSection:
    key: str
    title: str
    office: PickerUnit | None = None
    members: list[PickerUnit] = field(default_factory=list)

    @property
    def units(self) -> list[PickerUnit]:
        return ([self.office] if self.office else []) + self.members

    @property
    def chosen_count(self) -> int:
        return sum(1 for u in self.units if u.chosen)

    @property
    def member_noun(self) -> str:
        kinds = {u.kind for u in self.members}
        if kinds == {UnitKind.VILLAGE}:
            return _("villages")
        if kinds == {UnitKind.COMMUNITY}:
            return _("communities")
        return _("communities and villages")

    @property
    def is_other(self) -> bool:
        return self.key == "other"


@dataclass
class GroupChoice:
    id: int
    name: str
    owner: str
    usable: list[int]
    dropped_inactive: list[str]
    dropped_outside: list[str]

    @property
    def note(self) -> str:
        """What using the group leaves out, said before and when it is used."""
        parts = []
        if self.dropped_inactive:
            parts.append(_("deactivated, left out: %(names)s") % {"names": "、".join(self.dropped_inactive)})
        if self.dropped_outside:
            parts.append(_("not offered on this form, left out: %(names)s") % {"names": "、".join(self.dropped_outside)})
        return "；".join(parts)


@dataclass
class Picker:
    name: str
    sections: list[PickerSection]
    groups: list[GroupChoice]
    owner_input: str
    can_save_groups: bool

    @property
    def all_units(self) -> list[PickerUnit]:
        return [u for s in self.sections for u in s.units]

    @property
    def chosen_count(self) -> int:
        return sum(1 for u in self.all_units if u.chosen)

    @property
    def open_all(self) -> bool:
        return len(self.all_units) <= OPEN_ALL_UP_TO

    def kind_ids(self, kind: str) -> list[int]:
        return [u.id for u in self.all_units if u.kind == kind]

    @property
    def community_ids(self) -> list[int]:
        return self.kind_ids(UnitKind.COMMUNITY)

    @property
    def village_ids(self) -> list[int]:
        return self.kind_ids(UnitKind.VILLAGE)

    @property
    def office_ids(self) -> list[int]:
        return self.kind_ids(UnitKind.TOWN_OFFICE)

    @property
    def summary_parts(self) -> list[str]:
        return summary_parts(self.sections)


def _entry(unit: Unit, chosen: set[int]) -> PickerUnit:
    return PickerUnit(id=unit.pk, name=unit.name, kind=unit.kind, pinyin=unit.pinyin, initials=unit.initials, chosen=unit.pk in chosen)


def _town_title(office: Unit | None, member: Unit | None) -> str:
    if office is not None:
        return office.region.name if office.region.level >= 4 else office.name
    if member is not None and member.parent is not None:
        return member.parent.name
    return ""


def sections_for(units: Iterable[Unit], chosen: Iterable[int] = ()) -> list[PickerSection]:
    """The units laid out as the county is: one section per town/street (its office first, then its
    communities and villages), and one for every other unit (departments, offices) at the end."""
    chosen_ids = {int(pk) for pk in chosen}
    units = sorted(units, key=lambda u: (u.region.code or "", u.name))
    offices = {u.pk: u for u in units if u.kind == UnitKind.TOWN_OFFICE}
    sections: dict[str, PickerSection] = {}
    other = PickerSection(key="other", title=_("County departments and other units"))
    for office in offices.values():
        sections[f"town-{office.pk}"] = PickerSection(key=f"town-{office.pk}", title=_town_title(office, None), office=_entry(office, chosen_ids))
    for unit in units:
        if unit.kind == UnitKind.TOWN_OFFICE:
            continue
        parent = unit.parent
        if unit.kind in (UnitKind.COMMUNITY, UnitKind.VILLAGE) and parent is not None and parent.kind == UnitKind.TOWN_OFFICE:
            key = f"town-{parent.pk}"
            if key not in sections:
                # The town office itself is not offered here (a form for its communities only).
                sections[key] = PickerSection(key=key, title=_town_title(None, unit))
            sections[key].members.append(_entry(unit, chosen_ids))
        else:
            other.members.append(_entry(unit, chosen_ids))
    ordered = list(sections.values())
    return ordered + ([other] if other.members else [])


def _kind_nouns() -> dict[str, str]:
    return {UnitKind.COMMUNITY: _("communities"), UnitKind.VILLAGE: _("villages"), UnitKind.TOWN_OFFICE: _("town/street offices")}


def summary_parts(sections: list[PickerSection]) -> list[str]:
    """The selection in words: "全部社区（20）" when every community offered is chosen, then a part per town
    ("永乐街道全部社区（12），不含永乐街道办事处本级", "马营镇全部村（13）") or single names.

    The picker's script says the same as it changes (static/org/picker.js keeps the two in step)."""
    parts: list[str] = []
    nouns = _kind_nouns()
    towns = [s for s in sections if not s.is_other]
    whole_kinds: set[str] = set()
    for kind, noun in nouns.items():
        of_kind = [u for s in towns for u in s.units if u.kind == kind]
        holders = [s for s in towns if any(u.kind == kind for u in s.units)]
        if len(holders) > 1 and all(u.chosen for u in of_kind):
            parts.append(_("All %(noun)s (%(count)s)") % {"noun": noun, "count": len(of_kind)})
            whole_kinds.add(kind)
    for section in sections:
        pool = section.members if section.is_other else [u for u in section.members if u.kind not in whole_kinds]
        members = [u for u in pool if u.chosen]
        office = section.office if section.office and section.office.chosen and UnitKind.TOWN_OFFICE not in whole_kinds else None
        whole = not section.is_other and len(pool) == len(section.members) > 1 and len(members) == len(pool)
        if whole:
            values = {"town": section.title, "noun": section.member_noun, "count": len(members)}
            if section.office is None or UnitKind.TOWN_OFFICE in whole_kinds:
                parts.append(_("%(town)s: all %(count)s %(noun)s") % values)
            elif office:
                parts.append(_("%(town)s: all %(count)s %(noun)s, and %(office)s itself") % {**values, "office": section.office.name})
            else:
                parts.append(_("%(town)s: all %(count)s %(noun)s, not %(office)s itself") % {**values, "office": section.office.name})
            continue
        if not section.is_other:
            # Every village (or community) of a mixed town: one part for them, the rest one by one.
            for kind in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
                of_kind = [u for u in pool if u.kind == kind]
                if 1 < len(of_kind) < len(section.members) and all(u.chosen for u in of_kind):
                    parts.append(_("%(town)s: all %(count)s %(noun)s") % {"town": section.title, "noun": nouns[kind], "count": len(of_kind)})
                    members = [u for u in members if u.kind != kind]
        singles = ([office] if office else []) + members
        if len(singles) > SUMMARY_SINGLES:
            parts.append(_("%(count)s units of %(town)s") % {"count": len(singles), "town": section.title})
        else:
            parts.extend(u.name for u in singles)
    return parts


def groups_for(user: Any) -> QuerySet[RecipientGroup]:
    """The recipient groups ``user`` may use and change: those of the units they work for."""
    members = Prefetch("members", queryset=Unit.objects.only("id", "name", "is_active", "path").order_by("path"))
    groups = RecipientGroup.objects.select_related("owner").prefetch_related(members).order_by("owner__path", "name")
    return access.scoped_queryset(user, GROUP_PERMISSION, groups)


def group_for(user: Any, pk: Any) -> RecipientGroup:
    return access.get_for_user(user, GROUP_PERMISSION, RecipientGroup.objects.select_related("owner"), pk=_as_id(pk))


def group_choices(groups: Iterable[RecipientGroup], offered: set[int]) -> list[GroupChoice]:
    """Each group with the members this form can take; deactivated and not-offered members are named, not silently lost."""
    choices = []
    for group in groups:
        usable, inactive, outside = [], [], []
        for unit in group.members.all():
            if not unit.is_active:
                inactive.append(unit.name)
            elif unit.pk not in offered:
                outside.append(unit.name)
            else:
                usable.append(unit.pk)
        choices.append(GroupChoice(id=group.pk, name=group.name, owner=group.owner.name, usable=usable,
                                   dropped_inactive=inactive, dropped_outside=outside))
    return choices


def group_owner_units(user: Any) -> list[Unit]:
    """The units a user may save groups for: those of their own role assignments that carry the permission."""
    if access.is_system_admin(user):
        return list(Unit.objects.filter(is_active=True).exclude(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE)).order_by("path")[:200])
    grants = access.permission_table().get(GROUP_PERMISSION, {})
    assignments = RoleAssignment.objects.filter(user=user, unit__is_active=True).select_related("unit").order_by("id")
    seen: dict[int, Unit] = {}
    for a in assignments:
        if a.role in grants:
            seen.setdefault(a.unit_id, a.unit)
    return list(seen.values())


def build(*, user: Any, name: str, units: Iterable[Unit], chosen: Iterable[Any] = (), owner_input: str = "") -> Picker:
    """Everything the picker template shows for one form field."""
    chosen_ids = {int(str(getattr(c, "pk", c))) for c in chosen if _is_id(getattr(c, "pk", c))}
    queryset = units if isinstance(units, QuerySet) else Unit.objects.filter(pk__in=[u.pk for u in units])
    unit_list = list(queryset.select_related("region", "parent").only(*_PICKER_FIELDS))
    sections = sections_for(unit_list, chosen_ids)
    offered = {u.pk for u in unit_list}
    can_save = access.can(user, GROUP_PERMISSION)
    groups = group_choices(groups_for(user)[:100], offered) if can_save else []
    return Picker(name=name, sections=sections, groups=groups, owner_input=owner_input, can_save_groups=can_save)


def _is_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= _MAX_ID_DIGITS


def _as_id(value: Any) -> int:
    if not _is_id(value):
        raise OrgError("unit_unknown", str(errors.UNIT_UNKNOWN), "members")
    return int(str(value).strip())


def units_from_ids(ids: Iterable[Any]) -> list[Unit]:
    """The units of posted ids, or OrgError when one is not an id of ours (10^23, -5, "x", a lost unit)."""
    wanted = {_as_id(i) for i in ids}
    found = list(Unit.objects.filter(pk__in=wanted).select_related("region"))
    if len(found) != len(wanted):
        raise OrgError("unit_unknown", str(errors.UNIT_UNKNOWN), "members")
    return found
