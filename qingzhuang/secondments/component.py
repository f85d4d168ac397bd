"""Secondments (借调): grassroots staff borrowed upward, approved by the county, within the 2024 rules' limits."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure, MeasureKind
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.secondments.models import Secondment, SecondmentExtension
from qingzhuang.secondments.rules import SecondmentLimitsRule

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.lib import clock
    from qingzhuang.org import access
    from qingzhuang.secondments import selectors

    items: list[AttentionItem] = []
    if not access.can(user, selectors.VIEW):
        return items
    overdue = selectors.overdue_for(user, clock.today()).count()
    if overdue:
        items.append(AttentionItem(title=str(_("Secondments overdue: past the planned end, not back at the post")),
                                   url=reverse("secondments:index") + "?overdue=1", count=overdue, level="danger"))
    if access.can(user, selectors.DECIDE):
        waiting = selectors.requests_to_decide(user).count() + selectors.extensions_to_decide(user).count()
        if waiting:
            items.append(AttentionItem(title=str(_("Secondment requests and extensions to decide")), url=reverse("secondments:index"),
                                       count=waiting, level="warning"))
    return items


COMPONENT = Component(
    name="secondments",
    url_prefix="secondments",
    api_prefix="secondments",
    permissions={
        # The lending unit and its town/street office see their people's secondments, a borrowing unit its own, the county all.
        "secondments.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.DEPARTMENT_CLERK: U,
                             Role.DEPARTMENT_LEADER: U, Role.COUNTY_REVIEWER: C},
        # Departments and town/street offices ask for their own unit.
        "secondments.request": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        # The county office (县委办, role county_reviewer) approves: it is the county's 减负 gatekeeper that already decides 准入 and
        # 督检考. In a real county the organisation department (组织部) co-signs personnel moves; it has no role here yet.
        "secondments.decide": {Role.COUNTY_REVIEWER: C},
        # The return is recorded by the lending unit, its street/town, the borrowing unit or the county.
        "secondments.return": {Role.COMMUNITY_SECRETARY: U, Role.STREET_OFFICER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U,
                               Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Secondment: ("lender", "borrower"), SecondmentExtension: ("secondment__lender", "secondment__borrower")},
    attention=_attention,
    unit_section=deferred("qingzhuang.secondments.views.unit_section"),
    staff_away=deferred("qingzhuang.secondments.selectors.away_on"),
    demo=deferred("qingzhuang.secondments.demo.seed"),
    nav=((_("Secondments"), "secondments:index", "secondments.view"),),
    nav_group="gate",
    nav_order=45,
    gate_rules=(SecondmentLimitsRule(),),
    measures=(
        # A level: the staff away at the period's end. It weighs nothing in the index's load: it acts on its divisor,
        # the staff on duty (capacity), and counting it twice would overstate the cart.
        Measure(code="secondments.away", label=_("Staff seconded away (借调在外)"), unit_label=pgettext_lazy("ledger unit", "people"),
                direction=Direction.BURDEN, weight=0.0, compute=deferred("qingzhuang.secondments.selectors.away_compute"),
                items=deferred("qingzhuang.secondments.selectors.away_items"), order=80,
                kind=MeasureKind.LEVEL),
    ),
)
