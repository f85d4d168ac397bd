"""The menu and the home page's attention list, assembled from the components.

Components that share a ``nav_group`` appear under one heading (a disclosure menu), at the place of
the first of them; a group the user sees only one entry of is shown as that entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from qingzhuang.components import AttentionItem, all_components
from qingzhuang.org import access

GROUPS = {
    # What passes the gate before it reaches the grassroots: later inspections and forms join it.
    "gate": _("Burden gate"),
    "org": _("Organisation"),
    # More horses: riders and volunteers, their hazard reports.
    "forces": _("New forces"),
    # What comes down to help the grassroots (赋能): pairing, cases.
    "help": _("Strengthening (赋能)"),
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False


@dataclass
class NavGroup:
    label: str
    items: list[NavItem] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


def nav_for(user: Any, path: str = "") -> list[NavItem | NavGroup]:
    """The menu for ``user``; the entry whose page ``path`` is (the longest matching URL) is marked active."""
    found: list[tuple[str, NavItem]] = []
    for component in sorted(all_components(), key=lambda c: c.nav_order):
        for label, url_name, perm in component.nav:
            if perm is not None and not access.can(user, perm):
                continue
            try:
                found.append((component.nav_group, NavItem(label=str(label), url=reverse(url_name))))
            except NoReverseMatch:
                continue
    matching = [item.url for _group, item in found if path.startswith(item.url)]
    current = max(matching, key=len) if matching else None
    menu: list[NavItem | NavGroup] = []
    groups: dict[str, NavGroup] = {}
    for key, item in found:
        item = NavItem(label=item.label, url=item.url, active=item.url == current)
        if not key:
            menu.append(item)
            continue
        if key not in groups:
            groups[key] = NavGroup(label=str(GROUPS.get(key, key)))
            menu.append(groups[key])
        groups[key].items.append(item)
    return [entry.items[0] if isinstance(entry, NavGroup) and len(entry.items) == 1 else entry for entry in menu]


def attention_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for component in all_components():
        if component.attention is not None:
            items.extend(component.attention(user))
    return items
