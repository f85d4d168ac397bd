"""The riders' sections on the ledger's pages: on a county's (or a street's) board, the figures of its communities and
villages with riders, one row each; on a community's page, its own figures. Counted from raw records (figures.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string

from qingzhuang.org import access
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.riders import figures, geo, selectors
from qingzhuang.riders.models import Rider

MAX_ROWS = 30


def _communities_below(root: Unit) -> Any:
    """The communities and villages under ``root`` (the whole county for its party/government office) that have riders."""
    where = Q(county_id=root.county_id) if root.kind == UnitKind.PARTY_GOV_OFFICE else Q(path__startswith=root.path)
    with_riders = Rider.objects.values("community_id")
    return Unit.objects.filter(where, kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE), pk__in=with_riders).order_by("path")


def board_section(user: Any, root: Unit, period: Any) -> str:
    """A county's or street's board: riders, publicity, patrols and hazards, all its communities and one row each."""
    if root.county_id is None or not access.can(user, selectors.VIEW, root):
        return ""
    communities = list(_communities_below(root)[:500])
    if not communities:
        return ""
    ids = [u.pk for u in communities]
    total = figures.community_figures(ids, period.start, period.end)
    rows = [(u, figures.community_figures([u.pk], period.start, period.end)) for u in communities[:MAX_ROWS]]
    return render_to_string("riders/_board_section.html", {"fig": total, "rows": rows, "period": period, "root": root,
                                                           "more": len(communities) - len(rows)})


def unit_section(user: Any, unit: Unit, period: Any) -> str:
    """A community's ledger page: its riders, what they handed out and patrolled, and the hazards reported and fixed."""
    if unit.kind not in geo.GRASSROOTS or not access.can(user, selectors.VIEW, unit):
        return ""
    if not Rider.objects.filter(community=unit).exists():
        return ""
    fig = figures.community_figures([unit.pk], period.start, period.end)
    return render_to_string("riders/_unit_section.html", {"fig": fig, "unit": unit, "period": period})
