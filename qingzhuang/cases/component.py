"""Cases (吹哨报到): a community raises what it cannot solve alone; its paired department leads, others report in."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.cases.models import Case
from qingzhuang.cases.rules import CaseDeadlineRule
from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.cases import selectors
    from qingzhuang.cases.models import Status
    from qingzhuang.lib import clock
    from qingzhuang.org import access

    items = []
    if access.can(user, "cases.escalations"):
        overdue = selectors.overdue_led_by(user, clock.now()).count()
        if overdue:
            items.append(AttentionItem(title=str(_("Overdue cases of your department (escalated to you)")), url=reverse("cases:index") + "?overdue=1",
                                       count=overdue, level="danger"))
    if access.can(user, selectors.HANDLE):
        units = selectors.units_acting(user)
        waiting = Case.objects.filter(status=Status.RAISED, recipients__department__in=units).distinct().count() if units else 0
        if waiting:
            items.append(AttentionItem(title=str(_("Cases raised to you to accept (吹哨)")), url=reverse("cases:index"), count=waiting, level="warning"))
    if access.can(user, selectors.CALLBACK):
        rate = access.scoped_queryset(user, selectors.CALLBACK, Case.objects.filter(status=Status.RESOLVED)).count()
        if rate:
            items.append(AttentionItem(title=str(_("Resolved cases to rate (回访)")), url=reverse("cases:index"), count=rate))
    return items


COMPONENT = Component(
    name="cases",
    url_prefix="cases",
    api_prefix="cases",
    permissions={
        "cases.view": {Role.COUNTY_REVIEWER: C, Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U,
                       Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        # The street blows the whistle for its communities too.
        "cases.raise": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U},
        # A department's cadres raise a case for a community paired with it from what their liaison visit (走访) found:
        # the community need not type it again, and sees on the case who raised it for it and from which visit.
        "cases.raise_for": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U},
        # Departments (and a street office with no paired department) report in: accept, lead, bring in others.
        "cases.handle": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U, Role.STREET_OFFICER: U},
        "cases.callback": {Role.COMMUNITY_SECRETARY: U},
        "cases.oversee": {Role.COUNTY_REVIEWER: C},
        # Overdue cases escalate to the lead department's leader (and the county office sees them all).
        "cases.escalations": {Role.DEPARTMENT_LEADER: U, Role.COUNTY_REVIEWER: C},
    },
    scoped_models={Case: ("community", "lead", "handlers__unit", "recipients__department")},
    attention=_attention,
    demo=deferred("qingzhuang.cases.demo.seed"),
    board_section=deferred("qingzhuang.cases.views.board_section"),
    unit_section=deferred("qingzhuang.cases.views.unit_section"),
    # Liaison visits (走访) live in the visits app but belong in this menu group: they are how problems surface as cases.
    nav=((_("Cases (吹哨报到)"), "cases:index", "cases.view"), (_("Liaison visits (走访)"), "visits:liaison", "visits.view")),
    nav_group="help",
    nav_order=60,
    gate_rules=(CaseDeadlineRule(),),
    measures=(
        Measure(code="cases.solved", label=_("Cases solved for the community (resolved or closed, by the day resolved)"),
                unit_label=pgettext_lazy("ledger unit", "cases"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.cases.selectors.solved_compute"),
                items=deferred("qingzhuang.cases.selectors.solved_items"), order=80),
        # A coordination meeting on a case counts as a meeting that helped the community; it never takes a meeting quota.
        Measure(code="cases.coordination_meetings", label=_("Coordination meetings held on its cases (座谈会, 现场碰头会; no meeting quota taken)"),
                unit_label=pgettext_lazy("ledger unit", "meetings"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.cases.selectors.meetings_compute"),
                items=deferred("qingzhuang.cases.selectors.meetings_items"), order=81),
    ),
)
