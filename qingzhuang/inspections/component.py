"""The inspections component (督查检查考核, 督检考).

Rights: ``inspections.view`` reaches items led by, joined by or aimed at the user's units;
``inspections.propose`` (and carrying out) is checked on the lead department; ``inspections.review``
(accept, refuse, merge, file the plan, the monthly review) on the county office; ``inspections.respond``
(answering findings, feedback on how heavy it was) on the inspected unit.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.inspections import ledger
from qingzhuang.inspections.models import Feedback, Finding, InspectionPlan, Item, Visit
from qingzhuang.inspections.rules import GATE_RULES
from qingzhuang.inspections.selectors import ASSESSMENTS_RECEIVED, INSPECTION_KINDS, ON_SITE_DAYS, RECEIVED
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U = Reach.UNIT


def _count(kinds):  # type: ignore[no-untyped-def]
    def count(issuers, start, end):  # type: ignore[no-untyped-def]
        from qingzhuang.inspections.selectors import count_carried_out

        return count_carried_out(issuers=issuers, start=start, end=end, kinds=kinds)

    return count


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.inspections import selectors

    items = []
    waiting = selectors.review_queue(user).count()
    if waiting:
        items.append(AttentionItem(title=str(_("Inspection items awaiting the county office")), url=reverse("inspections:list") + "?status=waiting", count=waiting, level="warning"))
    coming = selectors.coming_to_my_units(user).count()
    if coming:
        items.append(AttentionItem(title=str(_("Inspections announced for your unit")), url=reverse("inspections:list") + "?status=filed", count=coming))
    return items


COMPONENT = Component(
    name="inspections",
    url_prefix="inspections",
    api_prefix="inspections",
    permissions={
        "inspections.view": {
            Role.COUNTY_REVIEWER: U,
            Role.DEPARTMENT_CLERK: U,
            Role.DEPARTMENT_LEADER: U,
            Role.STREET_OFFICER: U,
            Role.COMMUNITY_SECRETARY: U,
            Role.COMMUNITY_WORKER: U,
        },
        "inspections.propose": {Role.COUNTY_REVIEWER: U, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "inspections.review": {Role.COUNTY_REVIEWER: U},
        "inspections.respond": {
            Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U, Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U,
        },
    },
    scoped_models={
        Item: ("lead", "partners", "targets"),
        InspectionPlan: ("office",),
        Visit: ("unit", "item__lead"),
        Finding: ("unit", "item__lead"),
        Feedback: ("unit", "item__lead"),
    },
    gate_rules=GATE_RULES,
    measures=(
        Measure(
            code=RECEIVED,
            label=_("Supervisions and inspections received"),
            unit_label=pgettext_lazy("ledger unit", "inspections"),
            direction=Direction.BURDEN,
            weight=1.0,
            compute=ledger.compute_received,
            items=ledger.items_received,
            order=30,
            count_items=_count(INSPECTION_KINDS),
            items_label=_("Supervisions and inspections carried out"),
        ),
        Measure(
            code=ASSESSMENTS_RECEIVED,
            label=_("Assessments received"),
            unit_label=pgettext_lazy("ledger unit", "assessments"),
            direction=Direction.BURDEN,
            weight=1.0,
            compute=ledger.compute_assessments_received,
            items=ledger.items_assessments_received,
            order=31,
            count_items=_count(("assessment",)),
            items_label=_("Assessments carried out"),
        ),
        Measure(
            code=ON_SITE_DAYS,
            label=_("Inspection days on site"),
            unit_label=_("days"),
            direction=Direction.BURDEN,
            weight=0.5,
            compute=ledger.compute_on_site_days,
            items=ledger.items_on_site_days,
            order=32,
        ),
    ),
    demo=deferred("qingzhuang.inspections.demo.seed"),
    attention=_attention,
    board_section=deferred("qingzhuang.inspections.views.board_section"),
    unit_section=deferred("qingzhuang.inspections.views.unit_section"),
    nav_group="gate",
    nav_order=12,
    nav=((_("Supervision, inspection, assessment"), "inspections:list", "inspections.view"),),
)
