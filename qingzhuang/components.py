"""The component manifest: what each domain app contributes to the whole.

Every app under ``qingzhuang`` may have a ``component.py`` with a module-level ``COMPONENT``.
The platform reads them here instead of importing each app by hand, so a new domain app plugs in
by declaring its pages, API, permissions, demo data, attention items and (later) ledger measures.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.db.models import Model

    from qingzhuang.org.models import User


@dataclass(frozen=True)
class AttentionItem:
    """Something on a user's home page that needs their action."""

    title: str
    url: str
    count: int | None = None
    level: str = "info"  # info / warning / danger


@dataclass(frozen=True)
class Component:
    name: str
    # The Django app (module path) the component belongs to; filled in by all_components().
    app: str = ""
    # Pages mounted at /<url_prefix>/ from "<app>.urls", API router "<app>.api.router" at /api/v1/<api_prefix>/.
    url_prefix: str | None = None
    api_prefix: str | None = None
    # permission name -> {role: reach}; see qingzhuang.org.access.
    permissions: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)
    # model -> the unit field paths through which an object belongs to units (see access.scoped_queryset).
    scoped_models: Mapping[type[Model], Sequence[str] | Callable[..., Any]] = field(default_factory=dict)
    # Demo data: called with a qingzhuang.org.demo.DemoContext, in INSTALLED_APPS order.
    demo: Callable[[Any], None] | None = None
    # Home page: items needing this user's attention.
    attention: Callable[[User], list[AttentionItem]] | None = None
    # Navigation entries: (label, url name, permission or None).
    nav: Sequence[tuple[Any, str, str | None]] = ()
    # The menu group these entries go under (a key of qingzhuang.web.navigation.GROUPS), or "" for the top level.
    nav_group: str = ""
    # Position of its entries (or its group) in the menu, lower first: the daily work before the tools.
    nav_order: int = 50
    # Gate rules this app contributes (see qingzhuang.gate.rules.Rule).
    gate_rules: Sequence[Any] = ()
    # Ledger measures this app contributes (see qingzhuang.ledger.measures.Measure).
    measures: Sequence[Any] = ()
    # The ledger's pages show a section of this app's own: on a board, called as (user, root unit, period),
    # and on a unit's page, as (user, unit, period); each returns safe HTML, or "" to show nothing.
    board_section: Callable[[Any, Any, Any], str] | None = None
    unit_section: Callable[[Any, Any, Any], str] | None = None
    # The ledger's capacity: called as (unit ids, day), how many of each unit's staff are away from their post at the end
    # of that day (seconded upward); the 小马拉大车 index divides the load by the staff net of them.
    staff_away: Callable[[Any, Any], Mapping[int, int]] | None = None
    # Called as (county region ids; None for a unit above any county) in the transaction of a change that boards show
    # but that does not go through the ledger's rollups (a unit renamed, a community's staff, a secondment approved):
    # the component drops what it cached for those counties.
    on_board_inputs_changed: Callable[[Iterable[int | None]], None] | None = None


def deferred(path: str) -> Callable[..., Any]:
    """A hook that imports ``"package.module.function"`` when first called: a component names its demo, sections and
    measures without importing its views or selectors (and their models) while the components are read."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return import_string(path)(*args, **kwargs)

    return call


def board_inputs_changed(county_ids: Iterable[int | None]) -> None:
    """Tell the components that cache boards that something they show changed in these counties."""
    ids = set(county_ids)
    for component in all_components():
        if component.on_board_inputs_changed is not None:
            component.on_board_inputs_changed(ids)


@cache
def all_components() -> tuple[Component, ...]:
    found: list[Component] = []
    for app in [*settings.QZ_APPS, *settings.QZ_EXTRA_APPS]:
        try:
            module = importlib.import_module(f"{app}.component")
        except ModuleNotFoundError as exc:
            if exc.name == f"{app}.component":
                continue
            raise
        found.append(dataclasses.replace(module.COMPONENT, app=app))
    return tuple(found)
