"""Riders and volunteers in community governance (新就业群体, 新渭骑士): enrolment and hazard reports (隐患上报)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure, MeasureKind
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role
from qingzhuang.riders.models import (
    CommunityArea,
    HazardCategory,
    HazardReport,
    Patrol,
    PointsEntry,
    Publicity,
    Rider,
    StatusChange,
)
from qingzhuang.riders.rules import RiderPointsRule

U, C = Reach.UNIT, Reach.COUNTY
STAFF = {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U}


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.org import access
    from qingzhuang.riders import selectors

    items: list[AttentionItem] = []
    if access.can(user, selectors.HANDLE):
        count = selectors.reports_to_handle(user).filter(status="open").count()
        if count:
            items.append(AttentionItem(title=str(_("Hazard reports from riders to confirm")), url=reverse("riders:reports"), count=count,
                                       level="warning"))
        patrols = selectors.patrols_to_decide(user).count()
        if patrols:
            items.append(AttentionItem(title=str(_("Patrols by riders to accept")), url=reverse("riders:patrols"), count=patrols))
    if access.can(user, selectors.FOLLOW):
        count = selectors.reports_for_department(user).filter(status__in=("open", "confirmed")).count()
        if count:
            items.append(AttentionItem(title=str(_("Open hazard reports in your department's categories")),
                                       url=reverse("riders:department_reports"), count=count))
    return items


def _measure(code: str, label: object, unit_label: object, name: str, order: int, *, items: bool = True,
             kind: MeasureKind = MeasureKind.FLOW) -> Measure:
    # Help measures, weight 0 as the other help measures: shown beside the burden, never lightening the index by default.
    return Measure(code=f"riders.{code}", label=label, unit_label=unit_label, direction=Direction.HELP, weight=0.0,
                   compute=deferred(f"qingzhuang.riders.figures.{name}_compute"),
                   items=deferred(f"qingzhuang.riders.figures.{name}_items") if items else None, order=order, kind=kind)


RIDERS = pgettext_lazy("ledger unit", "riders")
REPORTS = pgettext_lazy("ledger unit", "reports")


COMPONENT = Component(
    name="riders",
    url_prefix="riders",
    permissions={
        "riders.view": {**STAFF, Role.COUNTY_REVIEWER: C},
        # Community staff enrol and manage their riders; the street office those of its communities.
        "riders.manage": STAFF,
        "riders.report": {Role.RIDER: U, Role.VOLUNTEER: U},
        "riders.handle": {**STAFF, Role.COUNTY_REVIEWER: C},
        "riders.areas": {Role.COUNTY_REVIEWER: C, Role.STREET_OFFICER: U},
        # The list of hazard categories is the county's: its office keeps it.
        "riders.categories": {Role.COUNTY_REVIEWER: C},
        # A department sees the reports of the categories it answers for (消防, 住建, 城管…), wherever they were routed.
        "riders.follow": {Role.DEPARTMENT_CLERK: U, Role.DEPARTMENT_LEADER: U},
    },
    scoped_models={Rider: ("community",), PointsEntry: ("rider__community",), HazardCategory: lambda scope: Q(county_id=scope.county_id),
                   StatusChange: ("rider__community",), HazardReport: ("unit",), CommunityArea: ("unit",), Patrol: ("community",),
                   Publicity: ("community",)},
    gate_rules=(RiderPointsRule(),),
    attention=_attention,
    demo=deferred("qingzhuang.riders.demo.seed"),
    board_section=deferred("qingzhuang.riders.boards.board_section"),
    unit_section=deferred("qingzhuang.riders.boards.unit_section"),
    api_prefix="riders",
    nav=(
        (_("Report a hazard"), "riders:report", "riders.report"),
        (_("My reports"), "riders:mine", "riders.report"),
        (_("Patrols"), "riders:patrols", "riders.report"),
        (_("Publicity handed out"), "riders:publicity", "riders.report"),
        (_("Riders and volunteers"), "riders:index", "riders.view"),
        (_("Hazard reports"), "riders:reports", "riders.handle"),
        (pgettext_lazy("nav", "Patrols by riders"), "riders:patrols", "riders.view"),
        (pgettext_lazy("nav", "Riders' publicity"), "riders:publicity", "riders.view"),
        (_("Hazard reports for my department"), "riders:department_reports", "riders.follow"),
        (_("Community boundaries"), "riders:areas", "riders.areas"),
        (_("Hazard categories"), "riders:categories", "riders.categories"),
    ),
    nav_group="forces",
    nav_order=30,
    measures=(
        _measure("members", _("Riders and volunteers enrolled (active or paused)"), RIDERS, "members", 130, items=False,
                 kind=MeasureKind.LEVEL),
        _measure("joined", _("Riders and volunteers who joined"), RIDERS, "joined", 131, items=False),
        _measure("left", _("Riders and volunteers who left"), RIDERS, "left", 132, items=False),
        _measure("materials", _("Publicity copies riders handed out"), pgettext_lazy("ledger unit", "copies"), "materials", 133),
        _measure("patrols", _("Patrols by riders (not declined)"), pgettext_lazy("ledger unit", "patrols"), "patrols", 134),
        _measure("hazards_reported", _("Hazards riders reported (routed here)"), REPORTS, "reported", 135),
        _measure("hazards_confirmed", _("Hazards confirmed (not later rejected)"), REPORTS, "confirmed", 136),
        _measure("hazards_fixed", _("Hazards fixed"), REPORTS, "fixed", 137),
    ),
)
