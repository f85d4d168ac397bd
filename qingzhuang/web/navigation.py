"""The menu and the home page's attention list, assembled from the components."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from qingzhuang.components import AttentionItem, all_components
from qingzhuang.org import access


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def nav_for(user: Any) -> list[NavItem]:
    items = []
    for component in all_components():
        for label, url_name, perm in component.nav:
            if perm is not None and not access.can(user, perm):
                continue
            try:
                items.append(NavItem(label=str(label), url=reverse(url_name)))
            except NoReverseMatch:
                continue
    return items


def attention_for(user: Any) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for component in all_components():
        if component.attention is not None:
            items.extend(component.attention(user))
    return items
