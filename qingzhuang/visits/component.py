"""Visits by upper-level teams to the grassroots: research visits (调研, a burden) and liaison visits (走访, a help: a
department's cadres at a community paired with it, recording what they found), sharing the model and the crowding
rule (扎堆)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.visits.models import Finding, Visit
from qingzhuang.visits.rules import VisitCrowdingRule

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.org import access
    from qingzhuang.visits import selectors

    items = []
    if access.can(user, selectors.OVERSEE):
        flagged = selectors.flagged_for(user).count()
        if flagged:
            items.append(AttentionItem(title=str(_("Crowded visits (扎堆调研) booked ahead")), url=reverse("visits:list") + "?crowded=1",
                                       count=flagged, level="danger"))
    elif access.can(user, selectors.VIEW):
        coming = selectors.incoming_for(user).count()
        if coming:
            items.append(AttentionItem(title=str(_("Visits coming to you in the next 30 days")), url=reverse("visits:list"), count=coming))
    return items


COMPONENT = Component(
    name="visits",
    url_prefix="visits",
    api_prefix="visits",
    permissions={
        # A community or village sees who is coming to it; a street office, to the units below it; a department, its own teams.
        "visits.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.DEPARTMENT_CLERK: U,
                        Role.DEPARTMENT_LEADER: U, Role.COUNTY_REVIEWER: C},
        # Upper-level units book their teams' visits; the county office also books for teams from above the county.
        "visits.book": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C},
        # The county office sees the crowded bookings (扎堆) of its county.
        "visits.oversee": {Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Visit: ("organiser", "places"), Finding: ("visit__organiser", "visit__places")},
    attention=_attention,
    board_section=deferred("qingzhuang.visits.views.board_section"),
    unit_section=deferred("qingzhuang.visits.views.unit_section"),
    demo=deferred("qingzhuang.visits.demo.seed"),
    nav=((_("Research visits"), "visits:list", "visits.view"),),
    nav_group="gate",
    nav_order=16,
    gate_rules=(VisitCrowdingRule(),),
    measures=(
        Measure(code="visits.research_received", label=_("Research visits received (调研)"), unit_label=pgettext_lazy("ledger unit", "visits"),
                direction=Direction.BURDEN, weight=0.5, compute=deferred("qingzhuang.visits.selectors.received_compute"),
                items=deferred("qingzhuang.visits.selectors.received_items"), order=75),
        Measure(code="visits.liaison_received", label=_("Liaison visits received from paired departments (走访)"),
                unit_label=pgettext_lazy("ledger unit", "visits"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.visits.selectors.liaison_compute"),
                items=deferred("qingzhuang.visits.selectors.liaison_items"), order=79),
    ),
)
